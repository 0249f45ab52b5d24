"""Extra sections of the application detail screen, registered by the domain apps.

The engine knows nothing of a type's files or amounts; a domain app registers a function that,
for one application and the viewing user, returns a template and its context (or None), e.g.
the 庶務事務 app shows the 添付書類 and the allowance the notice gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinji.accounts.models import User


@dataclass(frozen=True, slots=True)
class DetailPanel:
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


PanelFn = Callable[[int, str, "User"], "DetailPanel | None"]
"""(instance id, application type, viewing user) → a panel, or None when it has nothing to show."""

_panels: list[PanelFn] = []


def register_detail_panel(panel: PanelFn) -> None:
    if panel not in _panels:
        _panels.append(panel)


def detail_panels(*, instance_id: int, application_type: str, user: User) -> list[DetailPanel]:
    """Every registered panel that has something to show for this application and user."""
    found = (panel(instance_id, application_type, user) for panel in _panels)
    return [p for p in found if p is not None]
