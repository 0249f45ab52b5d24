"""Leave units (休暇の単位) and balances held as (days, minutes).

Source: 勤務時間条例・規則 (mirroring 人事院規則15-14 第20条): 年次休暇の単位は1日, 特に必要が
あるときは半日又は1時間; converting hours to days, **1日 = その職員の1日の勤務時間** (7時間45分
= 465分 for full-time staff; short-time staff their own) — payroll-rules.md §D ✅✅ [S74].

A balance keeps whole days and the leftover minutes, normalised so that leftover hours carry:
20日 − 1時間 = 19日6時間45分; 3時間 + 5時間 = 1日15分 (at 465 minutes a day). The invariant
``days × daily_minutes + minutes`` is the exact total; days and minutes never have opposite signs.
A half day (半日) is charged as the minutes of that half of the day's schedule (午前 / 午後, see
:meth:`jinji.rules.attendance.WorkSchedule.half_day_minutes`) ❓ — some 規則 define 半日 otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jinji.rules.errors import InvalidArgument


class LeaveUnit(StrEnum):
    """休暇の単位."""

    DAY = "day"
    HALF_DAY = "half_day"
    HOUR = "hour"


def _count(value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgument(f"{label} は0以上の整数で指定してください: {value!r}")
    return value


def check_daily_minutes(daily_minutes: int) -> int:
    """1日の勤務時間 (分): a positive integer of at most 24 hours."""
    if isinstance(daily_minutes, bool) or not isinstance(daily_minutes, int) or not 0 < daily_minutes <= 1440:
        raise InvalidArgument(f"1日の勤務時間 (分) は1〜1440の整数で指定してください: {daily_minutes!r}")
    return daily_minutes


def format_days_minutes(days: int, minutes: int) -> str:
    """(19, 405) → "19日6時間45分"; zero parts are left out; (0, 0) → "0日"."""
    sign = "-" if days < 0 or minutes < 0 else ""
    days, minutes = abs(days), abs(minutes)
    hours, rest = divmod(minutes, 60)
    parts = [f"{days}日" if days else "", f"{hours}時間" if hours else "", f"{rest}分" if rest else ""]
    return sign + ("".join(parts) or "0日")


@dataclass(frozen=True, slots=True)
class LeaveQuantity:
    """An amount as granted or requested: whole ``days`` plus ``minutes`` (not normalised)."""

    days: int = 0
    minutes: int = 0

    def __post_init__(self) -> None:
        _count(self.days, "日数")
        _count(self.minutes, "時間 (分)")

    @classmethod
    def of_hours(cls, hours: int) -> LeaveQuantity:
        """``hours`` 時間 (1時間単位の休暇)."""
        return cls(0, 60 * _count(hours, "時間数"))

    def to_minutes(self, daily_minutes: int) -> int:
        """Total minutes at ``daily_minutes`` a day."""
        return self.days * check_daily_minutes(daily_minutes) + self.minutes

    def __str__(self) -> str:
        return format_days_minutes(self.days, self.minutes)


def leave_quantity(unit: LeaveUnit, count: int, *, half_day_minutes: int | None = None) -> LeaveQuantity:
    """``count`` units: days, hours (60 minutes each) or half days of ``half_day_minutes`` each."""
    _count(count, "単位数")
    if unit is LeaveUnit.DAY:
        return LeaveQuantity(count, 0)
    if unit is LeaveUnit.HOUR:
        return LeaveQuantity.of_hours(count)
    if half_day_minutes is None or _count(half_day_minutes, "半日の時間 (分)") == 0:
        raise InvalidArgument("半日単位の休暇には、その半日の勤務時間 (half_day_minutes) を指定してください")
    return LeaveQuantity(0, count * half_day_minutes)


@dataclass(frozen=True, slots=True)
class LeaveBalance:
    """A normalised balance: ``|minutes| < daily_minutes`` and days/minutes of the same sign."""

    days: int
    minutes: int
    daily_minutes: int

    def __post_init__(self) -> None:
        check_daily_minutes(self.daily_minutes)
        if abs(self.minutes) >= self.daily_minutes or self.days * self.minutes < 0:
            raise InvalidArgument(
                f"残日数が正規化されていません: {self.days}日{self.minutes}分 (1日 {self.daily_minutes}分)"
            )

    @classmethod
    def from_minutes(cls, total_minutes: int, daily_minutes: int) -> LeaveBalance:
        """Normalise ``total_minutes``: whole days first, the rest as minutes (sign kept on both)."""
        if isinstance(total_minutes, bool) or not isinstance(total_minutes, int):
            raise InvalidArgument(f"残時間 (分) は整数で指定してください: {total_minutes!r}")
        days, minutes = divmod(abs(total_minutes), check_daily_minutes(daily_minutes))
        sign = -1 if total_minutes < 0 else 1
        return cls(sign * days, sign * minutes, daily_minutes)

    @classmethod
    def of(cls, quantity: LeaveQuantity, daily_minutes: int) -> LeaveBalance:
        """A quantity as a balance (e.g. 0日 500分 → 1日35分 at 465)."""
        return cls.from_minutes(quantity.to_minutes(daily_minutes), daily_minutes)

    @property
    def total_minutes(self) -> int:
        return self.days * self.daily_minutes + self.minutes

    def _other_minutes(self, other: LeaveBalance | LeaveQuantity) -> int:
        if isinstance(other, LeaveQuantity):
            return other.to_minutes(self.daily_minutes)
        if other.daily_minutes != self.daily_minutes:
            raise InvalidArgument("1日の勤務時間が異なる残日数どうしは計算できません")
        return other.total_minutes

    def __add__(self, other: LeaveBalance | LeaveQuantity) -> LeaveBalance:
        return LeaveBalance.from_minutes(self.total_minutes + self._other_minutes(other), self.daily_minutes)

    def __sub__(self, other: LeaveBalance | LeaveQuantity) -> LeaveBalance:
        return LeaveBalance.from_minutes(self.total_minutes - self._other_minutes(other), self.daily_minutes)

    def __str__(self) -> str:
        return format_days_minutes(self.days, self.minutes)
