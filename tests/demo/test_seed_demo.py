"""seed-demo: deterministic, idempotent with --if-empty, every 任用区分 and role, invariants kept."""

from __future__ import annotations

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client

from jinji.accounts.models import Role, RoleGrant, User
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from jinji.demo.seed import DEMO_ORGANIZATION_CODE, seed_demo
from jinji.org.models import OrgUnit, OrgUnitVersion
from jinji.personnel.models import AppointmentType, Assignment, Employee
from jinji.personnel.search_text import search_text_of

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 4, 1)


def _snapshot(seed: int) -> list[tuple[str, ...]]:
    """Seed 200 staff, read who they are, and roll everything back."""
    with transaction.atomic():
        result = seed_demo(employees=200, seed=seed, as_of=AS_OF)
        rows = list(
            Employee.unscoped.filter(organization_id=result.organization_id)
            .order_by("staff_number")
            .values_list("staff_number", "family_name", "given_name", "family_name_kana", "given_name_kana")
        )
        transaction.set_rollback(True)
    return rows


def test_same_seed_gives_the_same_staff_and_another_seed_does_not() -> None:
    first = _snapshot(1)
    again = _snapshot(1)
    other = _snapshot(2)
    assert len(first) == 200
    assert first == again
    assert first != other


@pytest.fixture
def demo() -> Organization:
    seed_demo(employees=200, seed=1, as_of=AS_OF)
    return Organization.objects.get(code=DEMO_ORGANIZATION_CODE)


def test_if_empty_skips_and_a_second_seed_without_it_is_refused(demo: Organization) -> None:
    before = Employee.unscoped.filter(organization=demo).count()
    result = seed_demo(employees=300, seed=5, if_empty=True)
    assert result.created is False
    assert Employee.unscoped.filter(organization=demo).count() == before
    with pytest.raises(DomainError, match="既に作成"):
        seed_demo(employees=300, seed=5)


def test_every_appointment_type_is_present_today(demo: Organization) -> None:
    current = Assignment.unscoped.filter(organization=demo, kind="primary", valid_from__lte=AS_OF).exclude(
        valid_to__lt=AS_OF
    )
    present = set(current.values_list("appointment_type", flat=True))
    assert present == set(AppointmentType.values)
    regular = current.filter(appointment_type=AppointmentType.REGULAR).count()
    fiscal = current.filter(appointment_type__startswith="fiscal_year").count()
    assert 0.6 < regular / current.count() < 0.8
    assert 0.15 < fiscal / current.count() < 0.25


def test_every_role_has_a_demo_user_linked_to_an_employee(demo: Organization) -> None:
    users = User.objects.filter(organization=demo, username__startswith="demo-")
    assert users.count() == len(DEMO_LOGINS)
    assert all(u.employee_id is not None for u in users)
    granted = set(RoleGrant.unscoped.filter(organization=demo).values_list("role", flat=True))
    assert granted | {Role.STAFF} == set(Role.values)
    head = RoleGrant.unscoped.get(organization=demo, role=Role.UNIT_HEAD)
    assert head.org_unit is not None
    assert head.include_descendants
    assert RoleGrant.unscoped.get(organization=demo, role=Role.HR).org_unit is None


def test_demo_password_logs_in(demo: Organization) -> None:
    assert Client().login(username="demo-hr", password=DEMO_PASSWORD)


def test_search_text_uses_the_personnel_normaliser(demo: Organization) -> None:
    for employee in Employee.unscoped.filter(organization=demo)[:50]:
        assert employee.search_text == search_text_of(employee)
    assert Employee.unscoped.filter(organization=demo).exclude(former_family_name="").exists()


def test_primary_assignments_never_overlap(demo: Organization) -> None:
    periods: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    far = datetime.date(9999, 12, 31)
    for row in Assignment.unscoped.filter(organization=demo, kind="primary").order_by("employee_id", "valid_from"):
        assert row.valid_to is None or row.valid_from <= row.valid_to
        periods.setdefault(row.employee_id, []).append((row.valid_from, row.valid_to or far))
    assert any(len(p) > 1 for p in periods.values()), "some staff have past transfers"
    for spans in periods.values():
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start


def test_org_tree_has_authorities_offices_and_a_renamed_unit(demo: Organization) -> None:
    names = set(OrgUnitVersion.unscoped.filter(organization=demo).values_list("name", flat=True))
    assert {"人事課", "給与係", "DX推進課", "情報政策課", "学校教育課", "生涯学習課", "上下水道局"} <= names
    assert any(n.endswith("支所") for n in names)
    assert any(n.endswith("保育所") for n in names)
    authorities = set(OrgUnit.unscoped.filter(organization=demo).values_list("appointing_authority__kind", flat=True))
    assert authorities == {"mayor", "education", "enterprise"}


def test_one_summary_audit_event(demo: Organization) -> None:
    events = AuditEvent.objects.filter(organization=demo, action="demo.seed")
    assert events.count() == 1
    assert events.get().after["rows"]["personnel.employee"] == 200


def test_commands_print_progress_and_the_logins() -> None:
    out = StringIO()
    call_command("seed_demo", "--employees", "200", "--seed", "1", "--if-empty", stdout=out)
    assert "職員: 200 / 200" in out.getvalue()
    call_command("seed_demo", "--employees", "200", "--seed", "1", "--if-empty", stdout=out)
    assert "作成を省略しました" in out.getvalue()
    logins = StringIO()
    call_command("demo_logins", "--url", "http://127.0.0.1:8000/", stdout=logins)
    text = logins.getvalue()
    assert "http://127.0.0.1:8000/" in text
    assert DEMO_PASSWORD in text
    for login in DEMO_LOGINS:
        assert login.username in text
    assert "番号事務取扱担当者" in text


def test_demo_logins_without_demo_city_fails_clearly() -> None:
    with pytest.raises(CommandError, match="seed-demo"):
        call_command("demo_logins")


def test_too_small_a_city_is_refused() -> None:
    with pytest.raises(CommandError, match="50"):
        call_command("seed_demo", "--employees", "10")
