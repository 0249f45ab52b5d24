"""Normalised text for staff search (氏名・フリガナ・旧姓・職員番号).

Both the stored ``Employee.search_text`` and the search words go through :func:`normalize`,
so ｶﾀｶﾅ, ひらがな, カタカナ, 全角/半角 digits and letters, and spaces all match each other.
"""

from __future__ import annotations

import unicodedata

_HIRAGANA_START = 0x3041  # ぁ
_HIRAGANA_END = 0x3096  # ゖ
_KATAKANA_OFFSET = 0x60
_HIRAGANA_ITERATION = {"ゝ": "ヽ", "ゞ": "ヾ"}


def normalize(text: str) -> str:
    """NFKC (半角ｶﾅ→全角, 全角英数→半角), ひらがな→カタカナ, case-folded, without any spaces."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    chars: list[str] = []
    for char in folded:
        if char.isspace():
            continue
        code = ord(char)
        if _HIRAGANA_START <= code <= _HIRAGANA_END:
            chars.append(chr(code + _KATAKANA_OFFSET))
        else:
            chars.append(_HIRAGANA_ITERATION.get(char, char))
    return "".join(chars)


def search_words(query: str) -> list[str]:
    """The normalised words of a search query (split on any whitespace, incl. 全角スペース)."""
    words = unicodedata.normalize("NFKC", query or "").split()
    return [w for w in (normalize(word) for word in words) if w]


def employee_search_text(
    *,
    staff_number: str,
    family_name: str,
    given_name: str,
    family_name_kana: str,
    given_name_kana: str,
    former_family_name: str = "",
    former_family_name_kana: str = "",
) -> str:
    """The value of ``Employee.search_text``: normalised parts separated by single spaces.

    Parts: 職員番号, 氏名, フリガナ, and (when present) 旧姓+名 and 旧姓フリガナ+名フリガナ.
    A search word never contains a space, so it cannot match across two parts.
    """
    parts = [
        staff_number,
        family_name + given_name,
        family_name_kana + given_name_kana,
    ]
    if former_family_name:
        parts.append(former_family_name + given_name)
    if former_family_name_kana:
        parts.append(former_family_name_kana + given_name_kana)
    return " ".join(p for p in (normalize(part) for part in parts) if p)[:400]


def search_text_of(employee: object) -> str:
    """``employee_search_text`` from any object with the Employee name attributes."""
    return employee_search_text(
        staff_number=str(getattr(employee, "staff_number", "")),
        family_name=str(getattr(employee, "family_name", "")),
        given_name=str(getattr(employee, "given_name", "")),
        family_name_kana=str(getattr(employee, "family_name_kana", "")),
        given_name_kana=str(getattr(employee, "given_name_kana", "")),
        former_family_name=str(getattr(employee, "former_family_name", "")),
        former_family_name_kana=str(getattr(employee, "former_family_name_kana", "")),
    )
