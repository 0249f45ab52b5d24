"""The main HR journey in headless Chromium: log in, search a staff member, open the detail page.

Uses Debian's chromium (never a downloaded browser) and saves a screenshot under
``var/test/screenshots/`` so a person can check the page with CJK fonts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jinji.demo.logins import DEMO_PASSWORD
from jinji.demo.seed import seed_demo
from jinji.personnel.models import Employee
from tests.conftest import chromium_path

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


def test_hr_searches_a_staff_member_and_opens_the_detail(live_server: Any) -> None:
    from playwright.sync_api import expect, sync_playwright

    seed_demo(employees=50, seed=7)
    target = Employee.unscoped.filter(separated_on__isnull=True).order_by("staff_number").first()
    assert target is not None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Chromium がありません"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="ja-JP", viewport={"width": 1280, "height": 900})
        external: list[str] = []
        page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("ログインID").fill("demo-hr")
            page.get_by_label("パスワード").fill(DEMO_PASSWORD)
            page.get_by_role("button", name=re.compile("ログイン")).click()
            expect(page.get_by_role("heading", name="ホーム")).to_be_visible()

            page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="職員検索").click()
            page.get_by_label("氏名・カナ・旧姓・職員番号").fill(target.staff_number)
            results = page.locator("#search-results")
            expect(results.locator("tbody tr")).to_have_count(1)  # live results (htmx), 検索 not pressed
            link = results.get_by_role("link", name=target.working_name)
            expect(link).to_be_visible()
            assert "q=" in page.url  # the search is in the address bar (hx-push-url)
            page.screenshot(path=str(SCREENSHOTS / "staff_search.png"), full_page=True)

            link.click()
            expect(page.get_by_role("heading", level=1)).to_contain_text(target.working_name)
            expect(page.get_by_role("heading", name="履歴")).to_be_visible()
            expect(page.get_by_text(target.full_name_kana).first).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "staff_detail.png"), full_page=True)

            page.set_viewport_size({"width": 390, "height": 844})
            page.goto(f"{live_server.url}/")
            expect(page.get_by_role("heading", name="ホーム")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "home_phone.png"), full_page=True)
        finally:
            browser.close()
    assert external == [], f"外部へのリクエストがありました: {external}"
    assert [e for e in errors if "Content Security Policy" in e] == []
