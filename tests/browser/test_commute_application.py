"""通勤届 end to end in headless Chromium: a staff member files it with an attachment, the 課長 approves
it in the inbox (both of the steps the demo route gives them), 給与担当 decides it, and the 認定簿 shows
the new determination.

Uses Debian's chromium (never a downloaded browser) and saves screenshots under
``var/test/screenshots/`` so a person can check the pages with CJK fonts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jinji.accounts.models import User
from jinji.applications.services.definitions import definitions_seed
from jinji.core.tenancy import tenant_context
from jinji.demo.logins import DEMO_PASSWORD
from jinji.demo.seed import seed_demo
from jinji.personnel.models import Employee
from jinji.workflow.models import WorkflowInstance
from tests.conftest import chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("var/test/screenshots")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def login(page: Any, base: str, username: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("ログインID").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile("ログイン")).click()
    expect(page.get_by_role("heading", name="ホーム")).to_be_visible()


def logout(page: Any) -> None:
    page.get_by_role("button", name="ログアウト").click()


def nav(page: Any, label: str) -> None:
    page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name=label, exact=True).click()


def file_commute_notice(page: Any, base: str, evidence: Path) -> None:
    from playwright.sync_api import expect

    nav(page, "申請・届出")
    page.get_by_role("link", name="新しい申請・届出").click()
    page.get_by_role("link", name=re.compile("^通勤届")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("通勤届")
    page.get_by_label("発効日(事実の発生日)").fill("2026-04-01")
    page.get_by_label("自動車等").check()
    page.get_by_label("通勤経路").fill("自宅〜県道12号〜市役所")
    page.get_by_label("片道の通勤距離(km)").fill("12.3")
    page.get_by_label("添付書類").set_input_files(str(evidence))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "commute_form_phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    submit = page.get_by_role("button", name="申請する")
    submit.dblclick()  # a double click files one application (idempotency key in the form)
    expect(page.locator("#status")).to_have_text("承認待ち")
    expect(page.locator("#estimate")).to_contain_text("7,100円")
    expect(page.locator("#attachments")).to_contain_text("teiki.pdf")


def approve_in_inbox(page: Any, *, bulk: bool) -> None:
    """承認 from the detail page, or with the checkbox and 一括承認."""
    from playwright.sync_api import expect

    nav(page, "承認待ち")
    row = page.locator("tbody tr").filter(has_text="通勤届")
    expect(row).to_have_count(1)
    if bulk:
        row.get_by_role("checkbox").check()
        page.get_by_role("button", name="選択した申請を一括承認").click()
        expect(page.get_by_text("1件を承認しました")).to_be_visible()
        return
    row.get_by_role("link", name="通勤届").click()
    expect(page.locator("#attachments")).to_contain_text("teiki.pdf")
    page.get_by_role("button", name="承認", exact=True).click()
    expect(page.locator(".message--success")).to_be_visible()


def test_staff_files_a_commute_notice_and_it_reaches_the_register(live_server: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    result = seed_demo(employees=50, seed=7)
    with tenant_context(result.organization_id):
        definitions_seed(acting_user=User.objects.get(username="demo-hr"))
    staff = User.objects.get(username="demo-staff")
    employee = Employee.unscoped.get(pk=staff.employee_id)
    evidence = tmp_path / "teiki.pdf"
    evidence.write_bytes(PDF)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    executable = chromium_path()
    assert executable, "Chromium がありません"
    base = live_server.url

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(locale="ja-JP", viewport={"width": 1280, "height": 900})
        external: list[str] = []
        page.on("request", lambda r: external.append(r.url) if not r.url.startswith(base) else None)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            login(page, base, "demo-staff")
            file_commute_notice(page, base, evidence)
            page.screenshot(path=str(SCREENSHOTS / "commute_submitted.png"), full_page=True)
            logout(page)

            login(page, base, "demo-head")  # 市民課長: the route's 係長 step walks up to them, then 課長承認
            approve_in_inbox(page, bulk=False)
            page.screenshot(path=str(SCREENSHOTS / "commute_inbox.png"), full_page=True)
            approve_in_inbox(page, bulk=True)
            logout(page)

            login(page, base, "demo-payroll")
            approve_in_inbox(page, bulk=False)
            expect(page.get_by_text("決裁しました")).to_be_visible()
            nav(page, "認定簿")
            page.get_by_label("基準日").fill("2026-04-01")
            page.get_by_label("手当").select_option("commuting")
            row = page.locator("#determinations tbody tr").filter(has_text=employee.staff_number)
            expect(row).to_have_count(1)
            expect(row.locator('td[data-label="月額"]')).to_have_text("7,100円")
            expect(row.locator('td[data-label="うち非課税"]')).to_have_text("7,100円")
            page.screenshot(path=str(SCREENSHOTS / "commute_register.png"), full_page=True)
        finally:
            browser.close()
    assert WorkflowInstance.unscoped.count() == 1, "the double click filed one application"
    assert external == [], f"外部へのリクエストがありました: {external}"
    assert [e for e in errors if "Content Security Policy" in e] == []
