"""出勤簿の確認 (本人 → 所属長) and 勤怠締め (庶務担当) of a unit's month.

After the close, punches are refused; a change is made only by an approved correction
application (``attendance_correction``, see :mod:`jinji.attendance.corrections`)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.accounts.scope import covered_unit_ids
from jinji.attendance import events
from jinji.attendance.models import AttendanceSheet, MonthClose, SheetStatus
from jinji.attendance.selectors.closes import month_end, primary_unit_ids_on
from jinji.attendance.selectors.unit import unit_employee_ids
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.org.selectors import unit_descendant_ids


def _closed(org_id: int, unit_id: int | None, year: int, month: int) -> bool:
    closes = MonthClose.objects.for_organization(org_id)
    return unit_id is not None and closes.filter(org_unit_id=unit_id, year=year, month=month).exists()


def _check_month(year: int, month: int) -> None:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise DomainError([FieldProblem("年月", f"年月が正しくありません: {year}年{month}月")])


def _locked_sheet(org_id: int, employee_id: int, year: int, month: int) -> AttendanceSheet:
    sheets = AttendanceSheet.objects.for_organization(org_id)
    sheet: AttendanceSheet | None = (
        sheets.select_for_update().filter(employee_id=employee_id, year=year, month=month).first()
    )
    if sheet is None:
        try:
            with transaction.atomic():
                sheet = AttendanceSheet.objects.create(
                    organization_id=org_id, employee_id=employee_id, year=year, month=month
                )
        except IntegrityError:
            sheet = sheets.select_for_update().get(employee_id=employee_id, year=year, month=month)
    assert sheet is not None
    return sheet


def sheet_confirm_by_staff(*, acting_user: User, year: int, month: int) -> AttendanceSheet:
    """本人確認: the signed-in employee confirms their own 出勤簿 of the month."""
    _check_month(year, month)
    employee_id = acting_user.employee_id
    if employee_id is None:
        raise NotPermitted([FieldProblem("職員", "この利用者には職員が紐づいていません")])
    org_id = acting_user.organization_id
    unit = primary_unit_ids_on(organization=org_id, employee_ids=[employee_id], on=month_end(year, month))
    with transaction.atomic():
        if _closed(org_id, unit.get(employee_id), year, month):
            raise DomainError([FieldProblem("年月", f"{year}年{month}月は勤怠締め済みです")])
        sheet = _locked_sheet(org_id, employee_id, year, month)
        if sheet.status == SheetStatus.HEAD_CONFIRMED:
            raise DomainError([FieldProblem("状態", "所属長が確認済みのため、本人確認は変更できません")])
        before = sheet.status
        sheet.status = SheetStatus.STAFF_CONFIRMED
        sheet.staff_confirmed_at = timezone.now()
        sheet.save(update_fields=["status", "staff_confirmed_at"])
        audit_record(
            actor=acting_user, action=events.SHEET_CONFIRMED, target=sheet,
            target_label=f"出勤簿 {year}年{month}月", before={"status": before}, after={"status": sheet.status},
        )  # fmt: skip
    return sheet


def _require_unit_role(user: User, role: Role, unit_id: int | None, on: datetime.date, what: str) -> int:
    coverage = covered_unit_ids(user, (role,), on=on, descendants=unit_descendant_ids)
    if unit_id is None or not coverage.covers(unit_id):
        raise NotPermitted([FieldProblem("所属", f"担当する所属の{what}のみ行えます")])
    return unit_id


def sheet_confirm_by_head(*, acting_user: User, employee_id: int, year: int, month: int) -> AttendanceSheet:
    """所属長確認: after the staff member's own confirmation."""
    _check_month(year, month)
    org_id = acting_user.organization_id
    day = month_end(year, month)
    unit = primary_unit_ids_on(organization=org_id, employee_ids=[employee_id], on=day).get(employee_id)
    _require_unit_role(acting_user, Role.UNIT_HEAD, unit, day, "出勤簿の確認")
    with transaction.atomic():
        if _closed(org_id, unit, year, month):
            raise DomainError([FieldProblem("年月", f"{year}年{month}月は勤怠締め済みです")])
        sheet = _locked_sheet(org_id, employee_id, year, month)
        if sheet.status != SheetStatus.STAFF_CONFIRMED:
            raise DomainError([FieldProblem("状態", "本人が確認していない出勤簿は所属長確認できません")])
        sheet.status = SheetStatus.HEAD_CONFIRMED
        sheet.head_confirmed_at = timezone.now()
        sheet.head_confirmed_by = acting_user
        sheet.save(update_fields=["status", "head_confirmed_at", "head_confirmed_by"])
        audit_record(
            actor=acting_user, action=events.SHEET_CONFIRMED, target=sheet, target_label=f"出勤簿 {year}年{month}月",
            before={"status": SheetStatus.STAFF_CONFIRMED}, after={"status": sheet.status},
        )  # fmt: skip
    return sheet


def month_close(*, acting_user: User, org_unit_id: int, year: int, month: int) -> MonthClose:
    """勤怠締め: every 出勤簿 of the unit's staff (本務, at the month's end) must be 所属長確認済."""
    _check_month(year, month)
    org_id = acting_user.organization_id
    day = month_end(year, month)
    _require_unit_role(acting_user, Role.CLERK, org_unit_id, day, "勤怠締め")
    with transaction.atomic():
        closes = MonthClose.objects.for_organization(org_id).select_for_update()
        if closes.filter(org_unit_id=org_unit_id, year=year, month=month).exists():
            raise DomainError([FieldProblem("年月", f"{year}年{month}月は既に締め済みです")])
        staff = unit_employee_ids(organization=org_id, org_unit_id=org_unit_id, on=day)
        confirmed = set(
            AttendanceSheet.objects.for_organization(org_id)
            .select_for_update()
            .filter(employee_id__in=staff, year=year, month=month, status=SheetStatus.HEAD_CONFIRMED)
            .values_list("employee_id", flat=True)
        )
        missing = len(set(staff) - confirmed)
        if missing:
            raise DomainError([FieldProblem("出勤簿", f"所属長の確認が済んでいない出勤簿が {missing} 件あります")])
        try:
            with transaction.atomic():
                close: MonthClose = MonthClose.objects.create(
                    organization_id=org_id, org_unit_id=org_unit_id, year=year, month=month,
                    closed_at=timezone.now(), closed_by=acting_user,
                )  # fmt: skip
        except IntegrityError:
            raise DomainError([FieldProblem("年月", f"{year}年{month}月は既に締め済みです")]) from None
        audit_record(
            actor=acting_user, action=events.MONTH_CLOSED, target=close, target_label=f"勤怠締め {year}年{month}月",
            after={"org_unit": org_unit_id, "year": year, "month": month, "staff": len(staff)},
        )  # fmt: skip
    return close
