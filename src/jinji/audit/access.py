"""Who may open the audit screen: decided by a check that the accounts app registers.

``audit`` sits below the apps that know about roles, so it cannot ask them directly; the
accounts app registers its check at start-up (``AccountsConfig.ready``). Until a check is
registered nobody may see the audit log (fail closed).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

ViewerCheck = Callable[[HttpRequest], bool]

_viewer_check: list[ViewerCheck] = []


def register_viewer_check(check: ViewerCheck) -> None:
    """Install the check that says whether the request's user may read the audit log."""
    _viewer_check[:] = [check]


def may_view_audit_log(request: HttpRequest) -> bool:
    """True only when a check is registered and it allows the request's user."""
    return bool(_viewer_check) and bool(request.user.is_authenticated) and _viewer_check[0](request)
