"""The 給料 input of a post: 給料表・級・号給, or for a 再任用職員 the 級 and the weekly hours.

A 再任用職員 (フルタイム・短時間) has a 級 but no 号給 and is paid from the 給料表's 「再任用職員」
column, pro-rated for 短時間 by the post's 週の勤務時間 (:class:`jinji.rules.payslip.SalaryGrade`).
"""

from __future__ import annotations

import functools

from jinji.personnel.models import AppointmentType
from jinji.rules.payslip import SalaryGrade

REAPPOINTED_TYPES = frozenset({AppointmentType.REAPPOINTED_FULL, AppointmentType.REAPPOINTED_SHORT})
FULL_TIME_WEEKLY_MINUTES = 2325  # 38時間45分


@functools.lru_cache(maxsize=4096)
def salary_grade(schedule_id: str, grade: int, step: int) -> SalaryGrade:
    """Shared frozen inputs: thousands of staff sit on the same 級・号給 (saves re-validating each)."""
    return SalaryGrade(schedule_id, grade, step)


@functools.lru_cache(maxsize=512)
def reappointed_grade(schedule_id: str, grade: int, weekly_minutes: int) -> SalaryGrade:
    """A 再任用職員 on 級 ``grade``; a 再任用(フルタイム) post or one without hours is full time."""
    weekly = min(weekly_minutes, FULL_TIME_WEEKLY_MINUTES) or FULL_TIME_WEEKLY_MINUTES
    return SalaryGrade(schedule_id, grade, step=0, weekly_minutes=weekly)


def post_salary(
    appointment_type: str, schedule_code: str | None, grade: int | None, step: int | None, weekly_minutes: int
) -> SalaryGrade | None:
    """The 給料 input of a post, or None when its 給料表・級 (or 号給, for non-再任用 staff) is missing.

    A 再任用職員 with a 号給 recorded is still paid from the 再任用職員の欄 (the 号給 is a leftover).
    """
    if not schedule_code or not grade:
        return None
    if appointment_type in REAPPOINTED_TYPES:
        short = appointment_type == AppointmentType.REAPPOINTED_SHORT
        return reappointed_grade(schedule_code, grade, weekly_minutes if short else FULL_TIME_WEEKLY_MINUTES)
    if not step:
        return None
    return salary_grade(schedule_code, grade, step)
