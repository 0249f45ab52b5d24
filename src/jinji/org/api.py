"""REST endpoints of the organization master: the org chart as of a date, one unit."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.accounts.models import User
from jinji.org.schemas import OrgTreeOut, OrgUnitNodeOut, OrgUnitOut
from jinji.org.selectors import UnitNode, org_tree, unit_get

router = Router(auth=ApiTokenAuth())


class AsOf(Schema):
    on: datetime.date | None = None
    """基準日 (YYYY-MM-DD); default today."""


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _node(node: UnitNode) -> OrgUnitNodeOut:
    return OrgUnitNodeOut(
        id=node.id,
        code=node.code,
        name=node.name,
        level=node.level,
        level_label=node.level_label,
        parent_id=node.parent_id,
        children=[_node(child) for child in node.children],
    )


@router.get("", response=OrgTreeOut, summary="組織図(基準日時点の組織の木)")
def org_unit_tree(request: HttpRequest, params: Query[AsOf]) -> OrgTreeOut:
    user = _user(request)
    on = params.on or timezone.localdate()
    return OrgTreeOut(on=on, units=[_node(n) for n in org_tree(organization=user.organization_id, on=on)])


@router.get("/{unit_id}", response=OrgUnitOut, summary="組織(基準日時点)")
def org_unit_detail(request: HttpRequest, unit_id: int, params: Query[AsOf]) -> OrgUnitOut:
    user = _user(request)
    on = params.on or timezone.localdate()
    info = unit_get(organization=user.organization_id, unit_id=unit_id, on=on)
    if info is None:
        raise Http404
    return OrgUnitOut(
        id=info.id,
        code=info.code,
        name=info.name,
        short_name=info.short_name,
        level=info.level,
        level_label=info.level_label,
        parent_id=info.parent_id,
        appointing_authority_id=info.appointing_authority_id,
        valid_from=info.version_valid_from,
        valid_to=info.version_valid_to,
    )
