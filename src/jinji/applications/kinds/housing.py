"""住居届: the home and, for rented housing, the monthly rent → 住居手当 determination.

The personnel master keeps no housing record, so 決裁 writes only the 認定簿 (the application
itself is the record of the home). The rent excludes 光熱水費・共益費・敷金・礼金 (reference §C5).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jinji.accounts.models import User
from jinji.applications.allowances import AllowanceResult, housing_result
from jinji.applications.kinds.base import Cleaned, Context, Kind, effective_date, yen_text, yes_no
from jinji.applications.kinds.fields import PayloadReader
from jinji.applications.models import AllowanceKind
from jinji.applications.services.determinations import determination_record
from jinji.core.errors import DomainError, FieldProblem
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
    data: dict[str, Any] = {
        "housing_type": housing_type,
        "address": r.text("address", "住居の所在地"),
        "rent": (r.yen("rent", "家賃の月額", minimum=1) if rented else 0) or 0,
        "landlord": r.text("landlord", "貸主の氏名・名称", required=rented, max_length=100) if rented else "",
        "contract_start": "",
        "single_posting_family": r.flag("single_posting_family") if rented else False,
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
