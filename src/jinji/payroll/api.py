"""REST endpoints of 給与: runs (給与担当) and my own payslips. Same selectors as the pages."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.payroll import selectors

router = Router(auth=ApiTokenAuth())


class RunOut(Schema):
    id: int
    payer: str
    month: datetime.date
    kind: str
    paid_on: datetime.date
    status: str
    headcount: int
    total_gross: int
    total_deductions: int
    total_net: int
    anomalies: int


class PayslipOut(Schema):
    id: int
    paid_on: datetime.date
    kind: str
    gross: int
    total_deductions: int
    net: int


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


@router.get("/runs", response=list[RunOut], summary="給与計算の一覧(給与担当)", url_name="payroll_runs_api")
def runs(request: HttpRequest) -> list[RunOut]:
    user = _user(request)
    if not has_role(user, [Role.PAYROLL]):
        raise NotPermitted([FieldProblem(field="role", message="給与担当だけが参照できます")])
    return [
        RunOut(
            id=r.pk,
            payer=r.payer.name,
            month=r.month,
            kind=r.kind,
            paid_on=r.paid_on,
            status=r.status,
            headcount=r.headcount,
            total_gross=r.total_gross,
            total_deductions=r.total_deductions,
            total_net=r.total_net,
            anomalies=len(r.anomalies),
        )
        for r in selectors.run_list(organization_id=user.organization_id)
    ]


@router.get(
    "/payslips/mine", response=list[PayslipOut], summary="自分の給与明細(確定分)", url_name="payroll_my_payslips_api"
)
def my_payslips(request: HttpRequest) -> list[PayslipOut]:
    user = _user(request)
    if user.employee_id is None:
        return []
    slips = selectors.payslip_history(organization_id=user.organization_id, employee_id=user.employee_id)
    return [
        PayslipOut(
            id=s.pk,
            paid_on=s.run.paid_on,
            kind=s.run.kind,
            gross=s.gross,
            total_deductions=s.total_deductions,
            net=s.net,
        )
        for s in slips
    ]
