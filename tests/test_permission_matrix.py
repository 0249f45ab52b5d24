"""Permission matrix over every page and API endpoint: role × URL × in scope / out of scope / other tenant.

Every named URL pattern that takes no argument, an employee id or an org unit id is requested
(GET; PATCH for the employee update endpoint) by an anonymous visitor and by a user of each
role, for an employee/unit in the 所属長's and 庶務担当's scope (``in``), outside it (``out``),
of another organization (``foreign``) and, for employee pages, the user's own record (``own``).
The expected status codes are written out below; a page added to the URLconf without a row here
fails :func:`test_every_page_is_in_the_matrix`.

Beyond status codes, no response may show an employee that ``can_view_employee`` refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from jinji.accounts.models import Role, User
from jinji.accounts.tokens import api_token_issue
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit
from jinji.personnel.models import Employee
from jinji.personnel.permissions import can_view_employee
from tests.accounts.builders import World, build_world

pytestmark = pytest.mark.django_db

COLUMNS: tuple[Role | None, ...] = (
    None,
    Role.STAFF,
    Role.UNIT_HEAD,
    Role.CLERK,
    Role.HR,
    Role.PAYROLL,
    Role.MYNUMBER_OFFICER,
    Role.SYSADMIN,
    Role.AUDITOR,
)

# fmt: off
#                                                  anon staff head clerk  hr   pay  mynum admin audit
EXPECTED: dict[tuple[str, str], tuple[int, ...]] = {
    ("accounts:login", "-"):                         (200, 302, 302, 302, 302, 302, 302, 302, 302),
    ("accounts:logout", "-"):                        (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("accounts:password_change", "-"):               (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("accounts:totp_setup", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("accounts:totp_verify", "-"):                   (302, 302, 302, 302, 302, 302, 302, 302, 302),
    ("accounts:user_list", "-"):                     (302, 403, 403, 403, 403, 403, 403, 200, 403),
    ("accounts:user_create", "-"):                   (302, 403, 403, 403, 403, 403, 403, 200, 403),
    ("audit:event_list", "-"):                       (302, 403, 403, 403, 403, 403, 403, 200, 200),
    ("audit:event_export", "-"):                     (302, 403, 403, 403, 403, 403, 403, 200, 200),
    ("personnel:search", "-"):                       (302, 403, 200, 200, 200, 200, 403, 403, 403),
    ("personnel:employee_detail", "own"):            (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("personnel:employee_detail", "in"):             (302, 404, 200, 200, 200, 200, 404, 404, 404),
    ("personnel:employee_detail", "out"):            (302, 404, 404, 404, 200, 200, 404, 404, 404),
    ("personnel:employee_detail", "foreign"):        (302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("personnel:org_chart", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("personnel:unit_members", "in"):                (302, 403, 200, 200, 200, 200, 403, 403, 403),
    ("personnel:unit_members", "out"):               (302, 403, 200, 200, 200, 200, 403, 403, 403),
    ("personnel:unit_members", "foreign"):           (302, 403, 404, 404, 404, 404, 403, 403, 403),
    ("personnel:action_list", "-"):                  (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("personnel:action_create", "-"):                (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("personnel:batch_list", "-"):                   (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("personnel:import", "-"):                       (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("personnel:import_confirm", "-"):               (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("personnel:export", "-"):                       (302, 403, 403, 403, 400, 403, 403, 403, 403),
    ("org:reorganization_list", "-"):                (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("org:unit_detail", "in"):                       (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("org:unit_detail", "out"):                      (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("org:unit_detail", "foreign"):                  (302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("talent:home", "-"):                            (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("talent:qualification_create", "-"):            (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("talent:skill_self", "-"):                      (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("talent:wish_form", "-"):                       (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("talent:session_list", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("talent:employee_profile", "own"):              (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("talent:employee_profile", "in"):               (302, 404, 200, 404, 200, 404, 404, 404, 404),
    ("talent:employee_profile", "out"):              (302, 404, 404, 404, 200, 404, 404, 404, 404),
    ("talent:employee_profile", "foreign"):          (302, 404, 404, 404, 404, 404, 404, 404, 404),
    ("talent:skill_confirmations", "-"):             (302, 403, 200, 403, 403, 403, 403, 403, 403),
    ("talent:hr_home", "-"):                         (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:verification_list", "-"):               (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:qualification_master", "-"):            (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:allowance_rules", "-"):                 (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:search", "-"):                          (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:search_export", "-"):                   (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:skill_map", "-"):                       (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:course_list", "-"):                     (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:training_dashboard", "-"):              (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:role_tags", "-"):                       (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:wish_list", "-"):                       (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:term_list", "-"):                       (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:recruitment", "-"):                     (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("talent:applicant_create", "-"):                (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("web:home", "-"):                               (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("web:toggle_wareki", "-"):                      (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:openapi-json", "-"):                       (200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:openapi-view", "-"):                       (200, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:api-root", "-"):                           (404, 404, 404, 404, 404, 404, 404, 404, 404),
    ("api:employee_list_api", "-"):                  (401, 403, 200, 200, 200, 200, 403, 403, 403),
    ("api:employee_detail_api", "own"):              (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:employee_detail_api", "in"):               (401, 404, 200, 200, 200, 200, 404, 404, 404),
    ("api:employee_detail_api", "out"):              (401, 404, 404, 404, 200, 200, 404, 404, 404),
    ("api:employee_detail_api", "foreign"):          (401, 404, 404, 404, 404, 404, 404, 404, 404),
    ("api:employee_update_api", "own"):              (401, 403, 403, 403, 200, 403, 403, 403, 403),
    ("api:employee_update_api", "in"):               (401, 404, 403, 403, 200, 403, 404, 404, 404),
    ("api:employee_update_api", "out"):              (401, 404, 404, 404, 200, 403, 404, 404, 404),
    ("api:employee_update_api", "foreign"):          (401, 404, 404, 404, 404, 404, 404, 404, 404),
    ("api:org_unit_tree", "-"):                      (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:org_unit_detail", "in"):                   (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:org_unit_detail", "out"):                  (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:org_unit_detail", "foreign"):              (401, 404, 404, 404, 404, 404, 404, 404, 404),
    ("api:action_list_api", "-"):                    (401, 403, 403, 403, 200, 403, 403, 403, 403),
    ("workflow:inbox", "-"):                         (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("workflow:bulk_approve", "-"):                  (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("workflow:my_applications", "-"):               (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("workflow:clerk_applications", "-"):            (302, 403, 403, 200, 200, 403, 403, 403, 403),
    ("workflow:notifications", "-"):                 (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("workflow:notifications_read", "-"):            (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("workflow:definition_list", "-"):               (302, 403, 403, 403, 200, 403, 403, 200, 403),
    ("attendance:clock", "-"):                       (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:my_sheet", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:proxy_clock", "-"):                 (302, 403, 403, 200, 403, 403, 403, 403, 403),
    ("attendance:unit_sheet", "-"):                  (302, 403, 200, 200, 403, 403, 403, 403, 403),
    ("attendance:unit_close", "-"):                  (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("attendance:sheet_confirm", "-"):               (302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:attendance_clock_api", "-"):               (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("attendance:my_leave", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:leave_uptake", "-"):                (302, 403, 200, 200, 200, 403, 403, 403, 403),
    ("attendance:my_overtime", "-"):                 (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:overtime_dashboard", "-"):          (302, 403, 200, 200, 200, 403, 403, 403, 403),
    ("attendance:overtime_confirm", "-"):            (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("attendance:overtime_actual", "-"):             (302, 405, 405, 405, 405, 405, 405, 405, 405),
    ("attendance:satellite", "-"):                   (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:my_sheet_pdf", "-"):                (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:my_remote_work", "-"):              (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("attendance:remote_dashboard", "-"):            (302, 403, 200, 200, 200, 403, 403, 403, 403),
    ("attendance:admin_locations", "-"):             (302, 403, 403, 403, 200, 403, 403, 200, 403),
    ("attendance:admin_schedules", "-"):             (302, 403, 403, 403, 200, 403, 403, 200, 403),
    ("attendance:admin_schedule_assign", "-"):       (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("attendance:admin_policy", "-"):                (302, 403, 403, 403, 200, 403, 403, 200, 403),
    ("attendance:shift_patterns", "-"):              (302, 403, 403, 200, 200, 403, 403, 403, 403),
    ("attendance:shift_roster", "-"):                (302, 403, 200, 200, 200, 403, 403, 403, 403),
    ("attendance:shift_assign", "-"):                (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("attendance:rest_day_transfer", "-"):           (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("attendance:unit_pdf_start", "-"):              (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:attendance_leave_balances_api", "-"):      (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:attendance_leave_requests_api", "-"):      (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:attendance_leave_request_create_api", "-"): (401, 200, 200, 200, 200, 200, 200, 200, 200),  # GET: the list
    ("api:attendance_overtime_orders_api", "-"):     (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:attendance_overtime_request_create_api", "-"): (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:attendance_my_sheet_api", "-"):            (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:attendance_my_sheet_confirm_api", "-"):    (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:attendance_unit_sheet_api", "in"):         (401, 403, 200, 200, 403, 403, 403, 403, 403),
    ("api:attendance_unit_sheet_api", "out"):        (401, 403, 403, 403, 403, 403, 403, 403, 403),
    ("api:attendance_unit_sheet_api", "foreign"):    (401, 404, 404, 404, 404, 404, 404, 404, 404),
    ("api:attendance_head_confirm_api", "-"):        (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:attendance_close_api", "-"):               (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("applications:choose", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("applications:determination_list", "-"):        (302, 403, 403, 403, 200, 200, 403, 403, 403),
    ("applications:determination_export", "-"):      (302, 403, 403, 403, 200, 200, 403, 403, 403),
    ("api:my_applications_api", "-"):                (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:inbox_api", "-"):                          (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:bulk_approve_api", "-"):                   (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:application_types_api", "-"):              (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:submit_api", "-"):                         (405, 405, 405, 405, 405, 405, 405, 405, 405),
    ("api:determinations_api", "-"):                 (401, 403, 403, 403, 200, 200, 403, 403, 403),
    ("api:talent_qualification_list", "-"):          (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:talent_employee_qualifications", "own"):   (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:talent_employee_qualifications", "in"):    (401, 404, 404, 404, 200, 404, 404, 404, 404),
    ("api:talent_employee_qualifications", "out"):   (401, 404, 404, 404, 200, 404, 404, 404, 404),
    ("api:talent_employee_qualifications", "foreign"):(401, 404, 404, 404, 404, 404, 404, 404, 404),
    ("api:talent_search_api", "-"):                  (401, 403, 403, 403, 200, 403, 403, 403, 403),
    ("api:talent_skill_map_api", "-"):               (401, 403, 403, 403, 200, 403, 403, 403, 403),
    ("api:talent_allowances_api", "-"):              (401, 403, 403, 403, 200, 200, 403, 403, 403),
    ("api:talent_units_without_role_api", "-"):      (401, 403, 403, 403, 200, 403, 403, 403, 403),
    ("evaluation:mine", "-"):                        (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("evaluation:inbox", "-"):                       (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("evaluation:cycle_list", "-"):                  (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("evaluation:cycle_create", "-"):                (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("evaluation:template_list", "-"):               (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("evaluation:complaint_list", "-"):              (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("evaluation:period_settings", "-"):             (302, 403, 403, 403, 200, 403, 403, 403, 403),
    ("api:evaluation_my_sheets_api", "-"):           (401, 200, 200, 200, 200, 200, 200, 200, 200),
    ("api:evaluation_performance_ratios_api", "-"):  (401, 403, 403, 403, 200, 200, 403, 403, 403),
    ("payroll:run_list", "-"):                       (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:my_payslips", "-"):                    (302, 200, 200, 200, 200, 200, 200, 200, 200),
    ("payroll:resident_tax", "-"):                   (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:dashboard", "-"):                      (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:retro_list", "-"):                     (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:corrections", "-"):                    (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:settings", "-"):                       (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:settings_deduction_import", "-"):      (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:reports", "-"):                        (302, 403, 403, 403, 200, 200, 403, 403, 403),
    ("payroll:report_withholding_csv", "-"):         (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:report_survey_csv", "-"):              (302, 403, 403, 403, 200, 200, 403, 403, 403),
    ("payroll:report_withholding", "own"):           (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:report_withholding", "in"):            (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:report_withholding", "out"):           (302, 403, 403, 403, 403, 200, 403, 403, 403),
    ("payroll:report_withholding", "foreign"):       (302, 403, 403, 403, 403, 404, 403, 403, 403),
    ("api:payroll_runs_api", "-"):                   (401, 403, 403, 403, 403, 200, 403, 403, 403),
    ("api:payroll_my_payslips_api", "-"):            (401, 200, 200, 200, 200, 200, 200, 200, 200),
}
# fmt: on

NOT_WALKED = {
    "api:employee_create_api": "POST with a full body: ninja validates the body before the role check",
    "api:action_create_api": "POST with a full body: ninja validates the body before the role check",
}
"""Endpoints the GET walk cannot exercise, with the reason (their own API tests cover them)."""

METHODS = {"api:employee_update_api": "patch"}
EMPLOYEE_TARGETS = ("own", "in", "out", "foreign")
UNIT_TARGETS = ("in", "out", "foreign")


@dataclass(frozen=True)
class Page:
    name: str
    route: str
    args: frozenset[str]

    @property
    def targets(self) -> tuple[str, ...]:
        if "employee_id" in self.args:
            return EMPLOYEE_TARGETS
        if "unit_id" in self.args:
            return UNIT_TARGETS
        return ("-",)


def _walk(resolver: URLResolver, namespace: str | None, prefix: str) -> Iterator[Page]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            args = frozenset(re.findall(r"<(?:\w+:)?(\w+)>", route))
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Page(name=name, route=route, args=args)


def pages() -> list[Page]:
    """Named URL patterns without arguments or with only an employee / org unit id."""
    found = {p.name: p for p in _walk(get_resolver(), None, "") if p.args <= {"employee_id", "unit_id"}}
    return sorted(found.values(), key=lambda p: p.name)


def test_every_page_is_in_the_matrix() -> None:
    walked = {(p.name, t) for p in pages() if p.name not in NOT_WALKED for t in p.targets}
    missing = sorted(walked - EXPECTED.keys())
    stale = sorted(EXPECTED.keys() - walked)
    assert not missing, f"権限マトリクスに行がないページがあります(EXPECTED に追加してください): {missing}"
    assert not stale, f"URLconf にないページが権限マトリクスに残っています: {stale}"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _target_pk(world: World, page: Page, target: str, user: User | None) -> dict[str, int]:
    if target == "-":
        return {}
    if "employee_id" in page.args:
        if target == "own":
            own = (user or world.user(Role.STAFF)).employee
            assert own is not None
            return {"employee_id": own.pk}
        emp = {"in": world.in_scope, "out": world.out_of_scope, "foreign": world.foreign}[target]
        assert emp is not None
        return {"employee_id": emp.pk}
    assert world.foreign is not None
    foreign_unit = OrgUnit.unscoped.filter(organization_id=world.foreign.organization_id).first()
    unit = {"in": world.sect, "out": world.other, "foreign": foreign_unit}[target]
    assert unit is not None
    return {"unit_id": unit.pk}


def _url(page: Page, kwargs: dict[str, int]) -> str:
    url = "/" + page.route
    for key, value in kwargs.items():
        url = re.sub(r"<(?:\w+:)?" + key + ">", str(value), url)
    return url


def _request(page: Page, url: str, user: User | None, kwargs: dict[str, int]) -> HttpResponse:
    client = Client()
    headers: dict[str, str] = {}
    if user is not None:
        if page.name.startswith("api:"):
            key = api_token_issue(acting_user=None, user=user, name="matrix").key
            headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        else:
            client.force_login(user)
    method = METHODS.get(page.name, "get")
    if method == "patch":
        version = Employee.unscoped.filter(pk=kwargs["employee_id"]).values_list("version", flat=True).first()
        body = {"version": version or 1}
        response = client.patch(url, body, content_type="application/json", **headers)  # type: ignore[arg-type]
    else:
        response = client.get(url, **headers)  # type: ignore[arg-type]
    return response  # type: ignore[return-value]


def _body(response: HttpResponse) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")  # type: ignore[attr-defined]
    return response.content.decode("utf-8", "replace")


def _hidden_employees(world: World, user: User | None) -> list[Employee]:
    candidates = [world.in_scope, world.out_of_scope, world.foreign, *(u.employee for u in world.users.values())]
    return [e for e in candidates if e is not None and (user is None or not can_view_employee(user, e))]


def _cases() -> list[tuple[str, str]]:
    return sorted(EXPECTED)


@pytest.mark.parametrize(("name", "target"), _cases())
def test_page_permissions(world: World, name: str, target: str) -> None:
    page = next((p for p in pages() if p.name == name), None)
    if page is None:
        pytest.fail(f"{name} は URLconf にありません")
    failures = []
    for role, expected in zip(COLUMNS, EXPECTED[(name, target)], strict=True):
        user = None if role is None else world.user(role)
        kwargs = _target_pk(world, page, target, user)
        response = _request(page, _url(page, kwargs), user, kwargs)
        if response.status_code != expected:
            failures.append(f"{role or '匿名'}: {response.status_code} (期待 {expected})")
            continue
        if response.status_code == 200:
            body = _body(response)
            with tenant_context(world.org):
                leaked = [e.staff_number for e in _hidden_employees(world, user) if e.staff_number in body]
            if leaked:
                failures.append(f"{role or '匿名'}: 見えてはいけない職員 {leaked} が表示されています")
    assert not failures, f"{name} [{target}]: " + "; ".join(failures)


def test_the_leak_check_can_see_an_employee_on_a_page(world: World) -> None:
    """Guard for the check above: a page that may show the employee does contain the staff number."""
    page = next(p for p in pages() if p.name == "personnel:employee_detail")
    hr = world.user(Role.HR)
    kwargs = _target_pk(world, page, "out", hr)
    body = _body(_request(page, _url(page, kwargs), hr, kwargs))
    assert world.out_of_scope is not None
    assert world.out_of_scope.staff_number in body
