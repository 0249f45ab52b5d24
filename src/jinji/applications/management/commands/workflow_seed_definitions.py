"""``jinji workflow-seed-definitions --organization CODE``: default routes of the 庶務事務 types.

Publishes 係長 → 課長 → 人事担当/給与担当 決裁 for each type without a route (see
:mod:`jinji.applications.services.definitions`). The routes are published as ``--user`` (default:
the first active 人事担当 or システム管理者 of the organization), who appears in the audit log.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jinji.accounts.models import Role, RoleGrant, User
from jinji.applications.services.definitions import definitions_seed
from jinji.core.errors import DomainError
from jinji.core.models import Organization, as_of_q
from jinji.core.tenancy import tenant_context


def _publisher(organization: Organization, username: str) -> User:
    users = User.objects.filter(organization=organization, is_active=True)
    if username:
        user = users.filter(username=username).first()
        if user is None:
            raise CommandError(f"利用者「{username}」は団体「{organization.name}」にいません")
        return user
    granted = (
        RoleGrant.objects.for_organization(organization)
        .filter(as_of_q(timezone.localdate()), role__in=[Role.HR, Role.SYSADMIN], user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .first()
    )
    user = users.filter(pk=granted).first() if granted is not None else users.filter(is_superuser=True).first()
    if user is None:
        raise CommandError(
            "承認ルートを公開できる利用者(人事担当・システム管理者)がいません。--user で指定してください"
        )
    return user


class Command(BaseCommand):
    help = "庶務事務の申請種別に、初期の承認ルート(係長 → 課長 → 人事担当/給与担当 決裁)を設定します"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--organization", required=True, help="団体コード(6桁)")
        parser.add_argument("--user", default="", help="公開する利用者のログインID(省略時は人事担当・システム管理者)")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(code=options["organization"]).first()
        if organization is None:
            raise CommandError(f"団体コード「{options['organization']}」の団体はありません")
        with tenant_context(organization):
            user = _publisher(organization, options["user"])
            try:
                outcomes = definitions_seed(acting_user=user)
            except DomainError as exc:
                lines = "\n".join(f"  {p.field}: {p.message}" if p.field else f"  {p.message}" for p in exc.problems)
                raise CommandError(f"承認ルートを設定できませんでした:\n{lines}") from exc
        for outcome in outcomes:
            state = "作成しました" if outcome.created else "既にあるため変更していません"
            self.stdout.write(f"{outcome.label}: {state}")
