"""辞令 (appointment notices) as PDF, one page per person and 発令日, rendered with WeasyPrint.

The wording follows the usual municipal style (「総務課勤務を命ずる」「2級20号給を給する」,
令和 dates, the appointing authority's name). Fonts are the system's Noto Serif/Sans CJK
through ``local()``; nothing is fetched from anywhere (a URL fetcher refuses every URL).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.template.loader import render_to_string

from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.models import as_of_q
from jinji.org.models import AppointingAuthority
from jinji.personnel.models import (
    ActionBatch,
    ActionStatus,
    ActionType,
    AppointmentType,
    Assignment,
    AssignmentKind,
    Employee,
    PersonnelAction,
)
from jinji.personnel.permissions import Purpose, employee_scope_q
from jinji.personnel.selectors.assignments import unit_names_at

_ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
)
ONE_DAY = datetime.timedelta(days=1)


def wareki(day: datetime.date) -> str:
    """令和8年4月1日 (元年 for the first year of an era)."""
    for start, era in _ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{era}{'元' if year == 1 else year}年{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True, slots=True)
class NoticePage:
    """One 辞令: a person, a date, the lines ordered, and who orders them."""

    staff_number: str
    name: str
    current_post: str
    lines: tuple[str, ...]
    date_text: str
    signatory: str


def _pay_line(action: PersonnelAction) -> str:
    if action.grade is None or action.step is None:
        return ""
    schedule = action.salary_schedule.name if action.action_type == ActionType.HIRE and action.salary_schedule else ""
    return f"{schedule}{action.grade}級{action.step}号給を給する"


def notice_lines(action: PersonnelAction, unit_name: str) -> list[str]:
    """The lines of a 辞令 for one action (``notice_text``, when entered, replaces them)."""
    if action.notice_text.strip():
        return [line.strip() for line in action.notice_text.splitlines() if line.strip()]
    position = action.position.name if action.position else ""
    kind = action.action_type
    lines: list[str] = []
    if kind == ActionType.HIRE:
        label = (
            AppointmentType(action.appointment_type).label if action.appointment_type in AppointmentType.values else ""
        )
        lines.append(f"{label}職員として採用する" if label and label != "正規" else "職員として採用する")
    if kind in (ActionType.HIRE, ActionType.PROMOTION, ActionType.TRANSFER, ActionType.REINSTATEMENT) and position:
        lines.append(f"{position}に任ずる")
    if kind in (ActionType.HIRE, ActionType.TRANSFER, ActionType.PROMOTION, ActionType.REINSTATEMENT) and unit_name:
        lines.append(f"{unit_name}勤務を命ずる")
    if kind == ActionType.LEAVE_OF_ABSENCE:
        lines.append(f"{wareki(action.end_on)}まで休職を命ずる" if action.end_on else "休職を命ずる")
    if kind == ActionType.REINSTATEMENT:
        lines.insert(0, "復職を命ずる")
    if kind == ActionType.SEPARATION:
        lines.append("退職を承認する")
    if kind == ActionType.TERM_EXPIRY:
        lines.append("任期満了により退職")
    if kind == ActionType.CONCURRENT_POST:
        word = "併任" if action.post_kind == AssignmentKind.SECONDMENT else "兼務"
        until = f"({wareki(action.end_on)}まで)" if action.end_on else ""
        lines.append(f"{unit_name}{position}{word}を命ずる{until}")
    if kind == ActionType.CONCURRENT_END:
        lines.append(f"{unit_name}兼務を解く")
    pay = _pay_line(action)
    if pay and kind not in (ActionType.SEPARATION, ActionType.TERM_EXPIRY):
        lines.append(pay)
    return lines


def _current_posts(org_id: int, actions: Sequence[PersonnelAction]) -> dict[tuple[int, datetime.date], str]:
    """(employee, 発令日) → 「総務課 主事」 as of the day before. One query per distinct date (+1 for names)."""
    by_date: defaultdict[datetime.date, set[int]] = defaultdict(set)
    for a in actions:
        by_date[a.effective_on - ONE_DAY].add(a.employee_id)
    rows: list[tuple[int, datetime.date, int, str]] = []
    for day, ids in by_date.items():
        qs = Assignment.objects.for_organization(org_id).filter(
            as_of_q(day), kind=AssignmentKind.PRIMARY, employee_id__in=sorted(ids)
        )
        rows.extend((e, day, u, p or "") for e, u, p in qs.values_list("employee_id", "org_unit_id", "position__name"))
    names = unit_names_at(org_id, [(u, day) for _, day, u, _ in rows])
    return {(e, day + ONE_DAY): f"{names[(u, day)][1]} {p}".strip() for e, day, u, p in rows}


def notice_pages(actions: Sequence[PersonnelAction]) -> list[NoticePage]:
    """Group actions into 辞令 pages (one per person and date), in 職員番号 order. Bounded queries."""
    if not actions:
        return []
    org_id = actions[0].organization_id
    units = unit_names_at(org_id, [(a.org_unit_id, a.effective_on) for a in actions if a.org_unit_id])
    authorities = {a.pk: a.notice_signatory or a.name for a in AppointingAuthority.objects.for_organization(org_id)}
    posts = _current_posts(org_id, actions)
    grouped: defaultdict[tuple[int, datetime.date], list[PersonnelAction]] = defaultdict(list)
    for a in actions:
        grouped[(a.employee_id, a.effective_on)].append(a)
    pages = []
    for (employee_id, on), items in grouped.items():
        employee = items[0].employee
        lines = [
            line for a in items for line in notice_lines(a, units[(a.org_unit_id, on)][1] if a.org_unit_id else "")
        ]
        authority_id = next((a.appointing_authority_id for a in items if a.appointing_authority_id), None)
        pages.append(
            NoticePage(
                staff_number=employee.staff_number,
                name=employee.working_name,
                current_post=posts.get((employee_id, on), ""),
                lines=tuple(lines),
                date_text=wareki(on),
                signatory=authorities.get(authority_id or 0, "") or _default_signatory(authorities),
            )
        )
    pages.sort(key=lambda p: (p.staff_number, p.date_text))
    return pages


def _default_signatory(authorities: dict[int, str]) -> str:
    return next(iter(authorities.values()), "任命権者")


def notice_html(actions: Sequence[PersonnelAction]) -> str:
    """The 辞令 as HTML (what the PDF is made from; also usable as a browser preview)."""
    return render_to_string("personnel/notice.html", {"pages": notice_pages(actions)})


_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")


def _local_fonts_only() -> Any:
    """A WeasyPrint URL fetcher that opens system font files (from ``local()``) and refuses everything else."""
    from weasyprint.urls import URLFetcher

    class LocalFontsOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://") and url.lower().endswith(_FONT_SUFFIXES):
                return super().fetch(url, headers)
            raise ValueError(f"辞令の作成中に外部の資源を読み込むことはできません: {url}")

    return LocalFontsOnly(allowed_protocols=("file",))


def render_pdf(html: str) -> bytes:
    """PDF bytes from HTML with WeasyPrint, without any network or file access."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, url_fetcher=_local_fonts_only()).write_pdf()
    return pdf


def _notice_actions(qs: QuerySet[PersonnelAction]) -> list[PersonnelAction]:
    return list(
        qs.exclude(status__in=[ActionStatus.CANCELLED, ActionStatus.SUPERSEDED])
        .select_related("employee", "position", "salary_schedule")
        .order_by("employee__staff_number", "effective_on", "id")
    )


def _check_scope(acting_user: Any, org_id: int, employee_ids: set[int], on: datetime.date) -> None:
    outside = (
        Employee.objects.for_organization(org_id)
        .filter(pk__in=sorted(employee_ids))
        .exclude(employee_scope_q(acting_user, on=on, purpose=Purpose.CHANGE))
    )
    if outside.exists():
        raise NotPermitted([FieldProblem("employee", "辞令を作成する権限のない職員が含まれています")])


def _pdf_for(acting_user: Any, actions: list[PersonnelAction], target: Any) -> bytes:
    if not actions:
        raise DomainError([FieldProblem("actions", "辞令にする発令がありません")])
    org_id = actions[0].organization_id
    _check_scope(acting_user, org_id, {a.employee_id for a in actions}, max(a.effective_on for a in actions))
    pdf = render_pdf(notice_html(actions))
    audit_record(
        actor=acting_user,
        action="personnel.notice.print",
        target=target,
        kind=AuditKind.READ,
        after={"actions": len(actions), "people": len({a.employee_id for a in actions})},
    )
    return pdf


def employee_notice_pdf(
    *, acting_user: Any, employee: Employee, effective_on: datetime.date | None = None, batch: ActionBatch | None = None
) -> bytes:
    """The 辞令 of one person (their 発令 on ``effective_on`` and/or in ``batch``; drafts print as 内示)."""
    qs = PersonnelAction.objects.for_organization(employee.organization_id).filter(employee=employee)
    if effective_on is not None:
        qs = qs.filter(effective_on=effective_on)
    if batch is not None:
        qs = qs.filter(batch=batch)
    return _pdf_for(acting_user, _notice_actions(qs), employee)


def action_notice_pdf(*, acting_user: Any, action: PersonnelAction) -> bytes:
    """The 辞令 of one 発令."""
    qs = PersonnelAction.objects.for_organization(action.organization_id).filter(pk=action.pk)
    return _pdf_for(acting_user, _notice_actions(qs), action)


def action_batch_notices_pdf(*, acting_user: Any, batch: ActionBatch) -> bytes:
    """Every 辞令 of a batch in one PDF (one page per person), ordered by 職員番号."""
    qs = PersonnelAction.objects.for_organization(batch.organization_id).filter(batch=batch)
    return _pdf_for(acting_user, _notice_actions(qs), batch)
