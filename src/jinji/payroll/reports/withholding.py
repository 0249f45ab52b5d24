"""源泉徴収簿 data: per employee and calendar year, each finalized payment (月例給与・賞与) by pay date with
支給額, 社会保険料, 社会保険料等控除後の給与等の金額 (課税対象額) and 所得税 — the inputs of 年末調整.

The year is the calendar year of the pay date (所得税法: 給与等の支払の確定した日の属する年). Only
finalized runs count. One query for a page; the CSV streams in chunks.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from jinji.payroll.models import Payslip, RunKind, RunStatus

HEADER = (
    "職員番号", "氏名", "年", "区分", "支給月", "支給日", "総支給金額", "社会保険料等",
    "社会保険料等控除後の給与等の金額", "算出所得税額",
)  # fmt: skip
KIND_LABELS = {RunKind.MONTHLY.value: "給与", RunKind.BONUS.value: "賞与"}


@dataclass(frozen=True, slots=True)
class BookLine:
    kind: str  # 給与 / 賞与
    month: datetime.date
    paid_on: datetime.date
    gross: int
    social_insurance: int
    taxable: int
    income_tax: int


@dataclass(slots=True)
class BookTotals:
    gross: int = 0
    social_insurance: int = 0
    taxable: int = 0
    income_tax: int = 0

    def add(self, line: BookLine) -> None:
        self.gross += line.gross
        self.social_insurance += line.social_insurance
        self.taxable += line.taxable
        self.income_tax += line.income_tax


@dataclass(slots=True)
class WithholdingBook:
    year: int
    salary: list[BookLine] = field(default_factory=list)
    bonus: list[BookLine] = field(default_factory=list)
    salary_total: BookTotals = field(default_factory=BookTotals)
    bonus_total: BookTotals = field(default_factory=BookTotals)
    total: BookTotals = field(default_factory=BookTotals)


FIELDS = ("run__kind", "run__month", "run__paid_on", "gross", "social_insurance", "taxable", "income_tax")


def _finalized(organization_id: int, year: int) -> object:
    return Payslip.objects.for_organization(organization_id).filter(
        run__status=RunStatus.FINALIZED,
        run__paid_on__gte=datetime.date(year, 1, 1),
        run__paid_on__lte=datetime.date(year, 12, 31),
    )


def withholding_book(*, organization_id: int, employee_id: int, year: int) -> WithholdingBook:
    """One employee's 源泉徴収簿 lines for ``year`` (one query)."""
    book = WithholdingBook(year=year)
    qs = _finalized(organization_id, year).filter(employee_id=employee_id)  # type: ignore[attr-defined]
    for kind, month, paid_on, gross, social, taxable, tax in qs.order_by("run__paid_on", "run__kind").values_list(
        *FIELDS
    ):
        line = BookLine(KIND_LABELS.get(kind, kind), month, paid_on, gross, social, taxable, tax)
        (book.bonus if kind == RunKind.BONUS else book.salary).append(line)
        (book.bonus_total if kind == RunKind.BONUS else book.salary_total).add(line)
        book.total.add(line)
    return book


def withholding_rows(*, organization_id: int, year: int, payer_id: int | None = None) -> Iterator[list[object]]:
    """CSV rows (:data:`HEADER`) of every employee paid in ``year``, by 職員番号 and pay date."""
    qs = _finalized(organization_id, year)
    if payer_id is not None:
        qs = qs.filter(run__payer_id=payer_id)  # type: ignore[attr-defined]
    rows = qs.order_by("employee__staff_number", "run__paid_on", "run__kind").values_list(  # type: ignore[attr-defined]
        "employee__staff_number", "employee__family_name", "employee__given_name", *FIELDS
    )
    for number, family, given, kind, month, paid_on, gross, social, taxable, tax in rows.iterator(chunk_size=2000):
        yield [
            number, f"{family} {given}", year, KIND_LABELS.get(kind, kind), f"{month:%Y-%m}", paid_on.isoformat(),
            gross, social, taxable, tax,
        ]  # fmt: skip
