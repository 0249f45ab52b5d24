"""Japanese labels of audit actions, registered by the apps that record them.

The audit screen and CSV export show ``label_for(action)``; an action nobody registered is
shown by its code, so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Mapping

EXPORTED = "audit.exported"
ACCESS_DENIED = "audit.access_denied"

_labels: dict[str, str] = {EXPORTED: "監査ログのCSV出力", ACCESS_DENIED: "監査ログ画面へのアクセス拒否"}


def register_action_labels(labels: Mapping[str, str]) -> None:
    """Add labels, e.g. ``{"personnel.employee_updated": "職員情報の変更"}``."""
    _labels.update(labels)


def label_for(action: str) -> str:
    return _labels.get(action, action)


def known_actions() -> list[tuple[str, str]]:
    """(code, label) pairs in label order, for the filter's pick list."""
    return sorted(_labels.items(), key=lambda item: (item[1], item[0]))
