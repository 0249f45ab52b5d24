"""``jinji talent-skillmap-rebuild [--on YYYY-MM-DD] [--organization CODE]``.

Counts the skill map's summary again from the confirmed skills and the 本務 posts (for a nightly
run after the date changes, or to repair). The map rebuilds stale counts by itself on first view;
this command only saves that first viewer the wait, or replaces counts that are wrong.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.talent.skill_summary import skill_summary_rebuild


class Command(BaseCommand):
    help = "スキルマップの集計を確認済スキルと本務の所属から作り直します"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--on", type=datetime.date.fromisoformat, default=None, help="基準日 YYYY-MM-DD(既定: 今日)"
        )
        parser.add_argument("--organization", default="", help="団体コード(省略時はすべての有効な団体)")

    def handle(self, *args: Any, **options: Any) -> None:
        on: datetime.date = options["on"] or timezone.localdate()
        organizations = Organization.objects.filter(is_active=True).order_by("code")
        if options["organization"]:
            organizations = organizations.filter(code=options["organization"])
            if not organizations.exists():
                raise CommandError(f"団体コード「{options['organization']}」の団体はありません")
        for organization in organizations:
            with tenant_context(organization):
                counts = skill_summary_rebuild(organization_id=organization.pk, on=on)
            self.stdout.write(
                f"{organization.name}: {on:%Y-%m-%d} 時点、所属 {len(counts.staff)} 件・職員 "
                f"{sum(counts.staff.values())} 人・スキル {sum(counts.holders.values())} 件を集計しました"
            )
