"""申請 of the 庶務事務 types with their 添付書類: submit (本人 or 代理入力), resubmit after 差戻し.

The content is checked by the type's ``clean`` and the files by their bytes, all problems at once,
before anything is written; then the engine creates and routes the application and the files
are stored in the same transaction (a failure removes the files again). A double-clicked submit
carries the same idempotency key and returns the application the first click created, without
storing its files twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.applications import events
from jinji.applications.attachments import StoredFile, Upload, discard, store_file, upload_problems
from jinji.applications.kinds import Cleaned, Context, Kind, checked, get_kind
from jinji.applications.models import Attachment
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.workflow import events as workflow_events
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.registry import get_directory
from jinji.workflow.services import instance_create, instance_submit

PROXY_REFUSED = "この職員の代理入力を行う権限がありません(庶務担当として担当する所属の職員のみ入力できます)"


def subject_for(kind: Kind, effective_on: datetime.date | None) -> str:
    return f"{kind.label}({effective_on.isoformat()}〜)" if effective_on else kind.label


def _refuse(acting_user: User, message: str, instance_id: int | None = None) -> NotPermitted:
    """An out-of-scope request: recorded in the audit log (the engine's refusal event) and refused."""
    with transaction.atomic():
        audit_record(
            actor=acting_user,
            action=workflow_events.REFUSED,
            target_type="workflow.workflowinstance",
            target_id="" if instance_id is None else str(instance_id),
            after={"operation": "submit", "reason": message},
            kind=AuditKind.AUTH,
            organization_id=acting_user.organization_id,
        )
    return NotPermitted([FieldProblem(field="applicant", message=message)])


def _applicant(acting_user: User, applicant_employee_id: int | None) -> int:
    if applicant_employee_id is None or applicant_employee_id == acting_user.employee_id:
        if acting_user.employee_id is None:
            raise DomainError([FieldProblem(field="applicant", message="申請者(職員)を指定してください")])
        return acting_user.employee_id
    if not get_directory().may_enter_for(user=acting_user, employee_id=applicant_employee_id, on=timezone.localdate()):
        raise _refuse(acting_user, PROXY_REFUSED)
    return applicant_employee_id


def _check(kind: Kind, ctx: Context, payload: Mapping[str, Any], files: Sequence[Upload], *, first: bool) -> Cleaned:
    cleaned = checked(kind, payload, ctx)
    problems = list(cleaned.problems)
    if ctx.effective_on is None:
        problems.insert(0, FieldProblem(field="effective_on", message="発効日(事実の発生日)を入力してください"))
    problems.extend(upload_problems(files))
    if first and kind.evidence_required and not files:
        problems.append(FieldProblem(field="attachments", message=f"{kind.evidence_label}を添付してください"))
    if problems:
        raise DomainError(problems)
    return cleaned


def _attach(instance: WorkflowInstance, acting_user: User, files: Sequence[Upload], stored: list[StoredFile]) -> None:
    for upload in files:
        saved = store_file(upload, organization_id=instance.organization_id)
        stored.append(saved)
        Attachment.objects.create(
            organization_id=instance.organization_id,
            instance=instance,
            original_name=saved.original_name,
            content_type=saved.content_type,
            size=saved.size,
            sha256=saved.sha256,
            stored_path=saved.relative_path,
            uploaded_by=acting_user,
        )
    if stored:
        audit_record(
            actor=acting_user,
            action=events.ATTACHMENT_ADDED,
            target=instance,
            after={"files": [{"name": s.original_name, "type": s.content_type, "size": s.size} for s in stored]},
        )


def application_submit(
    *,
    acting_user: User,
    application_type: str,
    payload: Mapping[str, Any],
    effective_on: datetime.date | None,
    files: Sequence[Upload] = (),
    idempotency_key: str | None = None,
    applicant_employee_id: int | None = None,
) -> WorkflowInstance:
    """Submit a 庶務事務 application (代理入力 with ``applicant_employee_id``) with its evidence files."""
    kind = get_kind(application_type)
    key = (idempotency_key or "").strip()[:64] or None
    if key is not None:
        existing = WorkflowInstance.objects.filter(entered_by=acting_user, idempotency_key=key).first()
        if existing is not None:
            return existing
    employee_id = _applicant(acting_user, applicant_employee_id)
    ctx = Context(acting_user.organization_id, employee_id, effective_on)
    cleaned = _check(kind, ctx, payload, files, first=True)
    stored: list[StoredFile] = []
    try:
        with transaction.atomic():
            instance = instance_create(
                acting_user=acting_user,
                application_type=kind.code,
                subject=subject_for(kind, effective_on),
                payload=cleaned.payload,
                attributes=cleaned.attributes,
                effective_on=effective_on,
                idempotency_key=key,
                applicant_employee_id=employee_id,
            )
            if not Attachment.objects.filter(instance=instance).exists():
                _attach(instance, acting_user, files, stored)
    except BaseException:
        discard(stored)
        raise
    return instance


def application_resubmit(
    *,
    acting_user: User,
    instance: WorkflowInstance,
    payload: Mapping[str, Any],
    effective_on: datetime.date | None,
    files: Sequence[Upload] = (),
    expected_version: int | None = None,
) -> WorkflowInstance:
    """再申請 after 差戻し with corrected content (and more files); the engine checks who may."""
    if acting_user.pk not in (instance.applicant_id, instance.entered_by_id):
        raise _refuse(acting_user, "再申請できるのは申請者本人か、代理入力した庶務担当だけです", instance.pk)
    kind = get_kind(instance.application_type)
    ctx = Context(instance.organization_id, instance.applicant_employee_id, effective_on)
    cleaned = _check(kind, ctx, payload, files, first=False)
    stored: list[StoredFile] = []
    try:
        with transaction.atomic():
            submitted = instance_submit(
                instance=instance,
                acting_user=acting_user,
                expected_version=expected_version,
                subject=subject_for(kind, effective_on),
                payload=cleaned.payload,
                attributes=cleaned.attributes,
                effective_on=effective_on,
            )
            _attach(submitted, acting_user, files, stored)
    except BaseException:
        discard(stored)
        raise
    return submitted
