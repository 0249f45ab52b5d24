"""Payroll settings of the demo municipality デモ市, added by ``jinji seed-demo`` (a DemoStep).

Set-based: one query for the current 本務 of every employee, then one prepared INSERT per table
(:class:`~jinji.core.bulk.RowInserter`), so it stays fast at 100,000 staff. Adds, per 給与支払者,
the payroll calendar (支給日 21日), two 振込元口座 and a 振込依頼人コード; the 決裁 route of a run
(人事担当); a 予算科目 for every 所属 (one per top-level 所属); the 控除項目 互助会 and 組合費 with
amounts for the regular staff; 社会保険の加入 (共済 for
常勤; for 会計年度任用職員 with 週20時間以上: full-time 共済, part-time 共済短期 + 厚生年金, both
雇用保険 — payroll-rules.md §B1, §B4, §B5); the 報酬 of 会計年度任用職員 (full-time monthly, part-time
hourly); 管理職手当の種 of 部長・課長・所長; and the 住民税 特別徴収税額 of the current tax year.

The staff's 振込口座 already come with the personnel master (``jinji.demo.personal``). Amounts
are fictitious but plausible; 標準報酬の等級 are looked up in the legal grade tables from an
estimated 報酬月額. Deterministic for the same ``seed``.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Q

from jinji.accounts.models import Role, User
from jinji.core.bulk import RowInserter
from jinji.core.models import Organization, as_of_q
from jinji.core.rules_tables import rules_store
from jinji.org.models import OrgUnitVersion, Payer
from jinji.payroll.approval import APPLICATION_TYPE as APPROVAL_TYPE
from jinji.payroll.facts import resident_tax_year
from jinji.payroll.models import (
    AppointeeBasis,
    BudgetAccount,
    DeductionItem,
    EmployeeDeduction,
    EmployeePaySetting,
    InsuranceEnrolment,
    InsuranceScheme,
    PayrollCalendar,
    RemittingAccount,
    ResidentTax,
)
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind
from jinji.rules.social_insurance import grade_table
from jinji.workflow.models import ApproverKind, StepKind, WorkflowDefinition
from jinji.workflow.services import definition_publish
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec

UNION = "toyama_municipal"
"""共済組合の掛金率の表 (the only 市町村職員共済組合 table shipped: mutual_aid_rates.toyama_municipal)."""
PREFECTURE = "13"
"""協会けんぽの都道府県 (デモ県 is fictitious; 東京都 is the table shipped)."""
PAY_DAY = 21
CHUNK = 5000
INSURED_WEEK = 20 * 60  # 週20時間 (厚生年金・健康保険の短時間労働者, 雇用保険)

REMITTING = (
    # (金融機関コード, 名称, 支店コード, 支店名) — the demo's invented banks (jinji/demo/data/banks.csv)
    ("0990", "ﾃﾞﾓﾀﾞｲｲﾁｷﾞﾝｺｳ", "001", "ﾎﾝﾃﾝｴｲｷﾞﾖｳﾌﾞ"),
    ("1990", "ﾃﾞﾓｼﾝﾖｳｷﾝｺ", "001", "ﾎﾝﾃﾝ"),
)
DEDUCTION_ITEMS = (("gojokai", "互助会費", 10), ("kumiai", "組合費", 20))
MANAGEMENT_CLASS = {"100": 2, "300": 4, "310": 4}
"""管理職手当の種 by position: 部長 2種, 課長・所長 4種 (management_allowance table, 行(一))."""
REGULAR_TYPES = frozenset(
    {
        AppointmentType.REGULAR,
        AppointmentType.REAPPOINTED_FULL,
        AppointmentType.REAPPOINTED_SHORT,
        AppointmentType.FIXED_TERM,
        AppointmentType.TEMPORARY,
    }
)
APPOINTEES = frozenset({AppointmentType.FISCAL_YEAR_FULL, AppointmentType.FISCAL_YEAR_PART})


@dataclass(frozen=True, slots=True)
class _Post:
    employee_id: int
    appointment_type: str
    grade: int | None
    step: int | None
    weekly_minutes: int
    position_code: str | None
    since: datetime.date


def _posts(org_id: int, on: datetime.date) -> Iterator[_Post]:
    rows = (
        Assignment.objects.for_organization(org_id)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
        .filter(Q(employee__separated_on__isnull=True) | Q(employee__separated_on__gte=on))
        .order_by("employee_id")
        .values_list(
            "employee_id", "appointment_type", "grade", "step", "weekly_minutes", "position__code", "valid_from"
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        yield _Post(*row)


def _estimated_pay(post: _Post, rate: int) -> int:
    """A plausible 報酬月額 (給料 + 諸手当) for the demo's 標準報酬 and 住民税 (not a payroll result)."""
    if post.appointment_type == AppointmentType.FISCAL_YEAR_PART:
        return rate * post.weekly_minutes * 52 // 12 // 60
    if post.appointment_type == AppointmentType.FISCAL_YEAR_FULL:
        return rate
    return 170_000 + 40_000 * ((post.grade or 1) - 1) + 1_100 * (post.step or 1)


def _appointee_rate(rng: random.Random, post: _Post) -> tuple[str, int]:
    if post.appointment_type == AppointmentType.FISCAL_YEAR_FULL:
        return AppointeeBasis.MONTHLY, rng.randrange(176_000, 214_000, 100)
    return AppointeeBasis.HOURLY, rng.randrange(1_080, 1_400, 10)


def _settings_rows(org_id: int) -> tuple[int, int]:
    """Per-payer rows: calendar, remitting accounts, 振込依頼人コード."""
    calendars = accounts = 0
    for index, payer in enumerate(Payer.objects.for_organization(org_id).order_by("code"), start=1):
        if not payer.consignor_code:
            Payer.objects.filter(pk=payer.pk).update(consignor_code=f"99999{index:05d}")
        _, made = PayrollCalendar.objects.get_or_create(
            organization_id=org_id, payer=payer, defaults={"pay_day": PAY_DAY, "appointee_pay_day": PAY_DAY}
        )
        calendars += made
        if RemittingAccount.objects.for_organization(org_id).filter(payer=payer).exists():
            continue
        for n, (bank, bank_name, branch, branch_name) in enumerate(REMITTING):
            RemittingAccount.objects.create(
                organization_id=org_id,
                payer=payer,
                bank_code=bank,
                bank_name=bank_name,
                branch_code=branch,
                branch_name=branch_name,
                account_number=f"{index:02d}{n + 1:05d}",
                is_default=n == 0,
            )
            accounts += 1
    return calendars, accounts


def _budget_accounts(org_id: int, on: datetime.date) -> int:
    """人件費の予算科目 of every 所属, one 目 per top-level 所属 (部・局・独立の課): the journal sums
    payslips by their own 所属, so each unit carries the account of the top-level unit above it."""
    versions = OrgUnitVersion.objects.for_organization(org_id).filter(as_of_q(on))
    found = list(versions.values_list("unit_id", "parent_id", "unit__code", "name"))
    parents: dict[int, int | None] = {uid: parent for uid, parent, _, _ in found}
    labels = {uid: (code, name) for uid, _, code, name in found}
    have = set(BudgetAccount.objects.for_organization(org_id).values_list("org_unit_id", flat=True))
    rows: list[BudgetAccount] = []
    for uid in sorted(parents):
        top = uid
        while (parent := parents.get(top)) is not None and parent in parents:
            top = parent
        if uid in have:
            continue
        code, name = labels[top]
        rows.append(BudgetAccount(organization_id=org_id, org_unit_id=uid, code=f"01-{code}-02", name=f"{name} 職員給"))
    BudgetAccount.objects.bulk_create(rows)
    return len(rows)


def _deduction_items(org_id: int) -> dict[str, int]:
    ids: dict[str, int] = {}
    for code, name, order in DEDUCTION_ITEMS:
        item, _ = DeductionItem.objects.get_or_create(
            organization_id=org_id, code=code, defaults={"name": name, "sort_order": order}
        )
        ids[code] = item.pk
    return ids


_INSURANCE = (
    "organization_id", "employee_id", "valid_from", "scheme", "union", "short_term_grade", "long_term_grade",
    "short_term_member", "long_term_member", "welfare_pension", "prefecture", "employment_insurance",
)  # fmt: skip
_SETTING = (
    "organization_id", "employee_id", "valid_from", "management_class", "tax_column", "appointee_basis",
    "appointee_rate",
)  # fmt: skip
_DEDUCTION = ("organization_id", "employee_id", "valid_from", "item_id", "amount")
_TAX = ("organization_id", "employee_id", "fiscal_year", "municipality_code", "june_amount", "monthly_amount")


class _Writer:
    def __init__(self) -> None:
        self.inserters = {
            "insurance": RowInserter(InsuranceEnrolment, _INSURANCE),
            "settings": RowInserter(EmployeePaySetting, _SETTING),
            "deductions": RowInserter(EmployeeDeduction, _DEDUCTION),
            "resident_tax": RowInserter(ResidentTax, _TAX),
        }
        self.pending: dict[str, list[tuple[object, ...]]] = {k: [] for k in self.inserters}
        self.counts: dict[str, int] = dict.fromkeys(self.inserters, 0)

    def add(self, key: str, row: tuple[object, ...]) -> None:
        self.pending[key].append(row)
        if len(self.pending[key]) >= CHUNK:
            self.flush(key)

    def flush(self, key: str | None = None) -> None:
        for k in [key] if key else list(self.pending):
            self.counts[k] += self.inserters[k].insert(self.pending[k])
            self.pending[k] = []


def _approval_route(acting_user: User) -> int:
    """決裁 of a run (``payroll_run_approval``): final approval by 人事担当, unless a route exists."""
    if WorkflowDefinition.objects.filter(application_type=APPROVAL_TYPE).exists():
        return 0
    final = StepSpec(
        name="人事課決裁", kind=StepKind.FINAL_APPROVAL, approvers=(ApproverSpec(kind=ApproverKind.ROLE, role=Role.HR),)
    )
    spec = DefinitionSpec(name="給与計算の決裁", steps=(final,))
    definition_publish(acting_user=acting_user, application_type=APPROVAL_TYPE, spec=spec)
    return 1


def seed_demo_payroll(*, organization: Organization, acting_user: User, on: datetime.date, seed: int) -> dict[str, int]:
    """Add デモ市's payroll settings as of ``on``; employees that already have a pay setting are skipped."""
    org_id = organization.pk
    routes = _approval_route(acting_user)
    rng = random.Random(f"payroll-{seed}")  # noqa: S311  (reproducible demo data, not security)
    calendars, accounts = _settings_rows(org_id)
    budgets = _budget_accounts(org_id, on)
    items = _deduction_items(org_id)
    fiscal = resident_tax_year(on)
    short = grade_table(scheme="short_term", on=on, store=rules_store())
    long = grade_table(scheme="long_term", on=on, store=rules_store())
    done = set(EmployeePaySetting.objects.for_organization(org_id).values_list("employee_id", flat=True))
    taxed = set(
        ResidentTax.objects.for_organization(org_id).filter(fiscal_year=fiscal).values_list("employee_id", flat=True)
    )
    w = _Writer()
    for post in _posts(org_id, on):
        eid = post.employee_id
        if eid in done:
            continue
        appointee = post.appointment_type in APPOINTEES
        if not appointee and post.appointment_type not in REGULAR_TYPES:
            continue  # 特別職 (副市長・教育長): paid under their own ordinance, outside the demo
        basis, rate = _appointee_rate(rng, post) if appointee else ("", 0)
        pay = _estimated_pay(post, rate)
        management = MANAGEMENT_CLASS.get(post.position_code or "", 0) if not appointee else 0
        w.add("settings", (org_id, eid, post.since, management, "kou", basis, rate))
        insured = not appointee or post.weekly_minutes >= INSURED_WEEK
        if insured:
            part = post.appointment_type == AppointmentType.FISCAL_YEAR_PART
            w.add(
                "insurance",
                (
                    org_id, eid, post.since, InsuranceScheme.MUTUAL_AID, UNION, short.grade(pay), long.grade(pay),
                    True, not part, part, PREFECTURE if part else "", appointee,
                ),
            )  # fmt: skip
        if not appointee:
            w.add("deductions", (org_id, eid, post.since, items["gojokai"], 1_000))
            if management == 0 and rng.random() < 0.7:  # 管理職員等 are outside the 職員団体
                w.add("deductions", (org_id, eid, post.since, items["kumiai"], rng.choice((2_500, 3_000, 3_500))))
        if eid not in taxed and pay >= 100_000:
            monthly = pay * 4 // 100 // 100 * 100  # about 4% of the pay, in 100 yen
            w.add(
                "resident_tax",
                (org_id, eid, fiscal, organization.code[:6], monthly + rng.randrange(0, 1_200, 100), monthly),
            )
    w.flush()
    return {
        "給与カレンダー": calendars,
        "振込元口座": accounts,
        "決裁ルート": routes,
        "予算科目": budgets,
        "給与の個人設定": w.counts["settings"],
        "社会保険の加入": w.counts["insurance"],
        "職員別控除": w.counts["deductions"],
        "住民税": w.counts["resident_tax"],
    }
