"""A small municipality for payroll tests: one payer, one unit, staff on 行政職給料表(一)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from jinji.accounts.models import Role, User
from jinji.core.models import Organization
from jinji.org.models import OrgUnit, Payer, SalarySchedule
from jinji.payroll.models import EmployeePaySetting, InsuranceEnrolment, PayrollCalendar
from jinji.payroll.sources import AttendanceMonth, register_attendance_source
from jinji.personnel.models import AppointmentType, BankAccount, Employee, WorkPattern
from jinji.rules.payslip import MonthAttendance
from jinji.workflow.models import ApproverKind, StepKind
from jinji.workflow.services import definition_publish
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec
from tests.factories import (
    FAR_PAST,
    AssignmentFactory,
    EmployeeFactory,
    OrgUnitFactory,
    PayerFactory,
    RoleGrantFactory,
    SalaryScheduleFactory,
    UserFactory,
)

MAY = datetime.date(2026, 5, 1)
MAY_PAY = datetime.date(2026, 5, 21)  # Thursday, a business day


@dataclass
class Payroll:
    org: Organization
    payer: Payer
    unit: OrgUnit
    schedule: SalarySchedule
    clerk: User  # 給与担当
    approver: User
    attendance: dict[int, AttendanceMonth] = field(default_factory=dict)
    requested: list[tuple[int, int, frozenset[int]]] = field(default_factory=list)

    def employee(
        self,
        *,
        grade: int | None = 1,
        step: int | None = 1,
        bank: bool = True,
        appointment_type: str = AppointmentType.REGULAR,
        hired_on: datetime.date = datetime.date(2010, 4, 1),
        **emp: object,
    ) -> Employee:
        employee = EmployeeFactory(organization=self.org, hired_on=hired_on, **emp)
        AssignmentFactory(
            employee=employee,
            org_unit=self.unit,
            payer=self.payer,
            salary_schedule=self.schedule if grade else None,
            grade=grade,
            step=step,
            appointment_type=appointment_type,
            work_pattern=WorkPattern.FULL_TIME,
        )
        if bank:
            bank_account(employee)
        return employee


def bank_account(employee: Employee, **kw: object) -> BankAccount:
    values: dict[str, object] = {
        "organization": employee.organization,
        "employee": employee,
        "bank_code": "0001",
        "bank_name": "みずほ",
        "branch_code": "001",
        "branch_name": "本店",
        "account_type": "1",
        "account_number": f"{employee.pk:07d}",
        "holder_kana": "ヤマダ タロウ",
        "valid_from": FAR_PAST,
    }
    values.update(kw)
    return BankAccount.objects.create(**values)


def mutual_aid(employee: Employee, *, short: int, long: int, **kw: object) -> InsuranceEnrolment:
    return InsuranceEnrolment.objects.create(
        organization=employee.organization,
        employee=employee,
        scheme="mutual_aid",
        union="toyama_municipal",
        short_term_grade=short,
        long_term_grade=long,
        valid_from=FAR_PAST,
        **kw,
    )


def pay_setting(employee: Employee, **kw: object) -> EmployeePaySetting:
    return EmployeePaySetting.objects.create(
        organization=employee.organization, employee=employee, valid_from=FAR_PAST, **kw
    )


def approval_route(world: Payroll) -> None:
    spec = DefinitionSpec(
        name="給与計算の決裁",
        steps=(
            StepSpec(
                name="課長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.USER, user_id=world.approver.pk),),
            ),
        ),
    )
    hr = UserFactory(organization=world.org)
    RoleGrantFactory(user=hr, role=Role.HR)
    definition_publish(acting_user=hr, application_type="payroll_run_approval", spec=spec)


def build_payroll() -> Payroll:
    payer = PayerFactory(name="市長部局", name_kana="ﾃｽﾄｼ", consignor_code="1234567890")
    org = payer.organization
    unit = OrgUnitFactory(organization=org, version__name="総務課")
    schedule = SalaryScheduleFactory(organization=org)
    PayrollCalendar.objects.create(organization=org, payer=payer, pay_day=21)
    clerk_emp = EmployeeFactory(organization=org)
    clerk = UserFactory(organization=org, employee=clerk_emp)
    RoleGrantFactory(user=clerk, role=Role.PAYROLL)
    approver = UserFactory(organization=org, employee=EmployeeFactory(organization=org))
    return Payroll(org=org, payer=payer, unit=unit, schedule=schedule, clerk=clerk, approver=approver)


def closed_attendance(world: Payroll) -> None:
    """Register a 勤怠 source: every employee closed, with ``world.attendance`` overrides."""

    def source(*, organization_id: int, units: dict[int, int], year: int, month: int) -> dict[int, AttendanceMonth]:
        blank = AttendanceMonth(attendance=MonthAttendance(), closed=True)
        world.requested.append((year, month, frozenset(units)))
        return {eid: world.attendance.get(eid, blank) for eid in units}

    register_attendance_source(source)
