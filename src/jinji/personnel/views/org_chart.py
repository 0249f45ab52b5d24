"""組織図 as of any date, with member counts, and the member list of one unit.

The chart lives with personnel (not in :mod:`jinji.org.views`) because its member counts
and lists read the personnel master, and ``org`` sits below ``personnel`` in the layers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jinji.accounts.decorators import require_role
from jinji.accounts.scope import has_role
from jinji.org.selectors import UnitNode, org_tree, unit_get
from jinji.personnel.selectors import org_unit_members
from jinji.personnel.selectors_web import unit_member_counts
from jinji.personnel.views._common import (
    STAFF_LIST_ROLES,
    acting_user,
    is_htmx_partial,
    parse_date,
    today,
)


@dataclass(frozen=True, slots=True)
class ChartNode:
    """A unit of the chart with its own member count and the total including sub-units."""

    unit: UnitNode
    members: int
    total: int
    children: tuple[ChartNode, ...]


def _with_counts(nodes: tuple[UnitNode, ...] | list[UnitNode], counts: dict[int, int]) -> tuple[ChartNode, ...]:
    result = []
    for node in nodes:
        children = _with_counts(node.children, counts)
        own = counts.get(node.id, 0)
        result.append(ChartNode(node, own, own + sum(c.total for c in children), children))
    return tuple(result)


@login_required
def org_chart(request: HttpRequest) -> HttpResponse:
    """Every signed-in user sees the structure and head counts (no names: those are scoped)."""
    user = acting_user(request)
    on = parse_date(request.GET.get("on"), today()) or today()
    tree = org_tree(organization=user.organization_id, on=on)
    counts = unit_member_counts(organization=user.organization_id, on=on)
    nodes = _with_counts(tree, counts)
    context = {
        "nodes": nodes,
        "on": on,
        "total": sum(n.total for n in nodes),
        "can_list_members": has_role(user, STAFF_LIST_ROLES),
    }
    return render(request, "personnel/org_chart.html", context)


@require_role(*STAFF_LIST_ROLES)
def unit_members(request: HttpRequest, unit_id: int) -> HttpResponse:
    """所属職員一覧 on a date, limited to the staff the user may see."""
    user = acting_user(request)
    on = parse_date(request.GET.get("on"), today()) or today()
    unit = unit_get(organization=user.organization_id, unit_id=unit_id, on=on)
    if unit is None:
        raise Http404("この日付に存在する所属ではありません。")
    include_sub_units = request.GET.get("sub") == "1"
    members = org_unit_members(
        organization=user.organization_id, user=user, unit_id=unit_id, on=on, include_sub_units=include_sub_units
    )
    context = {"unit": unit, "members": members, "on": on, "include_sub_units": include_sub_units}
    template = "personnel/_unit_members.html" if is_htmx_partial(request) else "personnel/unit_members.html"
    return render(request, template, context)
