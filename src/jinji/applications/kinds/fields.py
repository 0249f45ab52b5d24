"""Reading an application's payload (JSON) field by field, collecting Japanese problems.

Each reader takes the raw value and the Japanese label, returns the cleaned value (or None) and
adds a :class:`FieldProblem` naming ``payload.<name>`` when the value is refused. The same
readers serve the web forms, the API and resubmission, through the engine's ``validate``.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from jinji.core.errors import FieldProblem

MAX_YEN = 10_000_000


class PayloadReader:
    """Reads ``payload`` and remembers every problem (all at once, never the first only)."""

    def __init__(self, payload: Mapping[str, Any], prefix: str = "payload") -> None:
        self.payload = payload
        self.prefix = prefix
        self.problems: list[FieldProblem] = []

    def where(self, name: str) -> str:
        return f"{self.prefix}.{name}"

    def problem(self, name: str, message: str) -> None:
        self.problems.append(FieldProblem(field=self.where(name), message=message))

    def _raw(self, name: str) -> Any:
        value = self.payload.get(name)
        return value.strip() if isinstance(value, str) else value

    def text(self, name: str, label: str, *, required: bool = True, max_length: int = 200) -> str:
        value = self._raw(name)
        if value in (None, ""):
            if required:
                self.problem(name, f"{label}を入力してください")
            return ""
        if not isinstance(value, str):
            self.problem(name, f"{label}は文字で入力してください")
            return ""
        text = unicodedata.normalize("NFKC", value).strip()
        if len(text) > max_length:
            self.problem(name, f"{label}は{max_length}文字以内で入力してください(現在{len(text)}文字)")
        return text

    def kana(self, name: str, label: str, *, required: bool = True, max_length: int = 100) -> str:
        """フリガナ: カタカナ (ひらがな・半角カナは全角カタカナにします) とスペース."""
        text = self.text(name, label, required=required, max_length=max_length)
        converted = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
        if converted and not re.fullmatch(r"[゠-ヿ\s]+", converted):
            self.problem(name, f"{label}はカタカナで入力してください")
        return converted

    def digits(self, name: str, label: str, length: int, *, pad: bool = False) -> str:
        text = self.text(name, label, max_length=length)
        if text and pad and text.isdigit() and len(text) < length:
            text = text.zfill(length)
        if text and not re.fullmatch(rf"[0-9]{{{length}}}", text):
            self.problem(name, f"{label}は半角数字{length}桁で入力してください")
        return text

    def yen(self, name: str, label: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self._raw(name)
        if value in (None, ""):
            if required:
                self.problem(name, f"{label}を入力してください")
            return None
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").strip()
        if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.isdigit())):
            self.problem(name, f"{label}は0以上の整数(円)で入力してください")
            return None
        number = int(value)
        if number < minimum:
            self.problem(name, f"{label}は{minimum:,}円以上で入力してください")
        elif number > MAX_YEN:
            self.problem(name, f"{label}は{MAX_YEN:,}円以下で入力してください")
        return number

    def choice(self, name: str, label: str, choices: Mapping[str, str], *, required: bool = True) -> str:
        value = self._raw(name)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value in (None, ""):
            if required:
                self.problem(name, f"{label}を選んでください")
            return ""
        if not isinstance(value, str) or value not in choices:
            allowed = "・".join(choices.values())
            self.problem(name, f"{label}は「{allowed}」のいずれかを選んでください")
            return ""
        return value

    def flag(self, name: str, *, default: bool = False) -> bool:
        value = self.payload.get(name, default)
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "on", "yes")
        return bool(value)

    def date(self, name: str, label: str, *, required: bool = True) -> datetime.date | None:
        value = self._raw(name)
        if value in (None, ""):
            if required:
                self.problem(name, f"{label}を入力してください")
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problem(name, f"{label}は日付(例: 2026-04-01)で入力してください")
            return None

    def km(self, name: str, label: str) -> int | None:
        """A one-way distance in km with at most one decimal (12.3) → metres (12300)."""
        value = self._raw(name)
        if value in (None, ""):
            self.problem(name, f"{label}を入力してください")
            return None
        try:
            number = Decimal(unicodedata.normalize("NFKC", str(value)).strip())
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or number < 0 or number > 1000 or isinstance(value, bool):
            self.problem(name, f"{label}は0〜1000の数値(km)で入力してください")
            return None
        if number != number.quantize(Decimal("0.1")):
            self.problem(name, f"{label}は0.1km単位で入力してください(例: 12.3)")
            return None
        return int(number * 1000)

    def items(self, name: str, label: str) -> list[Mapping[str, Any]]:
        value = self.payload.get(name, [])
        if value in (None, ""):
            return []
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            self.problem(name, f"{label}の形式が正しくありません")
            return []
        return list(value)

    def nested(self, name: str, index: int, item: Mapping[str, Any]) -> PayloadReader:
        """A reader for one list item whose problems name ``payload.<name>.<index>.<field>``."""
        reader = PayloadReader(item, prefix=f"{self.prefix}.{name}.{index}")
        reader.problems = self.problems
        return reader


def km_text(distance_m: int) -> str:
    """12300 → "12.3"."""
    return f"{Decimal(distance_m) / 1000:.1f}"
