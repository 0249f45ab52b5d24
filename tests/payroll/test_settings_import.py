"""職員別控除の取込: all-or-nothing, errors naming the row and column, periods that end the open one."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.payroll.models import DeductionItem, EmployeeDeduction
from jinji.payroll.services import settings_import
from jinji.payroll.services.settings_import import deduction_import
from tests.payroll.builders import Payroll

pytestmark = pytest.mark.django_db
HEADER = "職員番号,控除項目コード,月額,適用開始日,適用終了日\n"


def _import(world: Payroll, body: str, encoding: str = "utf-8") -> int:
    return deduction_import(
        acting_user=world.clerk, organization_id=world.org.pk, data=(HEADER + body).encode(encoding)
    )


@pytest.mark.parametrize("in_limit", [5_000, 0])  # 0: the large-file path that reads every 職員番号
def test_import_adds_periods_and_ends_the_open_one(world: Payroll, in_limit: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(settings_import, "IN_LIMIT", in_limit)
    a, b = world.employee(), world.employee()
    gojo = DeductionItem.objects.create(organization=world.org, code="gojo", name="互助会費")
    DeductionItem.objects.create(organization=world.org, code="union", name="組合費")
    old = EmployeeDeduction.objects.create(
        organization=world.org, employee=a, item=gojo, amount=1_000, valid_from=datetime.date(2025, 4, 1)
    )
    body = (
        f'{a.staff_number},gojo,"1,200",2026-04-01,\n'
        f"{b.staff_number},union,2500,2026/04/01,2027-03-31\n"
        f"{b.staff_number},union,2600,2027-04-01,\n"
    )
    assert _import(world, body, "cp932") == 3
    old.refresh_from_db()
    assert old.valid_to == datetime.date(2026, 3, 31)
    rows = EmployeeDeduction.objects.order_by("employee_id", "valid_from").values_list(
        "employee_id", "item__code", "amount", "valid_from", "valid_to"
    )
    assert list(rows) == [
        (a.pk, "gojo", 1_000, datetime.date(2025, 4, 1), datetime.date(2026, 3, 31)),
        (a.pk, "gojo", 1_200, datetime.date(2026, 4, 1), None),
        (b.pk, "union", 2_500, datetime.date(2026, 4, 1), datetime.date(2027, 3, 31)),
        (b.pk, "union", 2_600, datetime.date(2027, 4, 1), None),
    ]
    assert AuditEvent.objects.get(action="payroll.setting.deduction_import").after == {"rows": 3, "ended": 1}


def test_bad_rows_are_named_and_nothing_is_saved(world: Payroll) -> None:
    a = world.employee()
    DeductionItem.objects.create(organization=world.org, code="gojo", name="互助会費")
    body = (
        f"{a.staff_number},gojo,1000,2026-04-01,\n"
        "999999,nothing,1000,2026-04-01,\n"
        f"{a.staff_number},gojo,-5,2026-13-01,2026-01-01\n"
    )
    with pytest.raises(DomainError) as caught:
        _import(world, body)
    text = str(caught.value)
    assert "3行目 職員番号: 職員番号 999999 の職員がいません" in text
    assert "3行目 控除項目コード: 控除項目 nothing は登録されていません" in text
    assert "4行目 月額" in text
    assert "4行目 適用開始日" in text
    assert not EmployeeDeduction.objects.exists()


def test_overlapping_rows_in_the_file_are_refused(world: Payroll) -> None:
    a = world.employee()
    DeductionItem.objects.create(organization=world.org, code="gojo", name="互助会費")
    body = f"{a.staff_number},gojo,1000,2026-04-01,2026-12-31\n{a.staff_number},gojo,1100,2026-06-01,\n"
    with pytest.raises(
        DomainError, match="3行目 適用開始日: 適用期間が登録済みの期間 2026-04-01〜2026-12-31 と重なっています"
    ):
        _import(world, body)
    assert not EmployeeDeduction.objects.exists()


def test_wrong_header_is_refused(world: Payroll) -> None:
    with pytest.raises(DomainError, match="1行目"):
        deduction_import(acting_user=world.clerk, organization_id=world.org.pk, data=b"a,b\n1,2\n")


def test_upload_page_shows_problems(world: Payroll) -> None:
    client = Client()
    client.force_login(world.clerk)
    upload = SimpleUploadedFile("d.csv", (HEADER + "1,x,1,2026-04-01,\n").encode())
    page = client.post("/payroll/settings/deductions/import/", {"file": upload}).content.decode()
    assert "取り込めませんでした" in page
    assert "2行目 職員番号: 職員番号 1 の職員がいません" in page
