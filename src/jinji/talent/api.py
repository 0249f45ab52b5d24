"""REST endpoints of the talent app: the qualification master, an employee's qualifications, talent
search, the skill map, 資格手当 for payroll, units without a DX推進員, automatic mandatory enrolment.

The same selectors, services and permission checks as the screens; errors are Japanese JSON
(see :mod:`jinji.config.api`); another organization's ids are not found (404).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.personnel.selectors_web import employee_get
from jinji.talent.models import TrainingSession
from jinji.talent.permissions import can_view_private
from jinji.talent.schemas import (
    AllowanceLineOut,
    AllowancesIn,
    EmployeeQualificationOut,
    MandatoryEnrolmentOut,
    QualificationOut,
    SkillMapIn,
    SkillMapOut,
    SkillMapRowOut,
    TalentPageOut,
    TalentRowOut,
    TalentSearchIn,
    UncoveredUnitOut,
    UnitsWithoutRoleIn,
)
from jinji.talent.selectors import SkillFilter, TalentFilters, qualification_allowances, skill_map, talent_search
from jinji.talent.selectors.qualifications import employee_qualifications, qualification_master
from jinji.talent.selectors.roles import role_tag_by_code, units_without_tag
from jinji.talent.services import mandatory_enrolment_apply

router = Router(auth=ApiTokenAuth())


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _require(user: User, roles: tuple[Role, ...], what: str) -> None:
    if not has_role(user, roles):
        raise NotPermitted([FieldProblem("", f"{what}の権限がありません")])


@router.get("/qualifications", response=list[QualificationOut], summary="資格マスタ(全国共通と団体独自)")
def talent_qualification_list(request: HttpRequest) -> list[QualificationOut]:
    user = _user(request)
    return [
        QualificationOut(
            id=q.pk,
            code=q.code,
            name=q.name,
            category=q.category,
            ipa_level=q.ipa_level,
            renewal_years=q.renewal_years,
            national=q.organization_id is None,
        )
        for q in qualification_master(organization=user.organization_id)
    ]


@router.get(
    "/employees/{employee_id}/qualifications",
    response=list[EmployeeQualificationOut],
    summary="職員の資格(本人・人事担当)",
)
def talent_employee_qualifications(request: HttpRequest, employee_id: int) -> list[EmployeeQualificationOut]:
    user = _user(request)
    employee = employee_get(organization=user.organization_id, employee_id=employee_id)
    if employee is None or not can_view_private(user, employee):
        raise Http404
    on = timezone.localdate()
    return [
        EmployeeQualificationOut(
            id=q.id,
            qualification_id=q.qualification_id,
            name=q.name,
            acquired_on=q.acquired_on,
            expires_on=q.expires_on,
            status=q.status,
            status_label=q.status_label,
            expired=q.expired,
        )
        for q in employee_qualifications(organization=user.organization_id, employee_id=employee.pk, on=on)
    ]


@router.get("/search", response=TalentPageOut, summary="人材検索(人事担当)")
def talent_search_api(request: HttpRequest, filters: Query[TalentSearchIn]) -> TalentPageOut:
    user = _user(request)
    _require(user, (Role.HR,), "人材検索")
    on = filters.on or timezone.localdate()
    spec = TalentFilters(
        query=filters.q,
        skills=(SkillFilter(filters.skill_area_id, filters.min_level),) if filters.skill_area_id else (),
        qualification_ids=(filters.qualification_id,) if filters.qualification_id else (),
        min_ipa_level=filters.min_ipa_level,
        course_id=filters.course_id,
        past_unit_id=filters.past_unit_id,
        role_tag_id=filters.role_tag_id,
        transfer_wish=filters.transfer_wish,
        dx_interest=filters.dx_interest,
    )
    page = talent_search(
        organization=user.organization_id,
        user=user,
        on=on,
        filters=spec,
        page=filters.page,
        page_size=filters.page_size,
    )
    items = [
        TalentRowOut(
            id=r.id,
            staff_number=r.staff_number,
            name=r.name,
            unit_name=r.unit_name,
            position_name=r.position_name,
            skills=list(r.skills),
            qualifications=list(r.qualifications),
            role_tags=list(r.role_tags),
            transfer_wish=r.transfer_wish,
            completed_courses=r.completed_courses,
        )
        for r in page
    ]
    return TalentPageOut(
        on=on,
        total=page.total,
        total_is_exact=page.total_is_exact,
        page=page.number,
        page_size=page.page_size,
        items=items,
    )


@router.get("/skill-map", response=SkillMapOut, summary="スキルマップ(組織 × スキル領域、人事担当)")
def talent_skill_map_api(request: HttpRequest, params: Query[SkillMapIn]) -> SkillMapOut:
    user = _user(request)
    _require(user, (Role.HR,), "スキルマップの参照")
    on = params.on or timezone.localdate()
    result = skill_map(
        organization=user.organization_id, user=user, on=on, min_level=params.min_level, depth=params.depth
    )
    rows = [
        SkillMapRowOut(unit_id=r.unit_id, name=r.name, staff=r.staff, holders=[c.holders for c in r.cells])
        for r in result.rows
    ]
    return SkillMapOut(on=on, min_level=result.min_level, areas=[name for _, name in result.areas], rows=rows)


@router.get("/allowances", response=list[AllowanceLineOut], summary="資格手当(月ごと、給与担当・人事担当)")
def talent_allowances_api(request: HttpRequest, params: Query[AllowancesIn]) -> list[AllowanceLineOut]:
    user = _user(request)
    _require(user, (Role.PAYROLL, Role.HR), "資格手当の参照")
    lines = qualification_allowances(organization=user.organization_id, month=params.month or timezone.localdate())
    return [
        AllowanceLineOut(
            employee_id=employee_id,
            code=line.code,
            name=line.name,
            amount=line.amount,
            qualifications=list(line.qualification_names),
        )
        for employee_id, rows in lines.items()
        for line in rows
    ]


@router.get("/units-without-role", response=list[UncoveredUnitOut], summary="DX推進員等がいない所属(人事担当)")
def talent_units_without_role_api(request: HttpRequest, params: Query[UnitsWithoutRoleIn]) -> list[UncoveredUnitOut]:
    user = _user(request)
    _require(user, (Role.HR,), "役割の配置状況の参照")
    tag = role_tag_by_code(organization=user.organization_id, code=params.role)
    if tag is None:
        raise Http404
    on = params.on or timezone.localdate()
    return [
        UncoveredUnitOut(unit_id=u.unit_id, code=u.code, name=u.path_name)
        for u in units_without_tag(organization=user.organization_id, tag=tag, on=on)
    ]


@router.post(
    "/sessions/{session_id}/mandatory-enrolment",
    response=MandatoryEnrolmentOut,
    summary="受講必須者の自動登録(人事担当)",
)
def talent_mandatory_enrolment_api(request: HttpRequest, session_id: int) -> MandatoryEnrolmentOut:
    user = _user(request)
    _require(user, (Role.HR,), "受講必須者の自動登録")
    session = (
        TrainingSession.objects.for_organization(user.organization_id)
        .select_related("course")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        raise Http404
    added = mandatory_enrolment_apply(acting_user=user, session=session)
    return MandatoryEnrolmentOut(enrolled=len(added), employee_ids=added)
