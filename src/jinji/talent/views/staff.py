"""Pages for every employee (phone-friendly): my talent record, registering a qualification and its
renewal, the skill self-assessment, 自己申告, applying for training, certificates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.models import User
from jinji.audit.services import audit_read
from jinji.core.errors import DomainError
from jinji.org.models import OrgUnit
from jinji.org.selectors import org_tree_flat
from jinji.personnel.selectors_web import employee_get
from jinji.talent import events
from jinji.talent.certificates import certificate_pdf
from jinji.talent.dates import fiscal_year_of
from jinji.talent.evidence import evidence_path
from jinji.talent.forms.common import add_domain_errors
from jinji.talent.forms.staff import QualificationForm, RenewalForm, SkillSelfForm, WishForm
from jinji.talent.models import EmployeeQualification, Enrolment, TrainingSession
from jinji.talent.permissions import can_view_private, can_view_talent, is_hr, is_own
from jinji.talent.selectors.profile import talent_profile
from jinji.talent.selectors.qualifications import qualification_master, qualification_record_get
from jinji.talent.selectors.skills import skill_catalogue
from jinji.talent.selectors.training import session_views
from jinji.talent.services import (
    SkillClaim,
    career_wish_submit,
    enrolment_cancel,
    enrolment_create,
    qualification_register,
    qualification_renew,
    skill_assessment_submit,
)
from jinji.talent.views.common import (
    acting_user,
    done,
    error_redirect,
    own_employee,
    require_own_employee,
    today,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """わたしの人材情報: my qualifications, skills, training history, roles, 自己申告, お知らせ."""
    user = acting_user(request)
    employee = own_employee(user)
    profile = None
    if employee is not None:
        profile = talent_profile(
            organization=user.organization_id, employee=employee, on=today(), show_private=True, show_notices=True
        )
    return render(request, "talent/home.html", {"profile": profile, "is_hr": is_hr(user)})


@login_required
def qualification_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    employee = require_own_employee(user)
    qualifications = list(qualification_master(organization=user.organization_id))
    form = QualificationForm(
        request.POST or None, request.FILES or None, qualifications=qualifications, evidence_required=True
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next(q for q in qualifications if q.pk == data["qualification"])
        try:
            qualification_register(
                acting_user=user,
                employee=employee,
                qualification=chosen,
                acquired_on=data["acquired_on"],
                certificate_number=data["certificate_number"],
                expires_on=data["expires_on"],
                evidence=data["evidence"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(
                request, f"「{chosen.name}」を登録しました。人事担当の確認をお待ちください。", reverse("talent:home")
            )
    return render(request, "talent/qualification_form.html", {"form": form})


def _record_for(request: HttpRequest, record_id: int) -> tuple[User, EmployeeQualification]:
    user = acting_user(request)
    record = qualification_record_get(organization=user.organization_id, record_id=record_id)
    if record is None or not can_view_private(user, record.employee):
        raise Http404("資格の登録が見つかりません。")
    return user, record


@login_required
def qualification_renew_page(request: HttpRequest, record_id: int) -> HttpResponse:
    user, record = _record_for(request, record_id)
    form = RenewalForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            qualification_renew(
                acting_user=user,
                record=record,
                renewed_on=data["renewed_on"],
                expires_on=data["expires_on"],
                evidence=data["evidence"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(request, "更新を登録しました。人事担当の確認をお待ちください。", reverse("talent:home"))
    return render(request, "talent/renewal_form.html", {"form": form, "record": record})


@login_required
def qualification_evidence(request: HttpRequest, record_id: int) -> HttpResponseBase:
    """The evidence file, to the employee and 人事担当 only (others get 404); reads by others are audited."""
    user, record = _record_for(request, record_id)
    if not record.evidence_file:
        raise Http404("証明書類は添付されていません。")
    if not is_own(user, record.employee_id):
        audit_read(actor=user, action=events.EVIDENCE_READ, target=record)
    path = evidence_path(record.evidence_file)
    if not path.is_file():
        raise Http404("証明書類のファイルが見つかりません。")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=record.evidence_name or path.name,
        content_type=record.evidence_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def skill_self(request: HttpRequest) -> HttpResponse:
    """スキル自己評価: choose a level per area; the 所属長 confirms."""
    user = acting_user(request)
    employee = require_own_employee(user)
    areas = skill_catalogue(organization=user.organization_id)
    form = SkillSelfForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        claims = {area: SkillClaim(level=level, comment=comment) for area, (level, comment) in form.claims().items()}
        try:
            skill_assessment_submit(acting_user=user, employee=employee, claims=claims)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(request, "自己評価を提出しました。所属長の確認をお待ちください。", reverse("talent:home"))
    return render(request, "talent/skill_self.html", {"form": form})


@login_required
def wish_form(request: HttpRequest) -> HttpResponse:
    """自己申告 (異動希望) for this 年度 or the next."""
    user = acting_user(request)
    employee = require_own_employee(user)
    on = today()
    year = fiscal_year_of(on)
    units = org_tree_flat(organization=user.organization_id, on=on)
    profile = talent_profile(
        organization=user.organization_id, employee=employee, on=on, show_private=True, show_notices=False
    )
    initial: dict[str, object] = {"fiscal_year": str(year)}
    if profile.wish is not None:
        w = profile.wish
        initial |= {
            "transfer_wish": w.transfer_wish,
            "wished_units": [str(u) for u in w.wished_unit_ids],
            "wished_work": w.wished_work,
            "dx_interest": w.dx_interest,
            "free_text": w.free_text,
        }
    form = WishForm(request.POST or None, initial=initial, years=[year, year + 1], units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {n.id for n in units}
        try:
            career_wish_submit(
                acting_user=user,
                employee=employee,
                fiscal_year=data["fiscal_year"],
                transfer_wish=data["transfer_wish"],
                career_intention=data["career_intention"],
                wished_units=_units(user.organization_id, [u for u in data["wished_units"] if u in chosen]),
                wished_work=data["wished_work"],
                dx_interest=data["dx_interest"],
                free_text=data["free_text"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(request, f"{data['fiscal_year']}年度の自己申告を提出しました。", reverse("talent:home"))
    return render(request, "talent/wish_form.html", {"form": form, "wish": profile.wish})


def _units(organization: int, ids: list[int]) -> list[OrgUnit]:
    return list(OrgUnit.objects.for_organization(organization).filter(pk__in=ids))


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """受講申込: sessions open for applications from today on."""
    user = acting_user(request)
    sessions = [s for s in session_views(organization=user.organization_id, from_date=today()) if s.is_open]
    return render(
        request, "talent/session_list.html", {"sessions": sessions, "has_employee": user.employee_id is not None}
    )


@login_required
@require_POST
def session_enrol(request: HttpRequest, session_id: int) -> HttpResponse:
    user = acting_user(request)
    employee = require_own_employee(user)
    session = TrainingSession.objects.for_organization(user.organization_id).filter(pk=session_id).first()
    if session is None:
        raise Http404("研修の回が見つかりません。")
    try:
        enrolment_create(acting_user=user, session=session, employee=employee)
    except DomainError as exc:
        return error_redirect(request, exc, reverse("talent:session_list"))
    return done(request, f"「{session.name}」に申し込みました。", reverse("talent:home"))


def _enrolment(request: HttpRequest, enrolment_id: int) -> Enrolment:
    user = acting_user(request)
    enrolment = (
        Enrolment.objects.for_organization(user.organization_id)
        .select_related("employee", "session", "course")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or not can_view_private(user, enrolment.employee):
        raise Http404("受講の記録が見つかりません。")
    found: Enrolment = enrolment
    return found


@login_required
@require_POST
def enrolment_cancel_page(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    try:
        enrolment_cancel(acting_user=acting_user(request), enrolment=enrolment)
    except DomainError as exc:
        return error_redirect(request, exc, reverse("talent:home"))
    return done(
        request,
        f"「{enrolment.session.name}」の受講を取り消しました。",
        request.POST.get("next") or reverse("talent:home"),
    )


@login_required
def certificate(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment(request, enrolment_id)
    try:
        pdf = certificate_pdf(acting_user=acting_user(request), enrolment=enrolment)
    except DomainError as exc:
        return error_redirect(request, exc, reverse("talent:home"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{enrolment.pk}.pdf"'
    return response


@login_required
def employee_profile(request: HttpRequest, employee_id: int) -> HttpResponse:
    """人材情報 of one employee: self, 人事担当 in scope, or the employee's 所属長 (404 otherwise)."""
    user = acting_user(request)
    employee = employee_get(organization=user.organization_id, employee_id=employee_id)
    if employee is None or not can_view_talent(user, employee):
        raise Http404("職員が見つかりません。")
    profile = talent_profile(
        organization=user.organization_id,
        employee=employee,
        on=today(),
        show_private=can_view_private(user, employee),
        show_notices=is_own(user, employee.pk),
    )
    return render(request, "talent/profile.html", {"profile": profile, "is_hr": is_hr(user)})
