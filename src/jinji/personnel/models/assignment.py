"""任用 and 所属: the effective-dated assignment history of an employee."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import EffectiveDated, TenantModel


class AppointmentType(models.TextChoices):
    REGULAR = "regular", "正規"
    REAPPOINTED_FULL = "reappointed_full", "再任用(フルタイム)"
    REAPPOINTED_SHORT = "reappointed_short", "再任用(短時間)"
    FIXED_TERM = "fixed_term", "任期付"
    FISCAL_YEAR_FULL = "fiscal_year_full", "会計年度任用(フルタイム)"
    FISCAL_YEAR_PART = "fiscal_year_part", "会計年度任用(パートタイム)"
    TEMPORARY = "temporary", "臨時的任用"
    SPECIAL = "special", "特別職"


class WorkPattern(models.TextChoices):
    FULL_TIME = "full_time", "常勤(フルタイム)"
    SHORT_TIME = "short_time", "短時間勤務"
    PART_TIME = "part_time", "パートタイム"
    SHIFT = "shift", "交替制勤務"


class AssignmentKind(models.TextChoices):
    PRIMARY = "primary", "本務"
    CONCURRENT = "concurrent", "兼務"
    SECONDMENT = "secondment", "併任"


class Assignment(TenantModel, EffectiveDated):
    """One period of an employee's post: where, as what, on which pay line, under which terms.

    Primary (本務) periods of one employee never overlap; 兼務・併任 are extra rows.
    """

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="assignments"
    )
    kind = models.CharField("区分", max_length=20, choices=AssignmentKind.choices, default=AssignmentKind.PRIMARY)
    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.PROTECT, related_name="+")
    position = models.ForeignKey(
        "org.Position", verbose_name="職", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    job_category = models.ForeignKey(
        "org.JobCategory",
        verbose_name="職種",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointing_authority = models.ForeignKey(
        "org.AppointingAuthority", verbose_name="任命権者", on_delete=models.PROTECT, related_name="+"
    )
    payer = models.ForeignKey(
        "org.Payer",
        verbose_name="給与支払者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointment_type = models.CharField("任用区分", max_length=30, choices=AppointmentType.choices)
    salary_schedule = models.ForeignKey(
        "org.SalarySchedule",
        verbose_name="給料表",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grade = models.PositiveSmallIntegerField("級", null=True, blank=True)
    step = models.PositiveSmallIntegerField("号給", null=True, blank=True)
    work_pattern = models.CharField("勤務形態", max_length=20, choices=WorkPattern.choices)
    weekly_minutes = models.PositiveIntegerField("週勤務時間(分)", help_text="38時間45分 = 2325")
    is_on_leave = models.BooleanField("休職中", default=False)
    action = models.ForeignKey(
        "personnel.PersonnelAction",
        verbose_name="発令",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )

    class Meta:
        verbose_name = verbose_name_plural = "任用・所属履歴"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "org_unit", "valid_from"]),
            models.Index(fields=["employee", "kind", "valid_from"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.valid_from}〜{self.valid_to or ''}"
