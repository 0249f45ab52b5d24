"""HR pages: 評価シート様式 (the national model and the organization's own versions)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role
from jinji.core.errors import DomainError
from jinji.evaluation.selectors import current_templates, template_get
from jinji.evaluation.services import ItemInput, TemplateInput, template_create
from jinji.evaluation.views._common import EXTRA_CSS, acting_user, add_domain_errors
from jinji.evaluation.views.forms import TemplateVersionForm


@require_role(Role.HR)
def template_list(request: HttpRequest) -> HttpResponse:
    """様式の一覧 (each code's newest version the organization can use)."""
    user = acting_user(request)
    context = {"templates": current_templates(organization_id=user.organization_id), "extra_css": EXTRA_CSS}
    return render(request, "evaluation/template_list.html", context)


def parse_items(text: str) -> tuple[list[ItemInput], list[str]]:
    """「項目名|求められる行動|ウェイト」 per line → items, and the problems (with line numbers)."""
    items: list[ItemInput] = []
    problems: list[str] = []
    for number, line in enumerate((raw.strip() for raw in text.splitlines()), start=1):
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[2].isdigit():
            problems.append(f"{number}行目: 「項目名|求められる行動|ウェイト(整数)」の形で書いてください")
            continue
        items.append(ItemInput(parts[0], parts[1], int(parts[2])))
    return items, problems


@require_role(Role.HR)
def template_detail(request: HttpRequest, template_id: int) -> HttpResponse:
    """One version's items; POST makes the organization's next version of the same 様式コード."""
    user = acting_user(request)
    found = template_get(organization_id=user.organization_id, template_id=template_id)
    if found is None:
        raise Http404("様式が見つかりません。")
    template, items = found
    initial = {
        "name": template.name,
        "scale": template.scale,
        "min_rank": template.min_rank,
        "max_rank": template.max_rank,
        "max_goals": template.max_goals,
        "items": "\n".join(f"{i.name}|{i.description}|{i.weight}" for i in items),
    }
    form = TemplateVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        parsed, problems = parse_items(form.cleaned_data["items"])
        for message in problems:
            form.add_error("items", message)
        if not problems:
            data = TemplateInput(
                code=template.code,
                name=form.cleaned_data["name"],
                kind=template.kind,
                scale=form.cleaned_data["scale"],
                min_rank=form.cleaned_data["min_rank"],
                max_rank=form.cleaned_data["max_rank"],
                for_fiscal_year_appointees=template.for_fiscal_year_appointees,
                items=parsed,
                max_goals=form.cleaned_data["max_goals"],
                description=template.description,
            )
            try:
                created = template_create(
                    acting_user=user, organization_id=user.organization_id, data=data, based_on=template
                )
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, f"「{created}」を作成しました。次の評価サイクルから選べます。")
                return HttpResponseRedirect(reverse("evaluation:template_detail", args=[created.pk]))
    context = {"template": template, "items": items, "form": form, "extra_css": EXTRA_CSS}
    return render(request, "evaluation/template_detail.html", context, status=400 if form.errors else 200)
