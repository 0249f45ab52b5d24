"""Org unit rows (組織): new units, changes from a date (new version), abolition.

Checked here row by row (with row numbers) and written through the org services
(:mod:`jinji.org.services`), which keep the versions consistent and audit each change.
Parents named in the same file are created first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.org.models import AppointingAuthority, OrgUnit, OrgUnitVersion
from jinji.org.services import org_unit_abolish, org_unit_change, org_unit_create
from jinji.personnel.imports.cells import RowReader
from jinji.personnel.imports.columns import UNIT_LEVELS
from jinji.personnel.imports.outcomes import RowAction, RowOutcome
from jinji.personnel.imports.planned import Planned, readers
from jinji.personnel.imports.reading import Table
from jinji.personnel.imports.references import Dated, References

VERSION_FIELDS = {
    "名称": "name",
    "名称フリガナ": "name_kana",
    "略称": "short_name",
    "階層": "level",
    "上位所属コード": "parent_code",
    "表示順": "sort_order",
}


@dataclass(slots=True)
class UnitRow:
    row: int
    code: str
    values: dict[str, Any]
    authority_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    existing: Dated | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    abolish: bool = False


def _versions(org_id: int, codes: dict[int, str]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    qs = OrgUnitVersion.objects.for_organization(org_id).order_by("valid_from")
    for v in qs.values(
        "unit_id", "valid_from", "valid_to", "name", "name_kana", "short_name", "level", "parent_id", "sort_order"
    ):
        v["parent_code"] = codes.get(v.pop("parent_id"), "")
        found.setdefault(v["unit_id"], []).append(v)
    return found


def _read(r: RowReader, refs: References) -> UnitRow:
    code = r.code("所属コード", required=True)
    values = {
        "name": r.text("名称", required=True, max_length=100),
        "name_kana": r.kana("名称フリガナ", max_length=200),
        "short_name": r.text("略称", max_length=50),
        "level": r.choice("階層", UNIT_LEVELS, required=True),
        "parent_code": r.code("上位所属コード"),
        "sort_order": r.integer("表示順", low=0, high=99999) or 0,
    }
    authority = refs.coded(r, "任命権者コード", refs.authorities)
    if not r.raw("任命権者コード"):
        r.problem("任命権者コード", "入力してください")
    valid_from, valid_to = r.date("適用開始日", required=True), r.date("適用終了日")
    if valid_from and valid_to and valid_to < valid_from:
        r.problem("適用終了日", "適用終了日は適用開始日以降の日付にしてください")
    if code and values["parent_code"] == code:
        r.problem("上位所属コード", "自分自身を上位組織にはできません")
    return UnitRow(
        r.row,
        code,
        {k: v for k, v in values.items() if r.has(_header(k))},
        authority,
        valid_from,
        valid_to,
        refs.units.get(code),
    )


def _header(field_name: str) -> str:
    return next(h for h, f in VERSION_FIELDS.items() if f == field_name)


def _parent_ok(r: RowReader, row: UnitRow, refs: References, new: dict[str, UnitRow]) -> None:
    code = row.values.get("parent_code", "")
    if not code or row.valid_from is None:
        return
    parent = refs.units.get(code)
    if parent is not None:
        if not parent.valid_on(row.valid_from):
            r.problem("上位所属コード", f"上位組織「{code}」は{row.valid_from.isoformat()}には存在しません")
        return
    planned = new.get(code)
    if planned is None:
        r.problem("上位所属コード", f"上位組織「{code}」は登録されておらず、このファイルにもありません")
    elif planned.valid_from and planned.valid_from > row.valid_from:
        r.problem("上位所属コード", f"上位組織「{code}」は{planned.valid_from.isoformat()}からです")


def _compare(r: RowReader, row: UnitRow, versions: list[dict[str, Any]]) -> None:
    unit = row.existing
    assert unit is not None
    assert row.valid_from is not None
    if row.authority_id is not None and row.authority_id != unit.authority_id:
        r.problem("任命権者コード", "登録済みの組織の任命権者は変更できません")
    if not unit.valid_on(row.valid_from):
        r.problem(
            "適用開始日", f"組織「{row.code}」は{row.valid_from.isoformat()}には存在しません(存続期間 {unit.span()})"
        )
        return
    on = row.valid_from
    current = next(
        (v for v in versions if v["valid_from"] <= on and (v["valid_to"] is None or on <= v["valid_to"])), None
    )
    if current is None:
        r.problem("適用開始日", f"組織「{row.code}」には{on.isoformat()}時点の版がありません")
        return
    later = [v for v in versions if v["valid_from"] > row.valid_from]
    row.changes = {k: (current[k], v) for k, v in row.values.items() if current[k] != v}
    if row.changes and later:
        r.problem("適用開始日", f"組織「{row.code}」には{later[0]['valid_from'].isoformat()}からの版が既にあります")
    if r.has("適用終了日") and row.valid_to != unit.valid_to:
        if row.valid_to is None:
            r.problem("適用終了日", f"組織「{row.code}」の廃止({unit.valid_to})は取込では取り消せません")
        else:
            row.abolish = True


def plan_org_units(table: Table, index: dict[str, int], refs: References, acting_user: Any, *, lock: bool) -> Planned:
    del lock  # the org services lock the units they change
    problems: list[FieldProblem] = []
    codes = {unit.id: code for code, unit in refs.units.items()}
    versions = _versions(refs.org_id, codes)
    rows: list[tuple[RowReader, UnitRow]] = [(r, _read(r, refs)) for r in readers(table, index, problems)]
    first: dict[str, int] = {}
    new = {row.code: row for _, row in rows if row.code and row.existing is None}
    for r, row in rows:
        seen = first.setdefault(row.code, row.row)
        if row.code and seen != row.row:
            r.problem("所属コード", f"所属コード「{row.code}」が{seen}行目と重複しています")
        _parent_ok(r, row, refs, new)
        if row.existing is not None and row.valid_from is not None:
            _compare(r, row, versions.get(row.existing.id, []))
    good = [row for r, row in rows if not any(p.row == row.row for p in problems)]
    outcomes = [_outcome(row) for row in good]

    def write(user: Any) -> tuple[int, int, int]:
        return _write(good, refs, user)

    return Planned(outcomes=outcomes, problems=problems, write=write)


def _outcome(row: UnitRow) -> RowOutcome:
    if row.existing is None:
        return RowOutcome(row.row, row.code, RowAction.CREATE)
    changes = {_header(k): (str(a), str(b)) for k, (a, b) in row.changes.items()}
    if row.abolish:
        changes["適用終了日"] = (str(row.existing.valid_to or ""), str(row.valid_to))
    return RowOutcome(row.row, row.code, RowAction.UPDATE if changes else RowAction.UNCHANGED, changes)


def _depth(row: UnitRow, new: dict[str, UnitRow]) -> int:
    depth, parent, seen = 0, row.values.get("parent_code"), {row.code}
    while parent in new and parent not in seen:
        seen.add(parent)
        depth, parent = depth + 1, new[parent].values.get("parent_code")
    return depth


def _write(rows: list[UnitRow], refs: References, user: Any) -> tuple[int, int, int]:
    org = Organization.objects.get(pk=refs.org_id)
    authorities = AppointingAuthority.objects.for_organization(org.pk).in_bulk()
    units = {u.code: u for u in OrgUnit.objects.for_organization(org.pk)}
    new = {row.code: row for row in rows if row.existing is None}
    created = updated = 0
    for row in sorted(new.values(), key=lambda r: _depth(r, new)):
        with _row_errors(row.row):
            assert row.authority_id is not None
            assert row.valid_from is not None
            parent = units.get(row.values.get("parent_code") or "")
            values = {k: v for k, v in row.values.items() if k in ("name_kana", "short_name", "sort_order")}
            units[row.code] = org_unit_create(
                acting_user=user,
                organization=org,
                code=row.code,
                name=row.values["name"],
                level=row.values["level"],
                appointing_authority=authorities[row.authority_id],
                valid_from=row.valid_from,
                parent=parent,
                **values,
            )
            if row.valid_to is not None:
                org_unit_abolish(acting_user=user, unit=units[row.code], last_day=row.valid_to)
            created += 1
    for row in rows:
        if row.existing is None or not (row.changes or row.abolish):
            continue
        with _row_errors(row.row):
            _change(row, units, user)
            updated += 1
    return created, updated, 0


def _change(row: UnitRow, units: dict[str, OrgUnit], user: Any) -> None:
    unit = units[row.code]
    assert row.valid_from is not None
    if row.changes:
        changes = {k: after for k, (_, after) in row.changes.items()}
        if "parent_code" in changes:
            code = changes.pop("parent_code")
            changes["parent"] = units[code] if code else None
        org_unit_change(acting_user=user, unit=unit, effective_on=row.valid_from, **changes)
    if row.abolish and row.valid_to is not None:
        org_unit_abolish(acting_user=user, unit=unit, last_day=row.valid_to)


_SERVICE_FIELDS = {
    "code": "所属コード",
    "name": "名称",
    "level": "階層",
    "parent": "上位所属コード",
    "effective_on": "適用開始日",
    "valid_to": "適用終了日",
    "appointing_authority": "任命権者コード",
}


@contextmanager
def _row_errors(row: int) -> Iterator[None]:
    """Re-raise a DomainError from the org services with the row number and the column."""
    try:
        yield
    except DomainError as exc:
        problems = [FieldProblem(_SERVICE_FIELDS.get(p.field, "所属コード"), p.message, row=row) for p in exc.problems]
        raise DomainError(problems) from exc
