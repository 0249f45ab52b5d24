"""Reads of a bonus run page: per-payslip 期末・勤勉 columns and the 成績率 entered (bounded queries)."""

from __future__ import annotations

from dataclasses import dataclass

from jinji.payroll.bonus_models import BonusRating, BonusRatingChoice
from jinji.payroll.models import PayrollRun, Payslip
from jinji.rules.payslip.bonus import DILIGENCE, TERM_END

PAGE = 200


@dataclass(frozen=True, slots=True)
class BonusRow:
    id: int
    staff_number: str
    name: str
    term_end: int  # 期末手当
    diligence: int  # 勤勉手当
    social_insurance: int
    income_tax: int
    net: int
    rating: str  # 成績率 entered for this run ("" = from the 人事評価 or 標準)


@dataclass(frozen=True, slots=True)
class RatingRow:
    staff_number: str
    name: str
    rating: str
    ratio_percent: str
    reason: str


def _amount(lines: list[list[object]], code: str) -> int:
    return sum(int(str(a)) for c, _l, a in lines if c == code)


def rating_rows(*, run: PayrollRun) -> list[RatingRow]:
    """The 成績率 entered for ``run`` (one query)."""
    rows = (
        BonusRating.objects.for_organization(run.organization_id)
        .filter(run=run)
        .order_by("employee__staff_number")
        .values_list("employee__staff_number", "employee__family_name", "employee__given_name", "rating",
                     "ratio_percent", "reason")
    )  # fmt: skip
    return [
        RatingRow(n, f"{f} {g}", BonusRatingChoice(r).label, "" if p is None else f"{p}/100", reason)
        for n, f, g, r, p, reason in rows
    ]


def bonus_rows(*, run: PayrollRun, limit: int = PAGE) -> list[BonusRow]:
    """The first ``limit`` bonus payslips with their 期末・勤勉 amounts (two queries)."""
    entered = dict(
        BonusRating.objects.for_organization(run.organization_id).filter(run=run).values_list("employee_id", "rating")
    )
    rows = (
        Payslip.unscoped.filter(run_id=run.pk)
        .order_by("employee__staff_number")
        .values_list("id", "employee_id", "employee__staff_number", "employee__family_name", "employee__given_name",
                     "earnings", "social_insurance", "income_tax", "net")[:limit]
    )  # fmt: skip
    return [
        BonusRow(
            id=pk,
            staff_number=number,
            name=f"{family} {given}",
            term_end=_amount(earnings, TERM_END),
            diligence=_amount(earnings, DILIGENCE),
            social_insurance=social,
            income_tax=tax,
            net=net,
            rating=BonusRatingChoice(entered[eid]).label if eid in entered else "",
        )
        for pk, eid, number, family, given, earnings, social, tax, net in rows
    ]
