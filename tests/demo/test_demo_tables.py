"""デモ市's own 給料表 (jinji/demo/data/tables, set by scripts/demo.sh as JINJI_RULES_LOCAL_TABLES): it loads
with the same checks as a real authority's table, replaces the partial built-in one and covers every 級 and
号給 the demo places staff on."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path
from typing import Any

from jinji.core.rules_tables import local_table_problems, rules_store
from jinji.demo.data import TABLES
from jinji.demo.orgtree import MAX_STEP, SCHEDULE_CODE
from jinji.rules.pay.salary_schedule import base_salary, salary_schedule_version
from jinji.rules.tables import default_store

ON = datetime.date(2026, 10, 1)


def test_demo_tables_load_without_problems(settings: Any) -> None:
    settings.JINJI_RULES_LOCAL_TABLES = str(TABLES)
    assert local_table_problems() == []
    version = salary_schedule_version(SCHEDULE_CODE, ON, rules_store())
    assert Path(version.path).is_relative_to(TABLES)
    assert "架空" in version.provenance.title


def test_every_grade_and_step_of_the_demo_has_a_monotone_amount(settings: Any) -> None:
    settings.JINJI_RULES_LOCAL_TABLES = str(TABLES)
    schedule = salary_schedule_version(SCHEDULE_CODE, ON, rules_store()).data
    built_in = salary_schedule_version(SCHEDULE_CODE, ON, default_store()).data
    assert sorted(built_in.grades) != sorted(MAX_STEP), "the built-in table is partial (why the demo ships one)"
    assert {g: schedule.max_step(g) for g in schedule.grades} == MAX_STEP
    for grade, top in MAX_STEP.items():
        amounts = [base_salary(schedule, grade=grade, step=s) for s in range(1, top + 1)]
        assert all(a < b for a, b in itertools.pairwise(amounts)), grade
        assert amounts[0] >= 150_000, grade
        assert amounts[-1] <= 500_000, grade
    firsts = [base_salary(schedule, grade=g, step=1) for g in sorted(MAX_STEP)]
    assert firsts == sorted(firsts), "a higher 級 starts higher"
