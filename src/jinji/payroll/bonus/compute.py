"""Compute a bonus run: gather → BonusInput → :func:`jinji.rules.payslip.compute_bonus_payslips` in chunks.

The result is the monthly run's :class:`~jinji.payroll.engine.Outcome` (profile, PayResult pairs
and anomalies), so the lifecycle (persist, review, approve, finalize, outputs) is the monthly one.
A chunk that fails is recomputed one by one so the failure is pinned on the employee.
Employees with no bonus (no service in the window) get no payslip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jinji.core.rules_tables import rules_store
from jinji.payroll.bonus.gather import bonus_profiles
from jinji.payroll.engine import CHUNK, Outcome
from jinji.payroll.models import PayrollRun
from jinji.payroll.profile import Problem, Profile
from jinji.rules.errors import RulesError, TableNotFound
from jinji.rules.payslip import BonusInput, BonusResult, compute_bonus_payslips
from jinji.rules.payslip.bonus import BonusTables, bonus_with_tables, resolve_bonus_tables


def _keep(out: Outcome, profile: Profile, result: BonusResult) -> None:
    if result.pay.gross > 0:
        out.results.append((profile, result.pay))


def _one_by_one(chunk: Sequence[tuple[Profile, BonusInput]], tables: BonusTables, out: Outcome) -> None:
    for profile, inp in chunk:
        try:
            _keep(out, profile, bonus_with_tables(inp, tables))
        except TableNotFound as exc:
            out.flag(profile, Problem("table_missing", str(exc)))
        except RulesError as exc:
            out.flag(profile, Problem("invalid_input", str(exc)))


def _ready(run: PayrollRun, out: Outcome) -> list[tuple[Profile, BonusInput]]:
    """Profiles with an input, their problems flagged (excluded employees skipped)."""
    profiles = bonus_profiles(run, run.employee_ids or None)
    PayrollRun.objects.filter(pk=run.pk).update(progress_total=len(profiles))
    excluded = frozenset(run.excluded_ids)
    ready: list[tuple[Profile, BonusInput]] = []
    for bp in profiles:
        if bp.profile.employee_id in excluded:
            continue
        for problem in bp.profile.problems:
            out.flag(bp.profile, problem)
        if bp.bonus_input is not None:
            ready.append((bp.profile, bp.bonus_input))
    return ready


def bonus_outcome(run: PayrollRun, progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Every bonus payslip of ``run`` (excluded employees skipped) and the anomalies to review."""
    out = Outcome()
    ready = _ready(run, out)
    try:
        tables = resolve_bonus_tables(run.month, run.paid_on, [inp for _, inp in ready], store=rules_store())
    except RulesError as exc:
        code = "table_missing" if isinstance(exc, TableNotFound) else "invalid_input"
        for profile, _ in ready:
            out.flag(profile, Problem(code, str(exc)))
        return out
    done = 0
    for start in range(0, len(ready), CHUNK):
        chunk = ready[start : start + CHUNK]
        try:
            batch = compute_bonus_payslips(
                [inp for _, inp in chunk], base_date=run.month, paid_on=run.paid_on, tables=tables
            )
        except RulesError:
            _one_by_one(chunk, tables, out)
        else:
            for (profile, _), computed in zip(chunk, batch, strict=True):
                _keep(out, profile, computed)
        done += len(chunk)
        PayrollRun.objects.filter(pk=run.pk).update(progress_done=done)
        if progress is not None:
            progress(done, len(ready))
    for profile, result in out.results:
        if result.net < 0:
            out.flag(profile, Problem("negative_net", f"差引支給額が {result.net:,} 円です"))
    return out
