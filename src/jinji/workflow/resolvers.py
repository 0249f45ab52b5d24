"""The approver strategy the engine resolves itself: a named user (指定の利用者)."""

from __future__ import annotations

from collections.abc import Sequence

from jinji.accounts.models import User
from jinji.workflow.models import ApproverKind
from jinji.workflow.registry import ResolutionContext, register_approver_resolver
from jinji.workflow.specs import ApproverSpec


def resolve_named_user(spec: ApproverSpec, ctx: ResolutionContext) -> Sequence[int]:
    if spec.user_id is None:
        return []
    found = User.objects.filter(pk=spec.user_id, organization_id=ctx.organization_id, is_active=True).exists()
    return [spec.user_id] if found else []


def check_named_user(spec: ApproverSpec, organization_id: int) -> Sequence[str]:
    if spec.user_id is None:
        return ["利用者を指定してください"]
    if not User.objects.filter(pk=spec.user_id, organization_id=organization_id, is_active=True).exists():
        return ["指定の利用者がいないか、無効になっています"]
    return []


def register_builtin_resolvers() -> None:
    register_approver_resolver(ApproverKind.USER, resolve_named_user, check=check_named_user)
