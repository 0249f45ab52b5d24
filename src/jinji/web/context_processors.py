"""Navigation entries for the logged-in user: one list, filtered by the roles the user holds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from jinji.accounts.models import Role
from jinji.web.roles import request_roles, role_labels

WAREKI_SESSION_KEY = "jinji_show_wareki"

_ALL: frozenset[Role] = frozenset(Role)
_STAFF_LISTS: frozenset[Role] = frozenset({Role.UNIT_HEAD, Role.CLERK, Role.HR, Role.PAYROLL})


@dataclass(frozen=True, slots=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[Role]


NAV_ENTRIES: tuple[NavEntry, ...] = (
    NavEntry("ホーム", "web:home", _ALL),
    NavEntry("職員検索", "personnel:search", frozenset(_STAFF_LISTS)),
    NavEntry("組織図", "personnel:org_chart", _ALL),
    NavEntry("申請・届出", "workflow:my_applications", _ALL),
    NavEntry("承認待ち", "workflow:inbox", _ALL),
    NavEntry("お知らせ", "workflow:notifications", _ALL),
    NavEntry("所属の申請", "workflow:clerk_applications", frozenset({Role.CLERK, Role.HR})),
    NavEntry("認定簿", "applications:determination_list", frozenset({Role.PAYROLL, Role.HR})),
    NavEntry("承認ルート", "workflow:definition_list", frozenset({Role.HR, Role.SYSADMIN})),
    NavEntry("発令", "personnel:action_list", frozenset({Role.HR})),
    NavEntry("一括異動", "personnel:batch_list", frozenset({Role.HR})),
    NavEntry("データ取込", "personnel:import", frozenset({Role.HR})),
    NavEntry("打刻", "attendance:clock", _ALL),
    NavEntry("出勤簿", "attendance:my_sheet", _ALL),
    NavEntry("休暇", "attendance:my_leave", _ALL),
    NavEntry("年休取得状況", "attendance:leave_uptake", frozenset({Role.UNIT_HEAD, Role.CLERK, Role.HR})),
    NavEntry("時間外勤務", "attendance:my_overtime", _ALL),
    NavEntry("サテライトオフィス", "attendance:satellite", _ALL),
    NavEntry("テレワークの申請", "attendance:my_remote_work", _ALL),
    NavEntry("テレワークの利用状況", "attendance:remote_dashboard", frozenset({Role.UNIT_HEAD, Role.CLERK, Role.HR})),
    NavEntry("超過勤務の状況", "attendance:overtime_dashboard", frozenset({Role.UNIT_HEAD, Role.CLERK, Role.HR})),
    NavEntry("所属の出勤簿", "attendance:unit_sheet", frozenset({Role.UNIT_HEAD, Role.CLERK})),
    NavEntry("打刻の代理入力", "attendance:proxy_clock", frozenset({Role.CLERK})),
    NavEntry("勤務表(交替制)", "attendance:shift_roster", frozenset({Role.UNIT_HEAD, Role.CLERK, Role.HR})),
    NavEntry("就業管理の設定", "attendance:admin_locations", frozenset({Role.HR, Role.SYSADMIN})),
    NavEntry("わたしの人材情報", "talent:home", frozenset({Role.STAFF})),
    NavEntry("スキル確認", "talent:skill_confirmations", frozenset({Role.UNIT_HEAD})),
    NavEntry("人材管理", "talent:hr_home", frozenset({Role.HR})),
    NavEntry("人事評価", "evaluation:mine", frozenset({Role.STAFF})),
    NavEntry("評価管理", "evaluation:cycle_list", frozenset({Role.HR})),
    NavEntry("給与明細", "payroll:my_payslips", _ALL),
    NavEntry("給与計算", "payroll:run_list", frozenset({Role.PAYROLL})),
    NavEntry("利用者管理", "accounts:user_list", frozenset({Role.SYSADMIN})),
    NavEntry("監査ログ", "audit:event_list", frozenset({Role.AUDITOR, Role.SYSADMIN})),
)


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    current: bool


def nav_items_for(request: HttpRequest, roles: frozenset[Role]) -> list[NavItem]:
    items: list[NavItem] = []
    for entry in NAV_ENTRIES:
        if not roles & entry.roles:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:  # a screen not installed in this build
            continue
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append(NavItem(label=entry.label, url=url, current=current))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_roles": [], "show_wareki": False}
    roles = request_roles(request)
    return {
        "nav_items": nav_items_for(request, roles),
        "nav_roles": role_labels(roles),
        "show_wareki": bool(request.session.get(WAREKI_SESSION_KEY, False)),
    }
