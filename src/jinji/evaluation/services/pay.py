"""昇給の発令案: the 能力評価 results proposed as a 発令バッチ of 昇給 for HR to check and confirm.

The batch is an ordinary personnel 発令バッチ (status 作成中): HR reviews it on the 一括異動
screen (異動一覧・内示表), removes rows if needed and confirms it there. Quota excesses are
flagged on the proposal (and recorded in the audit event), not silently corrected.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.models import Organization
from jinji.evaluation import events
from jinji.evaluation.models import Cycle, CycleKind
from jinji.evaluation.permissions import require_hr
from jinji.evaluation.selectors.pay import StepPreview, step_increase_preview
from jinji.evaluation.services.common import problem
from jinji.personnel.models import ActionBatch, ActionType
from jinji.personnel.services import ActionInput, action_batch_add_actions, action_batch_create


@dataclass(frozen=True, slots=True)
class StepIncreaseBatch:
    batch: ActionBatch
    preview: StepPreview
    actions: int


def step_increase_propose(
    *, acting_user: Any, cycle: Cycle, effective_on: datetime.date, name: str = ""
) -> StepIncreaseBatch:
    """Create a draft 発令バッチ of 昇給 from the cycle's 確定 results (one row per step increase)."""
    require_hr(acting_user, "昇給の発令案の作成")
    if cycle.kind != CycleKind.COMPETENCY:
        raise problem("cycle", "昇給の発令案は能力評価のサイクルから作成します")
    preview = step_increase_preview(organization=cycle.organization_id, cycle=cycle, effective_on=effective_on)
    rows = [
        ActionInput(
            action_type=ActionType.STEP_INCREASE,
            employee_id=r.employee_id,
            effective_on=effective_on,
            step=r.new_step,
            reason=f"昇給区分{r.step_class}({r.steps}号給) {cycle.name}",
            row=number,
        )
        for number, r in enumerate((r for r in preview.rows if r.proposes_action), start=1)
    ]
    if not rows:
        raise problem("cycle", "昇給の発令案がありません(確定した評価がないか、昇給する職員がいません)")
    organization = Organization.objects.get(pk=cycle.organization_id)
    with transaction.atomic():
        batch = action_batch_create(
            acting_user=acting_user,
            organization=organization,
            name=name.strip() or f"{effective_on.year}年{effective_on.month}月{effective_on.day}日 昇給({cycle.name})",
            effective_on=effective_on,
        )
        action_batch_add_actions(acting_user=acting_user, batch=batch, rows=rows)
        audit_record(
            actor=acting_user,
            action=events.STEP_INCREASE_PROPOSE,
            target=batch,
            after={
                "cycle": cycle.pk,
                "actions": len(rows),
                "classes": dict(Counter(r.step_class for r in preview.rows)),
                "quota_violations": [v.message for v in preview.violations],
            },
        )
    return StepIncreaseBatch(batch=batch, preview=preview, actions=len(rows))
