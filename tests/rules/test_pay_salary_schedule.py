"""給料表 look-up (national partial 行(一), a municipality's own table) and 昇給 by 昇給区分."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument, TableInvalid, TableNotFound
from jinji.rules.pay import (
    base_salary,
    salary_schedule_version,
    step_after_increase,
    step_increase_count,
    step_increase_rules,
)
from jinji.rules.tables import TableStore

ON = datetime.date(2026, 5, 1)
PROVENANCE = """[provenance]
title = "テスト市 給料表"
source = "テスト市職員の給与に関する条例 別表第1"
effective_from = {date}
promulgated_on = {date}
retrieved_on = 2026-11-01
"""


def write_schedule(root: Path, schedule_id: str, date: str, grades: dict[int, list[int]]) -> None:
    folder = root / f"salary_schedule.{schedule_id}"
    folder.mkdir(parents=True, exist_ok=True)
    body = "\n".join(f"{g} = {steps}" for g, steps in grades.items())
    text = PROVENANCE.format(date=date) + f'\n[data]\nschedule_id = "{schedule_id}"\nname = "テスト市行政職給料表"\n'
    (folder / f"{date}.toml").write_text(text + f"\n[data.grades]\n{body}\n", encoding="utf-8")


def test_national_partial_grid_has_the_amounts_the_reference_quotes() -> None:
    # payroll-rules.md §C1 [S52]: 1級 195,800 / 196,900 / 198,100 …, 2級 242,000 / 243,300 …
    version = salary_schedule_version("gyosei_1", ON)
    schedule = version.data
    assert base_salary(schedule, grade=1, step=1) == 195_800
    assert base_salary(schedule, grade=1, step=3) == 198_100
    assert base_salary(schedule, grade=2, step=2) == 243_300
    assert "data.grades.1" in version.provenance.unconfirmed


def test_unknown_grade_and_step_are_refused_in_japanese() -> None:
    schedule = salary_schedule_version("gyosei_1", ON).data
    with pytest.raises(InvalidArgument, match="3級 はありません"):
        base_salary(schedule, grade=3, step=1)
    with pytest.raises(InvalidArgument, match="4号給 はありません"):
        base_salary(schedule, grade=1, step=4)
    with pytest.raises(InvalidArgument, match="0号給"):
        base_salary(schedule, grade=1, step=0)


def test_unknown_schedule_and_date_raise_table_not_found() -> None:
    with pytest.raises(TableNotFound, match=r"salary_schedule\.kyoiku_9"):
        salary_schedule_version("kyoiku_9", ON)
    with pytest.raises(TableNotFound, match="有効な版がありません"):
        salary_schedule_version("gyosei_1", datetime.date(2020, 4, 1))
    with pytest.raises(InvalidArgument, match="識別子"):
        salary_schedule_version("../etc", ON)


def test_municipal_schedule_loads_through_extra_roots_and_replaces_by_date(tmp_path: Path) -> None:
    write_schedule(tmp_path, "city_gyosei", "2025-04-01", {1: [150_000, 151_000], 3: [250_000, 252_000, 254_000]})
    write_schedule(tmp_path, "city_gyosei", "2026-04-01", {1: [160_000, 161_000], 3: [260_000, 262_000, 264_000]})
    store = TableStore(extra_roots=[tmp_path])
    before = salary_schedule_version("city_gyosei", datetime.date(2026, 3, 31), store).data
    after = salary_schedule_version("city_gyosei", datetime.date(2026, 4, 1), store).data
    assert base_salary(before, grade=3, step=2) == 252_000
    assert base_salary(after, grade=3, step=2) == 262_000
    # a local version of a built-in schedule on the same date replaces it
    write_schedule(tmp_path, "gyosei_1", "2025-04-01", {1: [190_000]})
    local = salary_schedule_version("gyosei_1", ON, TableStore(extra_roots=[tmp_path])).data
    assert base_salary(local, grade=1, step=1) == 190_000


def test_schedule_id_inside_the_file_must_match(tmp_path: Path) -> None:
    write_schedule(tmp_path, "city_a", "2025-04-01", {1: [150_000]})
    folder = tmp_path / "salary_schedule.city_b"
    folder.mkdir()
    (folder / "2025-04-01.toml").write_text(
        (tmp_path / "salary_schedule.city_a" / "2025-04-01.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(TableInvalid, match="schedule_id"):
        salary_schedule_version("city_b", ON, TableStore(extra_roots=[tmp_path]))


def test_step_increase_counts_by_class_and_age() -> None:
    # payroll-rules.md §C2 (❓ table): A 8, B 6, C 4, D 2, E 0; over 55: A 2, B 1, C–E 0
    rules = step_increase_rules(datetime.date(2027, 1, 1)).data
    assert [step_increase_count(c, age=40, rules=rules) for c in "ABCDE"] == [8, 6, 4, 2, 0]
    assert [step_increase_count(c, age=55, rules=rules) for c in "ABCDE"] == [8, 6, 4, 2, 0]
    assert [step_increase_count(c, age=56, rules=rules) for c in "ABCDE"] == [2, 1, 0, 0, 0]
    assert step_increase_count("A", age=40, rules=rules, a_steps=10) == 10  # "8号給以上"
    with pytest.raises(InvalidArgument, match="8 以上"):
        step_increase_count("A", age=40, rules=rules, a_steps=7)
    with pytest.raises(InvalidArgument, match="A〜E"):
        step_increase_count("S", age=40, rules=rules)


def test_step_after_increase_stops_at_the_top_step(tmp_path: Path) -> None:
    write_schedule(tmp_path, "city_gyosei", "2025-04-01", {1: [150_000 + 1_000 * i for i in range(10)]})
    schedule = salary_schedule_version("city_gyosei", ON, TableStore(extra_roots=[tmp_path])).data
    assert step_after_increase(schedule, grade=1, step=3, count=4) == 7
    assert step_after_increase(schedule, grade=1, step=8, count=4) == 10  # 最高号給 10
    with pytest.raises(InvalidArgument):
        step_after_increase(schedule, grade=1, step=11, count=1)
