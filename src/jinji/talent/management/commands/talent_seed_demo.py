"""``jinji talent-seed-demo [--organization 999999] [--on YYYY-MM-DD] [--seed 1]``.

Adds the 人材育成 demo data to デモ市 (run ``jinji seed-demo`` first): the 栃木・三重・横浜・甲府
scenarios, so 人事担当 (demo-hr) can walk through them. Refused when already added.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.talent.demo import talent_demo_seed


class Command(BaseCommand):
    help = "デモ市に人材育成のデモデータ(研修・役割・資格・スキル・採用・任期・資格手当)を作成します"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--organization", default="999999", help="団体コード(既定: デモ市 999999)")
        parser.add_argument(
            "--on", type=datetime.date.fromisoformat, default=None, help="基準日 YYYY-MM-DD(既定: 今日)"
        )
        parser.add_argument("--seed", type=int, default=1, help="乱数の種(既定 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(code=options["organization"]).first()
        if organization is None:
            raise CommandError(
                f"団体コード「{options['organization']}」の団体はありません(先に jinji seed-demo を実行してください)"
            )
        with tenant_context(organization):
            try:
                counts = talent_demo_seed(
                    organization=organization, on=options["on"] or timezone.localdate(), seed=options["seed"]
                )
            except DomainError as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                "人材育成のデモデータを作成しました: " + "、".join(f"{k} {v:,}" for k, v in counts.items())
            )
        )
