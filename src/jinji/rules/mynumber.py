"""個人番号 (My Number): normalisation and check-digit validation.

A 個人番号 is 12 digits: 11 digits plus a 検査用数字 computed under
行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条::

    検査用数字 = 11 − (Σ_{n=1}^{11} Pn × Qn を 11 で除した余り)  (余りが 1 以下なら 0)
    Pn: 検査用数字を除く 11 桁の、最下位の桁を 1 桁目としたときの n 桁目の数字
    Qn: 1 ≦ n ≦ 6 のとき n + 1、 7 ≦ n ≦ 11 のとき n − 5

The arithmetic is delegated to :mod:`stdnum.jp.in_` (its weights 6,5,4,3,2,7,6,5,4,3,2 read left
to right are the Qn above). Error messages never repeat the number itself.
"""

from __future__ import annotations

import unicodedata

from stdnum.jp import in_ as _stdnum_in

from jinji.rules.errors import InvalidArgument

LENGTH = 12
_SEPARATORS = frozenset(" -\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70")
"""Spaces and hyphen-like characters people type between digit groups (after NFKC)."""


def _scan(number: str) -> list[tuple[int, str]]:
    """(1-based position in the input, NFKC character) for every non-separator character."""
    if not isinstance(number, str):
        raise InvalidArgument(f"個人番号は文字列で指定してください (型: {type(number).__name__})")
    result: list[tuple[int, str]] = []
    for position, raw in enumerate(number, start=1):
        for char in unicodedata.normalize("NFKC", raw):
            if char in _SEPARATORS or char.isspace():
                continue
            result.append((position, char))
    return result


def normalize(number: str) -> str:
    """Full-width digits → ASCII; spaces (incl. 全角スペース) and hyphens removed. No validation."""
    return "".join(char for _, char in _scan(number))


def check_digit(first_eleven: str) -> int:
    """検査用数字 for the first 11 digits (番号法施行令 第8条)."""
    if len(first_eleven) != LENGTH - 1 or not first_eleven.isascii() or not first_eleven.isdigit():
        raise InvalidArgument("検査用数字の計算には11桁の数字が必要です")
    return int(_stdnum_in.calc_check_digit(first_eleven))


def validate(number: str) -> str:
    """The normalised 12-digit number, or :class:`InvalidArgument` saying what is wrong.

    Checks in order: every character is a digit (naming the first offending position in the
    input), there are exactly 12 digits, and the 12th digit is the 検査用数字.
    """
    chars = _scan(number)
    for position, char in chars:
        if not ("0" <= char <= "9"):
            raise InvalidArgument(f"個人番号の {position} 文字目「{char}」は数字ではありません")
    digits = "".join(char for _, char in chars)
    if not digits:
        raise InvalidArgument("個人番号が入力されていません")
    if len(digits) != LENGTH:
        raise InvalidArgument(f"個人番号は12桁の数字です (入力は{len(digits)}桁です)")
    if check_digit(digits[:-1]) != int(digits[-1]):
        raise InvalidArgument("個人番号の検査用数字 (12桁目) が正しくありません。番号に誤りがないか確認してください")
    return digits


def is_valid(number: str) -> bool:
    """Whether ``number`` (after :func:`normalize`) is a 12-digit number with a correct 検査用数字."""
    try:
        validate(number)
    except InvalidArgument:
        return False
    return bool(_stdnum_in.is_valid(normalize(number)))


def mask(number: str) -> str:
    """Display form that hides all but the last 4 digits: ``********0257``."""
    digits = normalize(number)
    return "*" * max(len(digits) - 4, 0) + digits[-4:]
