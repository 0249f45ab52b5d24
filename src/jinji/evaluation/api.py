"""REST endpoints of 人事評価: my own sheets, and the 成績率の区分 the bonus run reads.

The same selectors and permission checks as the pages; errors are JSON with Japanese messages.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.evaluation.selectors import bonus_cycle, bonus_quota_check, my_sheets, performance_ratios

router = Router(auth=ApiTokenAuth())
PAY_ROLES = (Role.HR, Role.PAYROLL)


class MySheetOut(Schema):
    id: int
    cycle: str
    kind: str
    stage: str
    stage_label: str
    due: datetime.date | None
    result: str
    """確定した全体評語 (開示後のみ; それまでは空)."""


class RatioOut(Schema):
    employee_id: int
    band: str
    """outstanding(特に優秀) / excellent(優秀) / good(良好) / poor(良好でない)."""


class RatiosOut(Schema):
    bonus_date: datetime.date
    cycle_id: int | None
    cycle: str
    ratios: list[RatioOut]
    quota_problems: list[str]


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def next_bonus_date(on: datetime.date) -> datetime.date:
    """The next 基準日 (6/1 or 12/1) on or after ``on``."""
    if on <= datetime.date(on.year, 6, 1):
        return datetime.date(on.year, 6, 1)
    if on <= datetime.date(on.year, 12, 1):
        return datetime.date(on.year, 12, 1)
    return datetime.date(on.year + 1, 6, 1)


@router.get("/my-sheets", response=list[MySheetOut], url_name="evaluation_my_sheets_api", summary="自分の評価シート")
def my_sheets_api(request: HttpRequest) -> list[MySheetOut]:
    rows = my_sheets(user=_user(request), today=timezone.localdate())
    return [
        MySheetOut(
            id=r.id,
            cycle=r.cycle_name,
            kind=r.kind_label,
            stage=r.stage,
            stage_label=str(r.stage_label),
            due=r.due,
            result=r.result,
        )
        for r in rows
    ]


@router.get(
    "/performance-ratios", response=RatiosOut, url_name="evaluation_performance_ratios_api", summary="成績率の区分"
)
def performance_ratios_api(request: HttpRequest, bonus_date: datetime.date | None = None) -> RatiosOut:
    """職員ごとの勤勉手当の成績率の区分 (基準日の直前に終わった業績評価の確定結果). 人事担当・給与担当のみ."""
    user = _user(request)
    if not has_role(user, PAY_ROLES):
        raise NotPermitted([FieldProblem("", "成績率の参照は人事担当・給与担当のみ行えます")])
    on = bonus_date or next_bonus_date(timezone.localdate())
    cycle = bonus_cycle(organization=user.organization_id, bonus_date=on)
    ratios = performance_ratios(organization=user.organization_id, bonus_date=on)
    return RatiosOut(
        bonus_date=on,
        cycle_id=cycle.pk if cycle else None,
        cycle=cycle.name if cycle else "",
        ratios=[RatioOut(employee_id=e, band=b) for e, b in sorted(ratios.items())],
        quota_problems=[v.message for v in bonus_quota_check(organization=user.organization_id, bonus_date=on)],
    )
