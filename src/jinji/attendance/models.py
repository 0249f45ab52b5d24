"""就業管理のモデル: 勤務場所, 打刻, 勤務時間の割振り, 出勤簿の確認と勤怠締め."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import EffectiveDated, TenantModel


class LocationKind(models.TextChoices):
    """勤務場所の区分."""

    MAIN_OFFICE = "main_office", "本庁"
    BRANCH = "branch", "出先機関"
    SATELLITE = "satellite", "サテライトオフィス"
    HOME = "home", "在宅"
    WORKATION = "workation", "ワーケーション"


OFFICE_KINDS = frozenset({LocationKind.MAIN_OFFICE, LocationKind.BRANCH, LocationKind.SATELLITE})
"""Kinds that name a registered place (勤務場所マスタ); the others need no place row."""


class WorkLocation(TenantModel):
    """勤務場所 (庁舎・出先機関・サテライトオフィス). ``allowed_networks``: 打刻を許すIP範囲 (CIDR, 改行区切り)."""

    kind = models.CharField("区分", max_length=20, choices=LocationKind.choices)
    name = models.CharField("名称", max_length=100)
    allowed_networks = models.TextField(
        "打刻を許すネットワーク", blank=True, help_text="CIDR表記を改行区切りで(例: 10.1.0.0/16)。空欄は制限なし"
    )
    seats = models.PositiveIntegerField("座席数", default=0, help_text="サテライトオフィスの予約可能な席数")
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "勤務場所"
        ordering: ClassVar[list[str]] = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class ClockKind(models.TextChoices):
    CLOCK_IN = "in", "出勤"
    CLOCK_OUT = "out", "退勤"


class ClockSource(models.TextChoices):
    ONLINE = "online", "打刻"
    OFFLINE = "offline", "オフライン打刻(後送)"
    PROXY = "proxy", "代理入力"
    CORRECTION = "correction", "修正申請"


class ClockEvent(TenantModel):
    """One punch. ``occurred_at`` is server time, or the device time of a queued offline punch."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("打刻種別", max_length=3, choices=ClockKind.choices)
    occurred_at = models.DateTimeField("打刻時刻")
    received_at = models.DateTimeField("受信時刻")
    business_date = models.DateField("勤務日")
    source = models.CharField("入力方法", max_length=10, choices=ClockSource.choices, default=ClockSource.ONLINE)
    location_kind = models.CharField("勤務場所の区分", max_length=20, choices=LocationKind.choices)
    location = models.ForeignKey(
        WorkLocation, verbose_name="勤務場所", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    location_note = models.CharField("勤務地(ワーケーション先)", max_length=100, blank=True)
    without_clock_in = models.BooleanField("出勤打刻なしの退勤", default=False)
    idempotency_key = models.CharField("再送識別子", max_length=64)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入力者", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("理由", max_length=200, blank=True)
    ip_address = models.GenericIPAddressField("IPアドレス", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "打刻"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organization", "employee", "idempotency_key"], name="attendance_clock_once_per_key"
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "employee", "business_date"], name="attendance_clock_emp_day"),
            models.Index(fields=["organization", "business_date"], name="attendance_clock_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"


class Schedule(TenantModel):
    """勤務時間の割振りのパターン (標準 8:30〜17:15, 時差出勤 A/B …). Minutes from 00:00."""

    code = models.CharField("コード", max_length=20)
    name = models.CharField("名称", max_length=50)
    start_minute = models.PositiveIntegerField("始業(分)")
    end_minute = models.PositiveIntegerField("終業(分)")
    break_start_minute = models.PositiveIntegerField("休憩開始(分)", null=True, blank=True)
    break_end_minute = models.PositiveIntegerField("休憩終了(分)", null=True, blank=True)
    is_default = models.BooleanField("団体の標準", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "勤務時間の割振り"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="attendance_schedule_code"),
        ]

    def __str__(self) -> str:
        return self.name


class ScheduleAssignment(TenantModel, EffectiveDated):
    """An employee's schedule pattern from a date (時差出勤・短時間勤務). ``weekdays``: 勤務する曜日 (月=0)."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    schedule = models.ForeignKey(Schedule, verbose_name="割振り", on_delete=models.PROTECT, related_name="+")
    weekdays = models.CharField("勤務する曜日", max_length=7, default="01234", help_text="月=0 … 日=6")

    class Meta:
        verbose_name = verbose_name_plural = "勤務時間の割振りの適用"
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "employee"])]


class SheetStatus(models.TextChoices):
    OPEN = "open", "未確認"
    STAFF_CONFIRMED = "staff_confirmed", "本人確認済"
    HEAD_CONFIRMED = "head_confirmed", "所属長確認済"


class AttendanceSheet(TenantModel):
    """The electronic 出勤簿 of one employee and month: who confirmed it and when."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    status = models.CharField("状態", max_length=20, choices=SheetStatus.choices, default=SheetStatus.OPEN)
    staff_confirmed_at = models.DateTimeField("本人確認日時", null=True, blank=True)
    head_confirmed_at = models.DateTimeField("所属長確認日時", null=True, blank=True)
    head_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="確認した所属長", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "出勤簿"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "employee", "year", "month"], name="attendance_sheet_once"),
        ]


class MonthClose(TenantModel):
    """勤怠締め of one unit and month. After it, changes only by a correction application."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    closed_at = models.DateTimeField("締め日時")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="締めた庶務担当", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "勤怠締め"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "org_unit", "year", "month"], name="attendance_close_once"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月 締め"


class GrantBasisChoice(models.TextChoices):
    CALENDAR = "calendar", "暦年(1月1日付与)"
    FISCAL = "fiscal", "年度(4月1日付与)"


class AttendancePolicy(TenantModel):
    """団体の就業管理の設定: 年次休暇の付与日, テレワークの上限 (週あたり日数)."""

    grant_basis = models.CharField(
        "年次休暇の付与", max_length=10, choices=GrantBasisChoice.choices, default=GrantBasisChoice.CALENDAR
    )
    telework_max_days_per_week = models.PositiveSmallIntegerField("テレワークの上限(週あたり日数)", default=2)
    workation_max_days_per_year = models.PositiveSmallIntegerField(
        "ワーケーションの上限(年度あたり日数)", null=True, blank=True, help_text="空欄は上限なし"
    )

    class Meta:
        verbose_name = verbose_name_plural = "就業管理の設定"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization"], name="attendance_policy_once"),
        ]


class LeaveKind(models.TextChoices):
    """休暇の種類."""

    ANNUAL = "annual", "年次休暇"
    SICK = "sick", "病気休暇"
    SUMMER = "summer", "夏季休暇"
    BEREAVEMENT = "bereavement", "忌引休暇"
    CHILD_NURSING = "child_nursing", "子の看護休暇"
    SHORT_CARE = "short_care", "短期介護休暇"


class LeaveAccount(TenantModel):
    """One employee's ledger of one leave kind; its row is locked while the balance changes."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("休暇の種類", max_length=20, choices=LeaveKind.choices)
    daily_minutes = models.PositiveIntegerField("1日の時間(分)", default=465)

    class Meta:
        verbose_name = verbose_name_plural = "休暇簿"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "employee", "kind"], name="attendance_leave_account_once"),
        ]


class EntryKind(models.TextChoices):
    GRANT = "grant", "付与"
    USE = "use", "使用"
    CARRY_OVER = "carry_over", "繰越"
    EXPIRY = "expiry", "失効"


class LeaveEntry(TenantModel):
    """A line of the 休暇簿. Uses carry their time span (for overlaps and the 出勤簿)."""

    account = models.ForeignKey(LeaveAccount, verbose_name="休暇簿", on_delete=models.PROTECT, related_name="entries")
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    entry_kind = models.CharField("区分", max_length=12, choices=EntryKind.choices)
    on = models.DateField("日付")
    days = models.PositiveIntegerField("日数", default=0)
    minutes = models.PositiveIntegerField("時間(分)", default=0)
    unit = models.CharField("単位", max_length=10, default="day")
    expires_on = models.DateField("失効日", null=True, blank=True)
    starts_at = models.DateTimeField("開始", null=True, blank=True)
    ends_at = models.DateTimeField("終了", null=True, blank=True)
    application_id = models.PositiveBigIntegerField("申請", null=True, blank=True)
    note = models.CharField("備考", max_length=100, blank=True)
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "休暇簿の記載"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organization", "application_id"],
                condition=models.Q(application_id__isnull=False),
                name="attendance_leave_once_per_application",
            ),
            models.UniqueConstraint(
                fields=["account", "entry_kind", "on"],
                condition=models.Q(entry_kind__in=["grant", "carry_over"]),
                name="attendance_leave_grant_once",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "employee", "on"], name="attendance_leave_emp_day"),
        ]


class OvertimeUnit(TenantModel):
    """他律的業務の比重の高い部署 (上限 月100時間未満・年720時間) designated by the head of the authority."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.PROTECT, related_name="+")
    designated = models.BooleanField("他律的業務の比重の高い部署", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "超過勤務の上限区分"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "org_unit"], name="attendance_overtime_unit_once"),
        ]


class OvertimeOrder(TenantModel):
    """時間外勤務命令 (approved through the workflow) and its after-the-fact confirmation (実績確認)."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    day = models.DateField("勤務日")
    starts_at = models.DateTimeField("開始")
    ends_at = models.DateTimeField("終了")
    ordered_minutes = models.PositiveIntegerField("命令時間(分)")
    confirmed_minutes = models.PositiveIntegerField("実績(分)", null=True, blank=True)
    confirmed_at = models.DateTimeField("実績確認日時", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="実績確認者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    exceptional_reason = models.CharField("特例業務の理由", max_length=200, blank=True)
    application_id = models.PositiveBigIntegerField("申請", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "時間外勤務命令"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organization", "application_id"],
                condition=models.Q(application_id__isnull=False),
                name="attendance_overtime_once_per_application",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "employee", "day"], name="attendance_overtime_emp_day"),
        ]

    @property
    def counted_minutes(self) -> int:
        """What the caps count: the confirmed actual once confirmed, else the ordered time."""
        return self.ordered_minutes if self.confirmed_minutes is None else self.confirmed_minutes


class SeatBooking(TenantModel):
    """サテライトオフィスの座席予約 (one seat per employee and day; capacity = the location's seats)."""

    location = models.ForeignKey(
        WorkLocation, verbose_name="サテライトオフィス", on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    day = models.DateField("利用日")
    booked_at = models.DateTimeField("予約日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "サテライトオフィスの予約"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "employee", "day"], name="attendance_seat_once_a_day"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "location", "day"])]


class RemoteWorkDay(TenantModel):
    """在宅勤務・ワーケーションの承認済みの日 (one per employee and day), written on final approval."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    day = models.DateField("勤務日")
    kind = models.CharField("勤務場所の区分", max_length=20, choices=LocationKind.choices)
    place = models.CharField("勤務地", max_length=100, blank=True)
    contact = models.CharField("連絡先", max_length=100, blank=True)
    application_id = models.PositiveBigIntegerField("申請", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "在宅勤務・ワーケーションの日"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "employee", "day"], name="attendance_remote_once_a_day"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "day"], name="attendance_remote_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%Y-%m-%d}"


class ShiftDayKind(models.TextChoices):
    """交替制勤務のパターンの1日の区分."""

    DUTY = "duty", "勤務"
    OFF = "off", "非番"
    REST = "rest", "週休日"


class ShiftPattern(TenantModel):
    """交替制勤務のパターン (消防・保育・病院): 当番・非番・日勤・週休日 の周期 (``days``, 0 から順に)."""

    code = models.CharField("コード", max_length=20)
    name = models.CharField("名称", max_length=50)
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "交替制勤務のパターン"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="attendance_shift_pattern_code"),
        ]

    def __str__(self) -> str:
        return self.name


class ShiftPatternDay(TenantModel):
    """One day of a pattern. Minutes from 00:00 of the day (``end_minute`` past 1440: 翌日);
    ``breaks``: [[開始, 終了], …] in the same minutes (data, never a formula)."""

    pattern = models.ForeignKey(ShiftPattern, verbose_name="パターン", on_delete=models.CASCADE, related_name="days")
    position = models.PositiveSmallIntegerField("周期内の日")
    kind = models.CharField("区分", max_length=10, choices=ShiftDayKind.choices)
    label = models.CharField("表示名", max_length=10, help_text="当番・日勤・非番・週休 など")
    start_minute = models.PositiveIntegerField("始業(分)", null=True, blank=True)
    end_minute = models.PositiveIntegerField("終業(分)", null=True, blank=True)
    breaks = models.JSONField("休憩時間(分)", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "交替制勤務のパターンの日"
        ordering: ClassVar[list[str]] = ["pattern", "position"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["pattern", "position"], name="attendance_shift_pattern_day_once"),
        ]


class ShiftRotation(TenantModel, EffectiveDated):
    """An employee on a shift pattern from ``valid_from``; ``start_offset``: the pattern day of ``valid_from``."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    pattern = models.ForeignKey(ShiftPattern, verbose_name="パターン", on_delete=models.PROTECT, related_name="+")
    start_offset = models.PositiveSmallIntegerField("開始日の周期内の日", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "交替制勤務の割当"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "employee"], name="attendance_rotation_emp"),
        ]


class RestDayTransfer(TenantModel):
    """週休日の振替: the 週休日 ``work_on`` becomes a 勤務日 and the 勤務日 ``rest_on`` the 週休日."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    work_on = models.DateField("勤務する日(元の週休日)")
    rest_on = models.DateField("振替後の週休日")
    reason = models.CharField("理由", max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入力者", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("入力日時")

    class Meta:
        verbose_name = verbose_name_plural = "週休日の振替"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "employee", "work_on"], name="attendance_transfer_work_on"),
            models.UniqueConstraint(fields=["organization", "employee", "rest_on"], name="attendance_transfer_rest_on"),
        ]


class OvertimeActual(TenantModel):
    """時間外勤務の実績 (本人が入力した実際の開始・終了). The 所属長's 実績確認 is on the order."""

    order = models.OneToOneField(OvertimeOrder, verbose_name="命令", on_delete=models.PROTECT, related_name="actual")
    starts_at = models.DateTimeField("実績の開始")
    ends_at = models.DateTimeField("実績の終了")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入力者", on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField("入力日時")

    class Meta:
        verbose_name = verbose_name_plural = "時間外勤務の実績"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds()) // 60


class PdfJobStatus(models.TextChoices):
    QUEUED = "queued", "待機中"
    RUNNING = "running", "作成中"
    DONE = "done", "完了"
    FAILED = "failed", "エラー"


class UnitSheetPdfJob(TenantModel):
    """所属の出勤簿 (1か月分) を1つのPDFにする作業 (django-tasks), with progress and the result."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年")
    month = models.PositiveSmallIntegerField("月")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="依頼者", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("依頼日時")
    status = models.CharField("状態", max_length=10, choices=PdfJobStatus.choices, default=PdfJobStatus.QUEUED)
    progress_done = models.PositiveIntegerField("進捗(人)", default=0)
    progress_total = models.PositiveIntegerField("対象(人)", default=0)
    pdf = models.BinaryField("PDF", null=True, blank=True)
    error = models.CharField("エラー", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "所属の出勤簿PDF"
