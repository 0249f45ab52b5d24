"""Default 承認ルート of the attendance application types: 所属長 (課長, rank ≥ 5) 決裁."""

from __future__ import annotations

from django.db import transaction

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.audit.services import audit_record
from jinji.workflow.models import ApproverKind, StepKind, WorkflowDefinition
from jinji.workflow.registry import application_type_label
from jinji.workflow.services import definition_publish
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec

DIVISION_CHIEF_RANK = 5
TYPES = ("attendance_correction", "leave_request", "overtime_order", "remote_work")


def default_spec(code: str) -> DefinitionSpec:
    return DefinitionSpec(
        name=f"{application_type_label(code)}の承認ルート",
        note="初期設定(所属長決裁)",
        steps=(
            StepSpec(
                name="所属長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(
                    ApproverSpec(kind=ApproverKind.POSITION, min_rank=DIVISION_CHIEF_RANK, unit_head_only=True),
                ),
            ),
        ),
    )


def attendance_definitions_seed(*, acting_user: User) -> list[str]:
    """Publish the default route of each attendance type that has none yet; returns the codes created."""
    created: list[str] = []
    with transaction.atomic():
        existing = set(WorkflowDefinition.objects.values_list("application_type", flat=True))
        for code in TYPES:
            if code in existing:
                continue
            definition_publish(acting_user=acting_user, application_type=code, spec=default_spec(code))
            created.append(code)
        audit_record(
            actor=acting_user,
            action=events.DEFINITIONS_SEEDED,
            target_type="workflow.workflowdefinition",
            after={"created": created},
            organization_id=acting_user.organization_id,
        )
    return created
