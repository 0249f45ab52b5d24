"""Telework in headless Chromium: a staff member applies for 在宅勤務 today on the phone, the 課長
approves it, and the clock page then pre-selects 在宅 (Debian's chromium only)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.core.tenancy import tenant_context
from tests.attendance.conftest import build_world
from tests.browser.test_attendance import CHROMIUM_ARGS, SCREENSHOTS, _login
from tests.conftest import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_applies_for_telework_head_approves_and_the_clock_preselects_home(live_server: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    world = build_world()
    with tenant_context(world.org):
        attendance_definitions_seed(acting_user=world.hr)
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
            expect(staff.get_by_label("本庁", exact=True)).to_be_checked()
            staff.goto(f"{base}{reverse('attendance:my_remote_work')}")
            staff.get_by_label("在宅勤務", exact=True).check()
            staff.get_by_label("開始日", exact=True).fill(timezone.localdate().isoformat())
            staff.get_by_label("理由・業務の内容").fill("計画書の作成")
            staff.get_by_role("button", name="申請する").click()
            expect(staff.get_by_text("申請しました", exact=False)).to_be_visible()
            staff.screenshot(path=str(SCREENSHOTS / "remote_work_phone.png"), full_page=True)

            head = browser.new_context(locale="ja-JP").new_page()
            _login(head, base, "head")
            head.goto(f"{base}{reverse('workflow:inbox')}")
            head.locator("main").get_by_role("link", name=re.compile(r"在宅勤務")).first.click()
            head.get_by_role("button", name="承認", exact=True).click()
            head.wait_for_load_state()

            staff.goto(f"{base}{reverse('attendance:clock')}")
            expect(staff.get_by_label("在宅", exact=True)).to_be_checked()
            expect(staff.locator("#planned-remote")).to_contain_text("在宅")
        finally:
            browser.close()
    assert external == [], f"外部へのリクエストがありました: {external}"
