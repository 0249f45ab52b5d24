"""人事担当: courses, their mandatory rules and sessions, enrolment and results, the completion dashboard."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.org.selectors import position_list
from jinji.talent.forms.common import add_domain_errors
from jinji.talent.forms.hr import CourseForm, NominateForm, RequirementForm, ResultsForm, SessionForm
from jinji.talent.models import (
    Course,
    CourseRequirement,
    Enrolment,
    EnrolmentStatus,
    RoleTag,
    SkillArea,
    TrainingSession,
)
from jinji.talent.selectors.dashboard import completion_dashboard
from jinji.talent.selectors.roles import role_tag_list
from jinji.talent.selectors.skills import skill_catalogue
from jinji.talent.selectors.training import session_views
from jinji.talent.services import (
    course_create,
    course_requirement_add,
    enrolment_create,
    mandatory_enrolment_apply,
    session_create,
    session_results_record,
)
from jinji.talent.services.training import RESULT_STATUSES
from jinji.talent.views.common import acting_user, done, employee_by_number, error_redirect, hr_only, parse_int, today


@hr_only
def course_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    areas = [(str(a.id), a.name) for a in skill_catalogue(organization=user.organization_id)]
    form = CourseForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        area = SkillArea.objects.for_organization(user.organization_id).filter(pk=data["skill_area"] or 0).first()
        try:
            course = course_create(
                acting_user=user,
                organization=Organization.objects.get(pk=user.organization_id),
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                hours=data["hours"],
                description=data["description"],
                skill_area=area,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(
                request, f"研修「{course.name}」を作成しました。", reverse("talent:course_detail", args=[course.pk])
            )
    courses = Course.objects.for_organization(user.organization_id).order_by("code")
    sessions = session_views(organization=user.organization_id, from_date=today())
    return render(request, "talent/course_list.html", {"form": form, "courses": courses, "sessions": sessions})


def _rank_choices(user: User) -> list[tuple[str, str]]:
    seen: dict[int, str] = {}
    for p in position_list(organization=user.organization_id, on=today()):
        seen.setdefault(p.rank, p.name)
    return [(str(rank), f"{name}級(序列{rank})") for rank, name in seen.items()]


def _requirement_text(r: CourseRequirement, ranks: dict[str, str]) -> str:
    if r.all_staff:
        return "全職員"
    if r.role_tag_id is not None and r.role_tag is not None:
        return f"役割: {r.role_tag.name}"
    return f"職位: {ranks.get(str(r.position_rank), f'序列{r.position_rank}')}"


def _add_requirement(user: User, course: Course, form: RequirementForm, tags: list[RoleTag]) -> bool:
    """Add the chosen 受講必須 condition; False (errors on the form) when refused."""
    data = form.cleaned_data
    tag = next((t for t in tags if t.pk == data["role_tag"]), None)
    try:
        course_requirement_add(
            acting_user=user,
            course=course,
            position_rank=data["position_rank"] if data["basis"] == "rank" else None,
            role_tag=tag if data["basis"] == "tag" else None,
            all_staff=data["basis"] == "all",
        )
    except DomainError as exc:
        add_domain_errors(form, exc)
        return False
    return True


@hr_only
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    user = acting_user(request)
    course = Course.objects.for_organization(user.organization_id).filter(pk=course_id).first()
    if course is None:
        raise Http404("研修コースが見つかりません。")
    ranks = _rank_choices(user)
    tags = list(role_tag_list(organization=user.organization_id))
    action = request.POST.get("action") if request.method == "POST" else None
    requirement_form = RequirementForm(
        request.POST if action == "requirement" else None, ranks=ranks, tags=[(str(t.pk), t.name) for t in tags]
    )
    session_form = SessionForm(request.POST if action == "session" else None)
    here = reverse("talent:course_detail", args=[course.pk])
    if (
        action == "requirement"
        and requirement_form.is_valid()
        and _add_requirement(user, course, requirement_form, tags)
    ):
        return done(request, "受講必須の条件を追加しました。", here)
    if action == "session" and session_form.is_valid():
        data = session_form.cleaned_data
        try:
            session = session_create(acting_user=user, course=course, **data)
        except DomainError as exc:
            add_domain_errors(session_form, exc)
        else:
            return done(
                request, f"「{session.name}」を作成しました。", reverse("talent:session_detail", args=[session.pk])
            )
    requirements = (
        CourseRequirement.objects.for_organization(user.organization_id)
        .filter(course=course)
        .select_related("role_tag")
    )
    context = {
        "course": course,
        "requirements": [_requirement_text(r, dict(ranks)) for r in requirements],
        "sessions": session_views(organization=user.organization_id, course_id=course.pk),
        "requirement_form": requirement_form,
        "session_form": session_form,
    }
    return render(request, "talent/course_detail.html", context)


def _session_post(
    request: HttpRequest, user: User, session: TrainingSession, nominate: NominateForm
) -> HttpResponse | None:
    here = reverse("talent:session_detail", args=[session.pk])
    action = request.POST.get("action")
    try:
        if action == "mandatory":
            added = mandatory_enrolment_apply(acting_user=user, session=session)
            return done(request, f"受講必須者 {len(added)}人を登録しました。", here)
        if action == "results":
            results_form = ResultsForm(request.POST)
            completed_on = results_form.cleaned_data["completed_on"] if results_form.is_valid() else None
            results = {
                int(key.removeprefix("status_")): str(value)
                for key, value in request.POST.items()
                if key.startswith("status_") and key.removeprefix("status_").isdigit()
            }
            changed = session_results_record(
                acting_user=user, session=session, results=results, completed_on=completed_on
            )
            return done(request, f"出欠・修了を記録しました({changed}件変更)。", here)
        if action == "nominate" and nominate.is_valid():
            employee = employee_by_number(user, nominate.cleaned_data["staff_number"])
            if employee is None:
                nominate.add_error("staff_number", "この職員番号の職員は見つかりません。")
                return None
            enrolment_create(acting_user=user, session=session, employee=employee)
            return done(request, f"{employee.working_name}さんを登録しました。", here)
    except DomainError as exc:
        if action == "nominate":
            add_domain_errors(nominate, exc, {"session": "staff_number", "職員": "staff_number"})
            return None
        return error_redirect(request, exc, here)
    return None


@hr_only
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    user = acting_user(request)
    session = (
        TrainingSession.objects.for_organization(user.organization_id)
        .select_related("course")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404("研修の回が見つかりません。")
    nominate = NominateForm(request.POST if request.POST.get("action") == "nominate" else None)
    if request.method == "POST":
        response = _session_post(request, user, session, nominate)
        if response is not None:
            return response
    enrolments = (
        Enrolment.objects.for_organization(user.organization_id)
        .filter(session=session)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("employee")
        .order_by("employee__staff_number")
    )
    view = next(
        s for s in session_views(organization=user.organization_id, course_id=session.course_id) if s.id == session.pk
    )
    context = {
        "session": view,
        "course": session.course,
        "enrolments": enrolments,
        "statuses": [(s.value, s.label) for s in RESULT_STATUSES],
        "nominate": nominate,
        "results_form": ResultsForm(initial={"completed_on": session.ends_on}),
    }
    return render(request, "talent/session_detail.html", context)


@hr_only
def training_dashboard(request: HttpRequest) -> HttpResponse:
    """修了状況 by 部 and 職位 for one course (SVG bars with the numbers in a table)."""
    user = acting_user(request)
    courses = list(Course.objects.for_organization(user.organization_id).order_by("code"))
    chosen = parse_int(request.GET.get("course"))
    course = next((c for c in courses if c.pk == chosen), courses[0] if courses else None)
    dashboard = (
        completion_dashboard(organization=user.organization_id, user=user, course=course, on=today())
        if course
        else None
    )
    return render(request, "talent/training_dashboard.html", {"courses": courses, "course": course, "d": dashboard})
