"""Domain errors that views, the API and importers turn into Japanese messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with the input: where (field, row) and what, in Japanese."""

    field: str
    message: str
    row: int | None = None

    def __str__(self) -> str:
        where = f"{self.row}行目 " if self.row is not None else ""
        return f"{where}{self.field}: {self.message}"


class DomainError(Exception):
    """A request the rules refuse; ``problems`` say where and why. Nothing was changed."""

    def __init__(self, problems: list[FieldProblem] | str):
        if isinstance(problems, str):
            problems = [FieldProblem(field="", message=problems)]
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class ConcurrentUpdate(DomainError):
    """Someone else changed the record since it was read; the save was refused."""


class NotPermitted(DomainError):
    """The acting user may not do this to this object."""
