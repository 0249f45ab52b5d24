"""申請 (workflow instances), their steps and tasks as state, and the action log."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import TenantModel
from jinji.core.tenancy import TenantManager
from jinji.workflow.models.definitions import DefinitionVersion, StepKind


class InstanceStatus(models.TextChoices):
    DRAFT = "draft", "下書き"
    IN_PROGRESS = "in_progress", "承認待ち"
    SENT_BACK = "sent_back", "差戻し"
    APPROVED = "approved", "決裁済"
    REJECTED = "rejected", "却下"
    WITHDRAWN = "withdrawn", "取下げ"
    EFFECT_FAILED = "effect_failed", "反映エラー"


TERMINAL_STATUSES = frozenset({InstanceStatus.APPROVED, InstanceStatus.REJECTED, InstanceStatus.WITHDRAWN})
ACTIVE_STATUSES = frozenset({InstanceStatus.IN_PROGRESS, InstanceStatus.EFFECT_FAILED})
"""An instance in these statuses has exactly one active step with pending tasks."""


class StepStatus(models.TextChoices):
    WAITING = "waiting", "未着手"
    ACTIVE = "active", "処理中"
    COMPLETED = "completed", "完了"
    SKIPPED = "skipped", "対象外(条件)"
    CLOSED = "closed", "終了"


class TaskStatus(models.TextChoices):
    PENDING = "pending", "未処理"
    APPROVED = "approved", "承認"
    SENT_BACK = "sent_back", "差戻し"
    REJECTED = "rejected", "却下"
    SKIPPED = "skipped", "処理不要"
    DELEGATED = "delegated", "代決"
    PULLED_BACK = "pulled_back", "引戻し"


DONE_TASK_STATUSES = frozenset({TaskStatus.APPROVED, TaskStatus.DELEGATED})
"""A task in these statuses counts for its slot (代決 counts as the absent approver's agreement)."""


class TaskKind(models.TextChoices):
    APPROVAL = "approval", "承認"
    POST_REVIEW = "post_review", "後閲"


class WorkflowInstance(TenantModel):
    """申請: one application moving through the steps of the definition version it started with."""

    objects: ClassVar[TenantManager[WorkflowInstance]] = TenantManager()  # type: ignore[assignment]

    definition_version = models.ForeignKey(
        DefinitionVersion, verbose_name="承認ルートの版", on_delete=models.PROTECT, related_name="instances"
    )
    application_type = models.CharField("申請種別", max_length=50)
    applicant_employee = models.ForeignKey(
        "personnel.Employee", verbose_name="申請者(職員)", on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申請者(利用者)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="入力者", on_delete=models.PROTECT, related_name="+"
    )
    applicant_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="申請者の所属", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    applicant_name = models.CharField("申請者名", max_length=100, blank=True)
    applicant_unit_name = models.CharField("申請時の所属名", max_length=200, blank=True)
    subject = models.CharField("件名", max_length=200)
    payload = models.JSONField("申請内容", default=dict, blank=True)
    attributes = models.JSONField("判定用の数値項目", default=dict, blank=True)
    effective_on = models.DateField("発効日", null=True, blank=True)
    status = models.CharField("状態", max_length=20, choices=InstanceStatus.choices, default=InstanceStatus.DRAFT)
    current_step = models.ForeignKey(
        "workflow.StepState", verbose_name="処理中のステップ", on_delete=models.SET_NULL, null=True, blank=True
    )
    round = models.PositiveIntegerField("申請回", default=0, help_text="差戻し後の再申請で1増える")
    last_action_task = models.ForeignKey(
        "workflow.Task",
        verbose_name="直前の承認",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="引戻しできる承認(次の人が処理すると空になる)",
    )
    effect_error = models.TextField("反映エラー", blank=True)
    idempotency_key = models.CharField("二重送信防止キー", max_length=64, null=True, blank=True)
    version = models.PositiveIntegerField("版", default=1, help_text="同時更新の検出に使う")
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    submitted_at = models.DateTimeField("申請日時", null=True, blank=True)
    completed_at = models.DateTimeField("完了日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申請"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organization", "entered_by", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="workflow_instance_idempotency_unique",
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "applicant", "status"]),
            models.Index(fields=["organization", "entered_by", "status"]),
            models.Index(fields=["organization", "applicant_unit", "status"]),
            # Capped counts by status and the 種別 filter over a whole organization (bench/bench_inbox.py).
            models.Index(fields=["organization", "status", "application_type"], name="workflow_instance_status_type"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


class StepState(TenantModel):
    """One step of one round of an instance, with its approvers resolved at submission.

    ``slots`` holds user ids per participant: ``[[a, b], [c]]`` means (a or b) and c must agree.
    ``activation`` increases each time the step is (re)opened, so earlier approvals stop counting.
    """

    objects: ClassVar[TenantManager[StepState]] = TenantManager()  # type: ignore[assignment]

    instance = models.ForeignKey(WorkflowInstance, verbose_name="申請", on_delete=models.CASCADE, related_name="steps")
    round = models.PositiveIntegerField("申請回")
    order = models.PositiveSmallIntegerField("順序")
    name = models.CharField("ステップ名", max_length=100)
    kind = models.CharField("種類", max_length=20, choices=StepKind.choices)
    status = models.CharField("状態", max_length=20, choices=StepStatus.choices, default=StepStatus.WAITING)
    slots = models.JSONField("承認者", default=list)
    fallback_user_ids = models.JSONField("代替承認者・代決者", default=list, blank=True)
    activation = models.PositiveIntegerField("開始回数", default=0)
    activated_at = models.DateTimeField("開始日時", null=True, blank=True)
    completed_at = models.DateTimeField("完了日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "申請のステップ"
        ordering: ClassVar[list[str]] = ["instance", "round", "order"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["instance", "round", "order"], name="workflow_stepstate_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Task(TenantModel):
    """One approver's work item on a step (or a 後閲 item after a 代決)."""

    objects: ClassVar[TenantManager[Task]] = TenantManager()  # type: ignore[assignment]

    instance = models.ForeignKey(WorkflowInstance, verbose_name="申請", on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(StepState, verbose_name="ステップ", on_delete=models.CASCADE, related_name="tasks")
    # Copies of the instance's filter columns, so the inbox counts and filters read one index of the
    # task table instead of joining every pending task to its application (bench/bench_inbox.py).
    application_type = models.CharField("申請種別", max_length=50, default="", blank=True)
    applicant_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="申請者の所属", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField("種類", max_length=20, choices=TaskKind.choices, default=TaskKind.APPROVAL)
    slot = models.PositiveSmallIntegerField("承認者の順序", default=0)
    activation = models.PositiveIntegerField("開始回数", default=1)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="担当者", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状態", max_length=20, choices=TaskStatus.choices, default=TaskStatus.PENDING)
    created_at = models.DateTimeField("到着日時", auto_now_add=True)
    acted_at = models.DateTimeField("処理日時", null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="処理者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField("コメント", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "承認タスク"
        indexes: ClassVar[list[models.Index]] = [
            # The inbox page in arrival (id) order straight from the index, also deep pages on PostgreSQL.
            models.Index(fields=["organization", "assignee", "status", "id"], name="workflow_task_inbox_order"),
            models.Index(
                fields=["organization", "assignee", "status", "application_type", "kind"],
                name="workflow_task_inbox_counts",
            ),
            models.Index(fields=["organization", "status", "created_at"]),
            models.Index(fields=["step", "activation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.instance_id}:{self.step_id}:{self.assignee_id}"


class ActionLog(TenantModel):
    """Every action on an instance, in order: the history timeline."""

    objects: ClassVar[TenantManager[ActionLog]] = TenantManager()  # type: ignore[assignment]

    instance = models.ForeignKey(WorkflowInstance, verbose_name="申請", on_delete=models.CASCADE, related_name="log")
    action = models.CharField("操作", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作者", on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="本来の処理者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="代決・代理入力のとき",
    )
    round = models.PositiveIntegerField("申請回", default=0)
    step_order = models.PositiveSmallIntegerField("ステップ", null=True, blank=True)
    step_name = models.CharField("ステップ名", max_length=100, blank=True)
    comment = models.TextField("コメント", blank=True)
    detail = models.JSONField("詳細", default=dict, blank=True)
    created_at = models.DateTimeField("日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "申請の処理履歴"
        ordering: ClassVar[list[str]] = ["instance", "id"]

    def __str__(self) -> str:
        return f"{self.instance_id} {self.action}"
