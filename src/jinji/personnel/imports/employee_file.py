"""Planning an employee file: every row read and checked, duplicates found, the writer prepared."""

from __future__ import annotations

from typing import Any

from jinji.accounts.models import Role
from jinji.accounts.scope import has_role
from jinji.core.errors import FieldProblem
from jinji.personnel.imports.cells import fold
from jinji.personnel.imports.employees import (
    EmployeePlan,
    EmployeeRow,
    duplicate_problems,
    load_existing,
    outcome_of,
    read_employee_row,
)
from jinji.personnel.imports.employees_write import write_employees
from jinji.personnel.imports.planned import Planned, readers
from jinji.personnel.imports.reading import Table
from jinji.personnel.imports.references import References


def _my_number_problem(table: Table, index: dict[str, int], acting_user: Any) -> list[FieldProblem]:
    column = index.get("個人番号")
    if column is None or not any(column < len(cells) and cells[column] for _, cells in table.rows):
        return []
    if has_role(acting_user, {Role.MYNUMBER_OFFICER}):
        return []
    message = "個人番号を取り込めるのは番号事務取扱担当者だけです(列を削除するか、担当者が取り込んでください)"
    return [FieldProblem("個人番号", message, row=1)]


def plan_employees(table: Table, index: dict[str, int], refs: References, acting_user: Any, *, lock: bool) -> Planned:
    """Read every row; the plan writes only if no row has a problem."""
    problems = _my_number_problem(table, index, acting_user)
    column = index["職員番号"]
    numbers = [fold(cells[column]) for _, cells in table.rows if column < len(cells)]
    existing = load_existing(refs.org_id, numbers, lock=lock)
    plan = EmployeePlan()
    seen: list[EmployeeRow] = []
    for reader in readers(table, index, problems):
        row = read_employee_row(reader, refs, existing)
        if row is None:
            continue
        seen.append(row)
        if reader.ok:
            plan.rows.append(row)
    problems.extend(duplicate_problems(seen))
    plan.outcomes = [outcome_of(row) for row in plan.rows]

    def write(user: Any) -> tuple[int, int, int]:
        return write_employees(plan, acting_user=user, org_id=refs.org_id)

    return Planned(outcomes=plan.outcomes, problems=problems, write=write)
