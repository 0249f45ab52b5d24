"""On a phone (390 px) the navigation folds behind a menu button; without JavaScript it stays open.

The button tells assistive technology what it controls and whether the menu is open
(``aria-controls``, ``aria-expanded``); on a desktop the menu is always shown and the button hidden.
Uses Debian's chromium and saves screenshots under ``var/test/screenshots/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jinji.demo.logins import DEMO_PASSWORD
from jinji.demo.seed import seed_demo
from tests.conftest import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("var/test/screenshots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"width": 390, "height": 844}


def _login(page: Any, base: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ログインID").fill("demo-hr")
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("ログイン")).click()
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()


def test_phone_menu_folds_and_opens(live_server: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    seed_demo(employees=50, seed=3)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Chromium がありません"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        errors: list[str] = []
        try:
            page = browser.new_context(locale="ja-JP", viewport=PHONE, is_mobile=True).new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            _login(page, live_server.url)
            menu = page.get_by_role("button", name="メニュー")
            nav = page.get_by_role("navigation", name="メインメニュー")
            expect(menu).to_have_attribute("aria-expanded", "false")
            expect(menu).to_have_attribute("aria-controls", "site-nav site-user")
            expect(nav).to_be_hidden()
            header = page.locator(".site-header").bounding_box()
            assert header is not None
            assert header["height"] < PHONE["height"] / 8, f"the folded header is {header['height']} px high"
            page.screenshot(path=str(SCREENSHOTS / "nav_phone_folded.png"))

            menu.click()
            expect(menu).to_have_attribute("aria-expanded", "true")
            expect(nav.get_by_role("link", name="職員検索")).to_be_visible()
            expect(page.get_by_role("button", name="ログアウト")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "nav_phone_open.png"))
            nav.get_by_role("link", name="職員検索").click()
            expect(page.get_by_role("button", name="メニュー")).to_have_attribute("aria-expanded", "false")
            menu.click()
            menu.click()
            expect(nav).to_be_hidden()

            page.set_viewport_size({"width": 1280, "height": 900})
            expect(nav).to_be_visible()
            expect(menu).to_be_hidden()

            no_js = browser.new_context(locale="ja-JP", viewport=PHONE, java_script_enabled=False).new_page()
            _login(no_js, live_server.url)
            no_js_nav = no_js.get_by_role("navigation", name="メインメニュー")
            expect(no_js_nav.get_by_role("link", name="職員検索")).to_be_visible()
            expect(no_js.get_by_role("button", name="メニュー")).to_be_hidden()
        finally:
            browser.close()
    assert [e for e in errors if "Content Security Policy" in e] == []
