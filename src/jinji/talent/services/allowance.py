"""資格手当の支給基準: created with an effective date, ended by setting its last day."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.core.models import Organization
from jinji.talent import events
from jinji.talent.models import Qualification, QualificationAllowanceRule
from jinji.talent.permissions import require_hr
from jinji.talent.services.common import raise_if, same_organization

MAX_MONTHLY_AMOUNT = 1_000_000


def _facts(rule: QualificationAllowanceRule, qualification_ids: Sequence[int]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "monthly_amount": rule.monthly_amount,
        "qualifications": sorted(qualification_ids),
        "valid_from": rule.valid_from,
        "valid_to": rule.valid_to,
    }


def _rule_problems(
    organization: Organization,
    *,
    code: str,
    name: str,
    monthly_amount: int,
    qualifications: Sequence[Qualification],
    valid_from: datetime.date,
    valid_to: datetime.date | None,
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not code:
        problems.append(FieldProblem("code", "手当コードを入力してください"))
    if not name:
        problems.append(FieldProblem("name", "手当名を入力してください"))
    if not isinstance(monthly_amount, int) or not 1 <= monthly_amount <= MAX_MONTHLY_AMOUNT:
        problems.append(FieldProblem("monthly_amount", f"月額は1〜{MAX_MONTHLY_AMOUNT:,}円の整数で入力してください"))
    if not qualifications:
        problems.append(FieldProblem("qualifications", "対象資格を1つ以上選んでください"))
    for q in qualifications:
        problems += same_organization(q, organization.pk, "qualifications", "資格")
    if valid_to is not None and valid_to < valid_from:
        problems.append(FieldProblem("valid_to", "適用終了日は適用開始日以降の日付にしてください"))
    return problems


def _refuse_overlap(
    organization: Organization, code: str, valid_from: datetime.date, valid_to: datetime.date | None
) -> None:
    """One rule per 手当コード at a time. Rule creation is serialised per organization (its row is locked)."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    overlap = Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    if valid_to is not None:
        overlap &= Q(valid_from__lte=valid_to)
    clash = QualificationAllowanceRule.objects.for_organization(organization).filter(overlap, code=code).exists()
    if clash:
        message = f"手当コード「{code}」の支給基準と適用期間が重なります。先に現在の基準を終了してください"
        raise_if([FieldProblem("valid_from", message)])


def allowance_rule_create(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    monthly_amount: int,
    qualifications: Sequence[Qualification],
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> QualificationAllowanceRule:
    """支給基準の作成. A revision of an existing rule ends the old one and creates a new one with the same code."""
    require_hr(acting_user)
    code, name = code.strip(), name.strip()
    raise_if(_rule_problems(organization, code=code, name=name, monthly_amount=monthly_amount,
                            qualifications=qualifications, valid_from=valid_from, valid_to=valid_to))  # fmt: skip
    with transaction.atomic():
        _refuse_overlap(organization, code, valid_from, valid_to)
        rule: QualificationAllowanceRule = QualificationAllowanceRule.objects.create(
            organization=organization,
            code=code,
            name=name,
            monthly_amount=monthly_amount,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note.strip()[:200],
            created_by=acting_user,
        )
        rule.qualifications.set(list(qualifications))
        audit_record(
            actor=acting_user,
            action=events.ALLOWANCE_RULE_CREATE,
            target=rule,
            after=_facts(rule, [q.pk for q in qualifications]),
        )
    return rule


def allowance_rule_end(
    *, acting_user: Any, rule: QualificationAllowanceRule, end_on: datetime.date
) -> QualificationAllowanceRule:
    """支給基準の終了 (適用終了日を設定)."""
    require_hr(acting_user)
    with transaction.atomic():
        locked: QualificationAllowanceRule = (
            QualificationAllowanceRule.objects.for_organization(rule.organization_id)
            .select_for_update()
            .get(pk=rule.pk)
        )
        if end_on < locked.valid_from:
            raise_if([FieldProblem("end_on", "適用終了日は適用開始日以降の日付にしてください")])
        ids = list(locked.qualifications.values_list("pk", flat=True))
        before = _facts(locked, ids)
        locked.valid_to = end_on
        locked.save(update_fields=["valid_to"])
        audit_record(
            actor=acting_user, action=events.ALLOWANCE_RULE_END, target=locked, before=before, after=_facts(locked, ids)
        )
    return locked
