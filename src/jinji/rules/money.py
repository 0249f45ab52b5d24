"""Money and the legal rounding rules.

All amounts are ``int`` yen. Intermediate products may be :class:`~decimal.Decimal`
(rates such as 91.5/1000); each conversion back to yen goes through exactly one of
the named rounding functions below, chosen for the legal rule that applies.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

Yen = int
Number = int | Decimal | Fraction


def _dec(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


def floor_yen(value: Number) -> Yen:
    """円未満切捨て (e.g. 給与法 第19条の4 各号の端数, 所得税の算出税額の1円未満)."""
    return int(_dec(value).to_integral_value(rounding=ROUND_DOWN))


def ceil_yen(value: Number) -> Yen:
    """1円未満切上げ (電算機計算の特例 第1表: 給与所得控除の額の1円未満の端数は切り上げる —
    平成24年3月31日財務省告示第116号, 令和7年4月30日財務省告示第123号改正)."""
    return int(_dec(value).to_integral_value(rounding=ROUND_CEILING))


def round_half_up_yen(value: Number) -> Yen:
    """円未満四捨五入 (e.g. 勤務1時間当たりの給与額 × 支給割合 の端数処理, 給与法 第19条の4)."""
    return int(_dec(value).to_integral_value(rounding=ROUND_HALF_UP))


def round_half_up_to_10_yen(value: Number) -> Yen:
    """10円未満四捨五入 (源泉徴収税額の電算機計算の特例: 算出税額の10円未満の端数)."""
    tens = (_dec(value) / 10).to_integral_value(rounding=ROUND_HALF_UP)
    return int(tens) * 10


def floor_to_100_yen(value: Number) -> Yen:
    """100円未満切捨て (電算機計算の特例 第1表〜第3表の控除額の計算)."""
    return (floor_yen(value) // 100) * 100


def floor_to_1000_yen(value: Number) -> Yen:
    """1,000円未満切捨て (標準期末手当等の額・標準賞与額: 地共済法 第44条の2, 厚年法 第24条の4)."""
    return (floor_yen(value) // 1000) * 1000


def employee_insurance_share(value: Number) -> Yen:
    """50銭ルール: 被保険者負担分を給与から控除する場合の端数処理.

    50銭以下は切捨て、50銭を超えるものは切上げ (健康保険法・厚生年金保険法の
    「通貨の単位及び貨幣の発行等に関する法律」第3条による端数処理の特例、事業主と
    被保険者の間の慣行として日本年金機構が示すもの)。
    """
    d = _dec(value)
    whole = d.to_integral_value(rounding=ROUND_DOWN)
    return int(whole) + (1 if d - whole > Decimal("0.5") else 0)


def require_non_negative(name: str, value: int) -> int:
    """Refuse a negative amount with a message naming the argument."""
    from jinji.rules.errors import InvalidArgument

    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name} は整数(円)で指定してください: {value!r}")
    if value < 0:
        raise InvalidArgument(f"{name} に負の金額は指定できません: {value}")
    return value


# Exact integer-ratio forms of the rules above, for the batch path (no Decimal, no Fraction).
# Each applies the same legal rule as its namesake to numerator/denominator.


def _split_ratio(numerator: int, denominator: int) -> tuple[int, int, int]:
    from jinji.rules.errors import InvalidArgument

    if denominator <= 0:
        raise InvalidArgument(f"分母は正の整数で指定してください: {denominator}")
    sign = -1 if numerator < 0 else 1
    return sign, abs(numerator), denominator


def floor_yen_ratio(numerator: int, denominator: int) -> Yen:
    """円未満切捨て of ``numerator / denominator`` (the rule of :func:`floor_yen`, in int arithmetic)."""
    if numerator >= 0 and denominator > 0:
        return numerator // denominator
    sign, num, den = _split_ratio(numerator, denominator)
    return sign * (num // den)


def round_half_up_yen_ratio(numerator: int, denominator: int) -> Yen:
    """円未満四捨五入 (50銭以上切上げ) of ``numerator / denominator`` (the rule of :func:`round_half_up_yen`)."""
    if numerator >= 0 and denominator > 0:
        return (2 * numerator + denominator) // (2 * denominator)
    sign, num, den = _split_ratio(numerator, denominator)
    return sign * ((2 * num + den) // (2 * den))


def floor_to_100_yen_ratio(numerator: int, denominator: int) -> Yen:
    """100円未満切捨て of ``numerator / denominator`` (the rule of :func:`floor_to_100_yen`)."""
    return (floor_yen_ratio(numerator, denominator) // 100) * 100


def ceil_yen_ratio(numerator: int, denominator: int) -> Yen:
    """1円未満切上げ of ``numerator / denominator`` (the rule of :func:`ceil_yen`, in int arithmetic)."""
    if numerator >= 0 and denominator > 0:
        return -((-numerator) // denominator)
    _sign, num, den = _split_ratio(numerator, denominator)
    return -(num // den)  # numerator < 0: ceil(-x) = -floor(x)


def round_half_up_to_10_yen_ratio(numerator: int, denominator: int) -> Yen:
    """10円未満四捨五入 of ``numerator / denominator`` (the rule of :func:`round_half_up_to_10_yen`)."""
    if numerator >= 0 and denominator > 0:
        return (numerator + 5 * denominator) // (10 * denominator) * 10
    sign, num, den = _split_ratio(numerator, denominator)
    return sign * ((num + 5 * den) // (10 * den) * 10)


def employee_insurance_share_ratio(numerator: int, denominator: int) -> Yen:
    """50銭ルール of ``numerator / denominator`` (the rule of :func:`employee_insurance_share`)."""
    if numerator < 0 or denominator <= 0:
        from jinji.rules.errors import InvalidArgument

        raise InvalidArgument(f"被保険者負担分の計算に負の値・0以下の分母は指定できません: {numerator}/{denominator}")
    whole, rest = divmod(numerator, denominator)
    return whole + (1 if 2 * rest > denominator else 0)
