"""``jinji payroll retro --payer P --from 2026-04 --to 2026-10 --pay-month 2026-12 --reason …``:
create a 差額計算 (or take the latest one with the same range and pay month) and compute it inline."""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import Payer
from jinji.payroll.retro.services import retro_compute, retro_create
from jinji.payroll.retro_models import RetroCalculation


def add_retro_parser(sub: Any) -> None:
    """The ``retro`` sub-command of ``jinji payroll``."""
    retro: argparse.ArgumentParser = sub.add_parser("retro", help="確定済みの月の差額を計算する")
    retro.add_argument("--payer", required=True, help="給与支払者コード")
    retro.add_argument("--from", dest="first", required=True, help="対象の最初の月 YYYY-MM")
    retro.add_argument("--to", dest="last", required=True, help="対象の最後の月 YYYY-MM")
    retro.add_argument("--pay-month", required=True, help="差額を支給する月 YYYY-MM")
    retro.add_argument("--reason", default="", help="理由(新しく作成するときは必須)")
    retro.add_argument("--organization", help="団体コード(団体が1つなら省略可)")
    retro.add_argument("--user", required=True, help="実行者のユーザー名(監査記録用)")
    retro.add_argument("--force", action="store_true", help="計算中のまま止まった計算を引き継ぐ")


def _month(text: str, option: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise CommandError(f"{option} は YYYY-MM の形式で指定してください(例: 2026-04)") from None


def _progress(done: int, total: int) -> None:
    sys.stdout.write(f"\r再計算中 {done} / {total} か月")
    sys.stdout.flush()


def handle_retro(org: Organization, options: dict[str, Any], stdout: OutputWrapper) -> None:
    first = _month(options["first"], "--from")
    last = _month(options["last"], "--to")
    pay = _month(options["pay_month"], "--pay-month")
    with tenant_context(org):
        payer = Payer.objects.filter(code=options["payer"]).first()
        if payer is None:
            raise CommandError(f"給与支払者コード {options['payer']} が見つかりません")
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"ユーザー {options['user']} が見つかりません")
        calc = RetroCalculation.objects.filter(payer=payer, first_month=first, last_month=last, pay_month=pay).first()
        started = time.perf_counter()
        try:
            calc = calc or retro_create(
                acting_user=user, payer=payer, first_month=first, last_month=last, pay_month=pay,
                reason=options["reason"],
            )  # fmt: skip
            calc = retro_compute(acting_user=user, calculation=calc, force=options["force"], progress=_progress)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
    elapsed = time.perf_counter() - started
    stdout.write("")
    stdout.write(
        f"{payer.name} 差額 {first:%Y年%m月}〜{last:%Y年%m月} ({pay:%Y年%m月}支給): 計算した月 {len(calc.months)},"
        f" 対象 {calc.employees:,} 人, 差額合計 {calc.total_diff:,} 円, 確認事項 {len(calc.anomalies)} 件"
        f" ({elapsed:.1f} 秒)"
    )
