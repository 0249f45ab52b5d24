"""The import services the web import screen and ``jinji import-employees`` call."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jinji.accounts.models import Role
from jinji.accounts.scope import has_role
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.tenancy import tenant_context
from jinji.personnel.imports.assignments import plan_assignments
from jinji.personnel.imports.columns import LAYOUTS, ImportKind, header_map
from jinji.personnel.imports.employee_file import plan_employees
from jinji.personnel.imports.org_units import plan_org_units
from jinji.personnel.imports.outcomes import ImportPreview, ImportResult, RowAction
from jinji.personnel.imports.planned import Planned
from jinji.personnel.imports.reading import Encoding, Table, read_table
from jinji.personnel.imports.references import References


def _require_hr(acting_user: Any) -> None:
    if not has_role(acting_user, {Role.HR}):
        raise NotPermitted([FieldProblem("権限", "取込は人事担当の権限がある利用者だけが行えます")])


def _plan(kind: ImportKind, table: Table, acting_user: Any, *, lock: bool) -> Planned:
    index, problems, warnings = header_map(table.headers, LAYOUTS[kind])
    if problems:
        return Planned(problems=problems, warnings=warnings)
    refs = References.load(acting_user.organization_id)
    planners = {
        ImportKind.EMPLOYEES: plan_employees,
        ImportKind.ORG_UNITS: plan_org_units,
        ImportKind.ASSIGNMENTS: plan_assignments,
    }
    planned: Planned = planners[kind](table, index, refs, acting_user, lock=lock)
    planned.warnings = warnings + planned.warnings
    planned.problems.sort(key=lambda p: p.row or 0)
    return planned


def import_preview(
    *, acting_user: Any, file_bytes: bytes, filename: str, kind: str, encoding: str = Encoding.AUTO
) -> ImportPreview:
    """Dry run: read and validate the file and say what each row would do. Writes nothing.

    ``kind`` is ``"employees"``, ``"org_units"`` or ``"assignments"``; ``encoding`` of a CSV
    is detected (UTF-8 with or without BOM, else CP932) unless given. Problems with the file
    or any row are returned in ``problems`` (row number, column, Japanese reason), never raised;
    only a user without the 人事担当 role gets :class:`NotPermitted`.
    """
    _require_hr(acting_user)
    import_kind = ImportKind(kind)
    try:
        table = read_table(file_bytes, filename, encoding)
    except DomainError as exc:
        return ImportPreview(import_kind.value, filename, "", [], exc.problems)
    with tenant_context(acting_user.organization_id):
        planned = _plan(import_kind, table, acting_user, lock=False)
    return ImportPreview(
        import_kind.value, filename, table.source, planned.outcomes, planned.problems, planned.warnings
    )


def import_apply(
    *, acting_user: Any, file_bytes: bytes, filename: str, kind: str, encoding: str = Encoding.AUTO
) -> ImportResult:
    """Import the file: all rows in one transaction, or nothing.

    Validates exactly as :func:`import_preview` (with the rows it changes locked) and raises
    :class:`DomainError` listing every problem if there is any, having written nothing.
    Otherwise writes set-based (bulk inserts/updates), one audit event per changed row and
    one summary event ``personnel.import``.
    """
    _require_hr(acting_user)
    import_kind = ImportKind(kind)
    table = read_table(file_bytes, filename, encoding)
    org_id = acting_user.organization_id
    with tenant_context(org_id), transaction.atomic():
        planned = _plan(import_kind, table, acting_user, lock=True)
        if planned.problems:
            raise DomainError(planned.problems)
        assert planned.write is not None
        created, updated, audited = planned.write(acting_user)
        unchanged = sum(1 for o in planned.outcomes if o.action == RowAction.UNCHANGED)
        audit_record(
            actor=acting_user,
            action="personnel.import",
            target_type="personnel.import",
            target_label=f"{import_kind.label}の取込 {filename}"[:200],
            organization_id=org_id,
            after={
                "kind": import_kind.value,
                "filename": filename,
                "source": table.source,
                "rows": len(planned.outcomes),
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
            },
        )
    return ImportResult(import_kind.value, filename, created, updated, unchanged, audited + 1)
