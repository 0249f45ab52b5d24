"""``jinji payroll run --payer P --month 2026-04 [--kind bonus]``: create (if needed) and compute a run inline."""

from __future__ import annotations

import datetime
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import Payer
from jinji.payroll.models import PayrollRun, RunKind
from jinji.payroll.retro.cli import add_retro_parser, handle_retro
from jinji.payroll.services.runs import run_compute, run_create


class Command(BaseCommand):
    help = "給与計算を実行します(例: jinji payroll run --payer P01 --month 2026-04)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="月例給与・期末勤勉手当を計算する")
        run.add_argument("--payer", required=True, help="給与支払者コード")
        run.add_argument("--month", required=True, help="支給月 YYYY-MM")
        run.add_argument(
            "--kind", choices=RunKind.values, default=RunKind.MONTHLY, help="monthly(月例) / bonus(期末・勤勉)"
        )
        run.add_argument("--organization", help="団体コード(団体が1つなら省略可)")
        run.add_argument("--user", help="実行者のユーザー名(監査記録用)")
        run.add_argument("--force", action="store_true", help="計算中のまま止まった計算を引き継ぐ")
        add_retro_parser(sub)

    def _organization(self, code: str | None) -> Organization:
        orgs = Organization.objects.filter(code=code) if code else Organization.objects.all()
        found = list(orgs[:2])
        if len(found) != 1:
            raise CommandError("団体を --organization で指定してください" if found else "団体が見つかりません")
        return found[0]

    def handle(self, *args: Any, **options: Any) -> None:
        org = self._organization(options.get("organization"))
        if options["action"] == "retro":
            handle_retro(org, options, self.stdout)
            return
        try:
            first = datetime.date.fromisoformat(f"{options['month']}-01")
        except ValueError:
            raise CommandError("--month は YYYY-MM の形式で指定してください(例: 2026-04)") from None
        with tenant_context(org):
            payer = Payer.objects.filter(code=options["payer"]).first()
            if payer is None:
                raise CommandError(f"給与支払者コード {options['payer']} が見つかりません")
            user = User.objects.filter(username=options["user"]).first() if options.get("user") else None
            kind = options["kind"]
            run = PayrollRun.objects.filter(payer=payer, month=first, kind=kind).first()
            try:
                run = run or run_create(acting_user=user, payer=payer, month=first, kind=kind)
                started = time.perf_counter()
                run = run_compute(acting_user=user, run=run, force=options["force"], progress=self._progress)
            except DomainError as exc:
                raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        self.stdout.write("")
        summary = f"{payer.name} {first:%Y年%m月} {run.get_kind_display()} 支給日 {run.paid_on}: {run.headcount} 人"
        self.stdout.write(
            f"{summary}, 差引支給額合計 {run.total_net:,} 円, 確認事項 {len(run.anomalies)} 件 ({elapsed:.1f} 秒)"
        )

    def _progress(self, done: int, total: int) -> None:
        sys.stdout.write(f"\r計算中 {done:,} / {total:,} 件")
        sys.stdout.flush()
