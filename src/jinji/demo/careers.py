"""Who works where in デモ市: 任用区分 mix, management posts, and each person's post history.

Pure functions of a :class:`random.Random`; dates are relative to ``fy_start`` (4/1 of the
fiscal year the demo is "as of").
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from jinji.demo.orgtree import MAX_STEP, UnitSpec

REGULAR = "regular"
REAPPOINTED_FULL = "reappointed_full"
REAPPOINTED_SHORT = "reappointed_short"
FIXED_TERM = "fixed_term"
FISCAL_YEAR_FULL = "fiscal_year_full"
FISCAL_YEAR_PART = "fiscal_year_part"
TEMPORARY = "temporary"
SPECIAL = "special"

TYPE_SHARES = (
    (REAPPOINTED_FULL, 0.03),
    (REAPPOINTED_SHORT, 0.03),
    (FIXED_TERM, 0.02),
    (FISCAL_YEAR_FULL, 0.04),
    (FISCAL_YEAR_PART, 0.16),
    (TEMPORARY, 0.02),
)
"""Shares of the non-regular 任用区分; 正規 takes the rest (about 70%)."""

FULL_WEEK = 2325  # 38時間45分
_MANAGER_AGES = {"100": (55, 59), "200": (53, 59), "300": (48, 59), "310": (48, 59), "400": (45, 58), "500": (38, 56)}
_GRADE_ENTRY = {"100": (7, 52), "200": (6, 49), "300": (6, 47), "310": (6, 47), "400": (5, 44), "500": (4, 38)}
_TECH_JOBS = {"02", "03"}
_JOB_MIX = {
    "admin": ("01", 1.0),
    "health": ("04", 0.6),
    "civil": ("02", 0.7),
    "arch": ("03", 0.6),
    "childcare": ("05", 0.85),
    "library": ("06", 0.6),
    "labor": ("07", 0.8),
}


@dataclass(frozen=True, slots=True)
class Seat:
    """One person's current place: 任用区分, unit, 職 and age on ``fy_start``."""

    appointment_type: str
    unit: UnitSpec
    position_code: str
    age: int
    tag: str = ""
    """Marks the people who get a demo login (e.g. "hr")."""


@dataclass(frozen=True, slots=True)
class Post:
    """One assignment period (任用・所属履歴)."""

    unit_code: str
    position_code: str
    job_code: str
    appointment_type: str
    grade: int | None
    step: int | None
    work_pattern: str
    weekly_minutes: int
    valid_from: datetime.date
    valid_to: datetime.date | None


def type_counts(employees: int) -> dict[str, int]:
    """How many people of each 任用区分: every kind at least once, 正規 about 70%."""
    counts = {t: max(1, round(employees * share)) for t, share in TYPE_SHARES}
    counts[SPECIAL] = 2
    counts[REGULAR] = employees - sum(counts.values())
    return counts


def management_seats(units: list[UnitSpec], limit: int) -> list[tuple[UnitSpec, str]]:
    """(unit, 職) of the posts every unit needs, most important first, at most ``limit``."""
    by_level: dict[str, list[UnitSpec]] = {}
    for unit in units:
        by_level.setdefault(unit.level, []).append(unit)
    children: dict[str, int] = {}
    for unit in units:
        if unit.parent_code:
            children[unit.parent_code] = children.get(unit.parent_code, 0) + 1
    seats: list[tuple[UnitSpec, str]] = [(u, "100") for u in by_level.get("department", [])]
    seats += [(u, "300") for u in by_level.get("division", [])]
    seats += [(u, "310") for u in by_level.get("office", [])]
    seats += [(u, "500") for u in by_level.get("section", [])]
    seats += [(u, "200") for u in by_level.get("department", []) if children.get(u.code, 0) >= 4]
    seats += [(u, "400") for u in by_level.get("division", []) if children.get(u.code, 0) >= 3]
    return seats[:limit]


def job_code(rng: random.Random, unit: UnitSpec, appointment_type: str) -> str:
    """職種 of a person in ``unit`` (technical units mostly employ their specialists)."""
    code, share = _JOB_MIX[unit.job]
    if appointment_type == FISCAL_YEAR_PART and code in _TECH_JOBS:
        return "01"
    return code if rng.random() < share else "01"


def staff_position(rng: random.Random, age: int, job: str) -> str:
    """職 of a non-managing regular by age: 主事/技師 → 主任 → 主査."""
    if age < 30:
        return "710" if job in _TECH_JOBS else "700"
    if age < 38:
        return "600"
    return "510" if rng.random() < 0.7 else "600"


def grade_step(rng: random.Random, position_code: str, age: int) -> tuple[int, int]:
    """級 and 号給 consistent with 職 and age (4 号給 a year since entering the 級, none after 55)."""
    if position_code in _GRADE_ENTRY:
        grade, entry = _GRADE_ENTRY[position_code]
    elif position_code == "510":
        grade, entry = (3, 36) if age < 42 else (4, 42)
    elif position_code == "600":
        grade, entry = 3, 30
    else:
        grade, entry = (1, 22) if age < 26 else (2, 26)
    years = max(0, min(age, 55) - entry)
    step = 1 + 4 * years + rng.randint(0, 3)
    return grade, max(1, min(step, MAX_STEP[grade]))


def manager_age(rng: random.Random, position_code: str) -> int:
    low, high = _MANAGER_AGES[position_code]
    return rng.randint(low, high)


def regular_age(rng: random.Random) -> int:
    """Age of a non-managing regular on 4/1 (22–61, slightly more of the younger)."""
    return int(rng.triangular(22, 62, 30))


def _april(year: int) -> datetime.date:
    return datetime.date(year, 4, 1)


def _years_before(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year - years)


def fiscal_year_end(fy_start: datetime.date) -> datetime.date:
    return datetime.date(fy_start.year + 1, 3, 31)


@dataclass(frozen=True, slots=True)
class PostTerms:
    """What stays the same across one person's posts: 職種, 勤務形態 and the unit picker."""

    job: str
    work_pattern: str
    weekly_minutes: int


def _past_position(rng: random.Random, current: str, age_then: int, job: str) -> str:
    if current in {"100", "200"} and age_then >= 50:
        return "300"
    if current in {"100", "200", "300", "310"} and age_then >= 45:
        return "400"
    if current in {"100", "200", "300", "310", "400"} and age_then >= 38:
        return "500"
    return staff_position(rng, age_then, job)


def regular_history(
    rng: random.Random,
    seat: Seat,
    terms: PostTerms,
    *,
    hired_on: datetime.date,
    fy_start: datetime.date,
    pick_unit: list[UnitSpec],
) -> list[Post]:
    """The posts of a regular from 入庁 to now: the current one and up to three earlier transfers."""
    service = fy_start.year - hired_on.year
    least = 1 if seat.tag == "retired" else 0  # a retiree's last post ended on the 3/31 before
    start = _april(fy_start.year - rng.randint(least, max(least, min(4, service))))
    grade, step = grade_step(rng, seat.position_code, seat.age)
    current = (seat.unit.code, seat.position_code, terms.job, REGULAR, grade, step)
    posts = [Post(*current, terms.work_pattern, terms.weekly_minutes, start, None)]
    while start > hired_on and len(posts) < 4:
        begin = hired_on if len(posts) == 3 else max(hired_on, _april(start.year - rng.randint(3, 5)))
        age_then = seat.age - (fy_start.year - begin.year)
        position = _past_position(rng, seat.position_code, age_then, terms.job)
        grade, step = grade_step(rng, position, age_then)
        unit = rng.choice(pick_unit)
        end = start - datetime.timedelta(days=1)
        posts.append(
            Post(
                unit.code,
                position,
                terms.job,
                REGULAR,
                grade,
                step,
                terms.work_pattern,
                terms.weekly_minutes,
                begin,
                end,
            )
        )
        start = begin
    posts.reverse()
    return posts


Pay = tuple[int | None, int | None]
"""(級, 号給)."""
Span = tuple[datetime.date, datetime.date | None]


def _post(
    seat: Seat,
    terms: PostTerms,
    pay: Pay,
    span: Span,
    *,
    appointment_type: str | None = None,
    position: str | None = None,
) -> Post:
    return Post(
        seat.unit.code,
        position or seat.position_code,
        terms.job,
        appointment_type or seat.appointment_type,
        *pay,
        terms.work_pattern,
        terms.weekly_minutes,
        *span,
    )


def reappointed_history(
    rng: random.Random, seat: Seat, terms: PostTerms, *, hired_on: datetime.date, fy_start: datetime.date
) -> list[Post]:
    """再任用: the last regular post up to 定年退職 (3/31), then yearly reappointment since."""
    start = _april(fy_start.year - max(0, min(seat.age - 61, 4)))
    grade = 4 if seat.position_code == "510" else 3
    last_regular_from = max(hired_on, _april(start.year - rng.randint(3, 5)))
    full = PostTerms(terms.job, "full_time", FULL_WEEK)
    regular_grade, regular_step = grade_step(rng, "500", 59)
    return [
        _post(
            seat,
            full,
            (regular_grade, regular_step),
            (last_regular_from, start - datetime.timedelta(days=1)),
            appointment_type=REGULAR,
            position="500",
        ),
        _post(seat, terms, (grade, None), (start, fiscal_year_end(fy_start))),
    ]


def fixed_term_history(rng: random.Random, seat: Seat, terms: PostTerms, *, fy_start: datetime.date) -> list[Post]:
    """任期付: one post for a 3- or 5-year term that is still running."""
    start = _april(fy_start.year - rng.randint(0, 2))
    end = _years_before(start, -rng.choice((3, 5))) - datetime.timedelta(days=1)
    grade, step = grade_step(rng, seat.position_code, seat.age)
    return [_post(seat, terms, (grade, step), (start, end))]


def fiscal_year_history(
    rng: random.Random, seat: Seat, terms: PostTerms, *, hired_on: datetime.date, fy_start: datetime.date
) -> list[Post]:
    """会計年度任用: appointed for this fiscal year, and for last year too when hired earlier."""
    step = 1 + rng.randint(0, 40)
    posts = []
    if hired_on < fy_start:
        previous = _april(fy_start.year - 1)
        posts.append(_post(seat, terms, (1, max(1, step - 4)), (previous, fy_start - datetime.timedelta(days=1))))
    posts.append(_post(seat, terms, (1, step), (fy_start, fiscal_year_end(fy_start))))
    return posts


def temporary_history(rng: random.Random, seat: Seat, terms: PostTerms, *, fy_start: datetime.date) -> list[Post]:
    """臨時的任用: six months from the first of a recent month."""
    month = fy_start.month - rng.randint(0, 5)
    year = fy_start.year if month > 0 else fy_start.year - 1
    start = datetime.date(year, month if month > 0 else month + 12, 1)
    end_month = start.month + 6
    end = datetime.date(start.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1) - datetime.timedelta(days=1)
    return [_post(seat, terms, (1, 1 + rng.randint(0, 12)), (start, end))]


def special_history(rng: random.Random, seat: Seat, terms: PostTerms, *, fy_start: datetime.date) -> list[Post]:
    """特別職 (副市長 4年, 教育長 3年): no 給料表 line of the 行政職."""
    years = 4 if seat.position_code == "010" else 3
    start = _april(fy_start.year - rng.randint(0, years - 1))
    end = _years_before(start, -years) - datetime.timedelta(days=1)
    return [_post(seat, terms, (None, None), (start, end))]
