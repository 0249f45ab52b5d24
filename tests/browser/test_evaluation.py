"""人事評価 in headless Chromium: a staff member's self-evaluation on a phone, then the first
evaluator's rating on a PC. Debian's chromium only (never a downloaded browser); screenshots go to
``var/test/screenshots/``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jinji.core.tenancy import tenant_context
from jinji.evaluation.models import Sheet, Stage
from tests.conftest import chromium_path
from tests.evaluation.builders import build_town, make_cycle, sheet_of
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
ITEMS = ("倫理", "知識・技術", "コミュニケーション", "業務遂行")


def _log_in(page: Any, base: str, username: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ログインID").fill(username)
    page.get_by_label("パスワード").fill(TEST_PASSWORD)
    page.get_by_role("button", name=re.compile("ログイン")).click()
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()


def _rate(page: Any, ratings: tuple[str, ...]) -> None:
    for item, rating in zip(ITEMS, ratings, strict=True):
        page.get_by_role("group", name=f"{item}の評価").get_by_label(rating, exact=True).check()


def test_self_evaluation_on_a_phone_then_the_first_evaluation(live_server: Any, migration_data: None) -> None:
    from playwright.sync_api import expect, sync_playwright

    town = build_town()
    cycle = make_cycle(town)
    with tenant_context(town.org):
        sheet = sheet_of(cycle, town.staff_a)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Chromium がありません"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        external: list[str] = []
        errors: list[str] = []
        try:
            phone = browser.new_context(locale="ja-JP", viewport={"width": 390, "height": 844})
            page = phone.new_page()
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            _log_in(page, live_server.url, town.user("staff_a").username)
            page.get_by_role("button", name="メニュー").click()  # on a phone the menu is folded away
            page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="人事評価").click()
            expect(page.get_by_role("heading", name="わたしの人事評価")).to_be_visible()
            page.get_by_role("link", name=cycle.name).click()
            expect(page.get_by_role("heading", name="自己評価の入力")).to_be_visible()
            _rate(page, ("A", "B", "B", "A"))
            page.get_by_label("全体のコメント").fill("窓口の改善に取り組みました")
            page.screenshot(path=str(SCREENSHOTS / "evaluation_self_phone.png"), full_page=True)
            page.get_by_role("button", name="提出").click()
            expect(page.get_by_text("自己評価を提出しました。")).to_be_visible()
            expect(page.locator(".summary .stage")).to_have_text("一次評価")
            phone.close()

            pc = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
            page = pc.new_page()
            page.on("request", lambda r: external.append(r.url) if not r.url.startswith(live_server.url) else None)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            _log_in(page, live_server.url, town.user("kacho").username)
            page.goto(f"{live_server.url}/evaluation/inbox/")
            todo = page.get_by_role("table", name=re.compile("あなたの番の評価シート"))
            expect(todo.get_by_text(town.staff_a.staff_number)).to_be_visible()
            todo.get_by_role("link", name=cycle.name).click()
            expect(page.get_by_role("heading", name="一次評価の入力")).to_be_visible()
            expect(page.locator(".eval-line__given").first).to_contain_text("自己")  # the submitted self rating
            _rate(page, ("A", "A", "B", "B"))
            page.get_by_role("button", name="一時保存").click()
            expect(page.locator(".score-box")).to_contain_text("3.500(全体評語 A)")  # (4+4+3+3)/4 = 3.5 → A
            page.get_by_role("button", name="提出").click()
            expect(page.get_by_text("一次評価を提出しました。")).to_be_visible()
            page.screenshot(path=str(SCREENSHOTS / "evaluation_first.png"), full_page=True)
            pc.close()
        finally:
            browser.close()
    with tenant_context(town.org):
        sheet = Sheet.objects.get(pk=sheet.pk)
    assert (sheet.stage, sheet.self_rating, sheet.first_rating) == (Stage.SECOND, "A", "A")
    assert external == [], f"外部へのリクエストがありました: {external}"
    assert [e for e in errors if "Content Security Policy" in e] == []
