"""Compute a run's payslips from profiles (gather → compute → save; this is the compute part).

Batches go through :func:`jinji.rules.payslip.compute_payslips` in chunks (the progress unit);
a chunk that fails is recomputed one by one so the failure is pinned on the employee(s) and
named (表がない / 入力が不正) while the others still get their payslips.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jinji.payroll.part_month import part_month_payslip
from jinji.payroll.profile import Problem, Profile
from jinji.rules.errors import RulesError, TableNotFound
from jinji.rules.payslip import PayInput, PayResult, compute_payslip, compute_payslips, resolve_pay_tables
from jinji.rules.tables import TableStore

if TYPE_CHECKING:
    from jinji.payroll.retro.pending import Pending

CHUNK = 5000

LABELS: Mapping[str, str] = {
    "missing_salary_step": "号給未設定",
    "missing_appointee_rate": "報酬額未設定",
    "missing_bank_account": "振込口座なし",
    "attendance_not_closed": "勤怠未締め",
    "table_missing": "支給日に有効な表がない",
    "invalid_input": "入力不正",
    "negative_net": "差引支給額がマイナス",
    "large_change": "前月比の大きな変動",
    "part_month": "日割計算",
}
NON_BLOCKING = frozenset({"large_change", "part_month"})


@dataclass(slots=True)
class Outcome:
    results: list[tuple[Profile, PayResult]] = field(default_factory=list)
    anomalies: list[dict[str, Any]] = field(default_factory=list)
    adjustments: Pending | None = None  # 差額・追給・戻入 the run pays (linked when its payslips are saved)

    def flag(self, profile: Profile, problem: Problem) -> None:
        self.anomalies.append(anomaly(profile, problem))


def anomaly(profile: Profile, problem: Problem) -> dict[str, Any]:
    return {
        "employee_id": profile.employee_id,
        "staff_number": profile.staff_number,
        "name": profile.name,
        "code": problem.code,
        "label": LABELS.get(problem.code, problem.code),
        "message": problem.message,
        "blocking": problem.code not in NON_BLOCKING,
    }


def _one_by_one(chunk: Sequence[tuple[Profile, PayInput]], store: TableStore, out: Outcome) -> None:
    for profile, inp in chunk:
        try:
            out.results.append((profile, compute_payslip(inp, store=store)))
        except TableNotFound as exc:
            out.flag(profile, Problem("table_missing", str(exc)))
        except RulesError as exc:
            out.flag(profile, Problem("invalid_input", str(exc)))


def _part_months(profiles: Sequence[Profile], paid_on: datetime.date, store: TableStore, out: Outcome) -> None:
    """Payslips of the staff paid by days (tables resolved once for all their periods)."""
    if not profiles:
        return
    inputs = [p.pay_input for pr in profiles if pr.part_month is not None for p in pr.part_month.periods]
    try:
        tables = resolve_pay_tables(paid_on, inputs, store=store)
    except RulesError:
        tables = None
    for profile in profiles:
        assert profile.part_month is not None
        try:
            if tables is None:
                periods_inputs = [p.pay_input for p in profile.part_month.periods]
                own = resolve_pay_tables(paid_on, periods_inputs, store=store, batch=False)
                out.results.append((profile, part_month_payslip(profile.part_month, own)))
            else:
                out.results.append((profile, part_month_payslip(profile.part_month, tables)))
        except TableNotFound as exc:
            out.flag(profile, Problem("table_missing", f"職員 {profile.employee_id}: {exc}"))
        except RulesError as exc:
            out.flag(profile, Problem("invalid_input", f"職員 {profile.employee_id}: {exc}"))


def compute_profiles(
    profiles: Sequence[Profile],
    *,
    paid_on: datetime.date,
    store: TableStore,
    excluded: frozenset[int] = frozenset(),
    progress: Callable[[int], None] | None = None,
) -> Outcome:
    """Payslips of every profile with an input (excluded employees skipped), and the anomalies."""
    out = Outcome()
    ready: list[tuple[Profile, PayInput]] = []
    by_days: list[Profile] = []
    for profile in profiles:
        if profile.employee_id in excluded:
            continue
        for problem in (*profile.problems, *profile.warnings):
            out.flag(profile, problem)
        if profile.part_month is not None:
            by_days.append(profile)
        elif profile.pay_input is not None:
            ready.append((profile, profile.pay_input))
    _part_months(by_days, paid_on, store, out)
    done = 0
    for start in range(0, len(ready), CHUNK):
        chunk = ready[start : start + CHUNK]
        try:
            batch = compute_payslips([inp for _, inp in chunk], paid_on=paid_on, store=store)
            out.results.extend(zip((p for p, _ in chunk), batch, strict=True))
        except RulesError:
            _one_by_one(chunk, store, out)
        done += len(chunk)
        if progress is not None:
            progress(done)
    for profile, result in out.results:
        if result.net < 0:
            out.flag(profile, Problem("negative_net", f"差引支給額が {result.net:,} 円です"))
    return out


def compare_previous(out: Outcome, previous: Mapping[int, int], *, threshold_percent: int) -> None:
    """Flag a net pay that moved more than ``threshold_percent`` from last month (int arithmetic)."""
    for profile, result in out.results:
        before = previous.get(profile.employee_id)
        if before is None or before <= 0:
            continue
        if abs(result.net - before) * 100 > before * threshold_percent:
            message = f"前月 {before:,} 円 → 今月 {result.net:,} 円 ({threshold_percent}% 超の変動)"
            out.flag(profile, Problem("large_change", message))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a run builds 100,000s of small objects.

    Profiles, inputs, results and rows hold no reference cycles (reference counting frees
    them); with the collector on, its full passes re-scan everything built so far (the same
    reasoning as :func:`jinji.rules.payslip.compute_payslips`). Re-enabled on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def lines(items: Sequence[Any]) -> list[list[Any]]:
    return [[i.code, i.label, i.amount] for i in items]
