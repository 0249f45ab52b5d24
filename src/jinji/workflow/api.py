"""REST endpoints of the approval engine: my applications, one application, the inbox, and actions.

The same selectors and services as the screens; refusals are 403 (audited), a stale version 409,
a state that does not allow the action 400, and an application the user may not see 404.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import User
from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.registry import SummarizeFn, get_application_type
from jinji.workflow.selectors import (
    ApplicationItem,
    InboxFilters,
    InboxItem,
    application_detail,
    inbox_pending,
    my_applications,
)
from jinji.workflow.selectors.choices import instance_parties
from jinji.workflow.services import (
    BulkItem,
    instance_approve,
    instance_reject,
    instance_send_back,
    instance_withdraw,
    instances_bulk_approve,
)

router = Router(auth=ApiTokenAuth())


class ApplicationOut(Schema):
    id: int
    version: int
    application_type: str
    application_type_label: str
    subject: str
    status: str
    status_label: str
    applicant_name: str
    applicant_unit_name: str
    current_step_name: str
    effect_error: str
    effective_on: datetime.date | None
    submitted_at: datetime.datetime | None
    completed_at: datetime.datetime | None


class ApplicationPageOut(Schema):
    total: int = Field(description="条件に合う申請の件数(count_cap を超えると count_cap + 1)")
    counts_by_status: dict[str, int] = Field(description="状態ごとの件数(count_cap を超えると count_cap + 1)")
    count_cap: int = Field(description="件数を数える上限")
    items: list[ApplicationOut]


class TimelineOut(Schema):
    at: datetime.datetime
    action: str
    action_label: str
    actor_name: str
    on_behalf_of_name: str
    step_name: str
    comment: str


class SummaryRowOut(Schema):
    label: str
    value: str


class ApplicationDetailOut(ApplicationOut):
    summary: list[SummaryRowOut]
    payload: dict[str, Any] | None = Field(None, description="申請内容そのもの(申請者本人・代理入力者にだけ返す)")
    timeline: list[TimelineOut]


class InboxItemOut(Schema):
    task_id: int
    task_kind: str
    instance_id: int
    instance_version: int
    application_type: str
    application_type_label: str
    subject: str
    applicant_name: str
    applicant_unit_name: str
    step_name: str
    status: str
    waiting_days: int
    arrived_at: datetime.datetime


class InboxOut(Schema):
    total: int
    approval_count: int
    post_review_count: int
    counts_by_type: dict[str, int]
    items: list[InboxItemOut]


class ListFilter(Schema):
    status: str | None = Field(None, description="状態(in_progress, sent_back, approved …)")
    application_type: str | None = Field(None, description="申請種別コード")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class InboxFilter(Schema):
    application_type: str | None = Field(None, description="申請種別コード")
    applicant_unit_id: int | None = Field(None, description="申請者の所属ID")
    min_waiting_days: int | None = Field(None, ge=0, description="この日数以上待っているもの")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class ActionIn(Schema):
    version: int = Field(..., description="表示した申請の版(同時更新の検出)")
    comment: str = Field("", max_length=1000)


class SendBackIn(ActionIn):
    to_step: int | None = Field(None, description="差戻し先のステップ番号(省略時は申請者)")


class BulkItemIn(Schema):
    id: int
    version: int


class BulkIn(Schema):
    items: list[BulkItemIn] = Field(..., max_length=100)
    comment: str = Field("", max_length=1000)


class BulkOut(Schema):
    id: int
    ok: bool
    status: str
    message: str


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _out(item: ApplicationItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in ApplicationOut.model_fields}


def _inbox_out(item: InboxItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in InboxItemOut.model_fields}


@router.get("/applications", response=ApplicationPageOut, summary="自分の申請(代理入力したものを含む)")
def my_applications_api(request: HttpRequest, filters: Query[ListFilter]) -> dict[str, Any]:
    page = my_applications(
        user=_user(request),
        status=filters.status,
        application_type=filters.application_type,
        limit=filters.limit,
        offset=filters.offset,
    )
    return {
        "total": page.total,
        "counts_by_status": page.counts_by_status,
        "count_cap": page.count_cap,
        "items": [_out(i) for i in page.items],
    }


@router.get("/applications/{instance_id}", response=ApplicationDetailOut, summary="申請の内容と処理の経過")
def application_detail_api(request: HttpRequest, instance_id: int) -> dict[str, Any]:
    user = _user(request)
    try:
        detail = application_detail(instance_id=instance_id, user=user)
    except NotPermitted:
        raise Http404 from None
    timeline = [{name: getattr(e, name) for name in TimelineOut.model_fields} for e in detail.timeline]
    summarize = _summarizer(detail.application.application_type)
    rows = summarize(detail.payload) if summarize else [(str(k), str(v)) for k, v in detail.payload.items()]
    own = user.pk in instance_parties(instance_id=instance_id)
    return {
        **_out(detail.application),
        "summary": [{"label": label, "value": value} for label, value in rows],
        "payload": detail.payload if own else None,
        "timeline": timeline,
    }


def _summarizer(code: str) -> SummarizeFn | None:
    try:
        return get_application_type(code).summarize
    except DomainError:
        return None


@router.get("/inbox", response=InboxOut, summary="承認待ち(件数と絞り込み)")
def inbox_api(request: HttpRequest, filters: Query[InboxFilter]) -> dict[str, Any]:
    page = inbox_pending(
        user=_user(request),
        filters=InboxFilters(
            application_type=filters.application_type,
            applicant_unit_id=filters.applicant_unit_id,
            min_waiting_days=filters.min_waiting_days,
        ),
        limit=filters.limit,
        offset=filters.offset,
    )
    return {
        "total": page.total,
        "approval_count": page.approval_count,
        "post_review_count": page.post_review_count,
        "counts_by_type": page.counts_by_type,
        "items": [_inbox_out(i) for i in page.items],
    }


def _instance(user: User, instance_id: int) -> WorkflowInstance:
    """The application (of the user's organization); the service decides whether the user may act (403, audited)."""
    instance = WorkflowInstance.objects.filter(pk=instance_id).first()
    if instance is None:
        raise Http404
    return instance


def _result(user: User, instance: WorkflowInstance) -> dict[str, Any]:
    return _out(application_detail(instance_id=instance.pk, user=user).application)


@router.post("/applications/{instance_id}/approve", response=ApplicationOut, summary="承認(最終ステップでは決裁)")
def approve_api(request: HttpRequest, instance_id: int, body: ActionIn) -> dict[str, Any]:
    user = _user(request)
    result = instance_approve(
        instance=_instance(user, instance_id), acting_user=user, expected_version=body.version, comment=body.comment
    )
    return _result(user, result)


@router.post("/applications/{instance_id}/send-back", response=ApplicationOut, summary="差戻し(理由が必要)")
def send_back_api(request: HttpRequest, instance_id: int, body: SendBackIn) -> dict[str, Any]:
    user = _user(request)
    result = instance_send_back(
        instance=_instance(user, instance_id),
        acting_user=user,
        comment=body.comment,
        to_step=body.to_step,
        expected_version=body.version,
    )
    return _result(user, result)


@router.post("/applications/{instance_id}/reject", response=ApplicationOut, summary="却下(理由が必要)")
def reject_api(request: HttpRequest, instance_id: int, body: ActionIn) -> dict[str, Any]:
    user = _user(request)
    result = instance_reject(
        instance=_instance(user, instance_id), acting_user=user, comment=body.comment, expected_version=body.version
    )
    return _result(user, result)


@router.post("/applications/{instance_id}/withdraw", response=ApplicationOut, summary="取下げ(申請者)")
def withdraw_api(request: HttpRequest, instance_id: int, body: ActionIn) -> dict[str, Any]:
    user = _user(request)
    result = instance_withdraw(
        instance=_instance(user, instance_id), acting_user=user, comment=body.comment, expected_version=body.version
    )
    return _result(user, result)


@router.post("/inbox/bulk-approve", response=list[BulkOut], summary="一括承認(1件ずつ処理し、結果を返す)")
def bulk_approve_api(request: HttpRequest, body: BulkIn) -> list[dict[str, Any]]:
    outcomes = instances_bulk_approve(
        acting_user=_user(request),
        items=[BulkItem(instance_id=i.id, expected_version=i.version) for i in body.items],
        comment=body.comment,
    )
    return [{"id": o.instance_id, "ok": o.ok, "status": o.status, "message": o.message} for o in outcomes]
