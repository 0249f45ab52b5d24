"""給与担当 in headless Chromium: log in, create the May run, compute it, read the totals (no CSP errors)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from jinji.core.tenancy import tenant_context
from jinji.payroll.sources import register_allowance_source, register_attendance_source
from tests.browser.test_staff_search import CHROMIUM_ARGS, SCREENSHOTS
from tests.conftest import chromium_path
from tests.factories import TEST_PASSWORD
from tests.payroll.builders import build_payroll, closed_attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_payroll_clerk_creates_and_computes_a_month(live_server: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    world = build_payroll()
    closed_attendance(world)
    register_allowance_source(lambda **_: {})
    with tenant_context(world.org):
        world.employee(grade=1, step=1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Chromium がありません"
    errors: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page(locale="ja-JP", viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("ログインID").fill(world.clerk.username)
            page.get_by_label("パスワード").fill(TEST_PASSWORD)
            page.get_by_role("button", name=re.compile("ログイン")).click()
            page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="給与計算").click()
            page.get_by_label("支給月").fill("2026-05")
            page.get_by_label("種類").select_option(label="月例給与")
            page.get_by_role("button", name="給与計算を作成").click()
            page.get_by_role("button", name="計算する").click()
            expect(page.get_by_text("191,610円").first).to_be_visible()
            expect(page.get_by_text("計算済み").first).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "payroll_run.png"), full_page=True)
            browser.close()
    finally:
        register_attendance_source(None)
        register_allowance_source(None)
    assert [e for e in errors if "Content Security Policy" in e] == []
