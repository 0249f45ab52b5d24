"""住居届: the home and, for rented housing, the monthly rent → 住居手当 determination.

On 決裁 the 認定簿 gets the 住居手当 determination and, when the home is the employee's own (not
the home of a 単身赴任者's family) and its address differs from the personnel master's address on
the effective date, the master gets the new address from that date (``address_add``). The master
keeps no residence type, rent or landlord: those stay in the application and the 認定簿's basis.
The rent excludes 光熱水費・共益費・敷金・礼金 (reference §C5).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Q

from jinji.accounts.models import User
from jinji.applications.allowances import AllowanceResult, housing_result
from jinji.applications.kinds.address import read_postal_code
from jinji.applications.kinds.base import (
    Cleaned,
    Context,
    Kind,
    applicant_employee,
    effective_date,
    yen_text,
    yes_no,
)
from jinji.applications.kinds.fields import PayloadReader
from jinji.applications.models import AllowanceKind
from jinji.applications.services.determinations import determination_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import as_of_q
from jinji.personnel.models import Address
from jinji.personnel.services import address_add
from jinji.workflow.models import WorkflowInstance

CODE = "housing_notification"
LABEL = "住居届"
RENTED = "rented"
HOUSING_TYPES = {
    RENTED: "借家・借間(家賃を支払っている)",
    "own": "自宅(本人または家族の所有)",
    "official": "公舎・職員宿舎",
    "other": "その他(実家に同居など)",
}


def clean(payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    r = PayloadReader(payload)
    housing_type = r.choice("housing_type", "住居の種類", HOUSING_TYPES)
    rented = housing_type == RENTED
    family_home = r.flag("single_posting_family") if rented else False
    data: dict[str, Any] = {
        "housing_type": housing_type,
        # The employee's own home goes to the master's address, which needs its 郵便番号.
        "postal_code": read_postal_code(r, required=not family_home),
        "address": r.text("address", "住居の所在地"),
        "rent": (r.yen("rent", "家賃の月額", minimum=1) if rented else 0) or 0,
        "landlord": r.text("landlord", "貸主の氏名・名称", required=rented, max_length=100) if rented else "",
        "contract_start": "",
        "single_posting_family": family_home,
    }
    if rented:
        started = r.date("contract_start", "契約開始日")
        data["contract_start"] = started.isoformat() if started else ""
    return Cleaned(payload=data, problems=r.problems, attributes={"rent": str(data["rent"])})


def estimate(payload: Mapping[str, Any], ctx: Context) -> AllowanceResult | None:
    if ctx.effective_on is None:
        return None
    return housing_result(
        on=ctx.effective_on,
        rent=int(payload.get("rent") or 0),
        rented=payload.get("housing_type") == RENTED,
        single_posting_family=bool(payload.get("single_posting_family")),
    )


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    rows = [
        ("住居の種類", HOUSING_TYPES.get(str(payload.get("housing_type", "")), "")),
        ("郵便番号", str(payload.get("postal_code", ""))),
        ("所在地", str(payload.get("address", ""))),
    ]
    if payload.get("housing_type") == RENTED:
        rows += [
            ("家賃の月額", yen_text(int(payload.get("rent") or 0))),
            ("貸主", str(payload.get("landlord", ""))),
            ("契約開始日", str(payload.get("contract_start", ""))),
            ("単身赴任者の留守家族の住居", yes_no(payload.get("single_posting_family"))),
        ]
    return rows


def effect(instance: WorkflowInstance, acting_user: User) -> None:
    on = effective_date(instance)
    result = estimate(instance.payload, Context(instance.organization_id, instance.applicant_employee_id, on))
    if result is None:
        raise DomainError([FieldProblem(field="effective_on", message="発効日がありません")])
    determination_record(
        acting_user=acting_user,
        organization_id=instance.organization_id,
        employee_id=instance.applicant_employee_id,
        result=result,
        valid_from=on,
        source_application=instance,
    )
    if not instance.payload.get("single_posting_family"):
        _master_address(instance, acting_user, on)


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _master_address(instance: WorkflowInstance, acting_user: User, on: datetime.date) -> None:
    """The home's address into the personnel master from ``on``, unless the master already has it, or
    already records an address from ``on`` or later (a 住所変更届 of the same move decides the wording)."""
    address = str(instance.payload.get("address", ""))
    rows = (
        Address.objects.for_organization(instance.organization_id)
        .filter(as_of_q(on) | Q(valid_from__gte=on), employee_id=instance.applicant_employee_id)
        .values_list("address", "valid_from")
    )
    if any(_same(current, address) or since >= on for current, since in rows):
        return
    address_add(
        acting_user=acting_user,
        employee=applicant_employee(instance),
        valid_from=on,
        postal_code=str(instance.payload.get("postal_code", "")),
        address=address,
    )


KIND = Kind(
    code=CODE,
    label=LABEL,
    description="転居・家賃の変更・契約更新のとき。借家・借間なら住居手当を認定します。",
    clean=clean,
    effect=effect,
    summarize=summarize,
    evidence_label="賃貸借契約書・家賃の領収書の写し",
    evidence_required=True,
    allowance=AllowanceKind.HOUSING,
    attributes={"rent": "家賃の月額(円)"},
    estimate=estimate,
)
