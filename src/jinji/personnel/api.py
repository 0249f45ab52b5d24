"""REST endpoints of the personnel master: 職員 (list, detail, create, update) and 発令.

The same selectors, services, permission checks and audit as the web screens. Errors are
JSON with Japanese messages naming the field (see :mod:`jinji.config.api`); another
organization's ids are simply not found (404).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.personnel.models import PersonnelAction
from jinji.personnel.permissions import can_change_employee, can_view_employee
from jinji.personnel.schemas import (
    ActionApplyIn,
    ActionCreateIn,
    ActionFilter,
    ActionOut,
    ActionPageOut,
    AsOf,
    EmployeeCreateIn,
    EmployeeFilter,
    EmployeeOut,
    EmployeePageOut,
    EmployeeRowOut,
    EmployeeUpdateIn,
    PostOut,
)
from jinji.personnel.selectors import AssignmentView, action_list, action_views, employee_detail, employee_search
from jinji.personnel.selectors_web import action_get, employee_get, master_refs
from jinji.personnel.services.actions import personnel_action_apply, personnel_action_create
from jinji.personnel.services.employees import employee_create, employee_update

employees_router = Router(auth=ApiTokenAuth())
actions_router = Router(auth=ApiTokenAuth())

STAFF_LIST_ROLES = (Role.UNIT_HEAD, Role.CLERK, Role.HR, Role.PAYROLL)
_REF_FIELDS = ("org_unit", "position", "job_category", "appointing_authority", "payer", "salary_schedule")


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _require(user: User, roles: tuple[Role, ...], what: str) -> None:
    if not has_role(user, roles):
        raise NotPermitted([FieldProblem("", f"{what}の権限がありません")])


def _post(a: AssignmentView) -> PostOut:
    return PostOut(
        kind=a.kind,
        valid_from=a.valid_from,
        valid_to=a.valid_to,
        org_unit_id=a.org_unit_id,
        unit_name=a.unit_name,
        position_id=a.position_id,
        position_name=a.position_name,
        appointment_type=a.appointment_type,
        appointment_type_label=a.appointment_type_label,
        salary_schedule_id=a.salary_schedule_id,
        grade=a.grade,
        step=a.step,
        work_pattern=a.work_pattern,
        weekly_minutes=a.weekly_minutes,
        is_on_leave=a.is_on_leave,
    )


def _employee_out(user: User, employee_id: int, on: Any) -> EmployeeOut:
    d = employee_detail(organization=user.organization_id, user=user, employee_id=employee_id, on=on)
    if d is None:
        raise Http404
    return EmployeeOut(
        id=d.id,
        staff_number=d.staff_number,
        family_name=d.family_name,
        given_name=d.given_name,
        family_name_kana=d.family_name_kana,
        given_name_kana=d.given_name_kana,
        former_family_name=d.former_family_name,
        former_family_name_kana=d.former_family_name_kana,
        uses_former_name=d.uses_former_name,
        birth_date=d.birth_date,
        gender=d.gender,
        hired_on=d.hired_on,
        separated_on=d.separated_on,
        email=d.email,
        phone=d.phone,
        version=d.version,
        on=d.on,
        primary=_post(d.primary) if d.primary else None,
        concurrent=[_post(c) for c in d.concurrent],
    )


@employees_router.get("", response=EmployeePageOut, summary="職員の検索(基準日時点)")
def employee_list_api(request: HttpRequest, filters: Query[EmployeeFilter]) -> EmployeePageOut:
    user = _user(request)
    _require(user, STAFF_LIST_ROLES, "職員一覧の参照")
    on = filters.on or timezone.localdate()
    page = employee_search(
        organization=user.organization_id,
        user=user,
        on=on,
        query=filters.q,
        unit_id=filters.unit_id,
        include_sub_units=filters.include_sub_units,
        appointment_type=filters.appointment_type,
        include_inactive=filters.include_inactive,
        page=filters.page,
        page_size=filters.page_size,
    )
    items = [
        EmployeeRowOut(
            id=r.id,
            staff_number=r.staff_number,
            full_name=r.full_name,
            full_name_kana=r.full_name_kana,
            working_name=r.working_name,
            former_family_name=r.former_family_name,
            hired_on=r.hired_on,
            separated_on=r.separated_on,
            unit_id=r.unit_id,
            unit_name=r.unit_name,
            position_name=r.position_name,
            appointment_type=r.appointment_type,
            appointment_type_label=r.appointment_type_label,
            grade=r.grade,
            step=r.step,
        )
        for r in page
    ]
    return EmployeePageOut(on=on, total=page.total, page=page.number, page_size=page.page_size, items=items)


@employees_router.get("/{employee_id}", response=EmployeeOut, summary="職員の詳細(基準日時点)")
def employee_detail_api(request: HttpRequest, employee_id: int, params: Query[AsOf]) -> EmployeeOut:
    user = _user(request)
    return _employee_out(user, employee_id, params.on or timezone.localdate())


@employees_router.post("", response={201: EmployeeOut}, summary="職員の登録(採用)")
def employee_create_api(request: HttpRequest, payload: EmployeeCreateIn) -> Status[EmployeeOut]:
    user = _user(request)
    _require(user, (Role.HR,), "職員の登録")
    data = payload.model_dump()
    refs = master_refs(organization=user.organization_id, ids={f: data.pop(f"{f}_id") for f in _REF_FIELDS})
    employee = employee_create(acting_user=user, organization=user.organization, **data, **refs)
    return Status(201, _employee_out(user, employee.pk, payload.hired_on))


@employees_router.patch("/{employee_id}", response=EmployeeOut, summary="職員の基本情報の更新(版の一致が必要)")
def employee_update_api(request: HttpRequest, employee_id: int, payload: EmployeeUpdateIn) -> EmployeeOut:
    user = _user(request)
    employee = employee_get(organization=user.organization_id, employee_id=employee_id)
    if employee is None or not can_view_employee(user, employee):
        raise Http404
    if not can_change_employee(user, employee):
        raise NotPermitted([FieldProblem("", "この職員の情報を変更する権限がありません")])
    data = payload.model_dump(exclude_unset=True, exclude={"version"})
    employee_update(acting_user=user, employee=employee, expected_version=payload.version, data=data)
    return _employee_out(user, employee_id, timezone.localdate())


def _action_out(actions: list[PersonnelAction], organization_id: int) -> list[ActionOut]:
    views = action_views(organization=organization_id, actions=actions)
    return [
        ActionOut(
            id=v.id,
            employee_id=a.employee_id,
            staff_number=a.employee.staff_number,
            employee_name=a.employee.working_name,
            action_type=v.action_type,
            action_type_label=v.action_type_label,
            effective_on=v.effective_on,
            status=v.status,
            status_label=v.status_label,
            org_unit_id=a.org_unit_id,
            unit_name=v.unit_name,
            position_id=a.position_id,
            position_name=v.position_name,
            grade=v.grade,
            step=v.step,
            end_on=v.end_on,
            reason=v.reason,
            batch_id=v.batch_id,
            corrects_id=v.corrects_id,
        )
        for a, v in zip(actions, views, strict=True)
    ]


@actions_router.get("", response=ActionPageOut, summary="発令の一覧")
def action_list_api(request: HttpRequest, filters: Query[ActionFilter]) -> ActionPageOut:
    user = _user(request)
    _require(user, (Role.HR,), "発令の参照")
    qs = action_list(
        organization=user.organization_id,
        employee_id=filters.employee_id,
        batch_id=filters.batch_id,
        status=filters.status,
    )
    total = qs.count()
    offset = (filters.page - 1) * filters.page_size
    actions = list(qs[offset : offset + filters.page_size])
    items = _action_out(actions, user.organization_id)
    return ActionPageOut(total=total, page=filters.page, page_size=filters.page_size, items=items)


def _action_or_404(user: User, action_id: int) -> PersonnelAction:
    action = action_get(organization=user.organization_id, action_id=action_id)
    if action is None:
        raise Http404
    return action


@actions_router.get("/{action_id}", response=ActionOut, summary="発令の詳細")
def action_detail_api(request: HttpRequest, action_id: int) -> ActionOut:
    user = _user(request)
    _require(user, (Role.HR,), "発令の参照")
    return _action_out([_action_or_404(user, action_id)], user.organization_id)[0]


@actions_router.post("", response={201: ActionOut}, summary="発令の作成(作成中)")
def action_create_api(request: HttpRequest, payload: ActionCreateIn) -> Status[ActionOut]:
    user = _user(request)
    _require(user, (Role.HR,), "発令の作成")
    data = payload.model_dump()
    employee = employee_get(organization=user.organization_id, employee_id=data.pop("employee_id"))
    if employee is None:
        raise DomainError([FieldProblem("employee_id", f"職員(ID {payload.employee_id})が見つかりません")])
    if not can_change_employee(user, employee):
        raise NotPermitted([FieldProblem("employee_id", "この職員の発令を作成する権限がありません")])
    refs = master_refs(organization=user.organization_id, ids={f: data.pop(f"{f}_id") for f in _REF_FIELDS})
    action = personnel_action_create(acting_user=user, employee=employee, **data, **refs)
    return Status(201, _action_out([_action_or_404(user, action.pk)], user.organization_id)[0])


@actions_router.post("/{action_id}/apply", response=ActionOut, summary="発令の確定")
def action_apply_api(request: HttpRequest, action_id: int, payload: ActionApplyIn) -> ActionOut:
    user = _user(request)
    _require(user, (Role.HR,), "発令の確定")
    action = _action_or_404(user, action_id)
    if not can_change_employee(user, action.employee):
        raise NotPermitted([FieldProblem("", "この職員の発令を確定する権限がありません")])
    personnel_action_apply(acting_user=user, action=action, expected_version=payload.version)
    return _action_out([_action_or_404(user, action_id)], user.organization_id)[0]
