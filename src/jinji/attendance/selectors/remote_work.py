"""在宅勤務・ワーケーションの承認済みの日: for the clock page, the 出勤簿 and the staff page (one query each)."""

from __future__ import annotations

import datetime

from jinji.attendance.models import AttendancePolicy, RemoteWorkDay


def remote_day_on(*, organization_id: int, employee_id: int, day: datetime.date) -> RemoteWorkDay | None:
    """The approved remote day of the employee on ``day``, if any."""
    rows = RemoteWorkDay.objects.for_organization(organization_id).filter(employee_id=employee_id, day=day)
    return rows.first()


def remote_days_between(
    *, organization_id: int, employee_id: int, first: datetime.date, last: datetime.date
) -> dict[datetime.date, RemoteWorkDay]:
    """day → the approved remote day, for ``first``–``last`` inclusive."""
    rows = RemoteWorkDay.objects.for_organization(organization_id).filter(
        employee_id=employee_id, day__range=(first, last)
    )
    return {r.day: r for r in rows.order_by("day")}


def remote_day_label(row: RemoteWorkDay | None) -> str:
    """「在宅(自宅)」「ワーケーション(白浜町)」 for the 出勤簿; empty without a row."""
    if row is None:
        return ""
    return f"{row.get_kind_display()}({row.place})" if row.place else row.get_kind_display()


def policy_of(*, organization_id: int) -> AttendancePolicy:
    """The organization's 就業管理の設定, or an unsaved one with the defaults."""
    policy = AttendancePolicy.objects.for_organization(organization_id).first()
    return policy if policy is not None else AttendancePolicy(organization_id=organization_id)
