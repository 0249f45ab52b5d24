"""Readers for the ``[data]`` values of the pay tables (schema helpers, Japanese errors).

Amounts are TOML integers (yen). Rates and months are written as strings ("1.2625",
"125/100", "20%") and read into :class:`~fractions.Fraction` so that no float is ever
involved; a TOML float is refused.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from jinji.rules.errors import TableInvalid


def yen_field(value: object, key: str) -> int:
    """A non-negative integer amount in yen."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TableInvalid(f"{key} は整数(円)で書いてください: {value!r}")
    if value < 0:
        raise TableInvalid(f"{key} に負の値は書けません: {value}")
    return value


def positive_int_field(value: object, key: str) -> int:
    """A positive integer (grade, step, count, minutes)."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise TableInvalid(f"{key} は正の整数で書いてください: {value!r}")
    return value


def ratio_field(value: object, key: str) -> Fraction:
    """A non-negative exact ratio: ``"1.2625"``, ``"125/100"``, ``"20%"`` or an integer."""
    if isinstance(value, (bool, float)):
        raise TableInvalid(f'{key} は文字列 (例 "1.2625", "125/100", "20%") で書いてください: {value!r}')
    if isinstance(value, int):
        result = Fraction(value)
    elif isinstance(value, str):
        result = _parse_ratio_text(value.strip(), key)
    else:
        raise TableInvalid(f"{key} の形式が不正です: {value!r}")
    if result < 0:
        raise TableInvalid(f"{key} に負の値は書けません: {value!r}")
    return result


def _parse_ratio_text(text: str, key: str) -> Fraction:
    try:
        if text.endswith("%"):
            return Fraction(Decimal(text[:-1])) / 100
        if "/" in text:
            num, den = text.split("/", 1)
            return Fraction(Decimal(num)) / Fraction(Decimal(den))
        return Fraction(Decimal(text))
    except (InvalidOperation, ValueError, ZeroDivisionError) as exc:
        raise TableInvalid(f"{key} を比率として読めません: {text!r}") from exc


def table_field(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """A required sub-table."""
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise TableInvalid(f"{key} の表 ([data.{key}]) が必要です")
    return value


def list_field(data: Mapping[str, Any], key: str) -> list[Any]:
    """A required non-empty array."""
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise TableInvalid(f"{key} の配列が必要です")
    return value


def int_key(text: str, key: str) -> int:
    """A table key that names a positive integer (級 "3", 種 "2" …)."""
    if not text.isdigit() or int(text) <= 0:
        raise TableInvalid(f"{key} のキーは正の整数で書いてください: {text!r}")
    return int(text)


def ascending(values: list[int], key: str) -> tuple[int, ...]:
    """Band lower bounds, strictly ascending."""
    if any(b <= a for a, b in itertools.pairwise(values)):
        raise TableInvalid(f"{key} の下限は昇順で重複なく書いてください: {values}")
    return tuple(values)
