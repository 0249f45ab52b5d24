"""Recompute one finalized month as known now and compare it, item by item, with what was paid.

The month goes through the same set-based path as a monthly run (profiles → engine), with the
original pay date (so the tables in force then — including a table published later with an
earlier effective date, e.g. a 人勧 revision from April — and the master as it reads now).
"What was paid" is the finalized payslip plus every difference of that month already settled
(paid in a finalized run), so a settled difference is never paid twice. Lines that themselves
paid a 差額 or 追給・戻入 are not recomputed.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, Sum

from jinji.payroll.calendar import payer_calendar
from jinji.payroll.engine import compute_profiles
from jinji.payroll.models import PayrollRun, Payslip, RunStatus
from jinji.payroll.profile import run_profiles
from jinji.payroll.retro.labels import PRORATED_SUFFIX, is_adjustment
from jinji.payroll.retro_models import RetroDifference, RetroStatus
from jinji.rules.payslip.result import COMMUTING
from jinji.rules.tables import TableStore

DIFF_COLUMNS = (
    "organization_id", "calculation_id", "employee_id", "source_month", "item_code", "item_label", "taxable",
    "amount_paid", "amount_due", "diff",
)  # fmt: skip


@dataclass(slots=True)
class MonthResult:
    """The rows (in ``DIFF_COLUMNS`` order, without the two ids) and the problems of one month."""

    rows: list[tuple[Any, ...]] = field(default_factory=list)
    anomalies: list[dict[str, Any]] = field(default_factory=list)
    employees: set[int] = field(default_factory=set)
    total: int = 0


def _paid(run: PayrollRun) -> Iterator[tuple[int, list[list[Any]]]]:
    rows = Payslip.unscoped.filter(run_id=run.pk).values_list("employee_id", "earnings")
    yield from rows.iterator(chunk_size=5000)


def _settled(run: PayrollRun, calculation_id: int) -> dict[tuple[int, str], int]:
    """(employee, item) → differences of ``run``'s month that other 差額計算 already pay: paid in a
    finalized run, or computed and waiting for their pay month (one query)."""
    rows = (
        RetroDifference.objects.filter(calculation__payer_id=run.payer_id, source_month=run.month)
        .filter(Q(paid_in_run__status=RunStatus.FINALIZED) | Q(calculation__status=RetroStatus.COMPUTED))
        .exclude(calculation_id=calculation_id)
        .values_list("employee_id", "item_code")
        .annotate(total=Sum("diff"))
    )
    return {(eid, code): total for eid, code, total in rows}


def recompute_month(run: PayrollRun, *, calculation_id: int, store: TableStore) -> MonthResult:
    """Differences of the finalized monthly run ``run`` (see the module docstring)."""
    profiles = run_profiles(run, payer_calendar(organization_id=run.organization_id, payer_id=run.payer_id))
    out = compute_profiles(profiles, paid_on=run.paid_on, store=store, excluded=frozenset(run.excluded_ids))
    due: dict[int, dict[str, tuple[int, str, bool]]] = {}
    for profile, result in out.results:
        items: dict[str, tuple[int, str, bool]] = {}
        for item in result.earnings:
            if not is_adjustment(item.code):
                before = items.get(item.code, (0, "", True))[0]
                items[item.code] = (before + item.amount, item.label.removesuffix(PRORATED_SUFFIX), item.taxable)
        due[profile.employee_id] = items
    settled = _settled(run, calculation_id)
    month = MonthResult()
    blocked: defaultdict[int, list[str]] = defaultdict(list)
    for a in out.anomalies:
        if a["blocking"]:
            blocked[a["employee_id"]].append(str(a["message"]))
    names = {p.employee_id: (p.staff_number, p.name) for p in profiles}
    for eid, earnings in _paid(run):
        now = due.get(eid)
        if now is None:
            number, name = names.get(eid, ("", f"職員 {eid}"))
            reason = "、".join(blocked.get(eid, [])) or "当時の給与支払者の職員として見つかりません"
            month.anomalies.append(
                {"month": f"{run.month:%Y-%m}", "employee_id": eid, "staff_number": number, "name": name,
                 "message": f"再計算できませんでした: {reason}"}
            )  # fmt: skip
            continue
        paid: dict[str, tuple[int, str]] = {}
        for code, label, amount in earnings:
            if not is_adjustment(code):
                before = paid.get(code, (0, ""))[0]
                paid[code] = (before + int(amount), str(label).removesuffix(PRORATED_SUFFIX))
        for code in now.keys() | paid.keys():
            amount_due, label, taxable = now.get(code, (0, "", code != COMMUTING))
            amount_paid = paid.get(code, (0, label))[0] + settled.get((eid, code), 0)
            diff = amount_due - amount_paid
            if diff:
                month.rows.append(
                    (eid, run.month, code, label or paid[code][1], taxable, amount_paid, amount_due, diff)
                )
                month.employees.add(eid)
                month.total += diff
    return month


def month_runs(
    *, payer_id: int, first: datetime.date, last: datetime.date
) -> tuple[list[PayrollRun], list[datetime.date]]:
    """The finalized monthly runs of the range, and the months of the range without one."""
    runs = list(
        PayrollRun.objects.filter(
            payer_id=payer_id, kind="monthly", status=RunStatus.FINALIZED, month__gte=first, month__lte=last
        ).order_by("month")
    )
    have = {r.month for r in runs}
    missing: list[datetime.date] = []
    m = first
    while m <= last:
        if m not in have:
            missing.append(m)
        m = (m + datetime.timedelta(days=32)).replace(day=1)
    return runs, missing
