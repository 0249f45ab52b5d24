"""Reads of the 庶務事務 app: the 認定簿 (for payroll and the screens) and 添付書類."""

from jinji.applications.selectors.attachments import (
    AttachmentView,
    attachment_for_download,
    attachments_of,
    may_read_attachments,
)
from jinji.applications.selectors.determinations import (
    Determination,
    DeterminationPage,
    DeterminationRow,
    allowance_determinations,
    determination_export_rows,
    determination_page,
)

__all__ = [
    "AttachmentView",
    "Determination",
    "DeterminationPage",
    "DeterminationRow",
    "allowance_determinations",
    "attachment_for_download",
    "attachments_of",
    "determination_export_rows",
    "determination_page",
    "may_read_attachments",
]
