"""Invalid arguments and missing tables: refused with Japanese messages, never guessed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules import money
from jinji.rules.errors import InvalidArgument, RulesError, TableNotFound
from jinji.rules.income_tax import monthly_tax_table, monthly_withholding

R8 = datetime.date(2026, 6, 20)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": -1}, "負の金額"),
        ({"amount": True}, "整数"),
        ({"amount": 100_000.0}, "整数"),
        ({"amount": Decimal(100_000)}, "整数"),
        ({"dependents": -1}, "扶養親族等の数"),
        ({"dependents": 1.0}, "扶養親族等の数"),
        ({"column": "hei"}, "甲欄"),
        ({"column": "KOU"}, "甲欄"),
        ({"paid_on": "2026-06-20"}, "日付"),
        ({"paid_on": datetime.datetime(2026, 6, 20, tzinfo=datetime.UTC)}, "日付"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"amount": 300_000, "dependents": 0, "paid_on": R8}
    args.update(kwargs)
    with pytest.raises(InvalidArgument, match=message):
        monthly_withholding(**args)  # type: ignore[arg-type]


def test_fast_path_checks_its_arguments_too() -> None:
    table = monthly_tax_table(R8)
    with pytest.raises(InvalidArgument):
        table.withholding(-5, 0)
    with pytest.raises(InvalidArgument):
        table.withholding(5, -1)
    with pytest.raises(InvalidArgument):
        table.withholding(5, 0, "hei")


@pytest.mark.parametrize("paid_on", [datetime.date(2019, 12, 31), datetime.date(2000, 1, 1)])
def test_date_outside_every_table(paid_on: datetime.date) -> None:
    with pytest.raises(TableNotFound, match="有効な版がありません"):
        monthly_withholding(amount=300_000, dependents=0, paid_on=paid_on)


def test_errors_are_rules_errors() -> None:
    assert issubclass(InvalidArgument, RulesError)
    assert issubclass(TableNotFound, RulesError)


@given(num=st.integers(min_value=-(10**12), max_value=10**12), den=st.integers(min_value=1, max_value=10**7))
def test_ratio_rounding_matches_decimal_rules(num: int, den: int) -> None:
    """The int-ratio roundings used by the fast path equal the Decimal rules in money.py."""
    # |num/den| < 10**12 and den ≤ 10**7: the 28-digit Decimal quotient is within 10**-15 of the
    # exact value, while a non-integer ratio is at least 10**-7 from any integer or half-integer.
    exact = Decimal(num) / Decimal(den)
    assert money.ceil_yen_ratio(num, den) == money.ceil_yen(exact)
    assert money.round_half_up_to_10_yen_ratio(num, den) == money.round_half_up_to_10_yen(exact)


def test_ratio_rounding_literals() -> None:
    assert money.ceil_yen_ratio(475_002, 10) == 47_501  # 158,334 × 30% = 47,500.2
    assert money.ceil_yen_ratio(-15, 10) == -1
    assert money.round_half_up_to_10_yen_ratio(212_6325, 10_000) == 210
    assert money.round_half_up_to_10_yen_ratio(45, 10) == 0
    assert money.round_half_up_to_10_yen_ratio(50, 10) == 10
    assert money.ceil_yen(Decimal("0.01")) == 1
