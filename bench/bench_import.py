"""Benchmark: import a 50,000-row employee CSV (validation, then the all-or-nothing apply).

    .venv/bin/python bench/bench_import.py [--rows 50000] [--naive-rows 300] [--encoding cp932]
                                           [--database-url URL]

Seeds a small デモ市 (1,500 staff) for its org master and its 人事担当 login, generates a
CSV of new employees the way a legacy system exports them (Shift_JIS by default; 西暦 and
和暦 dates, some 全角 digits and 半角カナ), and times ``import_preview`` (read + validate) and
``import_apply`` (validate again under locks + bulk write + audit). For comparison, in the same
run, a naive loop saves a sample of rows one by one through ``employee_create`` (the single
採用 service: validation, 発令, audit per row), and the time is extrapolated to the full size.
Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time

import benchkit

FIELDS = [
    "職員番号",
    "氏",
    "名",
    "氏フリガナ",
    "名フリガナ",
    "旧姓",
    "生年月日",
    "性別",
    "入庁日",
    "所属コード",
    "職コード",
    "職種コード",
    "任用区分",
    "給料表",
    "級",
    "号給",
    "勤務形態",
    "週勤務時間",
    "適用開始日",
]
TYPES = [
    ("正規", "常勤", "38:45"),
    ("会計年度任用(パートタイム)", "パートタイム", "29:00"),
    ("再任用(短時間)", "短時間勤務", "31:00"),
    ("任期付", "常勤", "38:45"),
]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
HALF_KANA = {"サトウ": "ｻﾄｳ", "タナカ": "ﾀﾅｶ", "ヤマダ": "ﾔﾏﾀﾞ", "ハナコ": "ﾊﾅｺ"}


def _wareki(day: datetime.date) -> str:
    if day >= datetime.date(2019, 5, 1):
        return f"R{day.year - 2018}.{day.month}.{day.day}"
    if day >= datetime.date(1989, 1, 8):
        return f"平成{day.year - 1988}年{day.month}月{day.day}日"
    return f"昭和{day.year - 1925}年{day.month}月{day.day}日"


def _row(rng: random.Random, number: int, units: list[str], cat: object) -> list[str]:
    from jinji.demo.catalog import Catalog

    assert isinstance(cat, Catalog)
    family = rng.choice(cat.family_names)
    born = datetime.date(rng.randint(1962, 2003), rng.randint(1, 12), rng.randint(1, 28))
    gender = rng.choice("MF")
    given = rng.choice(cat.given_names_for(gender, born.year))
    hired = datetime.date(max(born.year + 22, 1985) + rng.randint(0, 3), 4, 1)
    hired = min(hired, datetime.date(2026, 4, 1))
    kind, pattern, hours = rng.choices(TYPES, weights=(70, 20, 5, 5))[0]
    grade = 1 if kind.startswith("会計") else rng.randint(1, 5)
    style = rng.random()
    birth_text = _wareki(born) if style < 0.3 else born.isoformat() if style < 0.8 else born.strftime("%Y/%-m/%-d")
    staff = str(number).translate(FULL_WIDTH) if style > 0.9 else str(number)
    return [
        staff,
        family.name,
        given.name,
        HALF_KANA.get(family.kana, family.kana),
        given.kana,
        "",
        birth_text,
        "男" if gender == "M" else "女",
        _wareki(hired) if style < 0.3 else hired.isoformat(),
        rng.choice(units),
        "700",
        "01",
        kind,
        "gyosei_1",
        str(grade),
        str(rng.randint(1, 60)),
        pattern,
        hours,
        "",
    ]


def build_csv(rows: int, first_number: int, encoding: str) -> bytes:
    from jinji.demo.catalog import catalog
    from jinji.org.models import OrgUnit

    rng = random.Random(7)
    units = sorted(
        OrgUnit.unscoped.filter(code__regex=r"^\d{6}$").exclude(code__endswith="00").values_list("code", flat=True)
    )
    cat = catalog()
    lines = [",".join(FIELDS)]
    lines += [",".join(_row(rng, first_number + i, units, cat)) for i in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def naive(data: bytes, rows: int, user: object, encoding: str) -> float:
    """Seconds per row saving rows one by one through the single 採用 service ``employee_create``."""
    from jinji.core.models import Organization
    from jinji.core.tenancy import tenant_context
    from jinji.org.models import JobCategory, OrgUnit, Position, SalarySchedule
    from jinji.personnel.imports.cells import parse_date, parse_minutes
    from jinji.personnel.imports.columns import APPOINTMENT_TYPES, WORK_PATTERNS, choice_key
    from jinji.personnel.services import employee_create

    org = Organization.objects.get(code="999999")
    lines = data.decode(encoding).splitlines()[1 : rows + 1]
    started = time.perf_counter()
    with tenant_context(org):
        for line in lines:
            c = line.split(",")
            employee_create(
                acting_user=user,
                organization=org,
                staff_number=c[0].translate({0xFF10 + i: 0x30 + i for i in range(10)}),
                family_name=c[1],
                given_name=c[2],
                family_name_kana=c[3],
                given_name_kana=c[4],
                birth_date=parse_date(c[6]),
                hired_on=parse_date(c[8]),
                org_unit=OrgUnit.objects.get(code=c[9]),
                position=Position.objects.get(code=c[10]),
                job_category=JobCategory.objects.get(code=c[11]),
                appointment_type=APPOINTMENT_TYPES.lookup[choice_key(c[12])],
                salary_schedule=SalarySchedule.objects.get(code=c[13]),
                grade=int(c[14]),
                step=int(c[15]),
                work_pattern=WORK_PATTERNS.lookup[choice_key(c[16])],
                weekly_minutes=parse_minutes(c[17]),
            )
    return (time.perf_counter() - started) / len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--naive-rows", type=int, default=300)
    parser.add_argument("--encoding", default="cp932", choices=["cp932", "utf-8"])
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header(f"Import of a {args.rows:,}-row employee CSV ({args.encoding})")
    url = benchkit.setup_django(args.database_url, "import")
    print(f"database: {url.split('@')[-1]}")
    from django.db import connection

    from jinji.accounts.models import User
    from jinji.personnel.imports import import_apply, import_preview

    benchkit.seed(1500)
    user = User.objects.get(username="demo-hr")
    data = build_csv(args.rows, 500_001, args.encoding)
    print(f"file: {len(data) / 1e6:.1f} MB, {args.rows:,} rows")
    times: dict[str, float] = {}
    request = {"acting_user": user, "file_bytes": data, "filename": "legacy.csv", "kind": "employees"}
    with benchkit.timed("dry run (read + validate, import_preview)", times):
        preview = import_preview(**request)
    assert not preview.problems, preview.problems[:5]
    print(f"  preview: {preview.source}, new {preview.creates:,}, problems {len(preview.problems)}")
    with benchkit.timed("import (validate under locks + bulk write + audit, import_apply)", times):
        result = import_apply(**request)
    print(f"  imported: {result.created:,} employees, {result.audit_events:,} audit events")
    per_row = naive(build_csv(args.naive_rows, 800_001, args.encoding), args.naive_rows, user, args.encoding)
    extrapolated = per_row * args.rows
    total = (
        times["dry run (read + validate, import_preview)"]
        + times["import (validate under locks + bulk write + audit, import_apply)"]
    )
    print(
        f"  naive per-row employee_create: {per_row * 1000:.1f} ms/row on {args.naive_rows} rows "
        f"→ {extrapolated:.0f} s extrapolated to {args.rows:,} rows"
    )
    print(
        f"result: validate {times['dry run (read + validate, import_preview)']:.1f} s, "
        f"apply {times['import (validate under locks + bulk write + audit, import_apply)']:.1f} s, "
        f"{args.rows / total:,.0f} rows/s over both; naive loop ≈{extrapolated / total:.0f}× slower "
        f"({connection.vendor})"
    )


if __name__ == "__main__":
    main()
