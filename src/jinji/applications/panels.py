"""The 庶務事務 section of the application detail screen: 添付書類, the allowance, and 修正して再申請."""

from __future__ import annotations

from typing import Any

from jinji.accounts.models import User
from jinji.applications.allowances import AllowanceResult
from jinji.applications.kinds import KINDS, Context
from jinji.applications.models import AllowanceDetermination
from jinji.applications.selectors.attachments import attachments_of, may_read_attachments
from jinji.core.errors import DomainError
from jinji.rules.errors import RulesError
from jinji.workflow.models import InstanceStatus, WorkflowInstance
from jinji.workflow.panels import DetailPanel, register_detail_panel


def _estimate(instance: WorkflowInstance) -> AllowanceResult | None:
    kind = KINDS[instance.application_type]
    if kind.estimate is None:
        return None
    ctx = Context(instance.organization_id, instance.applicant_employee_id, instance.effective_on)
    try:
        return kind.estimate(instance.payload, ctx)
    except (RulesError, DomainError, KeyError, ValueError, TypeError):
        return None


def application_panel(instance_id: int, application_type: str, user: User) -> DetailPanel | None:
    """Files (for those who may read them), the amount (estimate, or the determination once decided)."""
    kind = KINDS.get(application_type)
    if kind is None:
        return None
    instance = WorkflowInstance.objects.filter(pk=instance_id).first()
    if instance is None:
        return None
    context: dict[str, Any] = {
        "kind": kind,
        "files": attachments_of(instance_id) if may_read_attachments(user, instance) else None,
        "can_fix": instance.status == InstanceStatus.SENT_BACK
        and user.pk in (instance.applicant_id, instance.entered_by_id),
        "instance_id": instance_id,
        "determination": None,
        "estimate": None,
    }
    if kind.allowance is not None:
        if instance.status == InstanceStatus.APPROVED:
            context["determination"] = AllowanceDetermination.objects.filter(source_application=instance).first()
        else:
            context["estimate"] = _estimate(instance)
    return DetailPanel(title=f"{kind.label}の添付書類と認定額", template="applications/_panel.html", context=context)


def register_panels() -> None:
    register_detail_panel(application_panel)
