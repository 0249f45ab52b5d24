"""評価期間の設定と評価サイクル: create a cycle with its deadlines and template versions."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation import events
from jinji.evaluation.models import Cycle, CycleKind, CycleStatus, CycleTemplate, PeriodSetting, SheetTemplate
from jinji.evaluation.permissions import require_hr
from jinji.evaluation.services.common import problem
from jinji.personnel.models import Employee


def period_setting_save(
    *, acting_user: Any, organization_id: int, kind: str, start_month: int, start_day: int, months: int
) -> PeriodSetting:
    """評価期間の設定 of the organization for ``kind`` (能力評価 12箇月, 業績評価 6箇月 are usual)."""
    require_hr(acting_user, "評価期間の設定")
    problems: list[FieldProblem] = []
    if kind not in CycleKind.values:
        problems.append(FieldProblem("kind", "評価の種類を選んでください"))
    if not 1 <= start_month <= 12 or not 1 <= start_day <= 28:
        problems.append(FieldProblem("start_month", "開始日は1〜12月、1〜28日で指定してください"))
    if months not in (3, 4, 6, 12):
        problems.append(FieldProblem("months", "期間の長さは3・4・6・12箇月のいずれかにしてください"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        setting: PeriodSetting
        setting, _ = (
            PeriodSetting.objects.for_organization(organization_id)
            .select_for_update()
            .get_or_create(
                organization_id=organization_id,
                kind=kind,
                defaults={"start_month": start_month, "start_day": start_day, "months": months},
            )
        )
        setting.start_month, setting.start_day, setting.months = start_month, start_day, months
        setting.save()
        audit_record(
            actor=acting_user,
            action=events.PERIOD_SETTING_SAVE,
            target=setting,
            after={"kind": kind, "start_month": start_month, "start_day": start_day, "months": months},
        )
    return setting


@dataclass(frozen=True, slots=True)
class CycleInput:
    name: str
    kind: str
    period_start: datetime.date
    period_end: datetime.date
    reference_date: datetime.date
    self_due: datetime.date
    first_due: datetime.date
    second_due: datetime.date
    adjust_due: datetime.date


def _date_problems(data: CycleInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not data.name.strip():
        problems.append(FieldProblem("name", "名称を入力してください"))
    if data.kind not in CycleKind.values:
        problems.append(FieldProblem("kind", "評価の種類を選んでください"))
    if data.period_end < data.period_start:
        problems.append(FieldProblem("period_end", "評価期間の終了日は開始日より後にしてください"))
    if not data.period_start <= data.reference_date <= data.period_end:
        problems.append(FieldProblem("reference_date", "評価基準日は評価期間の中の日にしてください"))
    dues = [
        ("self_due", data.self_due),
        ("first_due", data.first_due),
        ("second_due", data.second_due),
        ("adjust_due", data.adjust_due),
    ]
    for (_, earlier), (name, later) in itertools.pairwise(dues):
        if later < earlier:
            problems.append(
                FieldProblem(name, "期限は自己評価・一次評価・二次評価・調整の順に同じ日か後の日にしてください")
            )
    return problems


def _template_problems(kind: str, templates: Sequence[SheetTemplate]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if any(t.kind != kind for t in templates):
        problems.append(FieldProblem("templates", "評価の種類が異なる様式は使えません"))
    regular = sorted((t for t in templates if not t.for_fiscal_year_appointees), key=lambda t: t.min_rank or 0)
    if not regular:
        problems.append(FieldProblem("templates", "会計年度任用職員以外の職員に使う様式を選んでください"))
    for a, b in itertools.pairwise(regular):
        if a.max_rank is None or (b.min_rank or 0) <= a.max_rank:
            problems.append(FieldProblem("templates", f"「{a.name}」と「{b.name}」の対象の職の序列が重なっています"))
    if sum(1 for t in templates if t.for_fiscal_year_appointees) > 1:
        problems.append(FieldProblem("templates", "会計年度任用職員の様式は1つだけ選んでください"))
    return problems


def cycle_create(
    *,
    acting_user: Any,
    organization_id: int,
    data: CycleInput,
    template_ids: Sequence[int],
    adjuster: Employee | None = None,
) -> Cycle:
    """評価サイクルの作成 with its deadlines and the template versions its sheets will use."""
    require_hr(acting_user, "評価サイクルの作成")
    templates = list(SheetTemplate.objects.for_organization(organization_id).filter(pk__in=list(template_ids)))
    problems = _date_problems(data) + _template_problems(data.kind, templates)
    if len(templates) != len(set(template_ids)):
        problems.append(FieldProblem("templates", "選んだ様式が見つかりません"))
    if adjuster is not None and adjuster.organization_id != organization_id:
        problems.append(FieldProblem("adjuster", "他の団体の職員は指定できません"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        cycle: Cycle = Cycle.objects.create(
            organization_id=organization_id,
            adjuster=adjuster,
            created_by=acting_user,
            **{f.name: getattr(data, f.name) for f in fields(CycleInput)},
        )
        CycleTemplate.objects.bulk_create(
            CycleTemplate(organization_id=organization_id, cycle=cycle, template=t) for t in templates
        )
        audit_record(
            actor=acting_user,
            action=events.CYCLE_CREATE,
            target=cycle,
            after={**{f.name: getattr(data, f.name) for f in fields(CycleInput)}, "templates": sorted(template_ids)},
        )
    return cycle


DEADLINES = ("self_due", "first_due", "second_due", "adjust_due")


def cycle_update_deadlines(
    *, acting_user: Any, cycle: Cycle, deadlines: dict[str, datetime.date], expected_version: int | None = None
) -> Cycle:
    """期限の変更 (e.g. an extension); the order 自己 ≤ 一次 ≤ 二次 ≤ 調整 is kept."""
    require_hr(acting_user, "期限の変更")
    unknown = sorted(set(deadlines) - set(DEADLINES))
    if unknown:
        raise problem(unknown[0], "変更できない項目です")
    with transaction.atomic():
        locked: Cycle = Cycle.objects.for_organization(cycle.organization_id).select_for_update().get(pk=cycle.pk)
        if expected_version is not None and expected_version != locked.version:
            raise problem("version", "他の利用者が先に更新しました。画面を開き直してください")
        if locked.status == CycleStatus.CLOSED:
            raise problem("status", "終了したサイクルの期限は変更できません")
        before = {name: getattr(locked, name) for name in DEADLINES}
        for name, value in deadlines.items():
            setattr(locked, name, value)
        data = CycleInput(**{f.name: getattr(locked, f.name) for f in fields(CycleInput)})
        problems = _date_problems(data)
        if problems:
            raise DomainError(problems)
        locked.version += 1
        locked.save(update_fields=[*DEADLINES, "version"])
        audit_record(
            actor=acting_user,
            action=events.CYCLE_UPDATE,
            target=locked,
            before=before,
            after={name: getattr(locked, name) for name in DEADLINES},
        )
    return locked
