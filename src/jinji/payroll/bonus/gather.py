"""Gather a bonus run set-based: one query per kind of fact for the whole payer, then BonusInput per employee.

* Who: staff whose latest 本務 on or before the 基準日 is with the payer and still in force within
  one month before it (payroll-rules.md §C8: staff who left within 1 month before the 基準日
  are also paid).
* 在職期間・勤務期間: every 本務 period of the employee in the organization inside the 6-month
  window (any 任命権者 or payer, so a 会計年度任用職員 moving between 任命権者 keeps the service);
  休職 from the assignments marked 休職中, 育児休業 from the insurance enrolments marked
  掛金免除 (育児休業等). 停職・専従 are not recorded in the personnel master yet.
* 成績率: the 人事評価 result (``sources.performance_source()``), overridden by :class:`BonusRating`.
* 前月の給与: 社会保険料等控除後の額 of the monthly payslips paid in the month before the bonus.
* 標準期末手当等の額 already counted: earlier bonus payslips of this fiscal year (短期) and month (長期).
* 会計年度任用職員の期末手当基礎額: the monthly 報酬 (月額), or the average monthly 報酬 of the
  monthly payslips in the window (日額・時間額; ❓ the usual 条例 wording, not in the reference).
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q

from jinji.payroll import sources
from jinji.payroll.bonus_models import BonusRating
from jinji.payroll.calendar import previous_month
from jinji.payroll.facts import Facts, gather_facts, regular_facts
from jinji.payroll.models import (
    AppointeeBasis,
    EmployeePaySetting,
    InsuranceEnrolment,
    InsuranceScheme,
    PayrollRun,
    Payslip,
    RunKind,
)
from jinji.payroll.profile import APPOINTEE_TYPES, Problem, Profile, tax_input
from jinji.payroll.salary_input import salary_grade
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.rules.calendar import fiscal_year
from jinji.rules.errors import RulesError
from jinji.rules.money import floor_to_1000_yen
from jinji.rules.pay import prorated_monthly_pay
from jinji.rules.payslip import Absence, AllowanceInput, BonusInput, InsuranceInput, service_periods
from jinji.rules.payslip.bonus_period import FULL, bonus_window
from jinji.rules.payslip.inputs import NO_INSURANCE
from jinji.rules.social_insurance import LONG_TERM, SHORT_TERM, Leave, LeaveKind, bonus_contribution_waived, grade_table

FAR = datetime.date(9999, 12, 31)
NO_ALLOWANCES = AllowanceInput()
MANAGER_GRADE = 7  # 特定管理職員: 行(一) 7級以上で管理職手当を受ける職員 (§C8)


@dataclass(slots=True)
class _Person:
    employee_id: int
    staff_number: str = ""
    name: str = ""
    birth_date: datetime.date = datetime.date(1970, 1, 1)
    separated_on: datetime.date | None = None
    latest: Any = None  # the latest 本務 row on or before the 基準日
    service: list[tuple[datetime.date, datetime.date | None]] | None = None
    absences: list[Absence] | None = None


ASSIGNMENT_FIELDS = (
    "employee_id", "payer_id", "org_unit_id", "appointment_type", "salary_schedule__code", "grade", "step",
    "weekly_minutes", "is_on_leave", "valid_from", "valid_to",
)  # fmt: skip


def _people(org: int, payer_id: int, base: datetime.date, only: Collection[int] | None) -> dict[int, _Person]:
    """Staff of the payer for the bonus with their service in the window (two queries)."""
    first, _ = bonus_window(base)
    grace = previous_month(base)  # 基準日前1箇月以内に退職した職員も支給
    rows = (
        Assignment.objects.for_organization(org)
        .filter(kind=AssignmentKind.PRIMARY, valid_from__lte=base)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("employee_id", "valid_from")
        .values_list(*ASSIGNMENT_FIELDS, named=True)
    )
    people: dict[int, _Person] = {}
    for row in rows.iterator(chunk_size=5000):
        eid = row.employee_id
        if only is not None and eid not in only:
            continue
        person = people.get(eid)
        if person is None:
            person = people[eid] = _Person(eid)
        person.latest = row
        period = (row.valid_from, row.valid_to)
        if person.service is None:
            person.service = [period]
        else:
            person.service.append(period)
        if row.is_on_leave:
            leave = Absence("leave_of_absence", row.valid_from, row.valid_to)
            person.absences = [*(person.absences or ()), leave]
    chosen = {
        eid: p
        for eid, p in people.items()
        if p.latest.payer_id == payer_id and (p.latest.valid_to is None or p.latest.valid_to >= grace)
    }
    employees = Employee.objects.for_organization(org).filter(Q(separated_on__isnull=True) | Q(separated_on__gte=grace))
    found: dict[int, _Person] = {}
    for eid, number, family, given, birth, left in employees.values_list(
        "id", "staff_number", "family_name", "given_name", "birth_date", "separated_on"
    ).iterator(chunk_size=5000):
        person = chosen.get(eid)
        if person is not None:
            person.staff_number, person.name, person.birth_date = number, f"{family} {given}", birth
            person.separated_on = left
            found[eid] = person
    return found


def _childcare(org: int, people: dict[int, _Person], first: datetime.date, paid_on: datetime.date) -> dict[int, Leave]:
    """育児休業 periods (掛金免除 enrolments) into the absences; the one covering the pay date (one query)."""
    rows = (
        InsuranceEnrolment.objects.for_organization(org)
        .filter(contribution_waived=True, valid_from__lte=paid_on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .values_list("employee_id", "valid_from", "valid_to")
    )
    covering: dict[int, Leave] = {}
    for eid, start, end in rows:
        person = people.get(eid)
        if person is None:
            continue
        person.absences = [*(person.absences or ()), Absence("childcare_leave", start, end)]
        if start <= paid_on <= (end or FAR):
            covering[eid] = Leave(LeaveKind.CHILDCARE, start, end or FAR)
    return covering


def _ratings(run: PayrollRun) -> tuple[dict[int, str], dict[int, tuple[str, Fraction | None]]]:
    """成績率の区分 from the 人事評価 and the overrides entered for this run (two queries at most)."""
    source = sources.performance_source()
    bands: dict[int, str] = {}
    if source is not None:
        bands = dict(source(organization=run.organization_id, bonus_date=run.month))
    overrides: dict[int, tuple[str, Fraction | None]] = {}
    for eid, rating, percent in (
        BonusRating.objects.for_organization(run.organization_id)
        .filter(run=run)
        .values_list("employee_id", "rating", "ratio_percent")
    ):
        overrides[eid] = (rating, None if percent is None else Fraction(Decimal(percent)) / 100)
    return bands, overrides


def _slips(org: int, kind: str, start: datetime.date, end: datetime.date, exclude_run: int) -> Any:
    return Payslip.unscoped.filter(
        organization_id=org, run__kind=kind, run__paid_on__gte=start, run__paid_on__lte=end
    ).exclude(run_id=exclude_run)


def _previous_pay(org: int, run: PayrollRun, ids: Collection[int]) -> dict[int, int]:
    """前月中に支払った給与の社会保険料等控除後の額 per employee (one query)."""
    first = previous_month(run.paid_on.replace(day=1))
    last = run.paid_on.replace(day=1) - datetime.timedelta(days=1)
    out: defaultdict[int, int] = defaultdict(int)
    for eid, taxable in _slips(org, RunKind.MONTHLY, first, last, run.pk).values_list("employee_id", "taxable"):
        if eid in ids:
            out[eid] += max(taxable, 0)
    return out


def _counted_bonus(org: int, run: PayrollRun, ids: Collection[int]) -> dict[int, tuple[int, int]]:
    """(短期 counted this fiscal year, 長期 counted this month) from earlier bonus payslips (one query)."""
    fy_start = datetime.date(fiscal_year(run.paid_on), 4, 1)
    short_cap = grade_table(scheme=SHORT_TERM, on=run.paid_on.replace(day=1)).bonus_cap
    long_cap = grade_table(scheme=LONG_TERM, on=run.paid_on.replace(day=1)).bonus_cap
    rows = (
        _slips(org, RunKind.BONUS, fy_start, run.paid_on, run.pk)
        .order_by("run__paid_on", "run_id")
        .values_list("employee_id", "gross", "run__paid_on")
    )
    out: dict[int, tuple[int, int]] = {}
    for eid, gross, paid_on in rows:
        if eid not in ids:
            continue
        short, long = out.get(eid, (0, 0))
        basis = floor_to_1000_yen(max(gross, 0))
        short = min(short_cap, short + basis)
        if (paid_on.year, paid_on.month) == (run.paid_on.year, run.paid_on.month):
            long = min(long_cap, long + basis)
        out[eid] = (short, long)
    return out


def _average_remuneration(org: int, run: PayrollRun, ids: Collection[int]) -> dict[int, int]:
    """1月当たりの報酬 of 日額・時間額の会計年度任用職員 over the window's monthly payslips (one query)."""
    first, last = bonus_window(run.month)
    paid_by_time = EmployeePaySetting.objects.for_organization(org).filter(
        appointee_basis__in=[AppointeeBasis.DAILY, AppointeeBasis.HOURLY]
    )
    slips = _slips(org, RunKind.MONTHLY, first, last, run.pk).filter(employee_id__in=paid_by_time.values("employee_id"))
    sums: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])
    for eid, earnings in slips.values_list("employee_id", "earnings"):
        if eid in ids:
            entry = sums[eid]
            entry[0] += sum(int(a) for code, _, a in earnings if code == "remuneration")
            entry[1] += 1
    return {eid: total // months for eid, (total, months) in sums.items() if months}


@functools.lru_cache(maxsize=65536)
def _cached_insurance(row: tuple[Any, ...], birth: datetime.date) -> InsuranceInput:
    """Shared frozen inputs: staff with the same enrolment and birth date share one (saves re-validating)."""
    scheme, union, short, long, short_member, long_member, welfare, prefecture, employment = row
    return InsuranceInput(
        scheme=scheme,
        union=union,
        short_term_grade=short,
        long_term_grade=long,
        birth_date=birth,
        short_term_member=short_member,
        long_term_member=long_member,
        welfare_pension=welfare,
        prefecture=prefecture,
        employment_insurance=employment,
    )


def _insurance(facts: Facts, eid: int, birth: datetime.date) -> InsuranceInput:
    """The enrolment on the 基準日, waived or not (the bonus waiver is decided separately)."""
    row = facts.insurance.get(eid)
    if row is None or row.scheme == InsuranceScheme.NONE:
        return NO_INSURANCE
    key = (
        row.scheme, row.union, row.short_term_grade, row.long_term_grade, row.short_term_member,
        row.long_term_member, row.welfare_pension, row.prefecture, row.employment_insurance,
    )  # fmt: skip
    return _cached_insurance(key, birth)


@functools.lru_cache(maxsize=4096)
def _cached_allowances(key: tuple[bool, int, int, int, int, int]) -> AllowanceInput:
    spouse, children, special, other, regional_grade, management_class = key
    return AllowanceInput(
        spouse=spouse,
        children=children,
        special_period_children=special,
        other_dependents=other,
        regional_grade=regional_grade,
        management_class=management_class,
    )


def _allowances(facts: Facts, eid: int, *, appointee: bool) -> AllowanceInput:
    """What the bonus base needs: 扶養 (認定簿 or master), 地域手当の級地, 管理職手当の種."""
    if appointee:
        return NO_ALLOWANCES
    v = regular_facts(eid, facts)
    setting = facts.settings.get(eid)
    return _cached_allowances(
        (
            bool(v.get("spouse", False)),
            int(v.get("children", 0)),
            int(v.get("special_period_children", 0)),
            int(v.get("other_dependents", 0)),
            setting.regional_grade if setting is not None else 0,
            setting.management_class if setting is not None else 0,
        )
    )


@dataclass(frozen=True, slots=True)
class BonusProfile:
    profile: Profile
    bonus_input: BonusInput | None


@dataclass(slots=True)
class _Context:
    run: PayrollRun
    facts: Facts
    bands: dict[int, str]
    overrides: dict[int, tuple[str, Fraction | None]]
    previous: dict[int, int]
    counted: dict[int, tuple[int, int]]
    averages: dict[int, int]
    covering: dict[int, Leave]


def _appointee_base(p: _Person, c: _Context, problems: list[Problem]) -> int:
    setting = c.facts.settings.get(p.employee_id)
    if setting is None or not setting.appointee_basis or not setting.appointee_rate:
        problems.append(Problem("missing_appointee_rate", "会計年度任用職員の報酬額(給与の個人設定)がありません"))
        return 0
    if setting.appointee_basis == "monthly":
        weekly = min(p.latest.weekly_minutes, 2325) or 2325
        return prorated_monthly_pay(setting.appointee_rate, weekly_minutes=weekly)
    average = c.averages.get(p.employee_id, 0)
    if not average:
        problems.append(
            Problem("missing_appointee_rate", "期末手当基礎額の元になる報酬の支給実績(基準日前6箇月)がありません")
        )
    return average


def _input(p: _Person, c: _Context, problems: list[Problem]) -> BonusInput | None:
    eid, row = p.employee_id, p.latest
    run = c.run
    appointee = row.appointment_type in APPOINTEE_TYPES
    salary = None
    base = 0
    if appointee:
        base = _appointee_base(p, c, problems)
        if not base:
            return None
    elif not row.salary_schedule__code or not row.grade or not row.step:
        problems.append(Problem("missing_salary_step", "給料表・級・号給が設定されていません"))
        return None
    else:
        salary = salary_grade(row.salary_schedule__code, row.grade, row.step)
    periods = FULL
    if p.absences or len(p.service or ()) != 1 or p.latest.valid_from > bonus_window(run.month)[0]:
        periods = service_periods(run.month, service=p.service or (), absences=p.absences or ())
    allowances = _allowances(c.facts, eid, appointee=appointee)
    rating, ratio = c.overrides.get(eid, (c.bands.get(eid, "good"), None))
    manager = not appointee and (row.grade or 0) >= MANAGER_GRADE and allowances.management_class > 0
    short, long = c.counted.get(eid, (0, 0))
    leave = c.covering.get(eid)
    return BonusInput(
        employee_id=str(eid),
        paid_on=run.paid_on,
        periods=periods,
        salary=salary,
        appointee_base=base,
        allowances=allowances,
        rating=rating,
        performance=ratio,
        staff_kind="specified_manager" if manager else "general",
        insurance=_insurance(c.facts, eid, p.birth_date),
        contribution_waived=leave is not None and bonus_contribution_waived(leave=leave, paid_on=run.paid_on),
        short_term_year_to_date=short,
        long_term_month_to_date=long,
        tax=tax_input(c.facts.tax_column(eid), c.facts.tax_dependents[eid]),
        previous_month_amount=c.previous.get(eid, 0),
    )


def _profile(p: _Person, c: _Context) -> BonusProfile:
    problems: list[Problem] = []
    inp: BonusInput | None = None
    try:
        inp = _input(p, c, problems)
    except RulesError as exc:
        problems.append(Problem("invalid_input", str(exc)))
    if p.employee_id not in c.facts.banked:
        problems.append(Problem("missing_bank_account", "振込口座が登録されていません"))
    profile = Profile(
        employee_id=p.employee_id,
        staff_number=p.staff_number,
        name=p.name,
        org_unit_id=p.latest.org_unit_id,
        is_appointee=p.latest.appointment_type in APPOINTEE_TYPES,
        pay_input=None,
        problems=tuple(problems),
        warnings=(),
    )
    return BonusProfile(profile, inp)


def bonus_profiles(run: PayrollRun, employee_ids: Iterable[int] | None = None) -> list[BonusProfile]:
    """Every employee of ``run``'s payer for its 基準日 (``run.month``), in 職員番号 order.

    A fixed number of queries whatever the number of employees.
    """
    org = run.organization_id
    only = set(employee_ids) if employee_ids else None
    people = _people(org, run.payer_id, run.month, only)
    ids = set(people)
    first, _ = bonus_window(run.month)
    covering = _childcare(org, people, first, run.paid_on)
    bands, overrides = _ratings(run)
    context = _Context(
        run=run,
        facts=gather_facts(organization_id=org, employee_ids=ids, on=run.month, month=run.month),
        bands=bands,
        overrides=overrides,
        previous=_previous_pay(org, run, ids),
        counted=_counted_bonus(org, run, ids),
        averages=_average_remuneration(org, run, ids),
        covering=covering,
    )
    return [_profile(p, context) for p in sorted(people.values(), key=lambda p: p.staff_number)]
