"""What planning a file yields: per-row outcomes, problems, and the writer to run if there are none."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinji.core.errors import FieldProblem
from jinji.personnel.imports.cells import RowReader
from jinji.personnel.imports.columns import row_cells
from jinji.personnel.imports.outcomes import RowOutcome
from jinji.personnel.imports.reading import Table

Writer = Callable[[Any], tuple[int, int, int]]
"""``write(acting_user) -> (created, updated, audit events)``, inside the import transaction."""


@dataclass(slots=True)
class Planned:
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[FieldProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    write: Writer | None = None


def readers(table: Table, index: dict[str, int], problems: list[FieldProblem]) -> Iterator[RowReader]:
    """One :class:`RowReader` per data row; values in columns without a header are reported."""
    width = len(table.headers)
    for number, cells in table.rows:
        extra = [i for i in range(width, len(cells)) if cells[i]]
        if extra:
            problems.append(FieldProblem(f"{extra[0] + 1}列目", "見出しのない列に値があります", row=number))
        yield RowReader(number, row_cells(cells, index), problems)
