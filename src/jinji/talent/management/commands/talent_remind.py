"""``jinji talent-remind [--on YYYY-MM-DD] [--organization CODE] [--term-days N]``.

Creates お知らせ (and emails the holders) for qualifications expiring within 90 and 30 days or
just expired, and お知らせ to 人事担当 for terms (任期付・再任用・会計年度任用) ending within N days
(default 60). Safe to run every day or several times a day: each notice and email happens once.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.talent.services import reminders_send


class Command(BaseCommand):
    help = "資格の有効期限・任期の満了が近いものについて、お知らせとメールを作成します(何度実行しても重複しません)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--on", type=datetime.date.fromisoformat, default=None, help="基準日 YYYY-MM-DD(既定: 今日)"
        )
        parser.add_argument("--organization", default="", help="団体コード(省略時はすべての有効な団体)")
        parser.add_argument(
            "--term-days", type=int, default=60, help="任期満了の何日前から人事担当に知らせるか(既定 60)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on: datetime.date = options["on"] or timezone.localdate()
        term_days: int = options["term_days"]
        if term_days < 0:
            raise CommandError("--term-days は0以上の整数で指定してください")
        organizations = Organization.objects.filter(is_active=True).order_by("code")
        if options["organization"]:
            organizations = organizations.filter(code=options["organization"])
            if not organizations.exists():
                raise CommandError(f"団体コード「{options['organization']}」の団体はありません")
        for organization in organizations:
            with tenant_context(organization):
                result = reminders_send(organization_id=organization.pk, on=on, term_days=term_days)
            self.stdout.write(
                f"{organization.name}: 資格 {result.qualifications} 件・任期 {result.terms} 件が対象、"
                f"新しいお知らせ {result.notices} 件、メール {result.emails} 通"
            )
