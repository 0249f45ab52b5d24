"""Plain frozen inputs of one monthly payslip (what the payroll app gathers from its models).

Structural checks (types, signs, known codes) run when an input is built, so a bad record
fails with a Japanese message naming the field before any arithmetic; checks that need a
table (unknown 級/号給, unknown 給料表) run in :func:`jinji.rules.payslip.compute_payslip`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.fiscal_year_appointee import PAY_BASES, STANDARD_WEEKLY_MINUTES
from jinji.rules.pay.salary_schedule import SalarySchedule, base_salary, reappointed_salary

SCHEMES = ("mutual_aid", "employee_plans", "none")
TAX_COLUMNS = ("kou", "otsu")


def _check_ints(obj: object, *, label: str, allow_negative: tuple[str, ...] = ()) -> None:
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        bad = isinstance(value, bool) or not isinstance(value, int) or value < 0
        if f.type in ("int", int) and f.name not in allow_negative and bad:
            raise InvalidArgument(f"{label}.{f.name} は0以上の整数で指定してください: {value!r}")


@dataclass(frozen=True, slots=True)
class SalaryGrade:
    """給料表 ``schedule_id`` (e.g. "gyosei_1"), 級 ``grade``, 号給 ``step``.

    ``step`` 0 is a 再任用職員: paid from the schedule's 「再任用職員」 column of the 級, pro-rated by
    ``weekly_minutes`` when 短時間 (:func:`~jinji.rules.pay.salary_schedule.reappointed_salary`);
    a 号給 is always full time.
    """

    schedule_id: str
    grade: int
    step: int = 0
    weekly_minutes: int = STANDARD_WEEKLY_MINUTES

    def __post_init__(self) -> None:
        _check_ints(self, label="給料 (salary)")
        if not 0 < self.weekly_minutes <= STANDARD_WEEKLY_MINUTES:
            raise InvalidArgument(
                f"給料 (salary): 週の勤務時間は1〜{STANDARD_WEEKLY_MINUTES}分です: {self.weekly_minutes}"
            )
        if self.step and self.weekly_minutes != STANDARD_WEEKLY_MINUTES:
            raise InvalidArgument("給料 (salary): 短時間勤務の週の勤務時間は再任用職員 (号給なし) にだけ指定できます")

    @property
    def reappointed(self) -> bool:
        """Paid from the 再任用職員の欄 (no 号給)."""
        return self.step == 0

    @property
    def daily_minutes(self) -> int:
        """1日の勤務時間 for the hourly-rate divisor and 欠勤減額: 週 ÷ 5 (❓ a 5-day week assumed
        for 短時間; the post records only the weekly hours)."""
        return self.weekly_minutes // 5

    def monthly(self, schedule: SalarySchedule) -> int:
        """給料月額 from ``schedule``: the 号給's amount, or the 再任用職員 amount (pro-rated)."""
        if self.reappointed:
            return reappointed_salary(schedule, grade=self.grade, weekly_minutes=self.weekly_minutes)
        return base_salary(schedule, grade=self.grade, step=self.step)


@dataclass(frozen=True, slots=True)
class AppointeePay:
    """会計年度任用職員: ``basis`` monthly (``rate`` = フルタイム換算の月額, pro-rated by
    ``weekly_minutes``), daily (``rate`` = 日額) or hourly (``rate`` = 時間額)."""

    basis: str
    rate: int
    weekly_minutes: int = STANDARD_WEEKLY_MINUTES
    daily_minutes: int = 465

    def __post_init__(self) -> None:
        if self.basis not in PAY_BASES:
            raise InvalidArgument(f"報酬の区分 (basis) は {PAY_BASES} のいずれかです: {self.basis!r}")
        _check_ints(self, label="報酬 (appointee)")
        if not 0 < self.weekly_minutes <= STANDARD_WEEKLY_MINUTES or self.daily_minutes <= 0:
            raise InvalidArgument(
                f"勤務時間が不正です: 週 {self.weekly_minutes} 分 (1〜{STANDARD_WEEKLY_MINUTES}),"
                f" 日 {self.daily_minutes} 分"
            )


@dataclass(frozen=True, slots=True)
class AllowanceInput:
    """Facts behind the allowances (扶養・住居・通勤・地域・管理職・初任給調整)."""

    spouse: bool = False
    children: int = 0
    special_period_children: int = 0  # 16歳到達年度末後〜22歳到達年度末の子 (加算の対象)
    other_dependents: int = 0  # 父母等
    rent: int = 0  # 家賃月額 (借家・借間)
    single_posting_family: bool = False  # 単身赴任者の留守家族の住居
    transit_fare: int = 0  # 1箇月当たりの運賃等相当額
    vehicle_distance_m: int = 0  # 自動車等の片道距離 (m); 0 = 使用しない
    parking_fee: int = 0  # 駐車場等の月額
    regional_grade: int = 0  # 地域手当の級地 (0 = 支給地域外)
    regional_locality: str = ""  # 勤務地コード (地域手当の表にある場合は級地より優先)
    management_class: int = 0  # 管理職手当の種 (0 = 管理職でない)
    starting_pay_kind: str = ""  # 初任給調整手当の区分 ("" = なし)
    starting_pay_years: int = 0

    def __post_init__(self) -> None:
        _check_ints(self, label="手当 (allowances)")
        if self.special_period_children > self.children:
            raise InvalidArgument(
                f"特定期間の子の数 ({self.special_period_children}) が子の数 ({self.children}) を超えています"
            )


@dataclass(frozen=True, slots=True)
class SpecialDutyCount:
    """特殊勤務手当 ``code``: ``count`` days/cases (``short_count`` short days)."""

    code: str
    count: int
    short_count: int = 0

    def __post_init__(self) -> None:
        _check_ints(self, label=f"特殊勤務手当 {self.code}")


@dataclass(frozen=True, slots=True)
class MonthAttendance:
    """The month's 出勤簿 summary. Overtime minutes are per rate class, the 60-hour rule
    already applied (see :func:`jinji.rules.pay.classify_overtime`)."""

    overtime_normal: int = 0  # 125/100
    overtime_normal_night: int = 0  # 150/100
    overtime_rest_day: int = 0  # 135/100
    overtime_rest_day_night: int = 0  # 160/100
    overtime_over60: int = 0  # 150/100
    overtime_over60_night: int = 0  # 175/100
    overtime_weekly_excess: int = 0  # 25/100
    holiday_work: int = 0  # 休日勤務 (分)
    night_work: int = 0  # 夜勤 (正規の勤務時間のうち22–5時, 分)
    absence_days: int = 0  # 欠勤日数
    absence_minutes: int = 0  # 欠勤時間 (分)
    days_worked: int = 0  # 日額報酬の勤務日数
    minutes_worked: int = 0  # 時間額報酬の勤務時間 (分)
    special_duties: tuple[SpecialDutyCount, ...] = ()

    def __post_init__(self) -> None:
        _check_ints(self, label="勤務実績 (attendance)")

    def needs_hourly_rate(self) -> bool:
        """Whether any time-based pay or 欠勤減額 needs the 勤務1時間当たりの給与額."""
        return bool(
            self.holiday_work or self.night_work or self.absence_days or self.absence_minutes or self.overtime_minutes()
        )

    def overtime_minutes(self) -> tuple[tuple[str, int], ...]:
        """(rate class, minutes) for every class with minutes."""
        if not (
            self.overtime_normal
            or self.overtime_normal_night
            or self.overtime_rest_day
            or self.overtime_rest_day_night
            or self.overtime_over60
            or self.overtime_over60_night
            or self.overtime_weekly_excess
        ):
            return ()
        pairs = (
            ("normal", self.overtime_normal),
            ("normal_night", self.overtime_normal_night),
            ("rest_day", self.overtime_rest_day),
            ("rest_day_night", self.overtime_rest_day_night),
            ("over60", self.overtime_over60),
            ("over60_night", self.overtime_over60_night),
            ("weekly_excess", self.overtime_weekly_excess),
        )
        return tuple(p for p in pairs if p[1])


@dataclass(frozen=True, slots=True)
class InsuranceInput:
    """Social insurance of one employee.

    ``scheme`` "mutual_aid": 共済 ``union`` (e.g. "toyama_municipal", table
    ``mutual_aid_rates.<union>``) on the 短期/長期 標準報酬の等級;
    a 短期組合員 (part-time 会計年度任用職員) has ``long_term_member=False`` and, with
    ``welfare_pension=True``, pays 厚生年金 to 日本年金機構 (rate of ``prefecture``'s table).
    "employee_plans": 協会けんぽ of ``prefecture`` (JIS code) and 厚生年金, deducted the month
    after the premium month. ``employment_insurance``: 雇用保険 on the month's wages.
    ``birth_date`` decides 介護 (40–64) and 厚生年金 (under 70).
    """

    scheme: str
    union: str = ""
    short_term_grade: int = 0
    long_term_grade: int = 0
    birth_date: datetime.date | None = None
    short_term_member: bool = True
    long_term_member: bool = True
    welfare_pension: bool = False
    prefecture: str = ""
    employment_insurance: bool = False
    employment_business: str = "general"

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise InvalidArgument(f"保険の区分 (scheme) は {SCHEMES} のいずれかです: {self.scheme!r}")
        _check_ints(self, label="保険 (insurance)")
        if self.scheme != "none" and type(self.birth_date) is not datetime.date:
            raise InvalidArgument("社会保険の年齢要件のため生年月日 (birth_date) を指定してください")
        if self.scheme == "mutual_aid" and not self.union:
            raise InvalidArgument("共済組合の掛金率の表 (union) を指定してください")
        if (self.scheme == "employee_plans" or self.welfare_pension) and not self.prefecture:
            raise InvalidArgument("協会けんぽ・厚生年金の都道府県コード (prefecture) を指定してください")
        if self.welfare_pension and (self.scheme != "mutual_aid" or self.long_term_member):
            raise InvalidArgument("welfare_pension は共済の短期組合員 (long_term_member=False) にだけ指定できます")


NO_INSURANCE = InsuranceInput(scheme="none")


@dataclass(frozen=True, slots=True)
class TaxInput:
    """源泉徴収: 税額表の欄 (甲 "kou" / 乙 "otsu") and 扶養親族等の数."""

    column: str = "kou"
    dependents: int = 0

    def __post_init__(self) -> None:
        if self.column not in TAX_COLUMNS:
            raise InvalidArgument(f"税額表の欄 (column) は 'kou'(甲欄) か 'otsu'(乙欄) です: {self.column!r}")
        _check_ints(self, label="源泉徴収 (tax)")


@dataclass(frozen=True, slots=True)
class OtherDeduction:
    """A deduction outside tax and insurance (互助会費, 組合費, 財形 …)."""

    code: str
    label: str
    amount: int

    def __post_init__(self) -> None:
        _check_ints(self, label=f"控除 {self.code}")


@dataclass(frozen=True, slots=True)
class OtherEarning:
    """An earning the payroll app supplies as a ready amount (資格手当 from the talent rules …).

    ``taxable``: counts toward 課税支給額. Paid after the computed items; it is not part of the
    勤務1時間当たりの給与額 (給与法 第19条 lists the allowances that are).
    """

    code: str
    label: str
    amount: int
    taxable: bool = True

    def __post_init__(self) -> None:
        if not self.code or not self.label:
            raise InvalidArgument(f"支給項目のコード (code) と名称 (label) を指定してください: {self.code!r}")
        _check_ints(self, label=f"支給 {self.code}")
        if type(self.taxable) is not bool:
            raise InvalidArgument(f"支給 {self.code}.taxable は真偽値で指定してください: {self.taxable!r}")


@dataclass(frozen=True, slots=True)
class PayInput:
    """One employee's month. Exactly one of ``salary`` (給料表) and ``appointee`` (会計年度任用).

    ``holiday_count`` is N of the 勤務1時間当たりの給与額 divisor; None takes it from the calendar
    for the fiscal year of ``paid_on``. ``resident_tax`` is this month's 特別徴収税額.
    ``other_earnings`` are paid as given (資格手当 …), after the computed earnings.
    """

    employee_id: str
    paid_on: datetime.date
    salary: SalaryGrade | None = None
    appointee: AppointeePay | None = None
    allowances: AllowanceInput = field(default_factory=AllowanceInput)
    attendance: MonthAttendance = field(default_factory=MonthAttendance)
    insurance: InsuranceInput = NO_INSURANCE
    tax: TaxInput = field(default_factory=TaxInput)
    resident_tax: int = 0
    other_deductions: tuple[OtherDeduction, ...] = ()
    holiday_count: int | None = None
    other_earnings: tuple[OtherEarning, ...] = ()

    def __post_init__(self) -> None:
        if (self.salary is None) == (self.appointee is None):
            raise InvalidArgument(
                f"職員 {self.employee_id}: 給料 (salary) か報酬 (appointee) のどちらか一方を指定してください"
            )
        if type(self.paid_on) is not datetime.date:
            raise InvalidArgument(
                f"職員 {self.employee_id}: 支給日 (paid_on) は日付で指定してください: {self.paid_on!r}"
            )
        _check_ints(self, label=f"職員 {self.employee_id}")
        if self.holiday_count is not None and not 0 <= self.holiday_count <= 366:
            raise InvalidArgument(f"職員 {self.employee_id}: 休日数は0〜366です: {self.holiday_count}")
