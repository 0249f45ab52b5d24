"""The 申請 screens and the 認定簿 screen: errors next to the field, one application per form, 代理入力,
filters, the CSV (formula injection neutralised) and a query count that does not grow with the data."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client

from jinji.accounts.models import User
from jinji.applications.models import AllowanceDetermination, Attachment
from jinji.personnel.models import Employee
from jinji.workflow.models import InstanceStatus, WorkflowInstance
from tests.applications.conftest import COMMUTE_BY_CAR, PDF, Town, approve_all, file_notice, upload
from tests.factories import AssignmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_key(response: Any) -> str:
    match = re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode())
    assert match
    return match.group(1)


def commute_post(key: str, **changes: Any) -> dict[str, Any]:
    data = {
        "idempotency_key": key,
        "effective_on": "2026-04-01",
        "method": "vehicle",
        "route": COMMUTE_BY_CAR["route"],
        "distance_km": "12.3",
        "parking_fee": "",
        "attachments": upload(),
    }
    return {**data, **changes}


def test_choose_lists_the_types_and_proxy_entry_for_clerks(town: Town) -> None:
    page = client_for(town.staff).get("/applications/new/").content.decode()
    assert "通勤届" in page
    assert "扶養親族届" in page
    assert "代理入力" not in page
    assert "代理入力" in client_for(town.clerk).get("/applications/new/").content.decode()


def test_commute_form_submits_once_and_shows_errors_next_to_fields(town: Town) -> None:
    client = client_for(town.staff)
    response = client.get("/applications/new/commuting_notification/")
    assert response.status_code == 200
    key = form_key(response)
    bad = client.post("/applications/new/commuting_notification/", commute_post(key, distance_km="12.34"))
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "片道の通勤距離は0.1km単位で入力してください" in body
    assert 'id="id_distance_km_error"' in body
    assert not WorkflowInstance.objects.exists()
    first = client.post("/applications/new/commuting_notification/", commute_post(key))
    second = client.post("/applications/new/commuting_notification/", commute_post(key))
    instance = WorkflowInstance.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/workflow/applications/{instance.pk}/"
    assert Attachment.objects.filter(instance=instance).count() == 1
    detail = client.get(first["Location"]).content.decode()
    assert "12.3km" in detail
    assert "7,100" in detail  # the estimate (§C6 10–15 km)
    assert "teiki.pdf" in detail


def test_missing_evidence_and_bad_file_are_shown_on_the_file_field(town: Town) -> None:
    client = client_for(town.staff)
    key = form_key(client.get("/applications/new/commuting_notification/"))
    response = client.post("/applications/new/commuting_notification/", commute_post(key, attachments=[]))
    assert "定期券の価額がわかる書類・経路図などを添付してください" in response.content.decode()
    gif = upload(b"GIF89a....", name="x.pdf")
    response = client.post("/applications/new/commuting_notification/", commute_post(key, attachments=gif))
    assert 'id="id_attachments_error"' in response.content.decode()
    assert "添付できない形式" in response.content.decode()


def test_clerk_enters_for_a_member_through_the_form(town: Town) -> None:
    staff_employee = Employee.objects.get(pk=town.staff.employee_id)
    client = client_for(town.clerk)
    redirect = client.get(
        "/applications/new/", {"type": "commuting_notification", "staff": staff_employee.staff_number}
    )
    assert redirect.status_code == 302
    page = client.get(redirect["Location"])
    assert staff_employee.working_name in page.content.decode()
    data = commute_post(form_key(page), staff=staff_employee.staff_number)
    assert client.post(redirect["Location"], data).status_code == 302
    instance = WorkflowInstance.objects.get()
    assert (instance.applicant_employee_id, instance.entered_by_id) == (staff_employee.pk, town.clerk.pk)
    outsider = Employee.objects.get(pk=town.outsider.employee_id)
    refused = client.post(
        "/applications/new/commuting_notification/",
        commute_post("k2", staff=outsider.staff_number),
    )
    assert refused.status_code == 400
    assert "代理入力の権限がありません" in refused.content.decode()
    assert WorkflowInstance.objects.count() == 1


def test_sent_back_application_is_fixed_and_resubmitted_from_its_form(town: Town) -> None:
    from jinji.workflow.services import instance_send_back

    instance = file_notice(town)
    instance_send_back(instance=instance, acting_user=town.kakaricho, comment="距離が違います")
    client = client_for(town.staff)
    page = client.get(f"/applications/{instance.pk}/fix/")
    assert page.status_code == 200
    assert 'value="12.3"' in page.content.decode()
    fresh = WorkflowInstance.objects.get(pk=instance.pk)
    data = commute_post("", distance_km="16.0", version=str(fresh.version), attachments=[])
    response = client.post(f"/applications/{instance.pk}/fix/", data)
    assert response.status_code == 302
    fresh = WorkflowInstance.objects.get(pk=instance.pk)
    assert (fresh.status, fresh.payload["distance_km"], fresh.round) == (InstanceStatus.IN_PROGRESS, "16.0", 2)
    assert client_for(town.outsider).get(f"/applications/{instance.pk}/fix/").status_code == 404


def test_register_filters_and_csv(town: Town) -> None:
    approve_all(town, file_notice(town))
    other = EmployeeFactory(organization=town.org, family_name="=HYPERLINK(1)", given_name="太郎")
    AssignmentFactory(employee=other, org_unit=town.zaisei)
    other_user = User.objects.create(organization=town.org, username="formula", employee=other)
    approve_all_for(town, other_user)
    client = client_for(town.payroll)
    page = client.get("/applications/determinations/", {"on": "2026-04-01", "kind": "commuting"}).content.decode()
    assert page.count("7,100") >= 2
    only_jinji = client.get("/applications/determinations/", {"on": "2026-04-01", "unit": town.ka.pk}).content.decode()
    assert "=HYPERLINK" not in only_jinji
    before = client.get("/applications/determinations/", {"on": "2026-03-31"}).content.decode()
    assert "この条件の認定はありません" in before
    response = client.get("/applications/determinations/export.csv", {"on": "2026-04-01"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff職員番号")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    names = [r[1] for r in rows[1:]]
    assert "'=HYPERLINK(1) 太郎" in names
    assert all(r[4] == "7100" for r in rows[1:])


def approve_all_for(town: Town, user: User) -> None:
    from jinji.applications.services.submission import application_submit
    from jinji.workflow.services import instance_approve

    instance = application_submit(
        acting_user=user,
        application_type="commuting_notification",
        payload=COMMUTE_BY_CAR,
        effective_on=AllowanceDetermination.objects.first().valid_from,  # type: ignore[union-attr]
        files=[upload(PDF)],
    )
    for approver in (town.zaisei_kacho, town.zaisei_kacho, town.payroll):  # no 係長 in 財政課: 課長 twice
        instance = instance_approve(instance=WorkflowInstance.objects.get(pk=instance.pk), acting_user=approver)
    assert instance.status == InstanceStatus.APPROVED


@pytest.mark.parametrize("count", [1, 8])
def test_register_page_query_count_does_not_grow(town: Town, count: int, django_assert_max_num_queries: Any) -> None:
    for _ in range(count):
        employee = EmployeeFactory(organization=town.org)
        AssignmentFactory(employee=employee, org_unit=town.kakari)
        user = User.objects.create(organization=town.org, username=f"u{employee.pk}", employee=employee)
        approve_all(town, file_notice(town, user=user))
    client = client_for(town.payroll)
    with django_assert_max_num_queries(14):
        response = client.get("/applications/determinations/", {"on": "2026-04-01", "unit": town.ka.pk})
    assert response.content.decode().count('data-label="月額" class="num">7,100') == count


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("address_change", "新しい住所"),
        ("name_change", "職場で旧姓を使用する(旧姓使用)"),
        ("bank_account_change", "口座名義(カナ)"),
        ("commuting_notification", "交通機関1の定期券の価額(円)"),
        ("housing_notification", "借家・借間(家賃を支払っている)"),
        ("dependents_notification", "追加1人目の続柄"),
    ],
)
def test_every_form_renders(town: Town, code: str, label: str) -> None:
    page = client_for(town.staff).get(f"/applications/new/{code}/")
    assert page.status_code == 200
    assert label in page.content.decode()
    assert 'enctype="multipart/form-data"' in page.content.decode()
