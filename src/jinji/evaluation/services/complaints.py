"""苦情: the employee's complaint about a disclosed result, and HR's handling of it.

A complaint never changes the result by itself: when HR decides a correction is due, it
reopens the sheet (:func:`jinji.evaluation.services.review.sheet_reopen`), which is recorded.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation import events
from jinji.evaluation.models import Complaint, ComplaintStatus, Sheet
from jinji.evaluation.permissions import Part, require_hr, require_part
from jinji.evaluation.services.common import lock_sheet, problem

MAX_TEXT = 4000


def complaint_file(*, acting_user: Any, sheet: Sheet, content: str) -> Complaint:
    """苦情の申出 by the employee, on their own sheet once its result is disclosed."""
    if not content.strip():
        raise problem("content", "苦情の内容を入力してください")
    if len(content) > MAX_TEXT:
        raise problem("content", f"苦情の内容は{MAX_TEXT}文字以内で入力してください")
    with transaction.atomic():
        locked = lock_sheet(sheet)
        require_part(acting_user, locked, Part.EMPLOYEE, "苦情の申出")
        if locked.disclosed_at is None:
            raise problem("sheet", "評価結果が開示されてから申し出てください")
        complaint: Complaint = Complaint.objects.create(
            organization_id=locked.organization_id, sheet=locked, content=content.strip(), filed_by=acting_user
        )
        audit_record(actor=acting_user, action=events.COMPLAINT_FILE, target=complaint, after={"sheet": locked.pk})
    return complaint


def complaint_handle(*, acting_user: Any, complaint: Complaint, status: str, response: str) -> Complaint:
    """苦情の対応 by HR: 対応中 or 処理済 (処理済 needs the response given to the employee)."""
    require_hr(acting_user, "苦情の対応")
    problems: list[FieldProblem] = []
    if status not in (ComplaintStatus.IN_PROGRESS, ComplaintStatus.CLOSED):
        problems.append(FieldProblem("status", "状態は対応中・処理済から選んでください"))
    if status == ComplaintStatus.CLOSED and not response.strip():
        problems.append(FieldProblem("response", "処理済にするには対応の内容を入力してください"))
    if len(response) > MAX_TEXT:
        problems.append(FieldProblem("response", f"対応の内容は{MAX_TEXT}文字以内で入力してください"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked: Complaint = (
            Complaint.objects.for_organization(complaint.organization_id).select_for_update().get(pk=complaint.pk)
        )
        if locked.status == ComplaintStatus.CLOSED:
            raise problem("status", "処理済の苦情は変更できません")
        before = {"status": locked.status, "response": locked.response}
        locked.status, locked.response = status, response.strip()
        locked.handled_by, locked.handled_at = acting_user, timezone.now()
        locked.save(update_fields=["status", "response", "handled_by", "handled_at"])
        audit_record(
            actor=acting_user,
            action=events.COMPLAINT_HANDLE,
            target=locked,
            before=before,
            after={"status": status, "response": locked.response},
        )
    return locked
