"""``jinji evaluation-remind``: remind 本人 and evaluators of 人事評価 past their stage's deadline.

One email per person (Django's email backend) listing their overdue sheets. Safe to run
several times a day: each sheet and stage is reminded at most once per day.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.evaluation.services.reminders import reminders_send


class Command(BaseCommand):
    help = "人事評価の期限を過ぎた本人・評価者に、メールで督促します(1日1回まで)"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--organization", default="", help="団体コード(省略時はすべての有効な団体)")
        parser.add_argument("--date", default="", help="基準日 YYYY-MM-DD(省略時は今日)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--date は YYYY-MM-DD で指定してください") from exc
        organizations = Organization.objects.filter(is_active=True).order_by("code")
        if options["organization"]:
            organizations = organizations.filter(code=options["organization"])
            if not organizations.exists():
                raise CommandError(f"団体コード「{options['organization']}」の団体はありません")
        for organization in organizations:
            with tenant_context(organization):
                result = reminders_send(organization_id=organization.pk, today=today)
            counts = f"期限超過 {result.overdue} 件、督促 {result.reminders} 件、メール {result.emails} 通"
            self.stdout.write(f"{organization.name}: {counts}")
