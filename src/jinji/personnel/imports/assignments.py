"""Assignment history rows (任用・所属履歴): past and present periods migrated from another system.

Each row is one period of one registered employee. Rows identical to a registered period
are unchanged; a registered period starting on the same day with other contents is refused
(history is corrected by 発令, not overwritten), as is any overlap of 本務 periods with the
registered ones or with other rows of the file. New periods are inserted set-based.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import asdict, dataclass
from typing import Any

from jinji.core.bulk import RowInserter
from jinji.core.errors import FieldProblem
from jinji.personnel.imports.audit_rows import AuditItem, write_audit
from jinji.personnel.imports.cells import RowReader, fold
from jinji.personnel.imports.columns import ASSIGNMENT_KINDS
from jinji.personnel.imports.employees import Existing, load_existing
from jinji.personnel.imports.outcomes import RowAction, RowOutcome
from jinji.personnel.imports.planned import Planned, readers
from jinji.personnel.imports.reading import Table
from jinji.personnel.imports.references import POST_FIELDS, PostValues, References, read_post
from jinji.personnel.models import Assignment, AssignmentKind

FAR = datetime.date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class Period:
    row: int
    employee: Existing
    staff_number: str
    kind: str
    post: PostValues
    valid_from: datetime.date
    valid_to: datetime.date | None

    def overlaps(self, start: datetime.date, end: datetime.date | None) -> bool:
        return self.valid_from <= (end or FAR) and start <= (self.valid_to or FAR)


def _registered(org_id: int, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    found: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 5000):
        qs = Assignment.objects.for_organization(org_id).filter(employee_id__in=ids[start : start + 5000])
        for values in qs.values("employee_id", "kind", "valid_from", "valid_to", *POST_FIELDS):
            found.setdefault(values["employee_id"], []).append(values)
    return found


def _span(start: datetime.date, end: datetime.date | None) -> str:
    return f"{start.isoformat()}〜{end.isoformat() if end else ''}"


def _read(r: RowReader, refs: References, employees: dict[str, Existing]) -> Period | None:
    number = r.code("職員番号", required=True)
    employee = employees.get(number) if number else None
    if number and employee is None:
        r.problem("職員番号", f"職員番号「{number}」の職員は登録されていません")
    kind = r.choice("区分", ASSIGNMENT_KINDS, default=AssignmentKind.PRIMARY.value)
    valid_from, valid_to = r.date("適用開始日", required=True), r.date("適用終了日")
    if valid_from and valid_to and valid_to < valid_from:
        r.problem("適用終了日", "適用終了日は適用開始日以降の日付にしてください")
    post = read_post(r, refs, valid_from)
    if employee is None or post is None or valid_from is None or not r.ok:
        return None
    if valid_from < employee.hired_on:
        r.problem("適用開始日", f"入庁日({employee.hired_on.isoformat()})より前の期間です")
    if employee.separated_on and (valid_to is None or valid_to > employee.separated_on):
        r.problem("適用終了日", f"退職日({employee.separated_on.isoformat()})より後まで続く期間です")
    return Period(r.row, employee, number, kind, post, valid_from, valid_to)


def _same_start(period: Period, registered: list[dict[str, Any]]) -> dict[str, Any] | None:
    for values in registered:
        if values["kind"] != period.kind or values["valid_from"] != period.valid_from:
            continue
        if period.kind == AssignmentKind.PRIMARY or values["org_unit_id"] == period.post.org_unit_id:
            return values
    return None


def _check(r: RowReader, period: Period, registered: list[dict[str, Any]]) -> RowAction | None:
    """UNCHANGED for a period already registered as it is, CREATE for a new one, None if refused."""
    same = _same_start(period, registered)
    if same is not None:
        if PostValues(**{k: same[k] for k in POST_FIELDS}) == period.post and same["valid_to"] == period.valid_to:
            return RowAction.UNCHANGED
        r.problem(
            "適用開始日",
            f"{period.valid_from.isoformat()}からの履歴が既に登録されていて内容が異なります"
            "(登録済みの履歴の訂正は発令の訂正で行ってください)",
        )
        return None
    if period.kind == AssignmentKind.PRIMARY:
        for values in registered:
            if values["kind"] == AssignmentKind.PRIMARY and period.overlaps(values["valid_from"], values["valid_to"]):
                span = _span(values["valid_from"], values["valid_to"])
                r.problem("適用開始日", f"本務の期間が登録済みの任用({span})と重なっています")
                return None
    return RowAction.CREATE


def _file_overlaps(periods: list[Period], problems: list[FieldProblem]) -> None:
    by_employee: dict[int, list[Period]] = {}
    for p in periods:
        if p.kind == AssignmentKind.PRIMARY:
            by_employee.setdefault(p.employee.id, []).append(p)
    for rows in by_employee.values():
        rows.sort(key=lambda p: p.valid_from)
        for before, after in itertools.pairwise(rows):
            if before.overlaps(after.valid_from, after.valid_to):
                message = f"本務の期間が{before.row}行目({_span(before.valid_from, before.valid_to)})と重なっています"
                problems.append(FieldProblem("適用開始日", message, row=after.row))


def plan_assignments(table: Table, index: dict[str, int], refs: References, acting_user: Any, *, lock: bool) -> Planned:
    problems: list[FieldProblem] = []
    column = index["職員番号"]
    employees = load_existing(refs.org_id, [fold(c[column]) for _, c in table.rows if column < len(c)], lock=lock)
    registered = _registered(refs.org_id, sorted(e.id for e in employees.values()))
    periods: list[Period] = []
    outcomes: list[RowOutcome] = []
    for r in readers(table, index, problems):
        period = _read(r, refs, employees)
        if period is None or not r.ok:
            continue
        action = _check(r, period, registered.get(period.employee.id, []))
        if action is not None:
            periods.append(period)
            outcomes.append(RowOutcome(r.row, f"{period.staff_number} {period.valid_from.isoformat()}", action))
    _file_overlaps([p for p, o in zip(periods, outcomes, strict=True) if o.action == RowAction.CREATE], problems)
    new = [p for p, o in zip(periods, outcomes, strict=True) if o.action == RowAction.CREATE]

    def write(user: Any) -> tuple[int, int, int]:
        return len(new), 0, _write(new, refs.org_id, user)

    return Planned(outcomes=outcomes, problems=problems, write=write)


_FIELDS = ("organization_id", "employee_id", "kind", *POST_FIELDS, "valid_from", "valid_to")


def _write(periods: list[Period], org_id: int, user: Any) -> int:
    """Insert the new periods and audit each on its employee (one prepared statement each)."""
    RowInserter(Assignment, _FIELDS).insert(
        (org_id, p.employee.id, p.kind, *(getattr(p.post, f) for f in POST_FIELDS), p.valid_from, p.valid_to)
        for p in periods
    )
    items = [
        AuditItem(
            "personnel.employee",
            p.employee.id,
            f"{p.staff_number} 任用履歴 {_span(p.valid_from, p.valid_to)}",
            None,
            {**asdict(p.post), "kind": p.kind, "valid_from": p.valid_from, "valid_to": p.valid_to, "row": p.row,
             "source": "import"},
        )
        for p in periods
    ]  # fmt: skip
    return write_audit(actor=user, organization_id=org_id, action="personnel.assignment.import", items=items)
