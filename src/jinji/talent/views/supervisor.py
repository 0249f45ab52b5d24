"""所属長: confirm or return the skill self-assessments of the units they head."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.core.errors import DomainError
from jinji.talent.selectors.skills import assessment_get, pending_confirmations
from jinji.talent.services import skill_assessment_decide
from jinji.talent.views.common import acting_user, done, error_redirect, supervisor_only, today


@supervisor_only
def skill_confirmations(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    rows = pending_confirmations(organization=user.organization_id, user=user, on=today())
    return render(request, "talent/skill_confirmations.html", {"rows": rows})


@supervisor_only
@require_POST
def skill_decide(request: HttpRequest, assessment_id: int) -> HttpResponse:
    user = acting_user(request)
    assessment = assessment_get(organization=user.organization_id, assessment_id=assessment_id)
    if assessment is None:
        raise Http404("自己評価が見つかりません。")
    confirm = request.POST.get("decision") == "confirm"
    back = reverse("talent:skill_confirmations")
    try:
        skill_assessment_decide(
            acting_user=user, assessment=assessment, confirm=confirm, comment=request.POST.get("comment", "")
        )
    except DomainError as exc:
        return error_redirect(request, exc, back)
    who = assessment.employee.working_name
    verb = "確認しました" if confirm else "差し戻しました"
    return done(request, f"{who}さんの「{assessment.area.name}」(レベル{assessment.level})を{verb}。", back)
