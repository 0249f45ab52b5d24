"""Who may see an application's 添付書類, the list for a screen, and a download (audited).

An attachment is served to the applicant (and the clerk who entered the application for them),
to the approvers the application reached, and to 人事担当. Every read of someone else's file is
audited; a refused attempt is audited too and answered as "not found".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.applications import events
from jinji.applications.attachments import stored_path
from jinji.applications.models import Attachment
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_read, audit_record
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.workflow.models import Task, WorkflowInstance

NOT_FOUND = "添付書類が見つからないか、閲覧する権限がありません"


@dataclass(frozen=True, slots=True)
class AttachmentView:
    id: int
    name: str
    content_type: str
    size: int
    uploaded_at: datetime.datetime


def may_read_attachments(user: User, instance: WorkflowInstance) -> bool:
    """本人・代理入力者, an approver the application reached, or 人事担当 (two queries at most)."""
    if user.pk in (instance.applicant_id, instance.entered_by_id):
        return True
    if Task.objects.filter(instance=instance, assignee_id=user.pk).exists():
        return True
    return has_role(user, {Role.HR}, on=timezone.localdate())


def attachments_of(instance_id: int) -> list[AttachmentView]:
    """The files of one application, in the order they were added. One query."""
    rows = Attachment.objects.filter(instance_id=instance_id).order_by("id")
    return [AttachmentView(a.pk, a.original_name, a.content_type, a.size, a.uploaded_at) for a in rows]


def attachment_for_download(*, user: User, attachment_id: int) -> tuple[AttachmentView, Path]:
    """The file to send, after the permission check; :class:`NotPermitted` (audited) when refused or missing."""
    attachment = Attachment.objects.select_related("instance").filter(pk=attachment_id).first()
    if attachment is None:
        raise NotPermitted([FieldProblem("attachment", NOT_FOUND)])
    instance = attachment.instance
    if not may_read_attachments(user, instance):
        audit_record(
            actor=user,
            action=events.ATTACHMENT_REFUSED,
            target=instance,
            kind=AuditKind.AUTH,
            after={"attachment": attachment.pk},
        )
        raise NotPermitted([FieldProblem("attachment", NOT_FOUND)])
    if user.pk != instance.applicant_id:
        audit_read(
            actor=user,
            action=events.ATTACHMENT_READ,
            target=instance,
            detail={"attachment": attachment.pk, "name": attachment.original_name},
        )
    view = AttachmentView(
        attachment.pk, attachment.original_name, attachment.content_type, attachment.size, attachment.uploaded_at
    )
    return view, stored_path(attachment.stored_path)
