"""Settings screens for 給与担当: a hub, a list and a create/edit form per kind, the 職員別控除 CSV import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll.services.settings import KINDS, SettingKind, setting_save
from jinji.payroll.services.settings_import import COLUMNS, deduction_import
from jinji.payroll.settings.forms import DeductionImportForm, setting_form
from jinji.payroll.settings.rows import setting_rows

HELP = {
    "calendars": "給与支払者ごとの支給日・会計年度任用職員の支給日・前月比の確認しきい値",
    "accounts": "全銀ファイルの振込元(給与支払者ごと、既定の口座は1つ)",
    "budgets": "所属ごとの人件費の予算科目(人件費仕訳に使います)",
    "items": "共済貸付・互助会・組合費・財形・団体保険などの控除項目",
    "deductions": "職員ごとの控除の月額(適用期間つき、CSV取込あり)",
    "insurance": "共済・協会けんぽ等の加入区分と標準報酬の等級(適用期間つき)",
    "pay-settings": "管理職手当の種・地域手当の級地・税額表の欄・会計年度任用職員の報酬・紙の明細書",
}


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _kind(slug: str) -> SettingKind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("設定の種類が見つかりません")
    return kind


@require_role(Role.PAYROLL)
@require_GET
def settings_hub(request: HttpRequest) -> HttpResponse:
    kinds = [(kind, HELP[slug]) for slug, kind in KINDS.items()]
    return render(request, "payroll/settings/hub.html", {"kinds": kinds})


@require_role(Role.PAYROLL)
@require_GET
def settings_list(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind)
    number = request.GET.get("staff_number", "")[:20]
    rows = setting_rows(spec, organization_id=_user(request).organization_id, staff_number=number)
    context = {"kind": spec, "help": HELP[spec.slug], "table": rows, "staff_number": number}
    return render(request, "payroll/settings/list.html", context)


def _attach(form: object, problems: list[FieldProblem]) -> None:
    fields = getattr(form, "fields", {})
    for problem in problems:
        name = problem.field if problem.field in fields else None
        form.add_error(name, problem.message)  # type: ignore[attr-defined]


@require_role(Role.PAYROLL)
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    spec = _kind(kind)
    user = _user(request)
    instance = None
    if pk is not None:
        instance = spec.model.objects.for_organization(user.organization_id).filter(pk=pk).first()  # type: ignore[attr-defined]
        if instance is None:
            raise Http404(f"{spec.label}が見つかりません")
    form = setting_form(spec, organization_id=user.organization_id, data=request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            setting_save(
                acting_user=user,
                kind=spec,
                organization_id=user.organization_id,
                values=form.cleaned_data,
                pk=pk,
                staff_number=form.cleaned_data.get("staff_number", ""),
            )
        except DomainError as exc:
            _attach(form, exc.problems)
        else:
            messages.success(request, f"{spec.label}を保存しました")
            return redirect("payroll:settings_list", kind=spec.slug)
    employee = getattr(instance, "employee", None) if spec.per_employee else None
    context = {"kind": spec, "form": form, "instance": instance, "employee": employee}
    return render(request, "payroll/settings/form.html", context)


@require_role(Role.PAYROLL)
@require_http_methods(["GET", "POST"])
def deduction_import_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = DeductionImportForm(request.POST or None, request.FILES or None)
    problems: list[FieldProblem] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = deduction_import(
                acting_user=user, organization_id=user.organization_id, data=form.cleaned_data["file"].read()
            )
        except DomainError as exc:
            problems = exc.problems
        else:
            messages.success(request, f"{count} 件の職員別控除を取り込みました")
            return redirect("payroll:settings_list", kind="deductions")
    context = {"form": form, "problems": problems, "columns": ",".join(COLUMNS)}
    return render(request, "payroll/settings/deduction_import.html", context)
