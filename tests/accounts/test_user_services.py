"""Users and grants services: システム管理者 only, validated field by field, audited in the same transaction."""

from __future__ import annotations

import datetime

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from jinji.accounts import events, services
from jinji.accounts.models import Role, RoleGrant, User
from jinji.accounts.scope import has_role, today
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from tests.accounts.builders import build_world, grant, make_employee, make_unit, make_user
from tests.factories import TEST_PASSWORD, AuthorityFactory

pytestmark = pytest.mark.django_db

YESTERDAY = today() - datetime.timedelta(days=1)


@pytest.fixture
def admin() -> User:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.SYSADMIN)
    return user


def fields(exc: DomainError) -> set[str]:
    return {p.field for p in exc.problems}


def test_user_create_links_employee_and_audits_without_the_password(admin: User) -> None:
    unit = make_unit(admin.organization, AuthorityFactory(organization=admin.organization), "総務課")
    emp = make_employee(admin.organization, unit)
    user = services.user_create(
        acting_user=admin,
        username="tanaka",
        password="Kumamoto-Castle-1607",
        display_name="田中 一郎",
        employee_id=emp.pk,
    )
    assert user.organization_id == admin.organization_id
    assert user.employee_id == emp.pk
    assert user.check_password("Kumamoto-Castle-1607")
    event = AuditEvent.objects.get(action=events.USER_CREATED)
    assert event.actor_id == admin.pk
    assert event.after == {"username": "tanaka", "display_name": "田中 一郎", "employee_id": emp.pk}
    assert "Kumamoto" not in str(event.after)


def test_user_create_reports_every_bad_field(admin: User) -> None:
    make_user(admin.organization, username="taken")
    other_org_employee = make_employee(build_world(with_people=False).org, build_world(with_people=False).div)
    with pytest.raises(DomainError) as caught:
        services.user_create(acting_user=admin, username="taken", password="123", employee_id=other_org_employee.pk)
    assert fields(caught.value) == {"ログインID", "パスワード", "職員"}
    messages = " ".join(p.message for p in caught.value.problems)
    assert "既に使われています" in messages
    assert not AuditEvent.objects.filter(action=events.USER_CREATED).exists()


def test_only_sysadmin_of_the_same_organization_may_create_users(admin: User) -> None:
    hr = make_user(admin.organization)
    grant(hr, Role.HR)
    with pytest.raises(NotPermitted):
        services.user_create(acting_user=hr, username="x1", password=TEST_PASSWORD)
    foreign_admin = make_user(build_world(with_people=False).org)
    grant(foreign_admin, Role.SYSADMIN)
    with pytest.raises(NotPermitted):
        services.user_create(
            acting_user=foreign_admin, username="x2", password=TEST_PASSWORD, organization=admin.organization
        )
    assert not User.objects.filter(username__in=["x1", "x2"]).exists()


def test_console_creates_users_for_a_named_organization(admin: User) -> None:
    user = services.user_create(
        acting_user=None, username="seeded", password=TEST_PASSWORD, organization=admin.organization
    )
    assert user.organization_id == admin.organization_id
    assert AuditEvent.objects.get(action=events.USER_CREATED).actor_id is None


def test_role_grant_add_takes_effect_and_is_audited(admin: User) -> None:
    user = make_user(admin.organization)
    g = services.role_grant_add(acting_user=admin, user=user, role=Role.PAYROLL, valid_from=today())
    assert has_role(user, {Role.PAYROLL})
    event = AuditEvent.objects.get(action=events.ROLE_GRANTED)
    assert event.target_id == str(g.pk)
    assert event.after is not None
    assert event.after["role"] == "payroll"


def test_role_grant_rules_name_the_field(admin: User) -> None:
    user = make_user(admin.organization)
    world = build_world(with_people=False)
    with pytest.raises(DomainError) as caught:
        services.role_grant_add(acting_user=admin, user=user, role=Role.UNIT_HEAD, valid_from=today())
    assert fields(caught.value) == {"対象所属"}
    with pytest.raises(DomainError) as caught:
        services.role_grant_add(
            acting_user=admin, user=user, role=Role.CLERK, valid_from=today(), org_unit_id=world.div.pk
        )
    assert "この団体の組織ではありません" in str(caught.value)
    with pytest.raises(DomainError) as caught:
        services.role_grant_add(acting_user=admin, user=user, role=Role.HR, valid_from=today(), valid_to=YESTERDAY)
    assert fields(caught.value) == {"適用終了日"}
    with pytest.raises(DomainError) as caught:
        services.role_grant_add(acting_user=admin, user=user, role=Role.STAFF, valid_from=today())
    assert fields(caught.value) == {"役割"}
    assert not RoleGrant.unscoped.filter(user=user).exists()


def test_overlapping_grant_is_refused(admin: User) -> None:
    user = make_user(admin.organization)
    services.role_grant_add(acting_user=admin, user=user, role=Role.HR, valid_from=today())
    with pytest.raises(DomainError) as caught:
        services.role_grant_add(
            acting_user=admin, user=user, role=Role.HR, valid_from=today() + datetime.timedelta(days=40)
        )
    assert "既にあります" in str(caught.value)


def test_role_grant_end_yesterday_removes_the_role_now(admin: User) -> None:
    user = make_user(admin.organization)
    g = grant(user, Role.HR)
    services.role_grant_end(acting_user=admin, grant=g, end_on=YESTERDAY)
    assert not has_role(user, {Role.HR})
    event = AuditEvent.objects.get(action=events.ROLE_GRANT_ENDED)
    assert event.before == {"valid_to": None}
    assert event.after is not None
    assert event.after["valid_to"] == YESTERDAY.isoformat()


def test_role_grant_end_cannot_extend_or_go_before_the_start(admin: User) -> None:
    user = make_user(admin.organization)
    g = grant(user, Role.HR, valid_from=today(), valid_to=today() + datetime.timedelta(days=5))
    with pytest.raises(DomainError):
        services.role_grant_end(acting_user=admin, grant=g, end_on=today() + datetime.timedelta(days=10))
    with pytest.raises(DomainError):
        services.role_grant_end(acting_user=admin, grant=g, end_on=today() - datetime.timedelta(days=2))
    # The day before the start cancels a grant that has not begun.
    services.role_grant_end(acting_user=admin, grant=g, end_on=YESTERDAY)
    assert not has_role(user, {Role.HR}, on=today() + datetime.timedelta(days=1))


def test_last_sysadmin_cannot_be_removed(admin: User) -> None:
    own = RoleGrant.unscoped.get(user=admin, role=Role.SYSADMIN)
    with pytest.raises(DomainError) as caught:
        services.role_grant_end(acting_user=admin, grant=own, end_on=YESTERDAY)
    assert "最後のシステム管理者" in str(caught.value)
    with pytest.raises(DomainError):
        services.user_set_active(acting_user=admin, user=admin, is_active=False)
    second = make_user(admin.organization)
    grant(second, Role.SYSADMIN)
    services.role_grant_end(acting_user=admin, grant=own, end_on=YESTERDAY)
    assert not has_role(admin, {Role.SYSADMIN})


def test_unlock_resets_the_counter(admin: User) -> None:
    user = make_user(admin.organization)
    User.objects.filter(pk=user.pk).update(
        failed_login_count=5, locked_until=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
    )
    user.refresh_from_db()
    services.user_unlock(acting_user=admin, user=user)
    user.refresh_from_db()
    assert (user.failed_login_count, user.locked_until) == (0, None)
    assert AuditEvent.objects.filter(action=events.USER_UNLOCKED, target_id=str(user.pk)).exists()


def test_deactivated_user_loses_every_role(admin: User) -> None:
    user = make_user(admin.organization)
    grant(user, Role.HR)
    services.user_set_active(acting_user=admin, user=user, is_active=False)
    user.refresh_from_db()
    assert not has_role(user, {Role.HR})


def test_totp_reset_removes_devices(admin: User) -> None:
    user = make_user(admin.organization)
    TOTPDevice.objects.create(user=user, name="Jinji", confirmed=True)
    services.user_totp_reset(acting_user=admin, user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.get(action=events.TOTP_RESET).after == {"removed": 1}


def test_password_reset_applies_the_policy(admin: User) -> None:
    user = make_user(admin.organization)
    with pytest.raises(DomainError) as caught:
        services.user_password_reset(acting_user=admin, user=user, new_password="password")
    assert fields(caught.value) == {"新しいパスワード"}
    services.user_password_reset(acting_user=admin, user=user, new_password="Aso-Volcano-Caldera-9")
    user.refresh_from_db()
    assert user.check_password("Aso-Volcano-Caldera-9")
