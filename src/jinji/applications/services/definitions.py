"""Default 承認ルート of the 庶務事務 types for a municipality (``jinji workflow-seed-definitions``).

Every type: 係長承認 (the nearest 係長級, rank ≥ 3, in the applicant's line) → 課長承認 (the 所属長 of
rank ≥ 5) → 決裁 by 人事担当, or by 給与担当 for the allowance notices (通勤・住居・扶養) and the
口座変更届 (人事担当 may not see bank accounts). A vacant 係長 falls back to the 課長. Types that
already have a route are left alone, so the command can run again safely.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import Role, User
from jinji.applications import events
from jinji.applications.kinds import KINDS, Kind
from jinji.applications.kinds import bank as bank_kind
from jinji.audit.services import audit_record
from jinji.workflow.models import ApproverKind, StepKind, WorkflowDefinition
from jinji.workflow.services import definition_publish
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec

SECTION_CHIEF_RANK = 3
DIVISION_CHIEF_RANK = 5
_KACHO = ApproverSpec(kind=ApproverKind.POSITION, min_rank=DIVISION_CHIEF_RANK, unit_head_only=True)


def final_role(kind: Kind) -> Role:
    """給与担当 for the allowances and the pay account; 人事担当 for the other change notices."""
    return Role.PAYROLL if kind.allowance is not None or kind.code == bank_kind.CODE else Role.HR


def default_spec(kind: Kind) -> DefinitionSpec:
    role = final_role(kind)
    return DefinitionSpec(
        name=f"{kind.label}の承認ルート",
        note="初期設定(係長 → 課長 → 決裁)",
        steps=(
            StepSpec(
                name="係長承認",
                kind=StepKind.APPROVAL,
                approvers=(
                    ApproverSpec(kind=ApproverKind.POSITION, min_rank=SECTION_CHIEF_RANK, unit_head_only=False),
                ),
                fallback=_KACHO,
            ),
            StepSpec(name="課長承認", kind=StepKind.APPROVAL, approvers=(_KACHO,)),
            StepSpec(
                name=f"{role.label}決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.ROLE, role=role),),
            ),
        ),
    )


@dataclass(frozen=True, slots=True)
class SeedOutcome:
    application_type: str
    label: str
    created: bool


def definitions_seed(*, acting_user: User) -> list[SeedOutcome]:
    """Publish the default route of every 庶務事務 type that has none yet, in the acting user's organization.

    All or nothing: a route that cannot be published (no 給与担当 yet, no 課長 position) raises
    :class:`~jinji.core.errors.DomainError` naming the step, and no route is created.
    """
    outcomes: list[SeedOutcome] = []
    with transaction.atomic():
        existing = set(WorkflowDefinition.objects.values_list("application_type", flat=True))
        for kind in KINDS.values():
            if kind.code in existing:
                outcomes.append(SeedOutcome(kind.code, kind.label, created=False))
                continue
            definition_publish(acting_user=acting_user, application_type=kind.code, spec=default_spec(kind))
            outcomes.append(SeedOutcome(kind.code, kind.label, created=True))
        audit_record(
            actor=acting_user,
            action=events.DEFINITIONS_SEEDED,
            target_type="workflow.workflowdefinition",
            after={"created": [o.application_type for o in outcomes if o.created]},
            organization_id=acting_user.organization_id,
        )
    return outcomes
