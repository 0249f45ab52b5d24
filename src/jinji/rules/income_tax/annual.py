"""Inputs for 年末調整 (year-end adjustment), shaped now so the calculation can be added next.

Only the shapes live here: no 年調 arithmetic yet. The boxes follow the 源泉徴収簿 as
described in payroll-rules.md §A5 (⑦ pay, ⑧ tax withheld, ⑫〜⑳ deductions, ㉔ 住宅借入金等
特別控除), and the persons follow the 令和7年分 forms (特定親族 included).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from jinji.rules.errors import InvalidArgument


def _non_negative(owner: object, *names: str) -> None:
    for name in names:
        value = getattr(owner, name)
        if type(value) is not int or value < 0:
            raise InvalidArgument(f"{type(owner).__name__}.{name} は0以上の整数(円)で指定してください: {value!r}")


class PaymentKind(StrEnum):
    """源泉徴収簿の区分."""

    SALARY = "salary"  # 給料・手当等
    BONUS = "bonus"  # 賞与等


@dataclass(frozen=True, slots=True)
class WithholdingEntry:
    """One payment as entered in the 源泉徴収簿 (支給額, 社会保険料等, 源泉徴収税額)."""

    paid_on: datetime.date
    kind: PaymentKind
    taxable_amount: int
    social_insurance: int
    tax_withheld: int

    def __post_init__(self) -> None:
        _non_negative(self, "taxable_amount", "social_insurance", "tax_withheld")


class Relation(StrEnum):
    """How a person counts for the employee's deductions."""

    SPOUSE = "spouse"  # 配偶者 (配偶者控除・配偶者特別控除)
    DEPENDENT = "dependent"  # 扶養親族
    SPECIFIED_RELATIVE = "specified_relative"  # 特定親族 (19〜22歳, 令和7年分〜)


class Disability(StrEnum):
    NONE = "none"
    ORDINARY = "ordinary"  # 障害者
    SPECIAL = "special"  # 特別障害者
    SPECIAL_COHABITING = "special_cohabiting"  # 同居特別障害者


@dataclass(frozen=True, slots=True)
class Relative:
    """A spouse, dependant or 特定親族 as declared on the 申告書 for the year."""

    relation: Relation
    birth_date: datetime.date
    estimated_total_income: int  # 合計所得金額の見積額
    cohabiting_parent: bool = False  # 同居老親等
    disability: Disability = Disability.NONE

    def __post_init__(self) -> None:
        _non_negative(self, "estimated_total_income")


class PersonalStatus(StrEnum):
    """The employee's own 寡婦 / ひとり親 status."""

    NONE = "none"
    WIDOW = "widow"  # 寡婦
    SINGLE_PARENT = "single_parent"  # ひとり親


@dataclass(frozen=True, slots=True)
class AnnualIncomeFigures:
    """Everything 年末調整 needs for one employee and year (源泉徴収簿 and the 申告書).

    ``entries`` carry ⑦ and ⑧; the deduction fields are the amounts already computed on the
    申告書 (生命保険料控除 etc. have their own formulas, applied when they are filed).
    """

    year: int
    entries: tuple[WithholdingEntry, ...]
    estimated_total_income: int  # 本人の合計所得金額の見積額 (基礎控除・配偶者控除の判定)
    relatives: tuple[Relative, ...] = ()
    disability: Disability = Disability.NONE
    personal_status: PersonalStatus = PersonalStatus.NONE
    working_student: bool = False  # 勤労学生
    declared_social_insurance: int = 0  # ⑬ 申告による社会保険料
    small_business_mutual_aid: int = 0  # ⑭ 小規模企業共済等掛金
    life_insurance_deduction: int = 0  # ⑮ 生命保険料控除額
    earthquake_insurance_deduction: int = 0  # ⑯ 地震保険料控除額
    housing_loan_credit: int = 0  # ㉔ 住宅借入金等特別控除の額 (申告書の控除可能額)
    previous_employers: tuple[WithholdingEntry, ...] = field(default=())  # 前職分

    def __post_init__(self) -> None:
        if type(self.year) is not int or not 2000 <= self.year <= 2100:
            raise InvalidArgument(f"年分 (year) が不正です: {self.year!r}")
        _non_negative(
            self,
            "estimated_total_income",
            "declared_social_insurance",
            "small_business_mutual_aid",
            "life_insurance_deduction",
            "earthquake_insurance_deduction",
            "housing_loan_credit",
        )
        for entry in (*self.entries, *self.previous_employers):
            if entry.paid_on.year != self.year:
                raise InvalidArgument(f"{self.year}年分の年末調整に {entry.paid_on.isoformat()} の支払は含められません")

    @property
    def total_pay(self) -> int:
        """⑦ 給与等の総額 (this employer and previous ones)."""
        return sum(e.taxable_amount for e in (*self.entries, *self.previous_employers))

    @property
    def total_tax_withheld(self) -> int:
        """⑧ 源泉徴収税額の合計."""
        return sum(e.tax_withheld for e in (*self.entries, *self.previous_employers))

    @property
    def social_insurance_withheld(self) -> int:
        """⑫ 給与等からの控除分 (社会保険料等)."""
        return sum(e.social_insurance for e in (*self.entries, *self.previous_employers))
