"""Reports: 源泉徴収簿 (finalized payments of a calendar year), 共済 掛金・負担金 report, 給与実態調査 export;
who may see them, audit of downloads, bounded queries."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client

from jinji.accounts.models import Role, User
from jinji.audit.models import AuditEvent
from jinji.payroll.models import PayrollRun, Payslip, RunKind, RunStatus
from jinji.payroll.reports.mutual_aid import report_rows
from jinji.payroll.reports.survey import survey_export, years_between
from jinji.payroll.reports.withholding import withholding_book
from jinji.personnel.models import Employee
from tests.factories import RoleGrantFactory, UserFactory
from tests.payroll.builders import Payroll, mutual_aid

pytestmark = pytest.mark.django_db


def _run(world: Payroll, month: datetime.date, paid_on: datetime.date, *, kind: str = RunKind.MONTHLY,
         status: str = RunStatus.FINALIZED) -> PayrollRun:  # fmt: skip
    return PayrollRun.objects.create(
        organization=world.org, payer=world.payer, month=month, kind=kind, paid_on=paid_on, status=status
    )


Lines = list[list[object]] | None


def _slip(run: PayrollRun, employee: Employee, *, gross: int, social: int, taxable: int, tax: int,
          earnings: Lines = None, deductions: Lines = None) -> Payslip:  # fmt: skip
    total = social + tax
    return Payslip.objects.create(
        organization=run.organization, run=run, employee=employee, org_unit_id=None, gross=gross, taxable=taxable,
        social_insurance=social, income_tax=tax, total_deductions=total, net=gross - total,
        earnings=earnings or [["base_salary", "給料", gross]], deductions=deductions or [],
    )  # fmt: skip


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _user(world: Payroll, role: Role) -> User:
    user = UserFactory(organization=world.org)
    RoleGrantFactory(user=user, role=role)
    return user


def _csv(response: object) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(body)))


def test_withholding_book_counts_finalized_payments_by_pay_date_year(world: Payroll) -> None:
    employee = world.employee()
    jan = _run(world, datetime.date(2026, 1, 1), datetime.date(2026, 1, 21))
    june_bonus = _run(world, datetime.date(2026, 6, 1), datetime.date(2026, 6, 30), kind=RunKind.BONUS)
    dec_2025 = _run(world, datetime.date(2025, 12, 1), datetime.date(2025, 12, 19))  # other year
    draft = _run(world, datetime.date(2026, 2, 1), datetime.date(2026, 2, 20), status=RunStatus.COMPUTED)
    _slip(jan, employee, gross=300_000, social=45_000, taxable=240_000, tax=6_000)
    _slip(june_bonus, employee, gross=600_000, social=90_000, taxable=510_000, tax=20_000)
    _slip(dec_2025, employee, gross=1, social=0, taxable=1, tax=0)
    _slip(draft, employee, gross=2, social=0, taxable=2, tax=0)
    book = withholding_book(organization_id=world.org.pk, employee_id=employee.pk, year=2026)
    assert [(line.kind, line.paid_on, line.gross, line.income_tax) for line in book.salary] == [
        ("給与", datetime.date(2026, 1, 21), 300_000, 6_000)
    ]
    assert [(line.kind, line.taxable) for line in book.bonus] == [("賞与", 510_000)]
    assert (book.total.gross, book.total.social_insurance, book.total.taxable, book.total.income_tax) == (
        900_000, 135_000, 750_000, 26_000,
    )  # fmt: skip


def test_withholding_page_and_csv_for_payroll_only_and_audited(world: Payroll, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    run = _run(world, datetime.date(2026, 4, 1), datetime.date(2026, 4, 21))
    employees = [world.employee() for _ in range(4)]
    for employee in employees:
        _slip(run, employee, gross=250_000, social=30_000, taxable=210_000, tax=5_000)
    client = _client(world.clerk)
    with django_assert_max_num_queries(14):
        page = client.get(f"/payroll/reports/withholding/{employees[0].pk}/?year=2026")
    assert page.status_code == 200
    assert "250,000" in page.content.decode()
    assert AuditEvent.objects.filter(action="payroll.report.read").count() == 1
    rows = _csv(client.get("/payroll/reports/withholding.csv?year=2026"))
    assert rows[0][:3] == ["職員番号", "氏名", "年"]
    assert len(rows) == 5
    assert rows[1][6:] == ["250000", "30000", "210000", "5000"]
    assert AuditEvent.objects.filter(action="payroll.report.export").count() == 1
    for role in (Role.STAFF, Role.HR):
        other = _client(_user(world, role))
        assert other.get(f"/payroll/reports/withholding/{employees[0].pk}/").status_code == 403
        assert other.get("/payroll/reports/withholding.csv").status_code == 403
    lookup = client.get(f"/payroll/reports/?staff_number={employees[1].staff_number}&year=2025")
    assert lookup["Location"].endswith(f"/payroll/reports/withholding/{employees[1].pk}/?year=2025")


def test_mutual_aid_report_standard_remuneration_contributions_and_employer_share(world: Payroll) -> None:
    a, b, outside = world.employee(), world.employee(), world.employee()
    # 標準報酬 (payroll-rules.md §B2 grade table): 短期27級・長期24級 = 410,000; 長期10級 = 160,000
    mutual_aid(a, short=27, long=24)
    mutual_aid(b, short=27, long=10)
    run = _run(world, datetime.date(2026, 5, 1), datetime.date(2026, 5, 21))
    a_items = [
        ["short_term", "短期掛金", 19_593],
        ["pension", "厚生年金保険料", 37_515],
        ["income_tax", "所得税", 7_000],
    ]
    _slip(run, a, gross=400_000, social=57_108, taxable=300_000, tax=7_000, deductions=a_items)
    _slip(run, b, gross=200_000, social=14_640, taxable=150_000, tax=1_000,
          deductions=[["pension", "厚生年金保険料", 14_640]])  # fmt: skip
    _slip(run, outside, gross=100_000, social=0, taxable=100_000, tax=0)
    rows = list(report_rows(run=run))
    assert [r[0] for r in rows] == [a.staff_number, b.staff_number, "合計"]
    assert rows[0][3:7] == [27, 410_000, 24, 410_000]
    assert rows[1][6] == 160_000
    # 掛金 in ITEMS order: 短期, 介護, 福祉, 子育て, 厚年, 退職等; 掛金計; then 負担金 (折半 = same amounts)
    assert rows[0][7:14] == [19_593, 0, 0, 0, 37_515, 0, 57_108]
    assert rows[0][14:21] == rows[0][7:14]
    # employer 厚年 = (410,000 + 160,000) × 183/1000 = 104,310 − (37,515 + 14,640) = 52,155
    total = rows[-1]
    assert total[11] == 52_155
    assert total[18] == 52_155
    assert total[13] == 19_593 + 52_155


def test_survey_export_as_of_april_first(world: Payroll) -> None:
    employee = world.employee(birth_date=datetime.date(1990, 4, 2), hired_on=datetime.date(2012, 4, 1), grade=1, step=5)
    world.employee(hired_on=datetime.date(2026, 4, 2))  # hired after the survey date: not listed
    run = _run(world, datetime.date(2026, 4, 1), datetime.date(2026, 4, 21))
    earnings = [["base_salary", "給料", 200_000], ["regional_allowance", "地域手当", 20_000],
                ["qualification:ipa", "情報処理資格手当", 5_000]]  # fmt: skip
    _slip(run, employee, gross=225_000, social=0, taxable=225_000, tax=0, earnings=earnings)
    export = survey_export(organization_id=world.org.pk, year=2026)
    assert export.header[-2:] == ["地域手当", "情報処理資格手当"]
    [row] = [r for r in export.rows if r[0] == employee.staff_number]
    values = dict(zip(export.header, row, strict=True))
    assert (values["年齢"], values["在職年数"], values["級"], values["号給"]) == (35, 14, 1, 5)
    assert (values["給料月額"], values["地域手当"], values["情報処理資格手当"]) == (200_000, 20_000, 5_000)
    assert len(export.rows) == 1


def test_years_between_counts_whole_years() -> None:
    assert years_between(datetime.date(1990, 4, 1), datetime.date(2026, 4, 1)) == 36
    assert years_between(datetime.date(1990, 4, 2), datetime.date(2026, 4, 1)) == 35


def test_survey_csv_for_payroll_and_hr_not_staff(world: Payroll) -> None:
    world.employee()
    for role, status in ((Role.HR, 200), (Role.PAYROLL, 200), (Role.STAFF, 403), (Role.UNIT_HEAD, 403)):
        response = _client(_user(world, role)).get("/payroll/reports/survey.csv?year=2026")
        assert response.status_code == status, role
    assert AuditEvent.objects.filter(action="payroll.report.export").count() == 2


def test_mutual_aid_csv_download(world: Payroll) -> None:
    run = _run(world, datetime.date(2026, 5, 1), datetime.date(2026, 5, 21))
    response = _client(world.clerk).get(f"/payroll/runs/{run.pk}/mutual-aid.csv")
    rows = _csv(response)
    assert rows[0][:3] == ["職員番号", "氏名", "共済組合"]
    assert rows[-1][:2] == ["合計", "0名"]
    assert _client(_user(world, Role.HR)).get(f"/payroll/runs/{run.pk}/mutual-aid.csv").status_code == 403


def test_reports_hub_queries_are_bounded(world: Payroll, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for month in range(1, 7):
        _run(world, datetime.date(2026, month, 1), datetime.date(2026, month, 21))
    client = _client(world.clerk)
    with django_assert_max_num_queries(12):
        page = client.get("/payroll/reports/").content.decode()
    assert page.count("共済報告データ") == 6
    hr_page = _client(_user(world, Role.HR)).get("/payroll/reports/").content.decode()
    assert "源泉徴収簿" not in hr_page
    assert "給与実態調査" in hr_page
