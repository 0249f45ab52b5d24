"""Report pages and downloads: 源泉徴収簿 (per employee page and CSV), 共済 report CSV (給与担当), and the
給与実態調査 export (給与担当 and 人事担当). Every download and every look at someone's 源泉徴収簿 is audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.audit.actions import register_action_labels
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_read, audit_record
from jinji.core.rules_tables import rules_store
from jinji.payroll import selectors
from jinji.payroll.models import RunKind
from jinji.payroll.reports import mutual_aid, survey, withholding
from jinji.payroll.reports.csvout import stream_csv
from jinji.personnel.models import Employee

REPORT_READ = "payroll.report.read"
REPORT_EXPORT = "payroll.report.export"
register_action_labels({REPORT_READ: "源泉徴収簿の閲覧", REPORT_EXPORT: "給与の帳票データの出力"})


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


def _exported(user: User, what: str, detail: dict[str, object]) -> None:
    with transaction.atomic():
        audit_record(
            actor=user,
            action=REPORT_EXPORT,
            target_type="payroll.report",
            target_label=what,
            organization_id=user.organization_id,
            after=detail,
            kind=AuditKind.READ,
        )


@require_role(Role.PAYROLL, Role.HR)
@require_GET
def reports_hub(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    payroll = has_role(user, [Role.PAYROLL])
    number = request.GET.get("staff_number", "").strip()[:20]
    if number and payroll:
        found = Employee.objects.for_organization(user.organization_id).filter(staff_number=number).first()
        if found is not None:
            return redirect(f"{reverse('payroll:report_withholding', args=[found.pk])}?year={_year(request)}")
    runs = []
    if payroll:
        runs = [r for r in selectors.run_list(organization_id=user.organization_id) if r.kind == RunKind.MONTHLY]
    context = {
        "payroll": payroll,
        "year": _year(request),
        "payers": selectors.payers(organization_id=user.organization_id) if payroll else [],
        "runs": runs[:24],
        "not_found": number if number and payroll else "",
    }
    return render(request, "payroll/reports/hub.html", context)


@require_role(Role.PAYROLL)
@require_GET
def withholding_page(request: HttpRequest, employee_id: int) -> HttpResponse:
    user = _user(request)
    employee = Employee.objects.for_organization(user.organization_id).filter(pk=employee_id).first()
    if employee is None:
        raise Http404("職員が見つかりません")
    year = _year(request)
    book = withholding.withholding_book(organization_id=user.organization_id, employee_id=employee.pk, year=year)
    if employee.pk != user.employee_id:
        with transaction.atomic():
            audit_read(actor=user, action=REPORT_READ, target=employee, detail={"year": year})
    context = {"employee": employee, "book": book, "year": year}
    return render(request, "payroll/reports/withholding.html", context)


@require_role(Role.PAYROLL)
@require_GET
def withholding_csv(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year = _year(request)
    payer = request.GET.get("payer", "")
    payer_id = int(payer) if payer.isdigit() else None
    _exported(user, "源泉徴収簿", {"year": year, "payer": payer_id})
    rows = withholding.withholding_rows(organization_id=user.organization_id, year=year, payer_id=payer_id)
    return stream_csv(withholding.HEADER, rows, f"withholding_{year}.csv")


@require_role(Role.PAYROLL)
@require_GET
def mutual_aid_csv(request: HttpRequest, run_id: int) -> HttpResponse:
    user = _user(request)
    run = selectors.run_get(organization_id=user.organization_id, run_id=run_id)
    if run.kind != RunKind.MONTHLY:
        raise Http404("共済の報告データは月例給与の計算から出力します")
    _exported(user, "共済掛金・負担金", {"run": run.pk})
    rows = list(mutual_aid.report_rows(run=run, store=rules_store()))
    return stream_csv(mutual_aid.HEADER, rows, f"mutual_aid_{run.month:%Y%m}_{run.payer.code}.csv")


@require_role(Role.PAYROLL, Role.HR)
@require_GET
def survey_csv(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    year = _year(request)
    _exported(user, "給与実態調査", {"year": year})
    export = survey.survey_export(organization_id=user.organization_id, year=year)
    return stream_csv(export.header, survey.survey_lines(export), f"pay_survey_{year}0401.csv")
