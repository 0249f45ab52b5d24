"""Reads of the 差額 and 追給・戻入 pages, each a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.http import Http404

from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroDifference

PAGE = 200


@dataclass(frozen=True, slots=True)
class MonthTotal:
    month: datetime.date
    employees: int
    total: int


@dataclass(frozen=True, slots=True)
class ItemTotal:
    month: datetime.date
    label: str
    employees: int
    total: int


@dataclass(frozen=True, slots=True)
class EmployeeTotal:
    employee_id: int
    staff_number: str
    name: str
    months: int
    total: int


def retro_list(*, organization_id: int) -> list[RetroCalculation]:
    return list(RetroCalculation.objects.for_organization(organization_id).select_related("payer")[:100])


def retro_get(*, organization_id: int, calculation_id: int) -> RetroCalculation:
    calc: RetroCalculation | None = (
        RetroCalculation.objects.for_organization(organization_id)
        .select_related("payer")
        .filter(pk=calculation_id)
        .first()
    )
    if calc is None:
        raise Http404("差額計算が見つかりません")
    return calc


def month_totals(*, calculation: RetroCalculation) -> list[MonthTotal]:
    rows = (
        RetroDifference.objects.filter(calculation=calculation)
        .values("source_month")
        .annotate(n=Count("employee_id", distinct=True), total=Sum("diff"))
        .order_by("source_month")
    )
    return [MonthTotal(r["source_month"], r["n"], r["total"]) for r in rows]


def item_totals(*, calculation: RetroCalculation) -> list[ItemTotal]:
    rows = (
        RetroDifference.objects.filter(calculation=calculation)
        .values("source_month", "item_label")
        .annotate(n=Count("employee_id", distinct=True), total=Sum("diff"))
        .order_by("source_month", "item_label")
    )
    return [ItemTotal(r["source_month"], r["item_label"], r["n"], r["total"]) for r in rows]


def employee_totals(*, calculation: RetroCalculation, limit: int = PAGE) -> list[EmployeeTotal]:
    rows = (
        RetroDifference.objects.filter(calculation=calculation)
        .values("employee_id", "employee__staff_number", "employee__family_name", "employee__given_name")
        .annotate(months=Count("source_month", distinct=True), total=Sum("diff"))
        .order_by("employee__staff_number")[:limit]
    )
    return [
        EmployeeTotal(
            r["employee_id"],
            r["employee__staff_number"],
            f"{r['employee__family_name']} {r['employee__given_name']}",
            r["months"],
            r["total"],
        )
        for r in rows
    ]


def correction_list(*, organization_id: int) -> list[PayCorrection]:
    qs = PayCorrection.objects.for_organization(organization_id).select_related("employee", "payer", "paid_in_run")
    return list(qs[:PAGE])
