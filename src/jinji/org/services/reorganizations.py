"""組織改正: a set of unit changes for one date, prepared in advance, cancellable until then."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.org.models import OrgUnit, OrgUnitVersion, Reorganization
from jinji.org.services.units import (
    ONE_DAY,
    NewUnit,
    UnitChange,
    _abolish,
    _change,
    _changes_of,
    _create_unit,
    _cycle_problems,
    _raise,
)


def _collect(problems: list[FieldProblem], prefix: str, exc: DomainError) -> None:
    problems.extend(FieldProblem(p.field, f"{prefix}{p.message}", p.row) for p in exc.problems)


def _reorg_new_units(
    reorganization: Reorganization, new_units: Sequence[NewUnit], problems: list[FieldProblem]
) -> dict[str, int]:
    org_id, on = reorganization.organization_id, reorganization.effective_on
    created: dict[str, int] = {}
    pending = list(new_units)
    codes = [u.code.strip() for u in pending]
    for code in {c for c in codes if codes.count(c) > 1}:
        problems.append(FieldProblem("code", f"所属コード {code} が重複しています"))
    while pending:
        ready = [u for u in pending if u.parent_code is None or u.parent_code not in codes or u.parent_code in created]
        if not ready:
            problems.append(FieldProblem("parent", "新設組織の上位組織の指定が循環しています"))
            return created
        for item in ready:
            pending.remove(item)
            parent_id = _parent_id_for(org_id, on, item.parent_code, created)
            try:
                unit = _create_unit(
                    org_id=org_id,
                    code=item.code,
                    authority_id=item.appointing_authority_id,
                    valid_from=on,
                    values={
                        "name": item.name,
                        "name_kana": item.name_kana,
                        "short_name": item.short_name,
                        "level": item.level,
                        "sort_order": item.sort_order,
                    },
                    parent_id=parent_id,
                    reorganization=reorganization,
                )
                created[item.code.strip()] = unit.pk
            except DomainError as exc:
                _collect(problems, f"新設 {item.code}: ", exc)
    return created


def _parent_id_for(org_id: int, on: datetime.date, parent_code: str | None, created: dict[str, int]) -> int | None:
    if parent_code is None:
        return None
    if parent_code in created:
        return created[parent_code]
    unit = OrgUnit.objects.for_organization(org_id).filter(code=parent_code.strip()).first()
    return -1 if unit is None else unit.pk


def _reorg_changes(
    reorg: Reorganization, units: dict[int, OrgUnit], changes: Sequence[UnitChange], problems: list[FieldProblem]
) -> None:
    for change in changes:
        unit = units.get(change.unit_id)
        try:
            if unit is None:
                raise DomainError([FieldProblem("unit", f"組織(ID {change.unit_id})が見つかりません")])
            _change(unit, reorg.effective_on, _changes_of(change), reorganization=reorg)
        except DomainError as exc:
            _collect(problems, f"{unit.code if unit else change.unit_id}: ", exc)


def _reorg_abolitions(
    reorg: Reorganization, units: dict[int, OrgUnit], unit_ids: Sequence[int], problems: list[FieldProblem]
) -> list[list[Any]]:
    """Abolish units the day before the 施行日; returns [unit id, previous end] for cancelling."""
    abolished: list[list[Any]] = []
    for unit_id in unit_ids:
        unit = units.get(unit_id)
        try:
            if unit is None:
                raise DomainError([FieldProblem("unit", f"組織(ID {unit_id})が見つかりません")])
            previous = _abolish(unit, reorg.effective_on - ONE_DAY)
            abolished.append([unit_id, None if previous is None else previous.isoformat()])
        except DomainError as exc:
            _collect(problems, f"廃止 {unit.code if unit else unit_id}: ", exc)
    return abolished


def org_reorganization_create(
    *,
    acting_user: Any,
    organization: Organization,
    name: str,
    effective_on: datetime.date,
    changes: Sequence[UnitChange] = (),
    new_units: Sequence[NewUnit] = (),
    abolished_unit_ids: Sequence[int] = (),
) -> Reorganization:
    """組織改正 prepared for ``effective_on``: new units, changes and abolitions as one set.

    All-or-nothing: the resulting tree on ``effective_on`` is validated as a whole (parents
    exist, no cycles, no unit changed twice, abolished units keep no sub-units). The changes
    are versions dated ``effective_on``, so the new tree is in force from that date on.
    """
    problems: list[FieldProblem] = []
    changed_ids = [c.unit_id for c in changes]
    for unit_id in {u for u in changed_ids if changed_ids.count(u) > 1} | (set(changed_ids) & set(abolished_unit_ids)):
        problems.append(FieldProblem("unit", f"組織(ID {unit_id})が複数回指定されています"))
    _raise(problems)
    with transaction.atomic():
        reorg: Reorganization = Reorganization.objects.create(
            organization_id=organization.pk,
            name=name.strip() or f"{effective_on.isoformat()} 組織改正",
            effective_on=effective_on,
            created_by=acting_user,
        )
        created = _reorg_new_units(reorg, new_units, problems)
        units = {
            u.pk: u
            for u in OrgUnit.objects.for_organization(organization.pk).filter(
                pk__in=[*changed_ids, *abolished_unit_ids]
            )
        }
        _reorg_changes(reorg, units, changes, problems)
        abolished = _reorg_abolitions(reorg, units, abolished_unit_ids, problems)
        problems.extend(_cycle_problems(organization.pk, effective_on, [*changed_ids, *created.values()]))
        _raise(problems)
        reorg.abolished = abolished
        reorg.save(update_fields=["abolished"])
        audit_record(
            actor=acting_user,
            action="org.reorganization.create",
            target=reorg,
            after={
                "effective_on": effective_on,
                "new_units": sorted(created),
                "changed": changed_ids,
                "abolished": list(abolished_unit_ids),
            },
        )
    return reorg


def org_reorganization_cancel(*, acting_user: Any, reorganization: Reorganization) -> None:
    """Withdraw a prepared 組織改正 before its date: its versions go and the old ones reopen."""
    org_id = reorganization.organization_id
    with transaction.atomic():
        reorg = Reorganization.objects.for_organization(org_id).select_for_update().get(pk=reorganization.pk)
        if reorg.cancelled_at is not None:
            raise DomainError([FieldProblem("", "この組織改正は既に取り消されています")])
        if reorg.effective_on <= timezone.localdate():
            raise DomainError(
                [
                    FieldProblem(
                        "effective_on", "施行日を過ぎた組織改正は取り消せません(新たな組織改正で元に戻してください)"
                    )
                ]
            )
        versions = OrgUnitVersion.objects.for_organization(org_id).select_for_update()
        for version in versions.filter(reorganization=reorg).exclude(unit__reorganization=reorg):
            versions.filter(unit_id=version.unit_id, valid_to=version.valid_from - ONE_DAY).update(
                valid_to=version.valid_to
            )
            version.delete()
        for unit_id, previous in reorg.abolished:
            end = None if previous is None else datetime.date.fromisoformat(previous)
            OrgUnit.objects.for_organization(org_id).filter(pk=unit_id).update(valid_to=end)
            versions.filter(unit_id=unit_id, valid_to=reorg.effective_on - ONE_DAY).update(valid_to=end)
        try:
            versions.filter(unit__reorganization=reorg).delete()
            OrgUnit.objects.for_organization(org_id).filter(reorganization=reorg).delete()
        except ProtectedError as exc:
            raise DomainError(
                [FieldProblem("", "新設組織が既に使われているため取り消せません(発令・権限などを先に見直してください)")]
            ) from exc
        reorg.cancelled_at = timezone.now()
        reorg.save(update_fields=["cancelled_at"])
        audit_record(actor=acting_user, action="org.reorganization.cancel", target=reorg, after={"cancelled": True})
