"""人事担当: 人材検索 (with CSV / Excel export) and the skill map."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jinji.accounts.models import User
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.org.selectors import org_tree_flat
from jinji.talent import events
from jinji.talent.exports import csv_bytes, xlsx_bytes
from jinji.talent.forms.hr import SkillMapForm, TalentSearchForm
from jinji.talent.models import Course
from jinji.talent.selectors import SkillFilter, TalentFilters, skill_map, talent_export, talent_search
from jinji.talent.selectors.qualifications import qualification_master
from jinji.talent.selectors.roles import role_tag_list
from jinji.talent.selectors.skills import skill_catalogue
from jinji.talent.views.common import acting_user, hr_only, parse_int, today

PAGE_SIZE = 50


def _options(organization: int) -> dict[str, list[tuple[str, str]]]:
    return {
        "areas": [(str(a.id), a.name) for a in skill_catalogue(organization=organization)],
        "qualifications": [(str(q.pk), q.name) for q in qualification_master(organization=organization)],
        "courses": [(str(c.pk), c.name) for c in Course.objects.for_organization(organization).order_by("code")],
        "role_tags": [(str(t.pk), t.name) for t in role_tag_list(organization=organization)],
    }


def _filters(data: dict[str, Any]) -> TalentFilters:
    skills = tuple(
        SkillFilter(area_id=data[f"area_{n}"], min_level=data[f"level_{n}"] or 1)
        for n in (1, 2)
        if data.get(f"area_{n}")
    )
    return TalentFilters(
        query=data.get("q") or "",
        skills=skills,
        qualification_ids=(data["qualification"],) if data.get("qualification") else (),
        min_ipa_level=data.get("min_ipa_level"),
        course_id=data.get("course"),
        past_unit_id=data.get("past_unit"),
        role_tag_id=data.get("role_tag"),
        transfer_wish=data.get("transfer_wish") or "",
        wished_unit_id=data.get("wished_unit"),
        dx_interest=bool(data.get("dx_interest")),
    )


def _form(request: HttpRequest, user: User) -> tuple[TalentSearchForm, TalentFilters | None, datetime.date]:
    on = today()
    form = TalentSearchForm(
        request.GET or None,
        options=_options(user.organization_id),
        units=org_tree_flat(organization=user.organization_id, on=on),
    )
    if not form.is_bound:
        return form, TalentFilters(), on
    if not form.is_valid():
        return form, None, on
    return form, _filters(form.cleaned_data), form.cleaned_data.get("on") or on


@hr_only
def search(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form, filters, on = _form(request, user)
    page = None
    if filters is not None:
        page = talent_search(
            organization=user.organization_id,
            user=user,
            on=on,
            filters=filters,
            page=parse_int(request.GET.get("page"), 1) or 1,
            page_size=PAGE_SIZE,
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "talent/search.html", {"form": form, "page": page, "on": on, "query": query.urlencode()})


@hr_only
def search_export(request: HttpRequest) -> HttpResponse:
    """The whole result as CSV (default) or Excel (``format=xlsx``); formula-like text is neutralised."""
    user = acting_user(request)
    form, filters, on = _form(request, user)
    if filters is None:
        return render(request, "talent/search.html", {"form": form, "page": None, "on": on, "query": ""}, status=400)
    rows = list(talent_export(organization=user.organization_id, user=user, on=on, filters=filters))
    as_excel = request.GET.get("format") == "xlsx"
    audit_record(
        actor=user,
        action=events.SEARCH_EXPORT,
        target_type="talent.search",
        kind=AuditKind.READ,
        after={"rows": len(rows), "format": "xlsx" if as_excel else "csv", "filters": request.GET.dict()},
    )
    stamp = on.strftime("%Y%m%d")
    if as_excel:
        response = HttpResponse(
            xlsx_bytes(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="talent-{stamp}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="talent-{stamp}.csv"'
    return response


@hr_only
def skill_map_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = SkillMapForm(request.GET or None)
    on, min_level, depth = today(), 2, 0
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["on"] or on
        min_level, depth = form.cleaned_data["min_level"], form.cleaned_data["depth"]
    result = skill_map(organization=user.organization_id, user=user, on=on, min_level=min_level, depth=depth)
    return render(request, "talent/skill_map.html", {"form": form, "map": result})
