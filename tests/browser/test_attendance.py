"""The attendance journey in headless Chromium: a staff member clocks in choosing 在宅, requests
2 hours of 年休, the 課長 approves it, and the 出勤簿 shows both (Debian's chromium only)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jinji.attendance.models import EntryKind, LeaveAccount, LeaveEntry, LeaveKind
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.core.tenancy import tenant_context
from tests.attendance.conftest import build_world
from tests.conftest import chromium_path
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("var/test/screenshots")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ログインID").fill(username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name=re.compile("ログイン")).click()
    page.wait_for_load_state()


def test_staff_clocks_in_at_home_takes_two_hours_and_the_sheet_shows_both(live_server: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    world = build_world()
    with tenant_context(world.org):
        attendance_definitions_seed(acting_user=world.hr)
        assert world.staff.employee_id is not None
        account = LeaveAccount.objects.create(employee_id=world.staff.employee_id, kind=LeaveKind.ANNUAL)
        LeaveEntry.objects.create(account=account, employee_id=world.staff.employee_id, entry_kind=EntryKind.GRANT,
                                  on=datetime.date(2020, 1, 1), days=20)  # fmt: skip
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Chromium がありません"
    base = live_server.url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        external: list[str] = []
        try:
            staff = browser.new_page(locale="ja-JP", viewport={"width": 390, "height": 844})
            staff.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
            _login(staff, base, "staff")
            staff.goto(f"{base}{reverse('attendance:clock')}")
            staff.get_by_label("在宅").check()
            staff.get_by_role("button", name="出勤").click()
            expect(staff.get_by_text(re.compile("出勤を記録しました"))).to_be_visible()
            expect(staff.locator("#today-punches")).to_contain_text("在宅")
            staff.screenshot(path=str(SCREENSHOTS / "attendance_clock_phone.png"), full_page=True)

            staff.goto(f"{base}{reverse('attendance:my_leave')}")
            staff.get_by_label("単位", exact=True).select_option("hour")
            staff.get_by_label("日付", exact=True).fill(timezone.localdate().isoformat())
            staff.get_by_label("開始時刻(時間単位のとき)").fill("15:15")
            staff.get_by_label("時間数(時間単位のとき)").fill("2")
            staff.get_by_role("button", name="申請する").click()
            expect(staff.get_by_text("休暇を申請しました", exact=False)).to_be_visible()

            head = browser.new_context(locale="ja-JP").new_page()
            _login(head, base, "head")
            head.goto(f"{base}{reverse('workflow:inbox')}")
            head.get_by_role("link", name="休暇の申請").first.click()
            head.get_by_role("button", name="承認", exact=True).click()
            head.wait_for_load_state()

            staff.goto(f"{base}{reverse('attendance:my_sheet')}")
            sheet = staff.locator("#sheet")
            expect(sheet).to_contain_text("在宅")
            expect(sheet).to_contain_text("年次休暇 15:15〜17:15")
            staff.screenshot(path=str(SCREENSHOTS / "attendance_sheet_phone.png"), full_page=True)
        finally:
            browser.close()
    assert external == [], f"外部へのリクエストがありました: {external}"
