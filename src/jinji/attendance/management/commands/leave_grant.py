"""``jinji leave-grant --organization CODE --year 2027 [--user LOGIN]``: 年次休暇の付与 for the year.

Grants 20 days (pro-rated in the year of hire) on 1/1 or 4/1 per the organization's setting,
after the carry-over (≤ 20日). Runs again safely: a grant already made is left alone.
Also publishes the default approval routes of the attendance application types if missing.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.attendance.services.leave import leave_grant_year
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context


class Command(BaseCommand):
    help = "年次休暇を付与します(団体の設定により1月1日または4月1日付、採用年は按分、繰越は20日まで)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--organization", required=True, help="団体コード(6桁)")
        parser.add_argument("--year", required=True, type=int, help="付与する年(例: 2027)")
        parser.add_argument("--user", default="", help="実行する人事担当のログインID(省略時は最初の人事担当)")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(code=options["organization"]).first()
        if organization is None:
            raise CommandError(f"団体コード「{options['organization']}」の団体はありません")
        with tenant_context(organization):
            users = User.objects.filter(organization=organization, is_active=True).order_by("pk")
            if options["user"]:
                users = users.filter(username=options["user"])
            user = next((u for u in users if has_role(u, (Role.HR,))), None)
            if user is None:
                raise CommandError("人事担当の利用者がいません。--user で人事担当を指定してください")
            try:
                made = leave_grant_year(acting_user=user, year=options["year"])
                routes = attendance_definitions_seed(acting_user=user)
            except DomainError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(f"{options['year']}年の年次休暇を {made} 人に付与しました")
        if routes:
            self.stdout.write(f"承認ルートを設定しました: {', '.join(routes)}")
