"""Publishing route definitions: validate, then add an immutable version and make it current.

Instances already submitted keep the version they started with; new submissions use the new one.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.workflow import events
from jinji.workflow.models import DefinitionStep, DefinitionVersion, StepApprover, WorkflowDefinition
from jinji.workflow.services._engine import refusals_audited
from jinji.workflow.specs import ApproverSpec, DefinitionSpec
from jinji.workflow.validation import validate_definition

DEFINITION_MANAGERS = frozenset({Role.HR, Role.SYSADMIN})


def can_manage_definitions(user: User) -> bool:
    """人事担当 and システム管理者 edit route definitions."""
    return user.is_superuser or has_role(user, DEFINITION_MANAGERS, on=timezone.localdate())


def _approver_row(step: DefinitionStep, spec: ApproverSpec, slot: int, *, is_fallback: bool) -> StepApprover:
    return StepApprover(
        organization_id=step.organization_id,
        step=step,
        slot=slot,
        is_fallback=is_fallback,
        kind=spec.kind,
        min_rank=spec.min_rank,
        unit_head_only=spec.unit_head_only,
        role=spec.role,
        within_applicant_unit=spec.within_applicant_unit,
        user_id=spec.user_id,
    )


def _write_steps(version: DefinitionVersion, spec: DefinitionSpec) -> None:
    steps = DefinitionStep.objects.bulk_create(
        DefinitionStep(
            organization_id=version.organization_id,
            version=version,
            order=order,
            name=step.name.strip(),
            kind=step.kind,
            conditions=[c.as_json() for c in step.conditions],
        )
        for order, step in enumerate(spec.steps, start=1)
    )
    rows: list[StepApprover] = []
    for row, step_spec in zip(steps, spec.steps, strict=True):
        rows.extend(_approver_row(row, a, i, is_fallback=False) for i, a in enumerate(step_spec.approvers))
        if step_spec.fallback is not None:
            rows.append(_approver_row(row, step_spec.fallback, 0, is_fallback=True))
    StepApprover.objects.bulk_create(rows)


def definition_publish(*, acting_user: User, application_type: str, spec: DefinitionSpec) -> DefinitionVersion:
    """Validate ``spec`` and publish it as the next version of the type's route (creating the route)."""
    with refusals_audited(acting_user, "definition_publish", None), transaction.atomic():
        if not can_manage_definitions(acting_user):
            raise NotPermitted(
                [FieldProblem(field="", message="承認ルートを編集する権限がありません(人事担当・システム管理者)")]
            )
        problems = validate_definition(
            organization_id=acting_user.organization_id, application_type=application_type, spec=spec
        )
        if problems:
            raise DomainError(problems)
        definition = WorkflowDefinition.objects.select_for_update().filter(application_type=application_type).first()
        if definition is None:
            definition = WorkflowDefinition.objects.create(
                organization_id=acting_user.organization_id, application_type=application_type, name=spec.name.strip()
            )
        before = {"version": definition.current_version_id}
        number = (definition.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = DefinitionVersion.objects.create(
            organization_id=definition.organization_id,
            definition=definition,
            number=number,
            note=spec.note.strip()[:200],
            created_by=acting_user,
        )
        _write_steps(version, spec)
        definition.name = spec.name.strip()
        definition.current_version = version
        definition.is_active = True
        definition.save(update_fields=["name", "current_version", "is_active", "updated_at"])
        audit_record(
            actor=acting_user,
            action=events.DEFINITION_PUBLISHED,
            target=definition,
            before=before,
            after={"version": version.pk, "number": number, "steps": [s.name for s in spec.steps]},
        )
        return version
