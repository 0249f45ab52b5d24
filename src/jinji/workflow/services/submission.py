"""申請: create (or save a draft), submit and resubmit after 差戻し, and 取下げ.

Proxy entry (代理入力) is the same call with ``applicant_employee_id`` of someone else; the
directory registered by the personnel app decides whether the acting user (a 庶務担当) covers
that employee. A double-clicked submit carries the same ``idempotency_key`` and gets the
instance the first click created.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow import events
from jinji.workflow.events import Action
from jinji.workflow.models import (
    TERMINAL_STATUSES,
    InstanceStatus,
    StepState,
    StepStatus,
    Task,
    TaskKind,
    TaskStatus,
    WorkflowDefinition,
    WorkflowInstance,
)
from jinji.workflow.registry import (
    ApplicationDraft,
    ApplicationType,
    ResolutionContext,
    get_application_type,
    get_directory,
)
from jinji.workflow.routing import load_spec, plan_route
from jinji.workflow.services._engine import (
    audit,
    close_pending,
    lock_instance,
    log_action,
    now,
    open_step,
    refusals_audited,
    refuse,
    save_instance,
)
from jinji.workflow.specs import attributes_json, parse_attributes


@dataclass(frozen=True, slots=True)
class _Content:
    subject: str
    payload: dict[str, Any]
    attributes: dict[str, Decimal]
    effective_on: datetime.date | None


def _check_content(
    app_type: ApplicationType,
    *,
    organization_id: int,
    employee_id: int,
    subject: str,
    payload: Mapping[str, Any],
    attributes: Mapping[str, object],
    effective_on: datetime.date | None,
) -> _Content:
    problems: list[FieldProblem] = []
    text = subject.strip()
    if not text:
        problems.append(FieldProblem(field="subject", message="件名を入力してください"))
    elif len(text) > 200:
        problems.append(FieldProblem(field="subject", message="件名は200文字以内で入力してください"))
    if app_type.requires_effective_date and effective_on is None:
        problems.append(FieldProblem(field="effective_on", message="発効日を入力してください"))
    parsed: dict[str, Decimal] = {}
    try:
        parsed = parse_attributes(attributes, app_type.attributes)
    except DomainError as exc:
        problems.extend(exc.problems)
    if not problems and app_type.validate is not None:
        draft = ApplicationDraft(
            organization_id=organization_id,
            application_type=app_type.code,
            applicant_employee_id=employee_id,
            subject=text,
            payload=payload,
            attributes=parsed,
            effective_on=effective_on,
        )
        problems.extend(app_type.validate(draft))
    if problems:
        raise DomainError(problems)
    return _Content(subject=text, payload=dict(payload), attributes=parsed, effective_on=effective_on)


def _current_version_id(application_type: str, label: str) -> int:
    definition = WorkflowDefinition.objects.filter(application_type=application_type, is_active=True).first()
    if definition is None or definition.current_version_id is None:
        raise DomainError(
            [
                FieldProblem(
                    field="application_type",
                    message=f"{label}の承認ルートが設定されていません。人事担当に連絡してください",
                )
            ]
        )
    return definition.current_version_id


def _applicant_employee(acting_user: User, applicant_employee_id: int | None) -> int:
    if applicant_employee_id is None or applicant_employee_id == acting_user.employee_id:
        if acting_user.employee_id is None:
            raise DomainError([FieldProblem(field="applicant", message="申請者(職員)を指定してください")])
        return acting_user.employee_id
    if not get_directory().may_enter_for(user=acting_user, employee_id=applicant_employee_id, on=timezone.localdate()):
        raise refuse(
            "この職員の代理入力を行う権限がありません(庶務担当として担当する所属の職員のみ入力できます)", "applicant"
        )
    return applicant_employee_id


def _require_applicant_side(instance: WorkflowInstance, user: User, what: str) -> None:
    if user.pk == instance.applicant_id:
        return
    if user.pk == instance.entered_by_id and get_directory().may_enter_for(
        user=user, employee_id=instance.applicant_employee_id, on=timezone.localdate()
    ):
        return
    raise refuse(f"{what}できるのは申請者本人か、代理入力した庶務担当だけです")


def _by_key(user: User, key: str) -> WorkflowInstance | None:
    return WorkflowInstance.objects.filter(entered_by=user, idempotency_key=key).first()


def _refresh_applicant(instance: WorkflowInstance) -> None:
    info = get_directory().applicant(
        organization_id=instance.organization_id, employee_id=instance.applicant_employee_id, on=timezone.localdate()
    )
    instance.applicant_unit_id = info.unit_id if info else None
    instance.applicant_unit_name = info.unit_name[:200] if info else ""
    instance.applicant_name = info.display_name[:100] if info else ""
    instance.applicant_id = (
        User.objects.filter(employee_id=instance.applicant_employee_id, organization_id=instance.organization_id)
        .values_list("pk", flat=True)
        .first()
    )


def _insert_once(
    acting_user: User,
    application_type: str,
    *,
    version_id: int,
    employee_id: int,
    content: _Content,
    key: str | None,
) -> tuple[WorkflowInstance, bool]:
    """Insert the new draft; if a concurrent double click inserted it first, return that one (not created)."""
    instance = WorkflowInstance(
        organization_id=acting_user.organization_id,
        definition_version_id=version_id,
        application_type=application_type,
        applicant_employee_id=employee_id,
        entered_by=acting_user,
        subject=content.subject,
        payload=content.payload,
        attributes=attributes_json(content.attributes),
        effective_on=content.effective_on,
        idempotency_key=key,
    )
    _refresh_applicant(instance)
    try:
        with transaction.atomic():
            instance.save(force_insert=True)
    except IntegrityError:
        existing = _by_key(acting_user, key) if key is not None else None
        if existing is None:
            raise
        return existing, False
    return instance, True


def instance_create(
    *,
    acting_user: User,
    application_type: str,
    subject: str,
    payload: Mapping[str, Any] | None = None,
    attributes: Mapping[str, object] | None = None,
    effective_on: datetime.date | None = None,
    idempotency_key: str | None = None,
    applicant_employee_id: int | None = None,
    submit: bool = True,
) -> WorkflowInstance:
    """Create an application and (unless ``submit=False``: 下書き) submit it.

    With ``idempotency_key`` (one per form rendering), a repeated call returns the first instance.
    """
    key = (idempotency_key or "").strip()[:64] or None
    if key is not None and (existing := _by_key(acting_user, key)) is not None:
        return existing
    with refusals_audited(acting_user, Action.SUBMIT, None), transaction.atomic():
        employee_id = _applicant_employee(acting_user, applicant_employee_id)
        app_type = get_application_type(application_type)
        version_id = _current_version_id(application_type, app_type.label)
        content = _check_content(
            app_type,
            organization_id=acting_user.organization_id,
            employee_id=employee_id,
            subject=subject,
            payload=payload or {},
            attributes=attributes or {},
            effective_on=effective_on,
        )
        instance, created = _insert_once(
            acting_user, application_type, version_id=version_id, employee_id=employee_id, content=content, key=key
        )
        if not created:
            return instance
        if submit:
            _start_round(instance, acting_user, content.attributes)
        else:
            log_action(instance, action=Action.DRAFT, actor=acting_user)
            audit(instance, actor=acting_user, event=events.DRAFT_SAVED, before="")
        return instance


def _start_round(instance: WorkflowInstance, actor: User, attributes: Mapping[str, Decimal]) -> None:
    """Resolve the route as of today, create the round's steps and open the first one."""
    ctx = ResolutionContext(
        organization_id=instance.organization_id,
        applicant_employee_id=instance.applicant_employee_id,
        applicant_user_id=instance.applicant_id,
        applicant_unit_id=instance.applicant_unit_id,
        on=timezone.localdate(),
    )
    planned = plan_route(load_spec(instance.definition_version_id), ctx, attributes)
    before = instance.status
    instance.round += 1
    steps = StepState.objects.bulk_create(
        StepState(
            organization_id=instance.organization_id,
            instance=instance,
            round=instance.round,
            order=p.order,
            name=p.name,
            kind=p.kind,
            status=StepStatus.WAITING if p.applies else StepStatus.SKIPPED,
            slots=[list(s) for s in p.slots],
            fallback_user_ids=list(p.fallback_user_ids),
        )
        for p in planned
    )
    first = next((s for s in steps if s.status == StepStatus.WAITING), None)
    if first is None:
        raise DomainError([FieldProblem(field="route", message="この申請に当てはまる承認ステップがありません")])
    at = now()
    open_step(instance, first, at)
    instance.status = InstanceStatus.IN_PROGRESS
    instance.submitted_at = at
    instance.effect_error = ""
    instance.last_action_task = None
    save_instance(
        instance, "round", "status", "submitted_at", "effect_error", "last_action_task", "current_step",
        "subject", "payload", "attributes", "effective_on", "definition_version",
        "applicant", "applicant_unit", "applicant_name", "applicant_unit_name",
    )  # fmt: skip
    proxy = instance.applicant_id if instance.entered_by_id != instance.applicant_id else None
    log_action(instance, action=Action.SUBMIT, actor=actor, on_behalf_of=proxy, detail={"round": instance.round})
    audit(instance, actor=actor, event=events.SUBMITTED, before=before, round=instance.round)


def instance_submit(
    *,
    instance: WorkflowInstance,
    acting_user: User,
    expected_version: int | None = None,
    subject: str | None = None,
    payload: Mapping[str, Any] | None = None,
    attributes: Mapping[str, object] | None = None,
    effective_on: datetime.date | None = None,
) -> WorkflowInstance:
    """Submit a 下書き, or resubmit after 差戻し (optionally with corrected content).

    A draft takes the route version in force now; a resubmission keeps its version. Approvers
    are resolved again, as of today.
    """
    with refusals_audited(acting_user, Action.SUBMIT, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        _require_applicant_side(locked, acting_user, "申請")
        if locked.status not in (InstanceStatus.DRAFT, InstanceStatus.SENT_BACK):
            label = InstanceStatus(locked.status).label
            raise DomainError([FieldProblem(field="status", message=f"この申請は「{label}」のため申請できません")])
        app_type = get_application_type(locked.application_type)
        content = _check_content(
            app_type,
            organization_id=locked.organization_id,
            employee_id=locked.applicant_employee_id,
            subject=locked.subject if subject is None else subject,
            payload=locked.payload if payload is None else payload,
            attributes=locked.attributes if attributes is None else attributes,
            effective_on=locked.effective_on if effective_on is None else effective_on,
        )
        if locked.status == InstanceStatus.DRAFT:
            locked.definition_version_id = _current_version_id(locked.application_type, app_type.label)
        locked.subject, locked.payload = content.subject, content.payload
        locked.attributes, locked.effective_on = attributes_json(content.attributes), content.effective_on
        _refresh_applicant(locked)
        # A 後閲 item of an earlier round may still be pending: keep its copy of the unit in step.
        Task.objects.filter(instance=locked, status=TaskStatus.PENDING).update(
            applicant_unit_id=locked.applicant_unit_id
        )
        _start_round(locked, acting_user, content.attributes)
        return locked


def instance_withdraw(
    *, instance: WorkflowInstance, acting_user: User, comment: str = "", expected_version: int | None = None
) -> WorkflowInstance:
    """取下げ by the applicant (or the clerk who entered it) at any time before 決裁."""
    with refusals_audited(acting_user, Action.WITHDRAW, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        _require_applicant_side(locked, acting_user, "取下げ")
        if locked.status in TERMINAL_STATUSES:
            label = InstanceStatus(locked.status).label
            raise DomainError([FieldProblem(field="status", message=f"この申請は「{label}」のため取り下げできません")])
        at = now()
        if locked.current_step_id is not None:
            pending = Task.objects.select_for_update().filter(
                step_id=locked.current_step_id, kind=TaskKind.APPROVAL, status=TaskStatus.PENDING
            )
            close_pending(list(pending), TaskStatus.SKIPPED, at)
            StepState.objects.filter(pk=locked.current_step_id).update(status=StepStatus.CLOSED)
        before = locked.status
        locked.status = InstanceStatus.WITHDRAWN
        locked.current_step = None
        locked.completed_at = at
        locked.last_action_task = None
        locked.effect_error = ""  # a 反映エラー withdrawn is no longer waiting for its effect
        save_instance(locked, "status", "current_step", "completed_at", "last_action_task", "effect_error")
        log_action(locked, action=Action.WITHDRAW, actor=acting_user, comment=comment.strip())
        audit(locked, actor=acting_user, event=events.WITHDRAWN, before=before)
        return locked
