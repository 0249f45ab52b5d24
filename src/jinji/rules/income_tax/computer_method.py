"""甲欄: 月額表の甲欄を適用する給与等に対する源泉徴収税額の電算機計算の特例.

Source: 平成24年3月31日財務省告示第116号 (令和7年4月30日財務省告示第123号改正); 国税庁
「月額表の甲欄を適用する給与等に対する源泉徴収税額の電算機計算の特例について」
(令和2年分〜令和7年分: denshi_10; 令和8年分: denshi_01; 令和9年分 as previewed).

Table id ``income_tax_computer_method``; one data file per year version holding 第1表
(給与所得控除), 第2表 (配偶者控除・扶養控除 per person), 第3表 (基礎控除) and 第4表 (税額).
The procedure (告示 本文) is code:

1. A = その月の社会保険料等控除後の給与等の金額.
2. 給与所得控除 (第1表) の1円未満の端数は切り上げる (:func:`money.ceil_yen_ratio`).
3. B = A − 第1表 − 第2表 × 扶養親族等の数 − 第3表 (no 1,000-yen rounding of B; no cap
   on the dependant count: the 特例 multiplies).
4. Tax = 第4表 applied to B, 10円未満四捨五入 (:func:`money.round_half_up_to_10_yen_ratio`);
   0 when B ≤ 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinji.rules._table_fields import Ratio, strictly_increasing, table_list, yen
from jinji.rules.errors import TableInvalid
from jinji.rules.money import ceil_yen_ratio, round_half_up_to_10_yen_ratio
from jinji.rules.tables import register_schema

TABLE_ID = "income_tax_computer_method"


@dataclass(frozen=True, slots=True)
class DeductionTier:
    """One row of 第1表: for A ≤ ``upper`` (None: no limit) the deduction is ``fixed``,
    or A × ``rate`` + ``add`` rounded up to the yen."""

    upper: int | None
    fixed: int | None
    rate: Ratio | None
    add: int


@dataclass(frozen=True, slots=True)
class AmountTier:
    """One row of 第3表: for A ≤ ``upper`` (None: no limit) the deduction is ``amount``."""

    upper: int | None
    amount: int


@dataclass(frozen=True, slots=True)
class TaxTier:
    """One row of 第4表: for B ≤ ``upper`` (None: no limit) tax = B × ``rate`` − ``subtract``."""

    upper: int | None
    rate: Ratio
    subtract: int


@dataclass(frozen=True, slots=True)
class ComputerMethodTable:
    """第1表〜第4表 of one year's 電算機計算の特例 (甲欄)."""

    employment_income_deduction: tuple[DeductionTier, ...]
    dependant_deduction: int
    basic_deduction: tuple[AmountTier, ...]
    tax: tuple[TaxTier, ...]

    def employment_income_deduction_for(self, amount: int) -> int:
        """第1表: 給与所得控除の額 (1円未満切上げ)."""
        for tier in self.employment_income_deduction:
            if tier.upper is None or amount <= tier.upper:
                if tier.fixed is not None:
                    return tier.fixed
                assert tier.rate is not None
                return ceil_yen_ratio(
                    amount * tier.rate.numerator + tier.add * tier.rate.denominator, tier.rate.denominator
                )
        raise AssertionError("unreachable: the last tier has no upper bound")  # pragma: no cover

    def basic_deduction_for(self, amount: int) -> int:
        """第3表: 基礎控除の額."""
        for tier in self.basic_deduction:
            if tier.upper is None or amount <= tier.upper:
                return tier.amount
        raise AssertionError("unreachable: the last tier has no upper bound")  # pragma: no cover

    def taxable(self, amount: int, dependents: int) -> int:
        """B = A − 第1表 − 第2表 × 人数 − 第3表 (may be ≤ 0)."""
        return (
            amount
            - self.employment_income_deduction_for(amount)
            - self.dependant_deduction * dependents
            - self.basic_deduction_for(amount)
        )

    def withholding(self, amount: int, dependents: int) -> int:
        """The 甲欄 tax for A = ``amount`` and ``dependents`` 扶養親族等 (arguments unchecked)."""
        return self.tax_for(self.taxable(amount, dependents))

    def tax_for(self, b: int) -> int:
        """第4表: the tax on B, 10円未満四捨五入; 0 when B ≤ 0."""
        if b <= 0:
            return 0
        for tier in self.tax:
            if tier.upper is None or b <= tier.upper:
                den = tier.rate.denominator
                return max(0, round_half_up_to_10_yen_ratio(b * tier.rate.numerator - tier.subtract * den, den))
        raise AssertionError("unreachable: the last tier has no upper bound")  # pragma: no cover


def _uppers(rows: Sequence[Mapping[str, Any]], *, key: str) -> list[int | None]:
    uppers: list[int | None] = []
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        if last and "upper" in row:
            raise TableInvalid(f"{key} の最後の行に upper は指定できません (上限なし)")
        if not last and "upper" not in row:
            raise TableInvalid(f"{key} の {i + 1} 行目に upper がありません")
        uppers.append(None if last else yen(row["upper"], key=f"{key}.upper"))
    strictly_increasing([u for u in uppers if u is not None], key=key)
    return uppers


def _deduction_tiers(raw: object) -> tuple[DeductionTier, ...]:
    key = "employment_income_deduction"
    rows = table_list(raw, key=key)
    tiers = []
    for upper, row in zip(_uppers(rows, key=key), rows, strict=True):
        if ("fixed" in row) == ("rate_percent" in row):
            raise TableInvalid(f"{key}: 各行は fixed か rate_percent+add のどちらか一方を指定してください")
        if "fixed" in row:
            tiers.append(DeductionTier(upper, yen(row["fixed"], key=f"{key}.fixed"), None, 0))
        else:
            rate = Ratio.parse(row["rate_percent"], unit=100, key=f"{key}.rate_percent")
            add = yen(row["add"], key=f"{key}.add", allow_negative=True)
            tiers.append(DeductionTier(upper, None, rate, add))
    return tuple(tiers)


@register_schema(TABLE_ID)
def parse_computer_method(data: Mapping[str, Any]) -> ComputerMethodTable:
    """Schema of ``income_tax_computer_method``: 第1表〜第4表 (see the module docstring)."""
    basic_rows = table_list(data["basic_deduction"], key="basic_deduction")
    tax_rows = table_list(data["tax"], key="tax")
    basic = tuple(
        AmountTier(upper, yen(row["amount"], key="basic_deduction.amount"))
        for upper, row in zip(_uppers(basic_rows, key="basic_deduction"), basic_rows, strict=True)
    )
    tax = tuple(
        TaxTier(
            upper,
            Ratio.parse(row["rate_percent"], unit=100, key="tax.rate_percent"),
            yen(row["subtract"], key="tax.subtract"),
        )
        for upper, row in zip(_uppers(tax_rows, key="tax"), tax_rows, strict=True)
    )
    return ComputerMethodTable(
        employment_income_deduction=_deduction_tiers(data["employment_income_deduction"]),
        dependant_deduction=yen(data["dependant_deduction"], key="dependant_deduction"),
        basic_deduction=basic,
        tax=tax,
    )
