"""給与の設定 screens: 給与担当 only, create/edit through the service with audit, Japanese problems naming
the field, effective-dated rows that end the previous period and never overlap, bounded list queries."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.accounts.models import Role, User
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.payroll.models import (
    BudgetAccount,
    DeductionItem,
    EmployeeDeduction,
    EmployeePaySetting,
    InsuranceEnrolment,
    PayrollCalendar,
    RemittingAccount,
)
from jinji.payroll.services.settings import KINDS, setting_save
from tests.factories import OrganizationFactory, PayerFactory, RoleGrantFactory, UserFactory
from tests.payroll.builders import Payroll

pytestmark = pytest.mark.django_db
APRIL = datetime.date(2026, 4, 1)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _user(world: Payroll, role: Role) -> User:
    user = UserFactory(organization=world.org)
    RoleGrantFactory(user=user, role=role)
    return user


def _item(world: Payroll, code: str = "gojo", name: str = "互助会費") -> DeductionItem:
    return DeductionItem.objects.create(organization=world.org, code=code, name=name)


def _deduct(world: Payroll, staff_number: str, item: DeductionItem, amount: int, start: datetime.date, **kw: object):
    values = {"item": item, "amount": amount, "valid_from": start, "valid_to": None, **kw}
    return setting_save(
        acting_user=world.clerk, kind=KINDS["deductions"], organization_id=world.org.pk, values=values,
        staff_number=staff_number,
    )  # fmt: skip


@pytest.mark.parametrize("slug", [*KINDS])
@pytest.mark.parametrize(("role", "status"), [(Role.PAYROLL, 200), (Role.HR, 403), (Role.STAFF, 403)])
def test_only_payroll_clerks_see_settings(world: Payroll, slug: str, role: Role, status: int) -> None:
    client = _client(world.clerk if role == Role.PAYROLL else _user(world, role))
    for url in (f"/payroll/settings/{slug}/", f"/payroll/settings/{slug}/new/", "/payroll/settings/"):
        assert client.get(url).status_code == status, url


def test_unknown_kind_and_other_tenants_rows_are_not_found(world: Payroll) -> None:
    client = _client(world.clerk)
    assert client.get("/payroll/settings/nothing/").status_code == 404
    other = OrganizationFactory()
    with tenant_context(other):
        payer = PayerFactory(organization=other)
        foreign = PayrollCalendar.objects.create(organization=other, payer=payer, pay_day=15)
    assert client.get(f"/payroll/settings/calendars/{foreign.pk}/").status_code == 404


def test_clerk_edits_the_calendar_and_the_change_is_audited(world: Payroll) -> None:
    calendar = PayrollCalendar.objects.get(payer=world.payer)
    client = _client(world.clerk)
    data = {
        "payer": world.payer.pk, "pay_day": 17, "appointee_pay_day": 17, "appointee_following_month": "on",
        "change_threshold_percent": 15,
    }  # fmt: skip
    response = client.post(f"/payroll/settings/calendars/{calendar.pk}/", data)
    assert response.status_code == 302
    calendar.refresh_from_db()
    assert (calendar.pay_day, calendar.change_threshold_percent) == (17, 15)
    event = AuditEvent.objects.get(action="payroll.setting.update")
    assert (event.before["pay_day"], event.after["pay_day"]) == (21, 17)  # type: ignore[index]
    bad = client.post(f"/payroll/settings/calendars/{calendar.pk}/", {**data, "pay_day": 32}).content.decode()
    assert "支給日は1〜31の日で入力してください" in bad
    calendar.refresh_from_db()
    assert calendar.pay_day == 17


def test_second_calendar_for_a_payer_is_refused(world: Payroll) -> None:
    response = _client(world.clerk).post(
        "/payroll/settings/calendars/new/",
        {"payer": world.payer.pk, "pay_day": 20, "appointee_pay_day": 20, "change_threshold_percent": 20},
    )
    assert response.status_code == 200
    assert "この 給与支払者 を持った 給与カレンダー が既に存在します" in response.content.decode()
    assert PayrollCalendar.objects.count() == 1


def test_remitting_account_checks_digits_and_kana_and_keeps_one_default(world: Payroll) -> None:
    client = _client(world.clerk)
    data = {
        "payer": world.payer.pk, "bank_code": "12", "bank_name": "ﾐｽﾞﾎ", "branch_code": "001",
        "branch_name": "本店", "account_type": "1", "account_number": "1234567", "is_default": "on",
    }  # fmt: skip
    page = client.post("/payroll/settings/accounts/new/", data).content.decode()
    assert "金融機関コードは4桁の数字で入力してください" in page
    assert "支店名(カナ)は全銀ファイルで使えるカナで入力してください" in page
    assert not RemittingAccount.objects.exists()
    for number in ("1234567", "7654321"):
        data.update(bank_code="0001", branch_name="ﾎﾝﾃﾝ", account_number=number)
        assert client.post("/payroll/settings/accounts/new/", data).status_code == 302
    defaults = list(RemittingAccount.objects.filter(is_default=True).values_list("account_number", flat=True))
    assert defaults == ["7654321"]


def test_budget_account_per_unit(world: Payroll) -> None:
    client = _client(world.clerk)
    data = {"org_unit": world.unit.pk, "code": "01-01-02", "name": "総務管理費"}
    assert client.post("/payroll/settings/budgets/new/", data).status_code == 302
    assert "総務課" in client.get("/payroll/settings/budgets/").content.decode()
    again = client.post("/payroll/settings/budgets/new/", {**data, "code": "9"}).content.decode()
    assert "この所属の予算科目はすでに登録されています" in again
    assert BudgetAccount.objects.count() == 1


def test_new_deduction_period_ends_the_open_one_and_overlaps_are_refused(world: Payroll) -> None:
    employee = world.employee()
    item = _item(world)
    first = _deduct(world, employee.staff_number, item, 1_000, APRIL)
    _deduct(world, employee.staff_number, item, 1_200, datetime.date(2026, 10, 1))
    first.refresh_from_db()
    assert first.valid_to == datetime.date(2026, 9, 30)  # type: ignore[attr-defined]
    with pytest.raises(DomainError, match="適用期間が登録済みの期間 2026-04-01〜2026-09-30 と重なっています"):
        _deduct(world, employee.staff_number, item, 900, datetime.date(2026, 5, 1), valid_to=datetime.date(2026, 5, 31))
    with pytest.raises(DomainError, match="職員番号 nobody の職員がいません"):
        _deduct(world, "nobody", item, 900, APRIL)
    assert EmployeeDeduction.objects.count() == 2
    assert AuditEvent.objects.filter(action="payroll.setting.create").count() == 2


def test_insurance_form_names_the_missing_fields(world: Payroll) -> None:
    employee = world.employee()
    data = {
        "staff_number": employee.staff_number, "scheme": "employee_plans", "short_term_grade": 0,
        "long_term_grade": 20, "valid_from": "2026-04-01",
    }  # fmt: skip
    page = _client(world.clerk).post("/payroll/settings/insurance/new/", data).content.decode()
    assert "都道府県コードは2桁の数字で入力してください" in page
    assert "短期(健康保険)の等級を入力してください(1〜60)" in page
    assert not InsuranceEnrolment.objects.exists()


def test_pay_setting_with_paper_payslip_flag(world: Payroll) -> None:
    employee = world.employee()
    client = _client(world.clerk)
    data = {
        "staff_number": employee.staff_number, "management_class": 0, "regional_grade": 3,
        "starting_pay_years": 0, "tax_column": "kou", "appointee_rate": 0, "paper_payslip": "on",
        "valid_from": "2026-04-01", "valid_to": "2026-03-01",
    }  # fmt: skip
    page = client.post("/payroll/settings/pay-settings/new/", data).content.decode()
    assert "適用終了日は適用開始日以降の日付にしてください" in page
    data["valid_to"] = ""
    assert client.post("/payroll/settings/pay-settings/new/", data).status_code == 302
    setting = EmployeePaySetting.objects.get()
    assert setting.paper_payslip
    assert setting.regional_grade == 3


@pytest.mark.parametrize("slug", [*KINDS])
def test_list_queries_do_not_grow_with_rows(world: Payroll, slug: str, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    item = _item(world)
    for n in range(5):
        employee = world.employee()
        EmployeeDeduction.objects.create(
            organization=world.org, employee=employee, item=item, amount=n, valid_from=APRIL
        )
        InsuranceEnrolment.objects.create(organization=world.org, employee=employee, scheme="none", valid_from=APRIL)
        EmployeePaySetting.objects.create(organization=world.org, employee=employee, valid_from=APRIL)
    client = _client(world.clerk)
    with django_assert_max_num_queries(12):
        response = client.get(f"/payroll/settings/{slug}/")
    assert response.status_code == 200
