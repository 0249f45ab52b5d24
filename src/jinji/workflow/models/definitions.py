"""承認ルートの定義: per application type, versioned; a published version never changes.

A definition has ordered steps (承認 / 合議 / 決裁). Each step names its approvers as data
(a strategy and its parameters, never code), may carry conditions on the application's
declared numeric attributes, and may name a fallback approver for vacant posts.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import TenantModel
from jinji.core.tenancy import TenantManager


class StepKind(models.TextChoices):
    APPROVAL = "approval", "承認"
    CONSULTATION = "consultation", "合議"
    FINAL_APPROVAL = "final_approval", "決裁"


class ApproverKind(models.TextChoices):
    POSITION = "position", "申請者の所属系統の職位"
    ROLE = "role", "役割"
    USER = "user", "指定の利用者"


class _Immutable(models.Model):
    """Published definition rows are never changed or deleted: a new version is published instead."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("公開済みの承認ルートは変更できません。新しい版を作成してください")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("公開済みの承認ルートは削除できません")


class WorkflowDefinition(TenantModel):
    """承認ルート of one application type in one organization; points at its version in force."""

    objects: ClassVar[TenantManager[WorkflowDefinition]] = TenantManager()  # type: ignore[assignment]

    application_type = models.CharField("申請種別", max_length=50)
    name = models.CharField("名称", max_length=100)
    is_active = models.BooleanField("有効", default=True)
    current_version = models.ForeignKey(
        "workflow.DefinitionVersion",
        verbose_name="現在の版",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "承認ルート"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "application_type"], name="workflow_definition_type_unique")
        ]

    def __str__(self) -> str:
        return self.name


class DefinitionVersion(TenantModel, _Immutable):
    """One published version of a definition; instances keep the version they started with."""

    objects: ClassVar[TenantManager[DefinitionVersion]] = TenantManager()  # type: ignore[assignment]

    definition = models.ForeignKey(
        WorkflowDefinition, verbose_name="承認ルート", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("版番号")
    note = models.CharField("改定内容", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作成者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "承認ルートの版"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["definition", "number"], name="workflow_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.definition_id} 第{self.number}版"


class DefinitionStep(TenantModel, _Immutable):
    """One step of a version. ``conditions``: all of [{"field", "op", "value"}] must hold (empty = always)."""

    objects: ClassVar[TenantManager[DefinitionStep]] = TenantManager()  # type: ignore[assignment]

    version = models.ForeignKey(DefinitionVersion, verbose_name="版", on_delete=models.PROTECT, related_name="steps")
    order = models.PositiveSmallIntegerField("順序")
    name = models.CharField("ステップ名", max_length=100)
    kind = models.CharField("種類", max_length=20, choices=StepKind.choices)
    conditions = models.JSONField("条件", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "承認ステップ"
        ordering: ClassVar[list[str]] = ["version", "order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["version", "order"], name="workflow_step_order_unique")
        ]

    def __str__(self) -> str:
        return self.name


class StepApprover(TenantModel, _Immutable):
    """Who approves a step, as data: a strategy and its parameters.

    - 職位 (``position``): the nearest unit, walking up from the applicant's unit, with someone on a
      position of rank ≥ ``min_rank`` (only 所属長 positions when ``unit_head_only``).
    - 役割 (``role``): holders of ``role``; with ``within_applicant_unit`` only grants covering the
      applicant's unit (or the whole organization).
    - 指定の利用者 (``user``): ``user``.

    A 合議 step has one row per participant (all must agree); anyone resolved for one row may act
    for it. ``is_fallback`` marks the step's fallback (vacant post) and designated 代決者.
    """

    objects: ClassVar[TenantManager[StepApprover]] = TenantManager()  # type: ignore[assignment]

    step = models.ForeignKey(
        DefinitionStep, verbose_name="ステップ", on_delete=models.PROTECT, related_name="approvers"
    )
    slot = models.PositiveSmallIntegerField("順序", default=0)
    is_fallback = models.BooleanField("代替承認者", default=False)
    kind = models.CharField("決め方", max_length=20, choices=ApproverKind.choices)
    min_rank = models.PositiveSmallIntegerField("職位の序列(以上)", null=True, blank=True)
    unit_head_only = models.BooleanField("所属長の職に限る", default=True)
    role = models.CharField("役割", max_length=30, blank=True)
    within_applicant_unit = models.BooleanField("申請者の所属を担当する者に限る", default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="利用者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "承認者の決め方"
        ordering: ClassVar[list[str]] = ["step", "is_fallback", "slot"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}"
