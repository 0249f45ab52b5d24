"""月額表 withholding: 甲欄 by the 電算機計算の特例, 乙欄 by the printed 乙 column.

:class:`MonthlyTaxTable` is the batch fast path: resolve it once per pay date with
:func:`monthly_tax_table`, then call :meth:`MonthlyTaxTable.withholding` per payslip (pure int
arithmetic, no Decimal, no table look-up by date). :func:`monthly_withholding` does the same
for one payment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.income_tax import computer_method, otsu
from jinji.rules.income_tax.computer_method import ComputerMethodTable
from jinji.rules.income_tax.otsu import OtsuTable
from jinji.rules.tables import TableRef, TableStore, default_store, typed

KOU = "kou"
"""甲欄: 「給与所得者の扶養控除等申告書」を提出している人."""
OTSU = "otsu"
"""乙欄: 同申告書を提出していない人 (従たる給与)."""
COLUMNS = (KOU, OTSU)


def check_pay_date(paid_on: object) -> datetime.date:
    """A plain :class:`datetime.date` (not a datetime)."""
    if type(paid_on) is not datetime.date:
        raise InvalidArgument(f"支払日 (paid_on) は日付 (datetime.date) で指定してください: {paid_on!r}")
    return paid_on


def check_amount(name: str, value: object) -> int:
    """A non-negative int yen amount."""
    if type(value) is not int:
        raise InvalidArgument(f"{name} は整数(円)で指定してください: {value!r}")
    if value < 0:
        raise InvalidArgument(f"{name} に負の金額は指定できません: {value}")
    return value


def check_dependents(value: object) -> int:
    """扶養親族等の数: a non-negative int."""
    if type(value) is not int or value < 0:
        raise InvalidArgument(f"扶養親族等の数 (dependents) は0以上の整数で指定してください: {value!r}")
    return value


def check_column(value: object) -> str:
    """'kou' (甲欄) or 'otsu' (乙欄)."""
    if value not in COLUMNS:
        raise InvalidArgument(f"税額表の欄 (column) は 'kou'(甲欄) か 'otsu'(乙欄) を指定してください: {value!r}")
    return str(value)


@dataclass(frozen=True, slots=True)
class MonthlyTaxTable:
    """The 月額表 in force on one pay date (甲欄: 電算機計算の特例; 乙欄: 月額表の乙欄).

    ``refs`` names the table versions used, to be stored with the payslip. ``otsu_table`` is
    None when no 乙欄 version is in force on that date; asking for 乙欄 then raises
    :class:`TableNotFound`.
    """

    paid_on: datetime.date
    kou_table: ComputerMethodTable
    otsu_table: OtsuTable | None
    refs: tuple[TableRef, ...]

    def withholding(self, amount: int, dependents: int = 0, column: str = KOU) -> int:
        """源泉徴収税額 for one month's pay after social insurance (``amount``).

        ``dependents`` is the 扶養親族等の数 for 甲欄, and for 乙欄 the number of persons on a
        「従たる給与についての扶養控除等申告書」 (1,610円 each; normally 0).
        """
        if type(amount) is not int or amount < 0:
            check_amount("社会保険料等控除後の給与等の金額 (amount)", amount)
        if type(dependents) is not int or dependents < 0:
            check_dependents(dependents)
        if column == KOU:
            return self.kou_table.withholding(amount, dependents)
        if column == OTSU:
            return self.otsu(amount, dependents)
        check_column(column)
        raise AssertionError("unreachable")  # pragma: no cover

    def kou(self, amount: int, dependents: int) -> int:
        """甲欄 without argument checks (for callers that validated their records already)."""
        return self.kou_table.withholding(amount, dependents)

    def otsu(self, amount: int, declared_dependents: int = 0) -> int:
        """乙欄 without argument checks; :class:`TableNotFound` if no 乙欄 is in force."""
        if self.otsu_table is None:
            raise TableNotFound(
                f"{self.paid_on.isoformat()} に支払う給与に適用する月額表の乙欄がありません(表 {otsu.TABLE_ID!r})"
            )
        return self.otsu_table.withholding(amount, declared_dependents)


def _resolve(paid_on: datetime.date, store: TableStore) -> MonthlyTaxTable:
    kou_version = store.version_on(computer_method.TABLE_ID, paid_on)
    refs = [kou_version.ref]
    otsu_table: OtsuTable | None = None
    try:
        otsu_version = store.version_on(otsu.TABLE_ID, paid_on)
    except TableNotFound:
        pass
    else:
        otsu_table = typed(otsu_version, OtsuTable)
        refs.append(otsu_version.ref)
    return MonthlyTaxTable(
        paid_on=paid_on,
        kou_table=typed(kou_version, ComputerMethodTable),
        otsu_table=otsu_table,
        refs=tuple(refs),
    )


@lru_cache(maxsize=256)
def _default_table(paid_on: datetime.date) -> MonthlyTaxTable:
    return _resolve(paid_on, default_store())


def monthly_tax_table(paid_on: datetime.date, *, store: TableStore | None = None) -> MonthlyTaxTable:
    """Resolve the 月額表 for pay due on ``paid_on`` (the year's version is chosen by that date).

    :class:`TableNotFound` when no 電算機計算の特例 version covers the date.
    """
    check_pay_date(paid_on)
    if store is None:
        return _default_table(paid_on)
    return _resolve(paid_on, store)


def monthly_withholding(*, amount: int, dependents: int, paid_on: datetime.date, column: str = KOU) -> int:
    """源泉徴収税額 on one month's pay (月額表; 令和7年分・令和8年分・令和9年分 by ``paid_on``).

    ``amount``: その月の社会保険料等控除後の給与等の金額 (non-taxable 通勤手当 excluded).
    甲欄 (``column="kou"``): 電算機計算の特例 (平成24年財務省告示第116号); 乙欄 (``"otsu"``):
    月額表の乙欄, ``dependents`` then being the persons on a 従たる給与の扶養控除等申告書.
    """
    check_amount("社会保険料等控除後の給与等の金額 (amount)", amount)
    check_dependents(dependents)
    check_column(column)
    return monthly_tax_table(paid_on).withholding(amount, dependents, column)
