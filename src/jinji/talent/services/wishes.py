"""自己申告の提出 (本人のみ; one per 年度, re-submitting replaces the content)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.core.models import as_of_q
from jinji.org.models import OrgUnit
from jinji.personnel.models import Employee
from jinji.talent import events
from jinji.talent.dates import fiscal_year_of
from jinji.talent.models import CareerIntention, CareerWish, TransferWish
from jinji.talent.permissions import is_own, refuse
from jinji.talent.services.common import business_today, lock_employee, raise_if

MAX_WISHED_UNITS = 3


def _problems(
    employee: Employee,
    *,
    fiscal_year: int,
    transfer_wish: str,
    wished_units: Sequence[OrgUnit],
    career_intention: str,
    free_text: str,
    today: datetime.date,
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    current = fiscal_year_of(today)
    if fiscal_year not in (current, current + 1):
        problems.append(FieldProblem("fiscal_year", f"年度は{current}年度または{current + 1}年度を指定してください"))
    if transfer_wish not in TransferWish.values:
        problems.append(FieldProblem("transfer_wish", "異動の希望を選んでください"))
    if career_intention not in CareerIntention.values:
        problems.append(FieldProblem("career_intention", "キャリアの志向を選んでください"))
    if len(wished_units) > MAX_WISHED_UNITS:
        problems.append(FieldProblem("wished_units", f"希望する所属は{MAX_WISHED_UNITS}つまでにしてください"))
    active = OrgUnit.objects.for_organization(employee.organization_id).filter(as_of_q(today))
    unknown = {u.pk for u in wished_units} - set(
        active.filter(pk__in=[u.pk for u in wished_units]).values_list("pk", flat=True)
    )
    if unknown:
        problems.append(FieldProblem("wished_units", "現在ない所属は希望できません"))
    if len(free_text) > 2000:
        problems.append(FieldProblem("free_text", "自由記述は2000文字以内で入力してください"))
    return problems


def _facts(wish: CareerWish, created: bool) -> dict[str, Any]:
    """What the audit keeps of a 自己申告 (not the free text, which is for HR's eyes only)."""
    return {
        "fiscal_year": wish.fiscal_year,
        "created": created,
        "transfer_wish": wish.transfer_wish,
        "wished_units": sorted(u.pk for u in wish.wished_units.all()),
        "career_intention": wish.career_intention,
        "dx_interest": wish.dx_interest,
    }


def career_wish_submit(
    *,
    acting_user: Any,
    employee: Employee,
    fiscal_year: int,
    transfer_wish: str,
    career_intention: str,
    wished_units: Sequence[OrgUnit] = (),
    wished_work: str = "",
    dx_interest: bool = False,
    free_text: str = "",
    on: datetime.date | None = None,
) -> CareerWish:
    """自己申告書の提出・修正. Only the employee writes it; 人事担当 reads it for placement."""
    today = on or business_today()
    if not is_own(acting_user, employee.pk):
        raise refuse("自己申告は本人だけが提出できます")
    raise_if(
        _problems(
            employee,
            fiscal_year=fiscal_year,
            transfer_wish=transfer_wish,
            wished_units=wished_units,
            career_intention=career_intention,
            free_text=free_text,
            today=today,
        )
    )
    with transaction.atomic():
        lock_employee(employee)
        wish: CareerWish
        wish, created = CareerWish.objects.for_organization(employee.organization_id).get_or_create(
            employee=employee,
            fiscal_year=fiscal_year,
            defaults={
                "organization_id": employee.organization_id,
                "transfer_wish": transfer_wish,
                "career_intention": career_intention,
            },
        )
        wish.transfer_wish, wish.career_intention = transfer_wish, career_intention
        wish.wished_work, wish.dx_interest, wish.free_text = wished_work.strip()[:500], dx_interest, free_text.strip()
        wish.save()
        wish.wished_units.set(list(wished_units))
        audit_record(actor=acting_user, action=events.WISH_SUBMIT, target=wish, after=_facts(wish, created))
    return wish
