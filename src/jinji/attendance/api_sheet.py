"""REST: the electronic 出勤簿 — my month (daily rows and totals) and my confirmation; a unit's month
for its 所属長・庶務担当, the 所属長確認 and the 庶務担当's 勤怠締め. Mounted at ``/api/attendance/sheets``."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import Role
from jinji.accounts.scope import covered_unit_ids
from jinji.attendance.api_common import api_employee_id, api_user
from jinji.attendance.selectors.closes import closed_unit_ids, month_end
from jinji.attendance.selectors.sheet import DayRow, monthly_rows, summary_of
from jinji.attendance.selectors.unit import employees_by_id, sheets_by_employee, unit_employee_ids
from jinji.attendance.services.close import month_close, sheet_confirm_by_head, sheet_confirm_by_staff
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.org.models import OrgUnit
from jinji.org.selectors import unit_descendant_ids
from jinji.rules.attendance import MonthlyAttendanceSummary

router = Router(auth=ApiTokenAuth())
UNIT_ROLES = (Role.UNIT_HEAD, Role.CLERK)


class MonthQuery(Schema):
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)


class MonthFilter(Schema):
    year: int | None = Field(default=None, ge=2000, le=2100, description="年(既定: 今月)")
    month: int | None = Field(default=None, ge=1, le=12, description="月(既定: 今月)")

    def year_month(self) -> tuple[int, int]:
        today = timezone.localdate()
        return self.year or today.year, self.month or today.month


class PunchOut(Schema):
    kind: str
    at: datetime.datetime
    location: str
    offline: bool
    proxy: bool


class DayOut(Schema):
    day: datetime.date
    day_type: str = Field(description="workday / weekly_rest_day / holiday")
    label: str = Field(description="区分(勤務日・週休日・当番・非番・振替 …)")
    punches: list[PunchOut]
    leaves: list[str]
    worked_minutes: int | None
    overtime_minutes: int | None
    overtime_by_class: dict[str, int] | None
    late_minutes: int | None
    early_leave_minutes: int | None
    absent: bool | None
    issue: str = Field(description="打刻の不備など(この日は集計に含まれません)")
    warnings: list[str] = Field(description="命令のない時間外の勤務、実績未確認の命令など")


class TotalsOut(Schema):
    worked_days: int
    worked_minutes: int
    regular_minutes: int
    overtime_normal: int
    overtime_normal_night: int
    overtime_rest_day: int
    overtime_rest_day_night: int
    overtime_over60: int
    overtime_over60_night: int
    holiday_work: int
    night_work: int
    late_minutes: int
    early_leave_minutes: int
    absence_days: int
    absence_minutes: int
    paid_leave_days: int
    unordered_minutes: int


class SheetOut(Schema):
    employee_id: int
    year: int
    month: int
    status: str
    days: list[DayOut]
    totals: TotalsOut


class UnitLineOut(Schema):
    employee_id: int
    staff_number: str
    name: str
    status: str
    totals: TotalsOut


class UnitSheetOut(Schema):
    org_unit_id: int
    year: int
    month: int
    closed: bool
    staff: list[UnitLineOut]


class HeadConfirmIn(Schema):
    employee_id: int
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)


class CloseIn(Schema):
    org_unit_id: int
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)


class StatusOut(Schema):
    status: str
    message: str


def _day(r: DayRow) -> DayOut:
    rec = r.record
    return DayOut(
        day=r.day, day_type=r.day_type.value, label=r.label,
        punches=[PunchOut(kind=p.kind, at=p.at, location=p.location_label, offline=p.offline, proxy=p.proxy)
                 for p in r.punches],
        leaves=list(r.leaves), worked_minutes=rec.worked_minutes if rec else None,
        overtime_minutes=rec.overtime_minutes if rec else None,
        overtime_by_class=rec.overtime_by_class() if rec else None, late_minutes=rec.late_minutes if rec else None,
        early_leave_minutes=rec.early_leave_minutes if rec else None, absent=rec.absent_whole_day if rec else None,
        issue=r.issue, warnings=list(r.warnings),
    )  # fmt: skip


def _totals(s: MonthlyAttendanceSummary) -> TotalsOut:
    return TotalsOut(**{name: getattr(s, name) for name in TotalsOut.model_fields})


@router.get("/me", response=SheetOut, summary="自分の出勤簿(月)", url_name="attendance_my_sheet_api")
def my_sheet(request: HttpRequest, q: Query[MonthFilter]) -> SheetOut:
    user, eid = api_employee_id(request)
    year, month = q.year_month()
    rows = monthly_rows(organization=user.organization_id, employee_ids=[eid], year=year, month=month,
                        upto=None)[eid]  # fmt: skip
    sheet = sheets_by_employee(organization=user.organization_id, employee_ids=[eid], year=year,
                               month=month).get(eid)  # fmt: skip
    totals = _totals(summary_of(rows, year=year, month=month))
    status = sheet.status if sheet else "open"
    return SheetOut(employee_id=eid, year=year, month=month, status=status, days=[_day(r) for r in rows],
                    totals=totals)  # fmt: skip


@router.post(
    "/me/confirm", response=StatusOut, summary="自分の出勤簿の確認(本人)", url_name="attendance_my_sheet_confirm_api"
)
def my_sheet_confirm(request: HttpRequest, payload: MonthQuery) -> StatusOut:
    user = api_user(request)
    sheet = sheet_confirm_by_staff(acting_user=user, year=payload.year, month=payload.month)
    return StatusOut(status=sheet.status, message=f"{payload.year}年{payload.month}月の出勤簿を確認しました")


@router.get("/units/{unit_id}", response=UnitSheetOut, summary="所属の出勤簿(月): 職員ごとの状態と月計",
            url_name="attendance_unit_sheet_api")  # fmt: skip
def unit_sheet(request: HttpRequest, unit_id: int, f: Query[MonthFilter]) -> UnitSheetOut:
    """所属長・庶務担当 of the unit (or a parent unit) only; another organization's unit is 404."""
    user = api_user(request)
    q = MonthQuery(year=f.year_month()[0], month=f.year_month()[1])
    if not OrgUnit.objects.for_organization(user.organization_id).filter(pk=unit_id).exists():
        raise Http404
    day = month_end(q.year, q.month)
    if not covered_unit_ids(user, UNIT_ROLES, on=day, descendants=unit_descendant_ids).covers(unit_id):
        raise NotPermitted([FieldProblem("所属", "担当する所属の出勤簿のみ参照できます")])
    ids = unit_employee_ids(organization=user.organization_id, org_unit_id=unit_id, on=day)
    rows = monthly_rows(organization=user.organization_id, employee_ids=ids, year=q.year, month=q.month, upto=None)
    people = employees_by_id(organization=user.organization_id, employee_ids=ids)
    sheets = sheets_by_employee(organization=user.organization_id, employee_ids=ids, year=q.year, month=q.month)
    staff = [
        UnitLineOut(employee_id=e.pk, staff_number=e.staff_number, name=f"{e.family_name} {e.given_name}",
                    status=sheets[e.pk].status if e.pk in sheets else "open",
                    totals=_totals(summary_of(rows[e.pk], year=q.year, month=q.month)))
        for e in people.values()
    ]  # fmt: skip
    closed = unit_id in closed_unit_ids(organization=user.organization_id, year=q.year, month=q.month)
    return UnitSheetOut(org_unit_id=unit_id, year=q.year, month=q.month, closed=closed, staff=staff)


@router.post("/head-confirm", response=StatusOut, summary="出勤簿の所属長確認", url_name="attendance_head_confirm_api")
def head_confirm(request: HttpRequest, payload: HeadConfirmIn) -> StatusOut:
    sheet = sheet_confirm_by_head(acting_user=api_user(request), employee_id=payload.employee_id, year=payload.year,
                                  month=payload.month)  # fmt: skip
    return StatusOut(status=sheet.status, message="所属長確認をしました")


@router.post("/close", response=StatusOut, summary="所属の勤怠締め(庶務担当)", url_name="attendance_close_api")
def close(request: HttpRequest, payload: CloseIn) -> StatusOut:
    month_close(acting_user=api_user(request), org_unit_id=payload.org_unit_id, year=payload.year,
                month=payload.month)  # fmt: skip
    return StatusOut(status="closed", message=f"{payload.year}年{payload.month}月の勤怠を締めました")
