"""Listeners told, inside the writing transaction, that some employees' posts (任用の期間) changed.

Apps above personnel that keep figures derived from who sits where (the talent skill map's summary)
register a listener instead of personnel importing them. Called wherever assignment periods are
written: applying or undoing a 発令 (:mod:`jinji.personnel.services.applying`) and confirming an
一括異動 (:mod:`jinji.personnel.services.batches`). A listener must be cheap (mark stale, not rebuild).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

PostListener = Callable[[int, Collection[int]], None]
"""(organization id, employee ids whose posts changed) → None."""

_listeners: list[PostListener] = []


def register_post_listener(listener: PostListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def posts_changed(organization_id: int, employee_ids: Collection[int]) -> None:
    """Tell every registered listener (in registration order)."""
    if not employee_ids:
        return
    for listener in _listeners:
        listener(organization_id, employee_ids)
