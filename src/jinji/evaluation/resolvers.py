"""評価者の決定: from the org tree as of the cycle's 評価基準日 (no queries here; data is preloaded).

- 一次評価者: the 所属長 of the employee's unit — the nearest unit at or above it that has a head
  of its own (部・課・出先機関; a 係 has none, so a 係員 is rated by the 課長). When the employee
  is that head, the next headed unit above is used.
- 二次評価者: the 所属長 of the next headed unit above the first evaluator's unit.
- 調整者: the head of the next headed unit above that, else the cycle's default 調整者.
- Nobody ever evaluates themself, and one person is not both evaluators. A headed unit with
  nobody in the head's post (空席) leaves that evaluator empty and the stage is listed in
  ``vacancies``; HR sets someone by hand (override).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from jinji.evaluation.directory import UnitNode
from jinji.evaluation.models import Stage

MAX_DEPTH = 20
"""Guard against a cycle in bad data; real trees are 3–6 levels deep."""


@dataclass(frozen=True, slots=True)
class Evaluators:
    first: int | None
    second: int | None
    adjuster: int | None
    vacancies: tuple[str, ...]


class EvaluatorResolver:
    """Resolves evaluators for many employees against one preloaded tree and head list."""

    def __init__(
        self, tree: Mapping[int, UnitNode], heads: Mapping[int, list[int]], *, default_adjuster: int | None = None
    ) -> None:
        self.tree = tree
        self.heads = heads
        self.default_adjuster = default_adjuster

    def headed_unit(self, unit_id: int | None) -> int | None:
        """``unit_id`` or its nearest ancestor that has a 所属長 of its own."""
        current, depth = unit_id, 0
        while current is not None and current in self.tree and depth < MAX_DEPTH:
            node = self.tree[current]
            if node.is_headed:
                return current
            current, depth = node.parent_id, depth + 1
        return None

    def above(self, unit_id: int | None) -> int | None:
        """The next headed unit strictly above ``unit_id``."""
        if unit_id is None or unit_id not in self.tree:
            return None
        return self.headed_unit(self.tree[unit_id].parent_id)

    def _pick(self, unit_id: int | None, exclude: Collection[int | None]) -> int | None:
        if unit_id is None:
            return None
        return next((e for e in self.heads.get(unit_id, []) if e not in exclude), None)

    def first_unit(self, employee_id: int, unit_id: int) -> int | None:
        """The headed unit whose head is the first evaluator (skipping units the employee heads)."""
        current, depth = self.headed_unit(unit_id), 0
        while current is not None and self.heads.get(current) == [employee_id] and depth < MAX_DEPTH:
            current, depth = self.above(current), depth + 1
        return current

    def resolve(self, employee_id: int, unit_id: int) -> Evaluators:
        h1 = self.first_unit(employee_id, unit_id)
        first = self._pick(h1, {employee_id})
        h2 = self.above(h1)
        second = self._pick(h2, {employee_id, first})
        h3 = self.above(h2)
        adjuster = self._pick(h3, {employee_id})
        if adjuster is None and self.default_adjuster != employee_id:
            adjuster = self.default_adjuster
        vacancies = tuple(
            stage
            for stage, who in ((Stage.FIRST, first), (Stage.SECOND, second), (Stage.ADJUST, adjuster))
            if who is None
        )
        return Evaluators(first=first, second=second, adjuster=adjuster, vacancies=tuple(str(v) for v in vacancies))
