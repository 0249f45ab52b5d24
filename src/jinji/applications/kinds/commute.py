"""通勤届: route, 交通機関 (commuter pass prices and periods) and/or 自動車等 (one-way distance, parking).

決裁 → ``commute_route_add`` (通勤経路 from the 発効日) and a 通勤手当 determination in the 認定簿,
with its income-tax non-taxable part, computed by :func:`jinji.applications.allowances.commuting_result`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from jinji.accounts.models import User
from jinji.applications.allowances import AllowanceResult, TransitLeg, commuting_result
from jinji.applications.kinds.base import (
    Cleaned,
    Context,
    Kind,
    applicant_employee,
    effective_date,
    yen_text,
)
from jinji.applications.kinds.fields import PayloadReader, km_text
from jinji.applications.models import AllowanceKind
from jinji.applications.services.determinations import determination_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import CommuteMethod
from jinji.personnel.services import commute_route_add
from jinji.rules.pay import PASS_MONTHS
from jinji.workflow.models import WorkflowInstance

CODE = "commuting_notification"
LABEL = "通勤届"
METHODS = {str(value): str(label) for value, label in CommuteMethod.choices}
WITH_TRANSIT = frozenset({CommuteMethod.TRANSPORT, CommuteMethod.MIXED})
WITH_VEHICLE = frozenset({CommuteMethod.VEHICLE, CommuteMethod.MIXED})
MAX_LEGS = 5
PERIODS = {str(m): f"{m}箇月" for m in PASS_MONTHS}


def _legs(r: PayloadReader, method: str) -> list[dict[str, Any]]:
    raw = r.items("legs", "利用する交通機関")
    if method not in WITH_TRANSIT:
        return []
    legs: list[dict[str, Any]] = []
    for i, item in enumerate(raw):
        if not any(str(item.get(k, "")).strip() for k in ("name", "pass_price")):
            continue  # an empty row of the form
        leg = r.nested("legs", i, item)
        months = leg.choice("pass_months", f"交通機関{i + 1}の定期券の期間", PERIODS)
        legs.append(
            {
                "name": leg.text("name", f"交通機関{i + 1}の区間(例: JR 〇〇駅〜△△駅)", max_length=100),
                "pass_price": leg.yen("pass_price", f"交通機関{i + 1}の定期券の価額", minimum=1),
                "pass_months": int(months) if months else None,
            }
        )
    if not legs:
        r.problem("legs", "交通機関を利用する場合は、区間と定期券の価額・期間を1つ以上入力してください")
    elif len(legs) > MAX_LEGS:
        r.problem("legs", f"交通機関は{MAX_LEGS}区間までです")
    return legs


def clean(payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    r = PayloadReader(payload)
    method = r.choice("method", "通勤方法", METHODS)
    distance_m = r.km("distance_km", "片道の通勤距離")
    data: dict[str, Any] = {
        "method": method,
        "route": r.text("route", "通勤経路", max_length=300),
        "distance_km": km_text(distance_m) if distance_m is not None else "",
        "legs": _legs(r, method),
        "parking_fee": 0,
    }
    if method in WITH_VEHICLE:
        data["parking_fee"] = r.yen("parking_fee", "駐車場の月額", required=False) or 0
    attributes = {"distance_km": data["distance_km"] or "0"}
    return Cleaned(payload=data, problems=r.problems, attributes=attributes)


def estimate(payload: Mapping[str, Any], ctx: Context) -> AllowanceResult | None:
    """The 通勤手当 this (clean) payload gives on the 発効日."""
    if ctx.effective_on is None or not payload.get("distance_km"):
        return None
    legs = [TransitLeg(str(x["name"]), int(x["pass_price"]), int(x["pass_months"])) for x in payload.get("legs", [])]
    return commuting_result(
        on=ctx.effective_on,
        legs=legs,
        distance_m=int(Decimal(str(payload["distance_km"])) * 1000),
        vehicle=payload.get("method") in WITH_VEHICLE,
        parking_fee=int(payload.get("parking_fee") or 0),
    )


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    rows = [
        ("通勤方法", METHODS.get(str(payload.get("method", "")), "")),
        ("通勤経路", str(payload.get("route", ""))),
        ("片道の通勤距離", f"{payload.get('distance_km', '')}km"),
    ]
    for i, leg in enumerate(payload.get("legs", []), start=1):
        rows.append(
            (
                f"交通機関{i}",
                f"{leg.get('name', '')} 定期{leg.get('pass_months')}箇月 {yen_text(leg.get('pass_price'))}",
            )
        )
    if payload.get("method") in WITH_VEHICLE:
        rows.append(("駐車場の月額", yen_text(int(payload.get("parking_fee") or 0))))
    return rows


def effect(instance: WorkflowInstance, acting_user: User) -> None:
    """The route from the 発効日, and the 通勤手当 determination from the same day."""
    on = effective_date(instance)
    ctx = Context(instance.organization_id, instance.applicant_employee_id, on)
    result = estimate(instance.payload, ctx)
    if result is None:
        raise DomainError([FieldProblem(field="payload", message="通勤届の内容が不完全です(距離・発効日)")])
    commute_route_add(
        acting_user=acting_user,
        employee=applicant_employee(instance),
        valid_from=on,
        method=str(instance.payload["method"]),
        distance_hm=int(result.basis["distance_m"]) // 100,
        route=str(instance.payload.get("route", "")),
        monthly_fare=int(result.basis["transit_fare"]),
    )
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
    description="通勤経路・方法が変わったとき、新たに通勤手当を受けるとき。通勤手当を認定します。",
    clean=clean,
    effect=effect,
    summarize=summarize,
    evidence_label="定期券の価額がわかる書類・経路図など",
    evidence_required=True,
    allowance=AllowanceKind.COMMUTING,
    attributes={"distance_km": "片道の通勤距離(km)"},
    estimate=estimate,
)
