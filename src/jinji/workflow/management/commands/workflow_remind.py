"""``jinji workflow-remind --days N``: remind approvers of tasks waiting more than N days.

Sends one email per approver (Django's email backend) and creates an お知らせ per task.
Safe to run several times a day: each task is reminded at most once per day.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.workflow.services import reminders_send


class Command(BaseCommand):
    help = "N日を超えて承認待ちの申請について、承認者にメールとお知らせで督促します"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, required=True, help="この日数を超えて待っているものを督促する")
        parser.add_argument("--organization", default="", help="団体コード(省略時はすべての有効な団体)")

    def handle(self, *args: Any, **options: Any) -> None:
        days: int = options["days"]
        if days < 0:
            raise CommandError("--days は0以上の整数で指定してください")
        organizations = Organization.objects.filter(is_active=True).order_by("code")
        if options["organization"]:
            organizations = organizations.filter(code=options["organization"])
            if not organizations.exists():
                raise CommandError(f"団体コード「{options['organization']}」の団体はありません")
        for organization in organizations:
            with tenant_context(organization):
                result = reminders_send(organization_id=organization.pk, days=days)
            self.stdout.write(
                f"{organization.name}: 対象 {result.tasks} 件、"
                f"お知らせ {result.notifications} 件、メール {result.emails} 通"
            )
