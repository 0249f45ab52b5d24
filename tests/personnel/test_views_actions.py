"""発令 entry (errors next to the field, preview, draft, apply) and the 一括異動 screens."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jinji.core.tenancy import tenant_context
from jinji.personnel.models import ActionBatch, ActionStatus, Assignment, NoticePrintJob, PersonnelAction
from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


def _field_block(html: str, field_id: str) -> str:
    """The <div class="field …"> that holds ``field_id`` (label, input and its errors)."""
    match = re.search(
        r'<div class="field[^"]*">(?:(?!<div class="field).)*?id="' + field_id + r'".*?</div>\s*</div>|'
        r'<div class="field[^"]*">(?:(?!<div class="field).)*?id="' + field_id + r'".*?</div>',
        html,
        re.S,
    )
    assert match, field_id
    return match.group(0)


def test_form_errors_are_japanese_and_next_to_the_field(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    response = client.post(
        "/personnel/actions/new/",
        {"staff_number": "999999", "action_type": "", "effective_on": "2026-02-30", "grade": "0", "intent": "draft"},
    )
    html = response.content.decode()
    assert "入力内容に誤りがあります" in html
    assert "このフィールドは必須です。" in _field_block(html, "id_action_type")
    assert "日付を正しく入力してください。" in _field_block(html, "id_effective_on")
    assert "1 以上" in _field_block(html, "id_grade")
    assert not PersonnelAction.unscoped.exists()


def test_unknown_staff_number_is_reported_on_its_field(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    html = client.post(
        "/personnel/actions/new/",
        {"staff_number": "999999", "action_type": "transfer", "effective_on": "2026-04-01", "intent": "draft"},
    ).content.decode()
    assert "この職員番号の職員は見つからない" in _field_block(html, "id_staff_number")


def test_preview_then_draft_then_apply(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    data = {
        "staff_number": "100002",
        "action_type": "transfer",
        "effective_on": "2026-04-01",
        "org_unit": str(town.jinji.pk),
    }
    preview = client.post("/personnel/actions/new/", {**data, "intent": "preview"}).content.decode()
    assert "発令前後の比較" in preview
    assert re.search(r"所属</th><td>総務課</td><td>\s*人事課", preview)
    assert not PersonnelAction.unscoped.exists()
    saved = client.post("/personnel/actions/new/", {**data, "intent": "draft"})
    action = PersonnelAction.unscoped.get()
    assert saved["Location"] == f"/personnel/actions/{action.pk}/"
    assert action.status == ActionStatus.DRAFT
    assert client.get(saved["Location"]).status_code == 200
    client.post(f"/personnel/actions/{action.pk}/transition/", {"do": "apply"})
    action.refresh_from_db()
    assert action.status == ActionStatus.APPLIED
    pdf = client.get(f"/personnel/actions/{action.pk}/notice.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert Assignment.unscoped.get(employee=town.staff[1], valid_from=datetime.date(2026, 4, 1)).org_unit == town.jinji


def test_save_and_apply_refused_leaves_nothing_behind(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    html = client.post(
        "/personnel/actions/new/",
        {"staff_number": "100002", "action_type": "promotion", "effective_on": "2026-04-01", "intent": "apply"},
    ).content.decode()
    assert "昇任には新しい職が必要です" in html
    assert not PersonnelAction.unscoped.exists()


def test_transitions_are_post_only(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    assert client.get("/personnel/actions/1/transition/").status_code == 405
    assert client.get("/personnel/batches/1/transition/").status_code == 405


@pytest.mark.parametrize("role", ["unit_head", "payroll", "staff", "auditor"])
def test_action_screens_refuse_non_hr(client: Client, town: Town, role: str) -> None:
    client.force_login(town.user(role))
    for url in ("/personnel/actions/", "/personnel/actions/new/", "/personnel/batches/"):
        assert client.get(url).status_code == 403


def test_action_list_query_count_is_bounded(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (1, 30):
        town = build_town(extra_staff=extra)
        client.force_login(town.user("hr"))
        for employee in town.staff[4:]:
            client.post(
                "/personnel/actions/new/",
                {
                    "staff_number": employee.staff_number,
                    "action_type": "transfer",
                    "effective_on": "2026-04-01",
                    "org_unit": str(town.jinji.pk),
                    "intent": "draft",
                },
            )
        with django_assert_max_num_queries(14) as ctx:
            html = client.get("/personnel/actions/").content.decode()
        assert f"{extra} 件" in html
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def _batch(client: Client, town: Town) -> ActionBatch:
    client.force_login(town.user("hr"))
    response = client.post("/personnel/batches/", {"name": "令和8年4月1日 定期人事異動", "effective_on": "2026-04-01"})
    batch = ActionBatch.unscoped.filter(organization=town.org).get()
    assert response["Location"] == f"/personnel/batches/{batch.pk}/"
    return batch


def _upload(client: Client, batch: ActionBatch, text: str, encoding: str = "utf-8") -> str:
    file = SimpleUploadedFile("idou.csv", text.encode(encoding), content_type="text/csv")
    response = client.post(f"/personnel/batches/{batch.pk}/upload/", {"file": file})
    if response.status_code == 302:
        return client.get(response["Location"]).content.decode()
    return response.content.decode()


def test_batch_upload_reports_row_column_reason_and_adds_nothing(client: Client, town: Town) -> None:
    batch = _batch(client, town)
    html = _upload(
        client, batch, "職員番号,発令種別,発令日,所属コード\n100002,異動,2026-04-01,NOPE\n100003,飛行,2026/13/01,\n"
    )
    assert "3 件の問題があります" in html
    assert re.search(r'<td class="num">2</td><td>所属コード</td><td>コード「NOPE」は登録されていません', html)
    assert re.search(r'<td class="num">3</td><td>発令種別</td>', html)
    assert re.search(r'<td class="num">3</td><td>発令日</td>', html)
    assert not PersonnelAction.unscoped.exists()


def test_batch_preview_lists_problems_per_row_and_confirm_applies_all(client: Client, town: Town) -> None:
    batch = _batch(client, town)
    with tenant_context(town.org):
        jinji_code = town.jinji.code
        soumu_code = town.soumu.code
    csv_text = (
        "職員番号,発令種別,発令日,所属コード\n"
        f"100002,異動,2026-04-01,{jinji_code}\n"
        f"100003,異動,2026-04-01,{soumu_code}\n"
        f"100003,異動,2026-04-01,{jinji_code}\n"
    )
    html = _upload(client, batch, csv_text, encoding="cp932")
    assert "3 件の発令を追加しました" in html
    assert "問題のある行 1 件" in html
    assert "同じ職員・同じ発令日の発令が重複しています" in html
    assert 'class="row--problem"' in html
    assert "disabled" in html
    # take the duplicated person's rows out, then confirm
    rows = PersonnelAction.unscoped.filter(batch=batch, employee=town.staff[2]).values_list("pk", flat=True)
    client.post(f"/personnel/batches/{batch.pk}/transition/", {"do": "remove", "action": list(rows)})
    html = client.get(f"/personnel/batches/{batch.pk}/").content.decode()
    assert "row--problem" not in html
    assert "1 件を一括確定" in html
    client.post(f"/personnel/batches/{batch.pk}/transition/", {"do": "apply"})
    batch.refresh_from_db()
    assert batch.status == ActionStatus.APPLIED
    assert Assignment.unscoped.get(employee=town.staff[1], valid_from=datetime.date(2026, 4, 1)).org_unit == town.jinji
    client.post(f"/personnel/batches/{batch.pk}/notices/new/")  # 辞令: a background job (run at once in tests)
    job = NoticePrintJob.unscoped.get(batch=batch)
    pdf = client.get(f"/personnel/batches/{batch.pk}/notices/{job.pk}/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_batch_add_row_by_form_shows_errors_next_to_fields(client: Client, town: Town) -> None:
    batch = _batch(client, town)
    response = client.post(
        f"/personnel/batches/{batch.pk}/rows/", {"staff_number": "", "action_type": "transfer", "effective_on": "x"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "このフィールドは必須です。" in _field_block(html, "id_staff_number")
    ok = client.post(
        f"/personnel/batches/{batch.pk}/rows/",
        {
            "staff_number": "100002",
            "action_type": "transfer",
            "effective_on": "2026-04-01",
            "org_unit": str(town.jinji.pk),
        },
    )
    assert ok.status_code == 302
    assert "高橋 一郎" in client.get(ok["Location"]).content.decode()


def test_batch_detail_query_count_is_bounded(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (1, 30):
        town = build_town(extra_staff=extra)
        batch = _batch(client, town)
        with tenant_context(town.org):
            code = town.jinji.code
        lines = "".join(f"{e.staff_number},異動,2026-04-01,{code}\n" for e in town.staff[4:])
        _upload(client, batch, "職員番号,発令種別,発令日,所属コード\n" + lines)
        with django_assert_max_num_queries(30) as ctx:
            html = client.get(f"/personnel/batches/{batch.pk}/").content.decode()
        assert f"{extra} 件を一括確定" in html
        counts.append(len(ctx.captured_queries))
        ActionBatch.unscoped.filter(pk=batch.pk).update(status=ActionStatus.CANCELLED)
    assert counts[0] == counts[1]
