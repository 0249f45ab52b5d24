"""Field readers shared by the income-tax and social-insurance table schemas.

Rates in data files are decimal *strings* (``"0.05105"``, ``"47.79"``), never TOML floats,
and are turned into an exact integer ratio here; yen amounts are TOML integers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from jinji.rules.errors import TableInvalid


@dataclass(frozen=True, slots=True)
class Ratio:
    """An exact non-negative rate ``numerator / denominator`` (e.g. 5.105% → 5105/100000)."""

    numerator: int
    denominator: int

    @classmethod
    def parse(cls, raw: object, *, unit: int = 1, key: str = "rate") -> Ratio:
        """Read a decimal string; ``unit`` is 100 for percent and 1000 for per-mille values."""
        if not isinstance(raw, str):
            raise TableInvalid(f"{key} は小数の文字列で指定してください (浮動小数点数は不可): {raw!r}")
        try:
            value = Decimal(raw)
        except InvalidOperation as exc:
            raise TableInvalid(f"{key} を小数として読めません: {raw!r}") from exc
        if not value.is_finite() or value < 0:
            raise TableInvalid(f"{key} は0以上の有限の小数で指定してください: {raw!r}")
        num, den = (value / unit).as_integer_ratio()
        return cls(num, den)

    def times(self, amount: int) -> tuple[int, int]:
        """``amount × rate`` as an exact (numerator, denominator) pair."""
        return amount * self.numerator, self.denominator


def yen(raw: object, *, key: str, allow_negative: bool = False) -> int:
    """An integer yen field."""
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise TableInvalid(f"{key} は整数(円)で指定してください: {raw!r}")
    if raw < 0 and not allow_negative:
        raise TableInvalid(f"{key} に負の値は指定できません: {raw}")
    return raw


def table_list(raw: object, *, key: str) -> Sequence[Any]:
    """A non-empty TOML array."""
    if not isinstance(raw, list) or not raw:
        raise TableInvalid(f"{key} は空でない配列で指定してください")
    return raw


def table_map(raw: object, *, key: str) -> Mapping[str, Any]:
    """A TOML table."""
    if not isinstance(raw, dict):
        raise TableInvalid(f"{key} はテーブルで指定してください")
    return raw


def strictly_increasing(values: Sequence[int], *, key: str) -> None:
    """Refuse bounds that do not strictly increase (overlapping or unsorted rows)."""
    for a, b in pairwise(values):
        if b <= a:
            raise TableInvalid(f"{key} の境界は昇順で重複なく指定してください: {a} の次が {b}")
