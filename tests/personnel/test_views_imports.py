"""データ取込 screen: dry run with per-row problems (行・列・理由), confirm, export; HR only."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jinji.personnel.models import Employee
from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


def _export(client: Client) -> str:
    response = client.get("/personnel/export/", {"kind": "employees", "fmt": "csv", "on": "2026-04-01"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content.decode("utf-8-sig")


def _upload(client: Client, text: str, *, encoding: str = "utf-8", name: str = "staff.csv") -> Client:
    file = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post("/personnel/import/", {"kind": "employees", "file": file, "encoding": "auto"})


def _edited(exported: str, number: str, column: str, value: str) -> str:
    rows = list(csv.reader(io.StringIO(exported)))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("職員番号")] == number:
            row[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_dry_run_shows_changes_then_confirm_imports(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    text = _edited(_export(client), "100002", "電話番号", "03-9999-0000")
    response = _upload(client, text, encoding="cp932")
    html = response.content.decode()
    assert response.status_code == 200
    assert "問題はありません" in html
    assert "更新 1 件" in html
    assert re.search(r"電話番号: \(空\) → 03-9999-0000", html)
    assert Employee.unscoped.get(pk=town.staff[1].pk).phone == ""  # dry run wrote nothing
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', html)
    assert digest
    done = client.post("/personnel/import/confirm/", {"digest": digest.group(1)})
    assert done.status_code == 302
    assert Employee.unscoped.get(pk=town.staff[1].pk).phone == "03-9999-0000"
    assert "取り込みました" in client.get(done["Location"]).content.decode()


def test_dry_run_lists_every_problem_with_row_and_column(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    text = _edited(_export(client), "100002", "生年月日", "令和99年13月1日")
    text = _edited(text, "100003", "所属コード", "NOSUCH")
    html = _upload(client, text).content.decode()
    assert "件の問題があります" in html
    assert "この内容で取り込む" not in html
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]+)</td><td>([^<]+)</td></tr>', html)
    columns = {(row, column) for row, column, _ in rows}
    assert ("3", "生年月日") in columns
    assert ("4", "所属コード") in columns


def test_empty_file_and_stale_confirmation(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    empty = _upload(client, "")
    assert empty.status_code == 400
    assert "ファイルは空です" in empty.content.decode()
    header_only = _upload(client, "職員番号,氏\n").content.decode()
    assert "件の問題があります" in header_only
    response = client.post("/personnel/import/confirm/", {"digest": "0" * 64})
    assert response.status_code == 302
    assert "もう一度アップロードしてください" in client.get(response["Location"]).content.decode()


def test_missing_file_is_a_field_error(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    response = client.post("/personnel/import/", {"kind": "employees", "encoding": "auto"})
    assert response.status_code == 400
    assert "このフィールドは必須です。" in response.content.decode()


@pytest.mark.parametrize("role", ["unit_head", "payroll", "staff", "sysadmin"])
def test_import_screen_is_hr_only(client: Client, town: Town, role: str) -> None:
    client.force_login(town.user(role))
    assert client.get("/personnel/import/").status_code == 403
    assert client.get("/personnel/export/", {"kind": "employees", "fmt": "csv"}).status_code == 403
    assert client.post("/personnel/import/confirm/", {"digest": "x"}).status_code == 403


def test_export_never_mixes_tenants(client: Client, town: Town) -> None:
    build_town()  # another 団体 with the same staff numbers
    client.force_login(town.user("hr"))
    rows = list(csv.reader(io.StringIO(_export(client))))
    assert len(rows) == 1 + len(town.staff)
