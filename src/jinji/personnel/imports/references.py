"""The organization's code lists an import checks against, loaded once (a fixed number of queries).

Also reads the post columns shared by the employee and assignment-history layouts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from jinji.org.models import AppointingAuthority, JobCategory, OrgUnit, Payer, Position, SalarySchedule
from jinji.personnel.imports.cells import RowReader, choice_key
from jinji.personnel.imports.columns import APPOINTMENT_TYPES, WORK_PATTERNS
from jinji.personnel.models import WorkPattern

FULL_WEEK_MINUTES = 2325
_FULL_PATTERNS = (WorkPattern.FULL_TIME.value, WorkPattern.SHIFT.value)


@dataclass(frozen=True, slots=True)
class Dated:
    id: int
    code: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    authority_id: int = 0
    max_grade: int = 0

    def valid_on(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def span(self) -> str:
        return f"{self.valid_from.isoformat()}〜{self.valid_to.isoformat() if self.valid_to else ''}"


@dataclass(frozen=True, slots=True)
class PostValues:
    """The post of one row, as ids (what an :class:`Assignment` stores)."""

    org_unit_id: int
    position_id: int | None
    job_category_id: int | None
    appointing_authority_id: int
    payer_id: int | None
    appointment_type: str
    salary_schedule_id: int | None
    grade: int | None
    step: int | None
    work_pattern: str
    weekly_minutes: int


POST_FIELDS = tuple(PostValues.__dataclass_fields__)
POST_HEADERS = {
    "org_unit_id": "所属コード",
    "position_id": "職コード",
    "job_category_id": "職種コード",
    "appointing_authority_id": "任命権者コード",
    "payer_id": "給与支払者コード",
    "appointment_type": "任用区分",
    "salary_schedule_id": "給料表",
    "grade": "級",
    "step": "号給",
    "work_pattern": "勤務形態",
    "weekly_minutes": "週勤務時間",
}
"""PostValues field → the column it is read from."""


@dataclass
class References:
    org_id: int
    units: dict[str, Dated] = field(default_factory=dict)
    positions: dict[str, list[Dated]] = field(default_factory=dict)
    schedules: dict[str, list[Dated]] = field(default_factory=dict)
    """by code and by name (folded)."""
    job_categories: dict[str, int] = field(default_factory=dict)
    authorities: dict[str, int] = field(default_factory=dict)
    payers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, org_id: int) -> References:
        refs = cls(org_id=org_id)
        for pk, code, start, end, authority in OrgUnit.objects.for_organization(org_id).values_list(
            "pk", "code", "valid_from", "valid_to", "appointing_authority_id"
        ):
            refs.units[code] = Dated(pk, code, start, end, authority_id=authority)
        for pk, code, start, end in Position.objects.for_organization(org_id).values_list(
            "pk", "code", "valid_from", "valid_to"
        ):
            refs.positions.setdefault(code, []).append(Dated(pk, code, start, end))
        for pk, code, name, grade, start, end in SalarySchedule.objects.for_organization(org_id).values_list(
            "pk", "code", "name", "max_grade", "valid_from", "valid_to"
        ):
            schedule = Dated(pk, code, start, end, max_grade=grade)
            refs.schedules.setdefault(code, []).append(schedule)
            refs.schedules.setdefault(choice_key(name), []).append(schedule)
        refs.job_categories = dict(JobCategory.objects.for_organization(org_id).values_list("code", "pk"))
        refs.authorities = dict(AppointingAuthority.objects.for_organization(org_id).values_list("code", "pk"))
        refs.payers = dict(Payer.objects.for_organization(org_id).values_list("code", "pk"))
        return refs

    def unit(self, r: RowReader, header: str, on: datetime.date | None, *, required: bool = True) -> Dated | None:
        """The unit of 所属コード ``header``, which must exist on ``on``."""
        code = r.code(header, required=required)
        if not code:
            return None
        unit = self.units.get(code)
        if unit is None:
            r.problem(header, f"所属コード「{code}」の組織はありません")
            return None
        if on is not None and not unit.valid_on(on):
            r.problem(header, f"所属コード「{code}」の組織は{on.isoformat()}には存在しません(存続期間 {unit.span()})")
            return None
        return unit

    def _dated(self, r: RowReader, header: str, found: list[Dated] | None, on: datetime.date | None) -> Dated | None:
        value = r.raw(header)
        if not found:
            r.problem(header, f"「{value}」はありません")
            return None
        if on is None:
            return found[-1]
        for item in found:
            if item.valid_on(on):
                return item
        r.problem(header, f"「{value}」は{on.isoformat()}には使えません(有効期間 {found[0].span()})")
        return None

    def position(self, r: RowReader, header: str, on: datetime.date | None) -> int | None:
        code = r.code(header)
        item = self._dated(r, header, self.positions.get(code), on) if code else None
        return item.id if item else None

    def schedule(self, r: RowReader, header: str, on: datetime.date | None) -> Dated | None:
        value = r.text(header, max_length=50)
        if not value:
            return None
        return self._dated(r, header, self.schedules.get(value) or self.schedules.get(choice_key(value)), on)

    def coded(self, r: RowReader, header: str, table: dict[str, int]) -> int | None:
        code = r.code(header)
        if code and code not in table:
            r.problem(header, f"「{code}」はありません")
            return None
        return table.get(code) if code else None

    def default_payer(self, authority_id: int) -> int | None:
        """The 給与支払者 with the same code as the 任命権者, if there is one."""
        code = next((c for c, pk in self.authorities.items() if pk == authority_id), None)
        return self.payers.get(code) if code is not None else None


def _pay_line(r: RowReader, refs: References, on: datetime.date | None) -> tuple[int | None, int | None, int | None]:
    schedule = refs.schedule(r, "給料表", on)
    grade = r.integer("級", low=1, high=schedule.max_grade if schedule else 99)
    step = r.integer("号給", low=1, high=999)
    if grade is not None and schedule is None and not r.raw("給料表"):
        r.problem("級", "級を入力するときは給料表も入力してください")
    return (schedule.id if schedule else None), grade, step


def read_post(r: RowReader, refs: References, on: datetime.date | None) -> PostValues | None:
    """The post columns of a row on ``on`` (units and codes checked against that date).

    A blank 任命権者コード means the unit's 任命権者; a blank 給与支払者コード stays blank
    (new employees get :meth:`References.default_payer`).
    """
    unit = refs.unit(r, "所属コード", on)
    position = refs.position(r, "職コード", on)
    job = refs.coded(r, "職種コード", refs.job_categories)
    authority = refs.coded(r, "任命権者コード", refs.authorities)
    payer = refs.coded(r, "給与支払者コード", refs.payers)
    appointment_type = r.choice("任用区分", APPOINTMENT_TYPES, required=True)
    schedule, grade, step = _pay_line(r, refs, on)
    pattern = r.choice("勤務形態", WORK_PATTERNS, default=WorkPattern.FULL_TIME.value)
    minutes = r.minutes("週勤務時間")
    if minutes is None and not r.raw("週勤務時間"):
        if pattern in _FULL_PATTERNS:
            minutes = FULL_WEEK_MINUTES
        else:
            r.problem("週勤務時間", f"勤務形態が「{WORK_PATTERNS.label(pattern)}」のときは入力してください")
    if unit is None or minutes is None or not r.ok:
        return None
    authority_id = authority or unit.authority_id
    return PostValues(
        org_unit_id=unit.id,
        position_id=position,
        job_category_id=job,
        appointing_authority_id=authority_id,
        payer_id=payer,
        appointment_type=appointment_type,
        salary_schedule_id=schedule,
        grade=grade,
        step=step,
        work_pattern=pattern,
        weekly_minutes=minutes,
    )
