"""A small 団体 for the evaluation tests: a unit tree with heads, staff, users, and a cycle.

総務部 (部長) ─ 総務課 (課長) ─ 庶務係 (係長 is not a 所属長の職; 主事 ×2, 会計年度任用職員)
            ├ 人事課 (課長 = the cycle's default 調整者, HR user)
            └ 税務課 (課長 vacant: 主事)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from jinji.accounts.models import Role, User
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.evaluation.models import Cycle, CycleKind, Sheet, SheetTemplate
from jinji.evaluation.services import CycleInput, cycle_create, cycle_generate_sheets
from jinji.org.models import OrgUnit, Position, UnitLevel
from jinji.personnel.models import AppointmentType, Employee
from tests.factories import (
    AssignmentFactory,
    AuthorityFactory,
    EmployeeFactory,
    OrganizationFactory,
    OrgUnitFactory,
    OrgUnitVersionFactory,
    PositionFactory,
    RoleGrantFactory,
    SalaryScheduleFactory,
    UserFactory,
)

PERIOD = (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30))
DUES = {
    "self_due": datetime.date(2026, 10, 15),
    "first_due": datetime.date(2026, 10, 31),
    "second_due": datetime.date(2026, 11, 15),
    "adjust_due": datetime.date(2026, 11, 30),
}


@dataclass
class Town:
    org: Organization
    bucho: Employee
    kacho: Employee
    jinji_kacho: Employee
    kakaricho: Employee
    staff_a: Employee
    staff_b: Employee
    fiscal: Employee
    zeimu_staff: Employee
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def user(self, key: str) -> User:
        return self.users[key]


def _unit(org: Organization, authority: object, name: str, level: str, parent: OrgUnit | None) -> OrgUnit:
    unit: OrgUnit = OrgUnitFactory(organization=org, appointing_authority=authority, version=None)
    OrgUnitVersionFactory(unit=unit, organization=org, name=name, level=level, parent=parent)
    return unit


def _person(org: Organization, unit: OrgUnit, position: Position, schedule: object, **kw: object) -> Employee:
    emp: Employee = EmployeeFactory(organization=org, birth_date=kw.pop("birth_date", datetime.date(1985, 6, 15)))
    AssignmentFactory(employee=emp, organization=org, org_unit=unit, position=position, salary_schedule=schedule, **kw)
    return emp


def build_town() -> Town:
    org = OrganizationFactory()
    authority = AuthorityFactory(organization=org)
    schedule = SalaryScheduleFactory(organization=org)
    dept = _unit(org, authority, "総務部", UnitLevel.DEPARTMENT, None)
    soumu = _unit(org, authority, "総務課", UnitLevel.DIVISION, dept)
    shomu = _unit(org, authority, "庶務係", UnitLevel.SECTION, soumu)
    jinji = _unit(org, authority, "人事課", UnitLevel.DIVISION, dept)
    zeimu = _unit(org, authority, "税務課", UnitLevel.DIVISION, dept)
    pos = {
        "shuji": PositionFactory(organization=org, name="主事", rank=1),
        "kakaricho": PositionFactory(organization=org, name="係長", rank=3),
        "kacho": PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True, is_manager=True),
        "bucho": PositionFactory(organization=org, name="部長", rank=7, is_unit_head=True, is_manager=True),
        "hojo": PositionFactory(organization=org, name="事務補助員", rank=1),
    }
    town = Town(
        org=org,
        bucho=_person(org, dept, pos["bucho"], schedule, grade=6, step=10),
        kacho=_person(org, soumu, pos["kacho"], schedule, grade=5, step=20),
        jinji_kacho=_person(org, jinji, pos["kacho"], schedule, grade=5, step=30),
        kakaricho=_person(org, shomu, pos["kakaricho"], schedule, grade=3, step=25),
        staff_a=_person(org, shomu, pos["shuji"], schedule, grade=1, step=20),
        staff_b=_person(org, shomu, pos["shuji"], schedule, grade=2, step=93, birth_date=datetime.date(1968, 4, 2)),
        fiscal=_person(
            org, shomu, pos["hojo"], None, appointment_type=AppointmentType.FISCAL_YEAR_PART, grade=None, step=None
        ),
        zeimu_staff=_person(org, zeimu, pos["shuji"], schedule, grade=1, step=5),
        units={"dept": dept, "soumu": soumu, "shomu": shomu, "jinji": jinji, "zeimu": zeimu},
    )
    for key in ("bucho", "kacho", "jinji_kacho", "kakaricho", "staff_a", "staff_b", "fiscal", "zeimu_staff"):
        town.users[key] = UserFactory(organization=org, employee=getattr(town, key), username=f"ev_{key}_{org.pk}")
    hr = UserFactory(organization=org, employee=EmployeeFactory(organization=org), username=f"ev_hr_{org.pk}")
    RoleGrantFactory(user=hr, role=Role.HR)
    town.users["hr"] = hr
    payroll = UserFactory(organization=org, username=f"ev_pay_{org.pk}")
    RoleGrantFactory(user=payroll, role=Role.PAYROLL)
    town.users["payroll"] = payroll
    head = town.users["kacho"]
    RoleGrantFactory(user=head, role=Role.UNIT_HEAD, org_unit=soumu)
    return town


def national_templates(kind: str) -> list[SheetTemplate]:
    return list(SheetTemplate.unscoped.filter(organization__isnull=True, kind=kind).order_by("code"))


def make_cycle(town: Town, kind: str = CycleKind.COMPETENCY, *, generate: bool = True, **overrides: object) -> Cycle:
    start, end = PERIOD
    if kind == CycleKind.PERFORMANCE:
        start, end = datetime.date(2026, 4, 1), datetime.date(2026, 9, 30)
    data = {
        "name": f"テスト{CycleKind(kind).label}",
        "kind": kind,
        "period_start": start,
        "period_end": end,
        "reference_date": end,
        **DUES,
        **overrides,
    }
    hr = town.user("hr")
    with tenant_context(town.org):
        cycle = cycle_create(
            acting_user=hr,
            organization_id=town.org.pk,
            data=CycleInput(**data),  # type: ignore[arg-type]
            template_ids=[t.pk for t in national_templates(kind)],
            adjuster=town.jinji_kacho,
        )
        if generate:
            cycle_generate_sheets(acting_user=hr, cycle=cycle)
    return cycle


def sheet_of(cycle: Cycle, employee: Employee) -> Sheet:
    sheet: Sheet = Sheet.unscoped.get(cycle=cycle, employee=employee)
    return sheet


def rate_all(sheet: Sheet, stage: str, user: User, ratings: list[str] | str = "B") -> Sheet:
    """Save ratings for every line of ``sheet`` at ``stage`` (one rating for all, or one per line)."""
    from jinji.evaluation.services import RatingInput, sheet_ratings_save
    from jinji.evaluation.services.sheets import sheet_entries

    entries = sheet_entries(sheet)
    given = [ratings] * len(entries) if isinstance(ratings, str) else ratings
    return sheet_ratings_save(
        acting_user=user,
        sheet=sheet,
        stage=stage,
        ratings={e.key: RatingInput(r) for e, r in zip(entries, given, strict=True)},
    )


def through_second(town: Town, sheet: Sheet, *, first: list[str] | str = "B", second: list[str] | str = "B") -> Sheet:
    """Self (all B), first and second evaluation of ``sheet``, each submitted."""
    from jinji.evaluation.models import Stage
    from jinji.evaluation.services import sheet_submit

    by_employee = {u.employee_id: u for u in town.users.values() if u.employee_id is not None}
    if sheet.cycle.kind == CycleKind.PERFORMANCE:
        from jinji.evaluation.services import GoalInput, goals_agree, goals_save

        assert sheet.first_evaluator_id is not None
        goal = GoalInput("担当業務の着実な遂行", "期限内に処理する", "standard", 100)
        goals_save(acting_user=by_employee[sheet.employee_id], sheet=sheet, goals=[goal])
        sheet = goals_agree(acting_user=by_employee[sheet.first_evaluator_id], sheet=sheet)
    sheet = rate_all(sheet, Stage.SELF, by_employee[sheet.employee_id])
    sheet = sheet_submit(acting_user=by_employee[sheet.employee_id], sheet=sheet)
    assert sheet.first_evaluator_id is not None
    assert sheet.second_evaluator_id is not None
    sheet = rate_all(sheet, Stage.FIRST, by_employee[sheet.first_evaluator_id], first)
    sheet = sheet_submit(acting_user=by_employee[sheet.first_evaluator_id], sheet=sheet)
    sheet = rate_all(sheet, Stage.SECOND, by_employee[sheet.second_evaluator_id], second)
    return sheet_submit(acting_user=by_employee[sheet.second_evaluator_id], sheet=sheet)
