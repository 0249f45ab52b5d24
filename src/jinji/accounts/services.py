"""Users and role grants (利用者・権限付与): changes made by システム管理者, each audited in its transaction.

``acting_user=None`` means the operator console (``jinji`` commands, demo seeding); the
organization must then be named explicitly. A signed-in acting user must hold
システム管理者 today and can only act inside their own organization.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jinji.accounts import events
from jinji.accounts.models import Role, RoleGrant, User
from jinji.accounts.scope import UNIT_SCOPED_ROLES, has_role, today
from jinji.accounts.security import password_problems
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.models import Organization, as_of_q

ORG_WIDE_ROLES = frozenset(Role) - UNIT_SCOPED_ROLES - {Role.STAFF}


def _related_model(model: type[models.Model], field: str) -> Any:
    """The model behind a foreign key (``accounts`` sits below ``org`` and ``personnel``: no imports)."""
    return model._meta.get_field(field).related_model


def require_sysadmin(acting_user: User | None, *, organization_id: int) -> None:
    """Refuse unless the actor is the console or a システム管理者 of ``organization_id`` today."""
    if acting_user is None:
        return
    if acting_user.organization_id != organization_id or not has_role(acting_user, {Role.SYSADMIN}):
        raise NotPermitted([FieldProblem(field="利用者", message="システム管理者の権限が必要です")])


def _org_id_for(acting_user: User | None, organization: Organization | int | None) -> int:
    if organization is None:
        if acting_user is None:
            raise DomainError([FieldProblem(field="団体", message="団体を指定してください")])
        return acting_user.organization_id
    org_id = organization if isinstance(organization, int) else organization.pk
    if acting_user is not None and acting_user.organization_id != org_id:
        raise NotPermitted([FieldProblem(field="団体", message="他の団体の利用者は管理できません")])
    return org_id


def _user_problems(*, org_id: int, username: str, password: str, employee_id: int | None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not username:
        problems.append(FieldProblem(field="ログインID", message="ログインIDを入力してください"))
    elif User.objects.filter(username=username).exists():
        problems.append(FieldProblem(field="ログインID", message=f"ログインID「{username}」は既に使われています"))
    problems += password_problems(password, user=User(username=username), field="パスワード")
    if employee_id is not None:
        employee_model = _related_model(User, "employee")
        if not employee_model.objects.for_organization(org_id).filter(pk=employee_id).exists():
            problems.append(FieldProblem(field="職員", message="この団体の職員ではありません"))
        elif User.objects.filter(employee_id=employee_id).exists():
            problems.append(FieldProblem(field="職員", message="この職員には既に利用者が作成されています"))
    return problems


def user_create(
    *,
    acting_user: User | None,
    username: str,
    password: str,
    display_name: str = "",
    email: str = "",
    employee_id: int | None = None,
    organization: Organization | int | None = None,
) -> User:
    """利用者を作成する (optionally linked to an employee of the same organization)."""
    org_id = _org_id_for(acting_user, organization)
    require_sysadmin(acting_user, organization_id=org_id)
    username = username.strip()
    with transaction.atomic():
        problems = _user_problems(org_id=org_id, username=username, password=password, employee_id=employee_id)
        if problems:
            raise DomainError(problems)
        user = User(
            organization_id=org_id,
            username=username,
            display_name=display_name.strip(),
            email=email.strip(),
            employee_id=employee_id,
            password_changed_at=timezone.now(),
        )
        user.set_password(password)
        user.save()
        audit_record(
            actor=acting_user,
            action=events.USER_CREATED,
            target=user,
            after={"username": username, "display_name": user.display_name, "employee_id": employee_id},
            organization_id=org_id,
        )
    return user


def _locked_user(acting_user: User | None, user: User) -> User:
    require_sysadmin(acting_user, organization_id=user.organization_id)
    return User.objects.select_for_update().get(pk=user.pk)


def _sysadmin_grants_on(organization_id: int, on: datetime.date) -> models.QuerySet[RoleGrant]:
    return RoleGrant.unscoped.filter(
        as_of_q(on), organization_id=organization_id, role=Role.SYSADMIN, user__is_active=True
    )


def _ensure_other_sysadmin(
    organization_id: int,
    *,
    on: datetime.date,
    without_user: int | None = None,
    without_grant: int | None = None,
) -> None:
    """The organization must keep an active システム管理者 on ``on`` (grant rows locked while checking)."""
    others = _sysadmin_grants_on(organization_id, on).select_for_update(of=("self",))
    if without_user is not None:
        others = others.exclude(user_id=without_user)
    if without_grant is not None:
        others = others.exclude(pk=without_grant)
    if not list(others.values_list("pk", flat=True)):
        raise DomainError(
            [
                FieldProblem(
                    field="権限", message="最後のシステム管理者です。先に別の利用者へシステム管理者を付与してください"
                )
            ]
        )


def user_set_active(*, acting_user: User | None, user: User, is_active: bool) -> User:
    """利用者を有効化・無効化する (the last active システム管理者 cannot be deactivated)."""
    with transaction.atomic():
        locked = _locked_user(acting_user, user)
        if locked.is_active == is_active:
            return locked
        if not is_active and _sysadmin_grants_on(locked.organization_id, today()).filter(user_id=locked.pk).exists():
            _ensure_other_sysadmin(locked.organization_id, on=today(), without_user=locked.pk)
        locked.is_active = is_active
        locked.save(update_fields=["is_active"])
        audit_record(
            actor=acting_user,
            action=events.USER_ACTIVATED if is_active else events.USER_DEACTIVATED,
            target=locked,
            before={"is_active": not is_active},
            after={"is_active": is_active},
        )
    return locked


def user_unlock(*, acting_user: User | None, user: User) -> User:
    """ロックを解除し、失敗回数を0に戻す."""
    with transaction.atomic():
        locked = _locked_user(acting_user, user)
        before = {"failed_login_count": locked.failed_login_count, "locked_until": locked.locked_until}
        locked.failed_login_count, locked.locked_until = 0, None
        locked.save(update_fields=["failed_login_count", "locked_until"])
        audit_record(
            actor=acting_user,
            action=events.USER_UNLOCKED,
            target=locked,
            before=before,
            after={"failed_login_count": 0, "locked_until": None},
        )
    return locked


def user_password_reset(*, acting_user: User | None, user: User, new_password: str) -> User:
    """管理者によるパスワード再設定 (policy applied; the lock is lifted)."""
    with transaction.atomic():
        locked = _locked_user(acting_user, user)
        problems = password_problems(new_password, user=locked, field="新しいパスワード")
        if problems:
            raise DomainError(problems)
        locked.set_password(new_password)
        locked.password_changed_at = timezone.now()
        locked.failed_login_count, locked.locked_until = 0, None
        locked.save(update_fields=["password", "password_changed_at", "failed_login_count", "locked_until"])
        audit_record(actor=acting_user, action=events.PASSWORD_RESET, target=locked)
    return locked


def user_totp_reset(*, acting_user: User | None, user: User) -> User:
    """二要素認証の解除 (lost phone): the user sets TOTP up again at the next sign-in."""
    with transaction.atomic():
        locked = _locked_user(acting_user, user)
        removed, _ = TOTPDevice.objects.filter(user_id=locked.pk).delete()
        audit_record(
            actor=acting_user, action=events.TOTP_RESET, target=locked, kind=AuditKind.AUTH, after={"removed": removed}
        )
    return locked


def _grant_problems(
    *, user: User, role: str, org_unit_id: int | None, valid_from: datetime.date, valid_to: datetime.date | None
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if role not in Role.values:
        return [FieldProblem(field="役割", message=f"選択肢にない役割です: {role}")]
    if role == Role.STAFF:
        problems.append(FieldProblem(field="役割", message="職員の役割は職員に紐づく利用者に自動で付与されます"))
    if role in UNIT_SCOPED_ROLES and org_unit_id is None:
        problems.append(FieldProblem(field="対象所属", message=f"{Role(role).label}には対象所属が必要です"))
    if role in ORG_WIDE_ROLES and org_unit_id is not None:
        problems.append(
            FieldProblem(field="対象所属", message=f"{Role(role).label}は団体全体の役割です。空欄にしてください")
        )
    if org_unit_id is not None:
        unit_model = _related_model(RoleGrant, "org_unit")
        if not unit_model.objects.for_organization(user.organization_id).filter(pk=org_unit_id).exists():
            problems.append(FieldProblem(field="対象所属", message="この団体の組織ではありません"))
    if valid_to is not None and valid_to < valid_from:
        problems.append(FieldProblem(field="適用終了日", message="適用開始日以降の日付にしてください"))
    return problems


def _overlapping(
    grant_user: User, *, role: str, org_unit_id: int | None, valid_from: datetime.date, valid_to: datetime.date | None
) -> bool:
    qs = RoleGrant.unscoped.filter(user_id=grant_user.pk, role=role, org_unit_id=org_unit_id)
    qs = qs.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=valid_from))
    if valid_to is not None:
        qs = qs.filter(valid_from__lte=valid_to)
    return qs.exists()


def role_grant_add(
    *,
    acting_user: User | None,
    user: User,
    role: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    org_unit_id: int | None = None,
    include_descendants: bool = True,
) -> RoleGrant:
    """権限を付与する: 所属長・庶務担当は対象所属が必須、その他は団体全体。同じ権限の期間の重複は不可."""
    with transaction.atomic():
        locked = _locked_user(acting_user, user)
        problems = _grant_problems(
            user=locked, role=role, org_unit_id=org_unit_id, valid_from=valid_from, valid_to=valid_to
        )
        if not problems and _overlapping(
            locked, role=role, org_unit_id=org_unit_id, valid_from=valid_from, valid_to=valid_to
        ):
            problems.append(FieldProblem(field="適用開始日", message="同じ役割・対象所属の権限が期間内に既にあります"))
        if problems:
            raise DomainError(problems)
        grant: RoleGrant = RoleGrant.unscoped.create(
            organization_id=locked.organization_id,
            user=locked,
            role=role,
            org_unit_id=org_unit_id,
            include_descendants=include_descendants if org_unit_id is not None else True,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        audit_record(actor=acting_user, action=events.ROLE_GRANTED, target=grant, after=_grant_facts(grant))
    return grant


def _grant_facts(grant: RoleGrant) -> dict[str, Any]:
    return {
        "user": grant.user.get_username(),
        "role": grant.role,
        "org_unit_id": grant.org_unit_id,
        "include_descendants": grant.include_descendants,
        "valid_from": grant.valid_from,
        "valid_to": grant.valid_to,
    }


def role_grant_end(*, acting_user: User | None, grant: RoleGrant, end_on: datetime.date) -> RoleGrant:
    """権限を終了する: ``end_on`` まで有効 (前日を指定すると直ちに無効。開始前の権限は取消)."""
    with transaction.atomic():
        require_sysadmin(acting_user, organization_id=grant.organization_id)
        locked: RoleGrant = RoleGrant.unscoped.select_for_update().select_related("user").get(pk=grant.pk)
        if end_on < locked.valid_from - datetime.timedelta(days=1):
            raise DomainError([FieldProblem(field="終了日", message="適用開始日の前日以降の日付にしてください")])
        if locked.valid_to is not None and end_on >= locked.valid_to:
            raise DomainError([FieldProblem(field="終了日", message=f"この権限は既に{locked.valid_to}で終了します")])
        first_day_without = max(today(), end_on + datetime.timedelta(days=1))
        if locked.role == Role.SYSADMIN and locked.is_valid_on(first_day_without):
            _ensure_other_sysadmin(locked.organization_id, on=first_day_without, without_grant=locked.pk)
        before = _grant_facts(locked)
        locked.valid_to = end_on
        locked.save(update_fields=["valid_to"])
        audit_record(
            actor=acting_user,
            action=events.ROLE_GRANT_ENDED,
            target=locked,
            before={"valid_to": before["valid_to"]},
            after={"valid_to": end_on, "role": locked.role, "user": locked.user.get_username()},
        )
    return locked
