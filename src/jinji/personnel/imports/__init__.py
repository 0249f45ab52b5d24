"""Import of employees, org units and assignment history from CSV (UTF-8 / CP932) and Excel (.xlsx).

The column layouts are in :mod:`.columns` and documented in ``docs/import-format.md``.
:func:`import_preview` is the dry run (what each row would do, every problem with row and
column), :func:`import_apply` the all-or-nothing import. Both take the acting user, who
needs the 人事担当 role.
"""

from jinji.audit.actions import register_action_labels
from jinji.personnel.imports.columns import ImportKind
from jinji.personnel.imports.outcomes import ImportPreview, ImportResult, RowAction, RowOutcome
from jinji.personnel.imports.reading import Encoding
from jinji.personnel.imports.service import import_apply, import_preview

AUDIT_LABELS = {
    "personnel.import": "データ取込",
    "personnel.export": "データ出力",
    "personnel.assignment.import": "任用履歴の取込",
}
register_action_labels(AUDIT_LABELS)

__all__ = [
    "AUDIT_LABELS",
    "Encoding",
    "ImportKind",
    "ImportPreview",
    "ImportResult",
    "RowAction",
    "RowOutcome",
    "import_apply",
    "import_preview",
]
