"""Reads for HR: cycles, templates (current versions), default periods, a cycle's sheets, 苦情."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from jinji.evaluation.directory import employee_names, unit_names_on
from jinji.evaluation.models import (
    Complaint,
    ComplaintStatus,
    Cycle,
    CycleKind,
    CycleTemplate,
    PeriodSetting,
    Sheet,
    SheetTemplate,
    Stage,
    TemplateItem,
)

DEFAULT_PERIODS = {CycleKind.COMPETENCY: (10, 1, 12), CycleKind.PERFORMANCE: (4, 1, 6)}
"""(start month, start day, months): 能力評価 10/1〜9/30, 業績評価 4/1〜9/30 と 10/1〜3/31 (❓ national model)."""
PAGE_SIZE = 50


def cycle_list(*, organization_id: int) -> QuerySet[Cycle]:
    cycles: QuerySet[Cycle] = (
        Cycle.objects.for_organization(organization_id)
        .annotate(sheet_count=Count("sheets"))
        .order_by("-period_start", "kind", "-id")
    )
    return cycles


def cycle_get(*, organization_id: int, cycle_id: int) -> Cycle | None:
    return Cycle.objects.for_organization(organization_id).filter(pk=cycle_id).first()


def cycle_templates(*, cycle: Cycle) -> list[SheetTemplate]:
    ids = CycleTemplate.objects.for_organization(cycle.organization_id).filter(cycle=cycle).values("template_id")
    return list(SheetTemplate.objects.for_organization(cycle.organization_id).filter(pk__in=ids))


def current_templates(*, organization_id: int, kind: str | None = None) -> list[SheetTemplate]:
    """The newest version of each 様式コード the organization can use (its own version first)."""
    qs = SheetTemplate.objects.for_organization(organization_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    best: dict[str, SheetTemplate] = {}
    for t in qs.order_by("code", "version"):
        held = best.get(t.code)
        if held is None or (t.organization_id is not None, t.version) >= (
            held.organization_id is not None,
            held.version,
        ):
            best[t.code] = t
    return sorted(best.values(), key=lambda t: (t.kind, t.for_fiscal_year_appointees, t.min_rank or 0, t.code))


def template_get(*, organization_id: int, template_id: int) -> tuple[SheetTemplate, list[TemplateItem]] | None:
    template = SheetTemplate.objects.for_organization(organization_id).filter(pk=template_id).first()
    if template is None:
        return None
    return template, list(TemplateItem.unscoped.filter(template=template).order_by("order"))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_period(
    *, organization_id: int, kind: str, fiscal_year: int, number: int = 1
) -> tuple[datetime.date, datetime.date]:
    """The ``number``-th period of ``kind`` starting in 年度 ``fiscal_year`` (per the organization's setting)."""
    setting = PeriodSetting.objects.for_organization(organization_id).filter(kind=kind).first()
    month, day, months = (
        (setting.start_month, setting.start_day, setting.months) if setting else DEFAULT_PERIODS[CycleKind(kind)]
    )
    year = fiscal_year if month >= 4 else fiscal_year + 1
    start = _add_months(datetime.date(year, month, day), months * (number - 1))
    return start, _add_months(start, months) - datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class CycleSheetRow:
    id: int
    staff_number: str
    name: str
    unit_name: str
    position_name: str
    stage_label: str
    first: str
    second: str
    adjuster: str
    vacancies: list[str]
    current_rating: str
    final_rating: str
    disclosed: bool


def cycle_sheets(
    *, cycle: Cycle, stage: str = "", vacant_only: bool = False, query: str = "", page: int = 1
) -> tuple[Page[Sheet], list[CycleSheetRow]]:
    """A page of the cycle's sheets (HR), filtered by stage, 空席, or 職員番号・氏名. Four queries."""
    qs = Sheet.objects.for_organization(cycle.organization_id).filter(cycle=cycle).order_by("employee__staff_number")
    if stage in Stage.values:
        qs = qs.filter(stage=stage)
    if vacant_only:
        qs = qs.filter(has_vacancy=True)
    if query.strip():
        text = query.strip()
        qs = qs.filter(Q(employee__staff_number=text) | Q(employee__search_text__contains=text))
    paginator = Paginator(qs, PAGE_SIZE)
    current = paginator.get_page(page)
    sheets: list[Sheet] = list(current.object_list)
    people = {i for s in sheets for i in (s.employee_id, s.first_evaluator_id, s.second_evaluator_id, s.adjuster_id)}
    names = employee_names(organization_id=cycle.organization_id, employee_ids={i for i in people if i is not None})
    units = unit_names_on(
        organization_id=cycle.organization_id,
        on=cycle.reference_date,
        unit_ids={s.unit_id for s in sheets if s.unit_id},
    )
    labels = {s.value: str(s.label) for s in Stage}

    def name(e: int | None) -> str:
        return names[e][1] if e in names else "(空席)"

    rows = [
        CycleSheetRow(
            s.pk,
            names.get(s.employee_id, ("", ""))[0],
            name(s.employee_id),
            units.get(s.unit_id or 0, ""),
            s.position_name,
            labels[s.stage],
            name(s.first_evaluator_id),
            name(s.second_evaluator_id),
            name(s.adjuster_id),
            [labels[v] for v in s.vacancies],
            s.current_rating,
            s.final_rating,
            s.disclosed_at is not None,
        )
        for s in sheets
    ]
    return current, rows


def open_complaints(*, organization_id: int) -> QuerySet[Complaint]:
    return (
        Complaint.objects.for_organization(organization_id)
        .exclude(status=ComplaintStatus.CLOSED)
        .select_related("sheet", "sheet__cycle")
        .order_by("filed_at")
    )


def complaint_get(*, organization_id: int, complaint_id: int) -> Complaint | None:
    return Complaint.objects.for_organization(organization_id).filter(pk=complaint_id).select_related("sheet").first()
