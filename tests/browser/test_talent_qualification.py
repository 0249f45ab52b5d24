"""A staff member registers a qualification with its certificate on a phone; HR verifies it on a PC.

Headless Debian Chromium (never a downloaded browser). Screenshots go to ``var/test/screenshots/``
so a person can check the pages with CJK fonts. Also checks that nothing loads from outside and
that the strict CSP reports no violation.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from jinji.talent.models import EmployeeQualification
from tests.conftest import chromium_path
from tests.factories import TEST_PASSWORD
from tests.talent.helpers import PDF
from tests.talent.world import build_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("var/test/screenshots")
CHROMIUM = "/usr/bin/chromium"
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
    from playwright.sync_api import expect

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ログインID").fill(username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name=re.compile("ログイン")).click()
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()


def test_staff_registers_a_qualification_and_hr_verifies_it(
    live_server: Any, settings: Any, tmp_path: Path, migration_data: None
) -> None:
    from playwright.sync_api import expect, sync_playwright

    settings.VAR_DIR = tmp_path / "var"
    town = build_town()
    alice = town.user("alice")
    staff_name = alice.employee.working_name  # type: ignore[union-attr]
    certificate = tmp_path / "基本情報技術者_合格証書.pdf"
    certificate.write_bytes(PDF)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = CHROMIUM if os.path.exists(CHROMIUM) else chromium_path()
    assert executable, "Chromium がありません"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        external: list[str] = []
        errors: list[str] = []

        def watch(page: Any) -> None:
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        try:
            phone = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844}, is_mobile=True)
            page = phone.new_page()
            watch(page)
            _login(page, live_server.url, "alice")
            page.get_by_role("button", name="メニュー").click()  # on a phone the menu is folded away
            page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="わたしの人材情報").click()
            expect(page.get_by_role("heading", name="わたしの人材情報")).to_be_visible()
            page.get_by_role("link", name="資格を登録する").click()
            page.get_by_role("combobox", name=re.compile("^資格")).select_option(label="基本情報技術者(レベル2)")
            page.get_by_label("取得日(合格日・登録日)").fill("2021-04-18")
            page.get_by_label("登録番号・証書番号").fill("FE-2021-0001")
            page.get_by_label("証明書類").set_input_files(str(certificate))
            page.screenshot(path=str(SCREENSHOTS / "talent_qualification_form_phone.png"), full_page=True)
            page.get_by_role("button", name="登録する").click()
            expect(page.get_by_role("status")).to_contain_text("「基本情報技術者」を登録しました")
            expect(page.get_by_text("確認待ち").first).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "talent_home_phone.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"スマートフォン幅で横にはみ出しています({width}px)"
            phone.close()

            desk = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
            page = desk.new_page()
            watch(page)
            _login(page, live_server.url, "hr")
            page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="人材管理").click()
            page.get_by_role("navigation", name="人材管理メニュー").get_by_role("link", name="資格の確認").click()
            row = page.get_by_role("row").filter(has_text=staff_name)
            expect(row).to_contain_text("基本情報技術者")
            expect(row.get_by_role("link", name="基本情報技術者_合格証書.pdf")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "talent_verification.png"), full_page=True)
            row.get_by_role("button", name=re.compile("確認済にする")).click()
            expect(page.get_by_role("status")).to_contain_text("「基本情報技術者」を確認済にしました")
            expect(page.get_by_text("確認待ちの資格はありません。")).to_be_visible()
            desk.close()
        finally:
            browser.close()

    record = EmployeeQualification.unscoped.get()
    assert (record.status, record.certificate_number, record.reviewed_by_id) == (
        "verified",
        "FE-2021-0001",
        town.user("hr").pk,
    )
    assert external == [], f"外部へのリクエストがありました: {external}"
    assert [e for e in errors if "Content Security Policy" in e] == []
