"""Audit action codes recorded by the workflow engine, with their Japanese labels."""

from __future__ import annotations

DEFINITION_PUBLISHED = "workflow.definition_published"
SUBMITTED = "workflow.submitted"
DRAFT_SAVED = "workflow.draft_saved"
APPROVED = "workflow.approved"
FINAL_APPROVED = "workflow.final_approved"
SENT_BACK = "workflow.sent_back"
REJECTED = "workflow.rejected"
WITHDRAWN = "workflow.withdrawn"
PULLED_BACK = "workflow.pulled_back"
DELEGATED = "workflow.delegated"
POST_REVIEWED = "workflow.post_reviewed"
EFFECT_FAILED = "workflow.effect_failed"
REFUSED = "workflow.refused"

LABELS = {
    DEFINITION_PUBLISHED: "承認ルートの公開",
    SUBMITTED: "申請",
    DRAFT_SAVED: "申請の下書き保存",
    APPROVED: "承認",
    FINAL_APPROVED: "決裁",
    SENT_BACK: "差戻し",
    REJECTED: "却下",
    WITHDRAWN: "取下げ",
    PULLED_BACK: "引戻し",
    DELEGATED: "代決",
    POST_REVIEWED: "後閲",
    EFFECT_FAILED: "決裁内容の反映エラー",
    REFUSED: "権限のない申請操作(拒否)",
}


class Action:
    """Short codes of :class:`~jinji.workflow.models.ActionLog` rows (the timeline)."""

    DRAFT = "draft"
    SUBMIT = "submit"
    APPROVE = "approve"
    FINAL_APPROVE = "final_approve"
    SEND_BACK = "send_back"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    PULL_BACK = "pull_back"
    DELEGATE = "delegate"
    POST_REVIEW = "post_review"
    EFFECT_FAILED = "effect_failed"


ACTION_LABELS = {
    Action.DRAFT: "下書き保存",
    Action.SUBMIT: "申請",
    Action.APPROVE: "承認",
    Action.FINAL_APPROVE: "決裁",
    Action.SEND_BACK: "差戻し",
    Action.REJECT: "却下",
    Action.WITHDRAW: "取下げ",
    Action.PULL_BACK: "引戻し",
    Action.DELEGATE: "代決",
    Action.POST_REVIEW: "後閲",
    Action.EFFECT_FAILED: "反映エラー",
}
