"""What an import would do or did: per-row outcomes, the preview and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from jinji.core.errors import FieldProblem


class RowAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"

    @property
    def label(self) -> str:
        return {"create": "新規", "update": "更新", "unchanged": "変更なし"}[self.value]


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What one data row does: its row number, key (職員番号 / 所属コード …), action and changes."""

    row: int
    key: str
    action: RowAction
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    """column → (registered value, value in the file), for updates."""


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """The dry run of an import: nothing was written.

    ``problems`` lists every bad row and column (Japanese); when it is empty,
    :func:`~jinji.personnel.imports.import_apply` with the same file does exactly ``rows``.
    """

    kind: str
    filename: str
    source: str
    """How the file was read, e.g. "CSV (CP932)"."""
    rows: list[RowOutcome]
    problems: list[FieldProblem]
    warnings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def count(self, action: RowAction) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def creates(self) -> int:
        return self.count(RowAction.CREATE)

    @property
    def updates(self) -> int:
        return self.count(RowAction.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(RowAction.UNCHANGED)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A completed import (all rows written in one transaction)."""

    kind: str
    filename: str
    created: int
    updated: int
    unchanged: int
    audit_events: int
