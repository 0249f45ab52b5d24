"""Writes for shift duty: save a pattern, put an employee on a rotation, record a 週休日の振替.

人事担当 (whole organization) and 庶務担当 (their units) manage patterns and rotations; a 振替 may
also be recorded by the 所属長 of the unit. Each write is audited in its transaction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.accounts.scope import covered_unit_ids, has_role
from jinji.attendance import events
from jinji.attendance.models import RestDayTransfer, ShiftPattern, ShiftPatternDay, ShiftRotation
from jinji.attendance.selectors.closes import is_month_closed, primary_unit_ids_on
from jinji.attendance.selectors.plan import day_plans
from jinji.attendance.shifts.patterns import parse_pattern_days
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.org.selectors import unit_descendant_ids
from jinji.rules.attendance import DayType, check_rest_day_transfer, working_time_rules
from jinji.rules.attendance.averaging import check_four_week_average
from jinji.rules.attendance.rotations import unrolled
from jinji.rules.errors import InvalidArgument

MANAGER_ROLES = (Role.HR, Role.CLERK)
TRANSFER_ROLES = (Role.HR, Role.CLERK, Role.UNIT_HEAD)


def require_employee_in_scope(user: User, employee_id: int, on: datetime.date, roles: tuple[Role, ...]) -> None:
    """The employee's 本務 unit on ``on`` must be covered by one of ``roles`` (人事担当: the whole organization)."""
    unit = primary_unit_ids_on(organization=user.organization_id, employee_ids=[employee_id], on=on).get(employee_id)
    coverage = covered_unit_ids(user, roles, on=on, descendants=unit_descendant_ids)
    if unit is None or not coverage.covers(unit):
        raise NotPermitted([FieldProblem("職員", "担当する所属の職員についてのみ行えます")])


def shift_pattern_save(*, acting_user: User, code: str, name: str, days_text: str) -> tuple[ShiftPattern, list[str]]:
    """Create or replace the pattern ``code``; returns it with the 4-week check's warnings (not refusals:
    a cycle that is not whole weeks is checked over the first 4 weeks from its first day)."""
    if not has_role(acting_user, MANAGER_ROLES):
        raise NotPermitted([FieldProblem("権限", "人事担当・庶務担当のみ交替制勤務のパターンを登録できます")])
    problems = []
    code, name = code.strip(), name.strip()
    if not code or len(code) > 20:
        problems.append(FieldProblem("コード", "20文字以内で入力してください"))
    if not name or len(name) > 50:
        problems.append(FieldProblem("名称", "50文字以内で入力してください"))
    if problems:
        raise DomainError(problems)
    days = parse_pattern_days(days_text)
    rules = working_time_rules(timezone.localdate()).data
    four_weeks = unrolled([d.shift_day for d in days], rules.averaging_max_weeks * 7)
    warnings = [i.message for i in check_four_week_average(four_weeks, first_day=timezone.localdate(), rules=rules)]
    with transaction.atomic():
        pattern, created = ShiftPattern.objects.select_for_update().get_or_create(
            organization_id=acting_user.organization_id, code=code, defaults={"name": name}
        )
        if (
            not created
            and ShiftRotation.objects.for_organization(acting_user.organization_id).filter(pattern=pattern).exists()
        ):
            raise DomainError(
                [
                    FieldProblem(
                        "コード", f"{code} は職員に割り当て済みのため変更できません。別のコードで登録してください"
                    )
                ]
            )
        pattern.name = name
        pattern.save(update_fields=["name"])
        ShiftPatternDay.objects.for_organization(acting_user.organization_id).filter(pattern=pattern).delete()
        ShiftPatternDay.objects.bulk_create(
            ShiftPatternDay(
                organization_id=acting_user.organization_id, pattern=pattern, position=i, kind=d.kind, label=d.label,
                start_minute=d.schedule.start if d.schedule else None,
                end_minute=d.schedule.end if d.schedule else None,
                breaks=[list(b) for b in d.schedule.breaks] if d.schedule else [],
            )
            for i, d in enumerate(days)
        )  # fmt: skip
        audit_record(
            actor=acting_user, action=events.SHIFT_PATTERN_SAVED, target=pattern, target_label=f"{code} {name}",
            after={"created": created, "days": days_text.strip(), "warnings": warnings},
        )  # fmt: skip
    return pattern, warnings


def shift_rotation_assign(
    *, acting_user: User, employee_id: int, pattern_id: int, valid_from: datetime.date, start_offset: int
) -> ShiftRotation:
    """Put the employee on the pattern from ``valid_from`` (day ``start_offset`` of the cycle, 0-based);
    an open rotation of the employee ends the day before."""
    require_employee_in_scope(acting_user, employee_id, valid_from, MANAGER_ROLES)
    org_id = acting_user.organization_id
    pattern = ShiftPattern.objects.for_organization(org_id).filter(pk=pattern_id, is_active=True).first()
    if pattern is None:
        raise DomainError([FieldProblem("パターン", "交替制勤務のパターンが見つかりません")])
    cycle = ShiftPatternDay.objects.for_organization(org_id).filter(pattern=pattern).count()
    if not 0 <= start_offset < cycle:
        raise DomainError([FieldProblem("開始日の周期内の日", f"1〜{cycle} の範囲で指定してください")])
    if is_month_closed(organization=org_id, year=valid_from.year, month=valid_from.month, employee_id=employee_id):
        raise DomainError([FieldProblem("適用開始日", f"{valid_from.year}年{valid_from.month}月は勤怠締め済みです")])
    with transaction.atomic():
        rows = ShiftRotation.objects.for_organization(org_id).select_for_update().filter(employee_id=employee_id)
        if rows.filter(valid_from__gte=valid_from).exists():
            raise DomainError([FieldProblem("適用開始日", "この日以後に始まる割当が既にあります")])
        rows.filter(valid_to__isnull=True).update(valid_to=valid_from - datetime.timedelta(days=1))
        rotation: ShiftRotation = ShiftRotation.objects.create(
            organization_id=org_id, employee_id=employee_id, pattern=pattern, valid_from=valid_from,
            start_offset=start_offset,
        )  # fmt: skip
        audit_record(
            actor=acting_user, action=events.SHIFT_ROTATION_ASSIGNED, target=rotation,
            target_label=f"{pattern.name} {valid_from.isoformat()}〜",
            after={"employee": employee_id, "pattern": pattern.code, "valid_from": valid_from, "offset": start_offset},
        )  # fmt: skip
    return rotation


def rest_day_transfer_record(
    *, acting_user: User, employee_id: int, work_on: datetime.date, rest_on: datetime.date, reason: str
) -> RestDayTransfer:
    """週休日の振替: ``work_on`` must be the employee's 週休日 and ``rest_on`` a 勤務日 (hours, not a 休日)
    within the window of the ``working_time`` table (4週間前〜8週間後); neither month may be closed."""
    require_employee_in_scope(acting_user, employee_id, work_on, TRANSFER_ROLES)
    if not reason.strip():
        raise DomainError([FieldProblem("理由", "振替の理由を入力してください")])
    org_id = acting_user.organization_id
    for day in {work_on, rest_on}:
        if is_month_closed(organization=org_id, year=day.year, month=day.month, employee_id=employee_id):
            raise DomainError([FieldProblem("日付", f"{day.year}年{day.month}月は勤怠締め済みです")])
    with transaction.atomic():
        existing = RestDayTransfer.objects.for_organization(org_id).select_for_update().filter(employee_id=employee_id)
        if (
            existing.filter(work_on__in=[work_on, rest_on]).exists()
            or existing.filter(rest_on__in=[work_on, rest_on]).exists()
        ):
            raise DomainError([FieldProblem("日付", "どちらかの日は既に振替済みです")])
        plans = day_plans(organization=org_id, employee_ids=[employee_id], first=min(work_on, rest_on),
                          last=max(work_on, rest_on))[employee_id]  # fmt: skip
        try:
            check_rest_day_transfer(
                work_on=work_on, new_rest_day=rest_on, rules=working_time_rules(work_on).data,
                is_rest_day=lambda d: plans[d].weekly_rest,
                is_workday=lambda d: plans[d].schedule is not None and plans[d].day_type is DayType.WORKDAY,
            )  # fmt: skip
        except InvalidArgument as exc:
            raise DomainError([FieldProblem("日付", str(exc))]) from None
        transfer: RestDayTransfer = RestDayTransfer.objects.create(
            organization_id=org_id, employee_id=employee_id, work_on=work_on, rest_on=rest_on,
            reason=reason.strip()[:200], entered_by=acting_user, entered_at=timezone.now(),
        )  # fmt: skip
        audit_record(
            actor=acting_user, action=events.REST_DAY_TRANSFERRED, target=transfer,
            target_label=f"{work_on.isoformat()} → {rest_on.isoformat()}",
            after={"employee": employee_id, "work_on": work_on, "rest_on": rest_on, "reason": transfer.reason},
        )  # fmt: skip
    return transfer
