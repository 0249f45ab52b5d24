"""共済 contribution report data of one run: per 組合員 the 標準報酬 (短期・長期), the 掛金 the payslip
deducted and the employer's 負担金.

掛金 are read from the payslips (what was actually deducted). 標準報酬 come from the enrolment in force
on the pay date and the union's grade tables of the rules core (the same tables the payslip used).
負担金: each item is borne half by the employee and half by the employer (payroll-rules.md §B1), so
the employer's share of each item equals the employee's — except 厚生年金, whose employer share is the
payer's total 長期標準報酬 × 183/1000 (円未満切捨て) minus the employees' shares (§B1 "Rounding");
that difference is reported on the total row. Employer-only items (経過的長期 …) have no rate in the
rules core and are not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from jinji.core.models import as_of_q
from jinji.payroll.models import InsuranceEnrolment, InsuranceScheme, PayrollRun, Payslip
from jinji.rules.money import floor_yen_ratio
from jinji.rules.social_insurance.mutual_aid import ITEMS, mutual_aid_table
from jinji.rules.tables import TableStore

ITEM_LABELS = {
    "short_term": "短期掛金",
    "nursing_care": "介護掛金",
    "welfare": "福祉掛金",
    "child_support": "子ども・子育て支援掛金",
    "pension": "厚生年金保険料",
    "retirement_benefit": "退職等年金給付掛金",
}
PENSION_TOTAL_PER_MILLE = 183  # 厚生年金 18.3% (91.5/1000 each), payroll-rules.md §B1
HEADER = (
    "職員番号", "氏名", "共済組合", "短期等級", "短期標準報酬", "長期等級", "長期標準報酬",
    *(f"掛金 {ITEM_LABELS[i]}" for i in ITEMS), "掛金計",
    *(f"負担金 {ITEM_LABELS[i]}" for i in ITEMS), "負担金計",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class MemberRow:
    staff_number: str
    name: str
    union: str
    short_grade: int
    short_standard: int
    long_grade: int
    long_standard: int
    contributions: tuple[int, ...]  # in ITEMS order

    def cells(self) -> list[object]:
        total = sum(self.contributions)
        return [
            self.staff_number, self.name, self.union, self.short_grade, self.short_standard, self.long_grade,
            self.long_standard, *self.contributions, total, *self.contributions, total,
        ]  # fmt: skip


def member_rows(*, run: PayrollRun, store: TableStore | None = None) -> list[MemberRow]:
    """共済組合員 of ``run`` with 標準報酬 and 掛金 (two queries)."""
    on = run.paid_on
    enrolments = {
        row[0]: row[1:]
        for row in InsuranceEnrolment.objects.for_organization(run.organization_id)
        .filter(as_of_q(on), scheme=InsuranceScheme.MUTUAL_AID)
        .order_by("employee_id", "valid_from")
        .values_list(
            "employee_id", "union", "short_term_grade", "long_term_grade", "short_term_member", "long_term_member"
        )
    }
    tables = {}
    out = []
    slips = (
        Payslip.unscoped.filter(run_id=run.pk)
        .order_by("employee__staff_number")
        .values_list("employee_id", "employee__staff_number", "employee__family_name", "employee__given_name",
                     "deductions")
    )  # fmt: skip
    for eid, number, family, given, deductions in slips:
        enrolment = enrolments.get(eid)
        if enrolment is None:
            continue
        union, short, long_, short_member, long_member = enrolment
        if union not in tables:
            tables[union] = mutual_aid_table(union=union, month=on, store=store)
        table = tables[union]
        amounts = {str(code): int(amount) for code, _, amount in deductions}
        out.append(
            MemberRow(
                staff_number=number,
                name=f"{family} {given}",
                union=union,
                short_grade=short if short_member else 0,
                short_standard=table.short.standard_of_grade(short) if short_member else 0,
                long_grade=long_ if long_member else 0,
                long_standard=table.long.standard_of_grade(long_) if long_member else 0,
                contributions=tuple(amounts.get(item, 0) for item in ITEMS),
            )
        )
    return out


def total_row(rows: list[MemberRow]) -> list[object]:
    """合計 with the employer's 厚生年金 share by the 所属所 rule (total × 183/1000, truncated, minus employees')."""
    contributions = [sum(r.contributions[i] for r in rows) for i in range(len(ITEMS))]
    employer = list(contributions)
    pension = ITEMS.index("pension")
    pension_base = sum(r.long_standard for r in rows if r.contributions[pension])
    employer[pension] = floor_yen_ratio(pension_base * PENSION_TOTAL_PER_MILLE, 1000) - contributions[pension]
    return [
        "合計", f"{len(rows)}名", "", "", sum(r.short_standard for r in rows), "", sum(r.long_standard for r in rows),
        *contributions, sum(contributions), *employer, sum(employer),
    ]  # fmt: skip


def report_rows(*, run: PayrollRun, store: TableStore | None = None) -> Iterator[list[object]]:
    rows = member_rows(run=run, store=store)
    for row in rows:
        yield row.cells()
    yield total_row(rows)
