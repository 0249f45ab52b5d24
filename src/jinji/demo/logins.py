"""Demo logins: one user per role, linked to a demo employee, with sensibly scoped role grants."""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from jinji.accounts.models import Role, RoleGrant, User
from jinji.core.models import as_of_q
from jinji.demo.orgbuild import OrgRefs
from jinji.demo.people import HEAD_UNIT, PersonPlan
from jinji.org.models import OrgUnitVersion
from jinji.personnel.models import Assignment, AssignmentKind

DEMO_PASSWORD = "jinji-demo-2026"  # noqa: S105  (public demo password, printed by `jinji demo-logins`)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    tag: str
    username: str
    role: Role | None
    """The grant given (None: only 職員, which every user linked to an employee holds)."""
    unit_code: str | None
    """Grant scope: this unit and its sub-units; None = the whole organization."""


DEMO_LOGINS = (
    DemoLogin("staff", "demo-staff", None, None),
    DemoLogin("head", "demo-head", Role.UNIT_HEAD, HEAD_UNIT),
    DemoLogin("clerk", "demo-clerk", Role.CLERK, HEAD_UNIT),
    DemoLogin("hr", "demo-hr", Role.HR, None),
    DemoLogin("payroll", "demo-payroll", Role.PAYROLL, None),
    DemoLogin("mynumber", "demo-mynumber", Role.MYNUMBER_OFFICER, None),
    DemoLogin("sysadmin", "demo-admin", Role.SYSADMIN, None),
    DemoLogin("auditor", "demo-auditor", Role.AUDITOR, None),
)
ROLE_LABELS = {login.username: (login.role.label if login.role else Role.STAFF.label) for login in DEMO_LOGINS}


def create_demo_users(refs: OrgRefs, people: list[PersonPlan], staff_ids: dict[str, int]) -> list[User]:
    """One user per :data:`DEMO_LOGINS` entry, linked to the tagged employee; all share the demo password."""
    by_tag = {p.tag: p for p in people if p.tag}
    hashed = make_password(DEMO_PASSWORD)
    users: list[User] = []
    grants: list[RoleGrant] = []
    for login in DEMO_LOGINS:
        person = by_tag[login.tag]
        user = User(
            organization_id=refs.organization_id,
            username=login.username,
            password=hashed,
            display_name=f"{person.family_name} {person.given_name}",
            last_name=person.family_name,
            first_name=person.given_name,
            employee_id=staff_ids[person.staff_number],
        )
        users.append(user)
    User.objects.bulk_create(users)
    for login, user in zip(DEMO_LOGINS, users, strict=True):
        if login.role is None:
            continue
        since = by_tag[login.tag].posts[-1].valid_from
        unit_id = refs.unit_ids[login.unit_code] if login.unit_code else None
        grants.append(
            RoleGrant(
                organization_id=refs.organization_id,
                user_id=user.pk,
                role=login.role,
                org_unit_id=unit_id,
                include_descendants=True,
                valid_from=since,
            )
        )
    RoleGrant.objects.bulk_create(grants)
    return users


@dataclass(frozen=True, slots=True)
class LoginRow:
    role: str
    username: str
    name: str
    unit: str


def login_rows(*, organization_id: int, on: datetime.date) -> list[LoginRow]:
    """The demo logins of the organization with each person's unit on ``on`` (three queries)."""
    names = [login.username for login in DEMO_LOGINS]
    users = {u.username: u for u in User.objects.filter(organization_id=organization_id, username__in=names)}
    employee_ids = [u.employee_id for u in users.values() if u.employee_id]
    units = dict(
        Assignment.objects.for_organization(organization_id)
        .filter(as_of_q(on), employee_id__in=employee_ids, kind=AssignmentKind.PRIMARY)
        .values_list("employee_id", "org_unit_id")
    )
    unit_names = dict(
        OrgUnitVersion.objects.for_organization(organization_id)
        .filter(as_of_q(on), unit_id__in=set(units.values()))
        .values_list("unit_id", "name")
    )
    rows = []
    for username in names:
        user = users.get(username)
        if user is None:
            continue
        unit = unit_names.get(units.get(user.employee_id or 0, 0), "")
        rows.append(LoginRow(ROLE_LABELS[username], username, user.display_name, unit))
    return rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_logins(url: str, rows: list[LoginRow]) -> str:
    """The console text of ``jinji demo-logins``: URL, password and an aligned table."""
    header = LoginRow("役割", "ユーザー名", "氏名", "所属")
    table = [header, *rows]
    widths = [max(_width(getattr(r, f)) for r in table) + 2 for f in ("role", "username", "name")]
    lines = [
        f"Jinji デモ市: {url}",
        f"デモ用ログイン(パスワードはすべて {DEMO_PASSWORD}):",
    ]
    for r in table:
        cells = [_pad(r.role, widths[0]), _pad(r.username, widths[1]), _pad(r.name, widths[2]), r.unit]
        lines.append("  " + "".join(cells).rstrip())
    return "\n".join(lines)
