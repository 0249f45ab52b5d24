"""``jinji seed-demo --employees N --seed S [--if-empty] [--city-only]``: create the demo municipality デモ市.

After the city, the domain apps' demo data (:data:`jinji.demo.extras.DEMO_STEPS`: approval routes,
this year's 年次休暇, the talent scenarios, …) is added, each step once; with ``--if-empty`` on an
existing デモ市 only the steps not yet done run.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.demo.extras import StepOutcome, run_demo_extras
from jinji.demo.seed import demo_organization, seed_demo


class Command(BaseCommand):
    help = "デモ団体「デモ市」を作成します(同じ --seed なら同じ内容)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=1500, help="職員数(50以上、既定 1500)")
        parser.add_argument("--seed", type=int, default=1, help="乱数の種(既定 1)")
        parser.add_argument(
            "--if-empty", action="store_true", help="デモ市が既にあれば作成せず、まだのデモデータだけを追加する"
        )
        parser.add_argument(
            "--city-only", action="store_true", help="組織・職員だけを作成し、各機能のデモデータを追加しない"
        )
        parser.add_argument(
            "--as-of", type=datetime.date.fromisoformat, default=None, help="基準日 YYYY-MM-DD(既定: 今年度の4月1日)"
        )

    def _progress(self, what: str, done: int, total: int) -> None:
        self.stdout.write(f"  {what}: {done:,} / {total:,}")
        self.stdout.flush()

    def _step(self, outcome: StepOutcome) -> None:
        if outcome.ran:
            self.stdout.write(f"  {outcome.label}: {outcome.summary}")
        else:
            self.stdout.write(f"  {outcome.label}: 追加済み")
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        self._city(options)
        organization = demo_organization()
        if organization is not None and not options["city_only"]:
            self._extras(organization, options)

    def _extras(self, organization: Organization, options: dict[str, Any]) -> None:
        verbose = options["verbosity"] > 0
        if verbose:
            self.stdout.write("各機能のデモデータを追加しています…")
        try:
            run_demo_extras(
                organization=organization,
                on=timezone.localdate(),
                seed=options["seed"],
                progress=self._step if verbose else None,
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from exc

    def _city(self, options: dict[str, Any]) -> None:
        verbose = options["verbosity"] > 0
        if options["if_empty"] and demo_organization() is not None:
            if verbose:
                self.stdout.write("デモ市は既にあります。作成を省略しました。")
            return
        if verbose:
            self.stdout.write(f"デモ市を作成しています(職員 {options['employees']:,} 人, seed {options['seed']})…")
        try:
            result = seed_demo(
                employees=options["employees"],
                seed=options["seed"],
                if_empty=options["if_empty"],
                as_of=options["as_of"],
                progress=self._progress if verbose else None,
            )
        except (DomainError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if not result.created:
            if verbose:
                self.stdout.write("デモ市は既にあります。作成を省略しました。")
            return
        if verbose:
            rows = sum(result.rows.values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"デモ市を作成しました: 職員 {result.employees:,} 人、組織 {result.units:,}、"
                    f"計 {rows:,} 行 ({result.seconds:.1f} 秒)"
                )
            )
