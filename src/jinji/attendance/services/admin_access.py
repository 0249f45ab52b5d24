"""Who may change the attendance master data (勤務場所・勤務時間の割振り・就業管理の設定)."""

from __future__ import annotations

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.core.errors import FieldProblem, NotPermitted

ADMIN_ROLES = (Role.HR, Role.SYSADMIN)


def require_attendance_admin(user: User) -> None:
    """人事担当 or システム管理者 only (NotPermitted otherwise)."""
    if not has_role(user, ADMIN_ROLES):
        raise NotPermitted([FieldProblem("権限", "人事担当またはシステム管理者のみが変更できます")])
