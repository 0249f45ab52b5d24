"""POST actions on one application: 承認, 差戻し, 却下, 代決, 引戻し, 後閲, 取下げ, 再申請.

Each calls one service with the version the user saw; the service checks who may act, and a
refusal or a stale page comes back as a message on the detail screen.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.models import User
from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow.models import InstanceStatus, Task, WorkflowInstance
from jinji.workflow.services import (
    instance_approve,
    instance_delegate_decision,
    instance_pull_back,
    instance_reject,
    instance_send_back,
    instance_submit,
    instance_withdraw,
    task_post_review,
)
from jinji.workflow.views._common import acting_user, parse_int, report_problems

Handler = Callable[[HttpRequest, User, WorkflowInstance, int | None, str], str]


def _approve(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    result = instance_approve(instance=instance, acting_user=user, expected_version=version, comment=comment)
    if result.status == InstanceStatus.EFFECT_FAILED:
        messages.error(request, f"決裁内容を反映できませんでした: {result.effect_error}")
        return ""
    return "決裁しました。" if result.status == InstanceStatus.APPROVED else "承認しました。"


def _send_back(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    to_step = parse_int(request.POST.get("to_step"))
    instance_send_back(instance=instance, acting_user=user, comment=comment, to_step=to_step, expected_version=version)
    return "差し戻しました。"


def _reject(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    instance_reject(instance=instance, acting_user=user, comment=comment, expected_version=version)
    return "却下しました。"


def _delegate(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    absent = parse_int(request.POST.get("absent_user"))
    instance_delegate_decision(
        instance=instance, acting_user=user, comment=comment, absent_user_id=absent, expected_version=version
    )
    return "代決しました。不在の承認者に後閲を依頼しました。"


def _pull_back(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    instance_pull_back(instance=instance, acting_user=user, comment=comment, expected_version=version)
    return "引き戻しました。"


def _post_review(
    request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str
) -> str:
    task = Task.objects.filter(pk=parse_int(request.POST.get("task")) or 0, instance=instance).first()
    if task is None:
        raise Http404
    task_post_review(task=task, acting_user=user, comment=comment)
    return "後閲しました。"


def _withdraw(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    instance_withdraw(instance=instance, acting_user=user, comment=comment, expected_version=version)
    return "取り下げました。"


def _resubmit(request: HttpRequest, user: User, instance: WorkflowInstance, version: int | None, comment: str) -> str:
    instance_submit(instance=instance, acting_user=user, expected_version=version)
    return "再申請しました。"


HANDLERS: dict[str, Handler] = {
    "approve": _approve,
    "send_back": _send_back,
    "reject": _reject,
    "delegate": _delegate,
    "pull_back": _pull_back,
    "post_review": _post_review,
    "withdraw": _withdraw,
    "resubmit": _resubmit,
}


@require_POST
@login_required
def application_act(request: HttpRequest, instance_id: int) -> HttpResponse:
    """POST ``do`` (one of :data:`HANDLERS`), ``version`` (as shown), ``comment`` and the action's fields."""
    user = acting_user(request)
    instance = WorkflowInstance.objects.filter(pk=instance_id).first()
    handler = HANDLERS.get(request.POST.get("do", ""))
    if instance is None:
        raise Http404("申請が見つかりません。")
    target = reverse("workflow:application_detail", args=[instance_id])
    if handler is None:
        messages.error(request, "操作を選んでください。")
        return HttpResponseRedirect(target)
    try:
        done = handler(request, user, instance, parse_int(request.POST.get("version")), request.POST.get("comment", ""))
    except DomainError as error:
        report_problems(request, error)
        refused = isinstance(error, NotPermitted)  # the page may not be theirs to see: show it on the inbox
        return HttpResponseRedirect(reverse("workflow:inbox") if refused else target)
    if done:
        messages.success(request, done)
        if request.POST.get("next") == "inbox":
            target = reverse("workflow:inbox")
    return HttpResponseRedirect(target)
