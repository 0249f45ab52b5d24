"""Reads of payroll: runs, a run's payslip rows, an employee's payslip history, one payslip (audited
when it is someone else's), and the dashboard figures. Bounded queries whatever the data size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.http import Http404

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.audit.services import audit_read
from jinji.org.models import Payer
from jinji.payroll import events
from jinji.payroll.models import PayrollRun, Payslip, RunStatus
from jinji.personnel.models import Employee
from jinji.personnel.selectors.assignments import unit_names_at

PAGE = 200


@dataclass(frozen=True, slots=True)
class PayslipRow:
    id: int
    employee_id: int
    staff_number: str
    name: str
    gross: int
    total_deductions: int
    net: int


@dataclass(frozen=True, slots=True)
class PayslipView:
    id: int
    run: PayrollRun
    employee_id: int
    staff_number: str
    name: str
    gross: int
    total_deductions: int
    net: int
    taxable: int
    earnings: list[tuple[str, str, int]]
    deductions: list[tuple[str, str, int]]
    tables: list[str]


def run_list(*, organization_id: int) -> list[PayrollRun]:
    return list(PayrollRun.objects.for_organization(organization_id).select_related("payer")[:120])


def is_pay_finalized(organization_id: int, month: datetime.date) -> bool:
    """Whether a monthly run of ``month`` is finalized for a payer of the organization. Looked up by name by
    ``jinji.applications.pay_status`` to mark a 認定 effective in such a month 遡及 (差額 to settle)."""
    return bool(
        PayrollRun.unscoped.filter(
            organization_id=organization_id, month=month.replace(day=1), kind="monthly", status=RunStatus.FINALIZED
        ).exists()
    )


def payers(*, organization_id: int) -> list[Payer]:
    return list(Payer.objects.for_organization(organization_id).order_by("code"))


def run_get(*, organization_id: int, run_id: int) -> PayrollRun:
    run: PayrollRun | None = (
        PayrollRun.objects.for_organization(organization_id).select_related("payer").filter(pk=run_id).first()
    )
    if run is None:
        raise Http404("給与計算が見つかりません")
    return run


def run_payslip_rows(*, run: PayrollRun, limit: int = PAGE) -> list[PayslipRow]:
    rows = (
        Payslip.unscoped.filter(run_id=run.pk)
        .order_by("employee__staff_number")
        .values_list(
            "id", "employee_id", "employee__staff_number", "employee__family_name", "employee__given_name",
            "gross", "total_deductions", "net",
        )[:limit]
    )  # fmt: skip
    return [PayslipRow(i, e, n, f"{fa} {gi}", g, d, net) for i, e, n, fa, gi, g, d, net in rows]


def payslip_history(*, organization_id: int, employee_id: int, include_unfinalized: bool = False) -> list[Payslip]:
    """An employee's payslips, newest first (staff see finalized runs only)."""
    qs = Payslip.objects.for_organization(organization_id).filter(employee_id=employee_id).select_related("run")
    if not include_unfinalized:
        qs = qs.filter(run__status=RunStatus.FINALIZED)
    return list(qs.order_by("-run__paid_on", "run__kind")[:120])


def _lines(raw: list[list[object]]) -> list[tuple[str, str, int]]:
    return [(str(c), str(label), int(str(a))) for c, label, a in raw]


def payslip_for(*, user: User, payslip_id: int) -> PayslipView:
    """One payslip: the user's own (finalized), or anyone's for 給与担当 — that read is audited."""
    slip = (
        Payslip.objects.for_organization(user.organization_id).select_related("run", "employee").filter(pk=payslip_id)
    )
    found = slip.first()
    if found is None:
        raise Http404("給与明細が見つかりません")
    own = user.employee_id is not None and found.employee_id == user.employee_id
    if own and found.run.status != RunStatus.FINALIZED:
        raise Http404("給与明細が見つかりません")
    if not own:
        if not has_role(user, [Role.PAYROLL]):
            raise Http404("給与明細が見つかりません")
        audit_read(actor=user, action=events.PAYSLIP_READ, target=found, detail={"employee": found.employee_id})
    employee: Employee = found.employee
    return PayslipView(
        id=found.pk,
        run=found.run,
        employee_id=found.employee_id,
        staff_number=employee.staff_number,
        name=employee.full_name,
        gross=found.gross,
        total_deductions=found.total_deductions,
        net=found.net,
        taxable=found.taxable,
        earnings=_lines(found.earnings),
        deductions=_lines(found.deductions),
        tables=[str(t) for t in found.tables],
    )


@dataclass(frozen=True, slots=True)
class CostBar:
    label: str
    amount: int
    percent: int


def _bars(pairs: list[tuple[str, int]]) -> list[CostBar]:
    top = max((a for _, a in pairs), default=0) or 1
    return [CostBar(label, amount, amount * 100 // top) for label, amount in pairs]


def dashboard(*, organization_id: int, months: int = 12) -> dict[str, list[CostBar]]:
    """人件費 by month and by unit (latest month), overtime cost and headcount by month (3 queries)."""
    runs = list(
        PayrollRun.objects.for_organization(organization_id)
        .filter(kind="monthly", status__in=[RunStatus.COMPUTED, RunStatus.APPROVED, RunStatus.FINALIZED])
        .order_by("-month")
        .values_list("pk", "month", "total_gross", "headcount")[: months * 4]
    )
    by_month: defaultdict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])
    for _, month, gross, heads in runs:
        by_month[month][0] += gross
        by_month[month][1] += heads
    ordered = sorted(by_month)[-months:]
    latest = [pk for pk, month, _, _ in runs if ordered and month == ordered[-1]]
    units = (
        Payslip.unscoped.filter(run_id__in=latest)
        .values("org_unit_id")
        .annotate(total=Sum("gross"), n=Count("id"))
        .order_by("-total")[:15]
    )
    unit_rows = [(u["org_unit_id"], u["total"]) for u in units]
    names = unit_names_at(organization_id, [(u, ordered[-1]) for u, _ in unit_rows if u]) if ordered else {}
    overtime: defaultdict[datetime.date, int] = defaultdict(int)
    month_of = {pk: month for pk, month, _, _ in runs}
    sums = Payslip.unscoped.filter(run_id__in=list(month_of)).values("run_id").annotate(total=Sum("overtime_pay"))
    for row in sums:
        overtime[month_of[row["run_id"]]] += row["total"] or 0
    return {
        "cost_by_month": _bars([(f"{m:%Y-%m}", by_month[m][0]) for m in ordered]),
        "headcount_by_month": _bars([(f"{m:%Y-%m}", by_month[m][1]) for m in ordered]),
        "overtime_by_month": _bars([(f"{m:%Y-%m}", overtime[m]) for m in ordered]),
        "cost_by_unit": _bars([(names.get((u, ordered[-1]), ("", "未設定"))[1], t) for u, t in unit_rows]),
    }
