"""Reads for the accounts screens: users, grants, tokens, TOTP devices."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import FilteredRelation, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from jinji.accounts.models import ApiToken, RoleGrant, User
from jinji.core.models import as_of_q


def has_confirmed_totp(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists())


def pending_totp_device(user: User) -> TOTPDevice | None:
    """The unconfirmed device being set up, newest first."""
    device: TOTPDevice | None = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("-pk").first()
    return device


def user_list(*, organization_id: int, on: datetime.date, search: str = "") -> QuerySet[User]:
    """利用者一覧: users of one organization with their grants in force on ``on`` (``current_grants``).

    Two queries per page (users, grants) whatever the number of users.
    """
    qs = User.objects.filter(organization_id=organization_id)
    if search:
        qs = qs.filter(Q(username__icontains=search) | Q(display_name__icontains=search) | Q(email__icontains=search))
    current = RoleGrant.unscoped.filter(as_of_q(on)).order_by("role")
    return qs.prefetch_related(Prefetch("grants", queryset=current, to_attr="current_grants")).order_by("username")


def user_get(*, organization_id: int, user_id: int) -> User | None:
    """A user of the organization (None for an unknown id or another organization's user)."""
    return User.objects.filter(organization_id=organization_id, pk=user_id).first()


def user_grants(*, user: User) -> QuerySet[RoleGrant]:
    """Every grant of the user (past, current, future), newest start first."""
    return RoleGrant.unscoped.filter(user_id=user.pk, organization_id=user.organization_id).order_by(
        "-valid_from", "role", "-pk"
    )


def grant_get(*, organization_id: int, grant_id: int) -> RoleGrant | None:
    return RoleGrant.unscoped.select_related("user").filter(organization_id=organization_id, pk=grant_id).first()


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.unscoped.filter(user_id=user.pk, organization_id=user.organization_id).order_by("-created_at")


def token_get(*, organization_id: int, token_id: int) -> ApiToken | None:
    return ApiToken.unscoped.select_related("user").filter(organization_id=organization_id, pk=token_id).first()


def _related_model(model: type[Any], field: str) -> Any:
    # accounts sits below org and personnel in the layers: reach their tables through our foreign keys.
    return model._meta.get_field(field).related_model


def employee_id_for_staff_number(*, organization_id: int, staff_number: str) -> int | None:
    """The employee id of 職員番号 ``staff_number`` in the organization, or None."""
    employee_model = _related_model(User, "employee")
    found: int | None = (
        employee_model.objects.for_organization(organization_id)
        .filter(staff_number=staff_number.strip())
        .values_list("pk", flat=True)
        .first()
    )
    return found


def org_unit_choices(*, organization_id: int, on: datetime.date) -> list[tuple[int, str]]:
    """(id, 「コード 名称」) of the org units existing on ``on``, in code order. One query."""
    unit_model = _related_model(RoleGrant, "org_unit")
    rows = (
        unit_model.objects.for_organization(organization_id)
        .filter(as_of_q(on))
        .annotate(current=FilteredRelation("versions", condition=as_of_q(on, prefix="versions__")))
        .values_list("pk", "code", "current__name")
        .order_by("code")
    )
    return [(pk, f"{code} {name or ''}".strip()) for pk, code, name in rows]


def org_unit_labels(*, organization_id: int, unit_ids: set[int], on: datetime.date) -> dict[int, str]:
    """「コード 名称」 for the given units, named as of ``on`` (code only when no version then). One query."""
    if not unit_ids:
        return {}
    unit_model = _related_model(RoleGrant, "org_unit")
    rows = (
        unit_model.objects.for_organization(organization_id)
        .filter(pk__in=sorted(unit_ids))
        .annotate(current=FilteredRelation("versions", condition=as_of_q(on, prefix="versions__")))
        .values_list("pk", "code", "current__name")
    )
    return {pk: f"{code} {name or ''}".strip() for pk, code, name in rows}


def users_with_role(*, organization_id: int, role: str, on: datetime.date) -> QuerySet[User]:
    """Active users of the organization holding ``role`` on ``on`` (whatever the grant's unit), by username.

    One query. Who among them may see a given employee is the caller's question (their grants' scope).
    """
    holders = RoleGrant.unscoped.filter(as_of_q(on), organization_id=organization_id, role=role).values("user_id")
    return User.objects.filter(organization_id=organization_id, is_active=True, pk__in=holders).order_by("username")
