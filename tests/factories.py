"""factory_boy factories shared by the Django tests (no JSON fixtures, no fixed ids)."""

from __future__ import annotations

import datetime

import factory

from jinji.accounts.models import Role, RoleGrant, User
from jinji.core.models import Organization
from jinji.org.models import (
    AppointingAuthority,
    AuthorityKind,
    JobCategory,
    OrgUnit,
    OrgUnitVersion,
    Payer,
    Position,
    SalarySchedule,
    UnitLevel,
)
from jinji.personnel.models import AppointmentType, Assignment, Employee, WorkPattern
from jinji.personnel.search_text import search_text_of

FAR_PAST = datetime.date(2000, 4, 1)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"{130000 + n:06d}")
    name = factory.Sequence(lambda n: f"テスト市{n}")


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointingAuthority

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    name = "市長"
    kind = AuthorityKind.MAYOR


class PayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payer

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    name = "市長部局"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    """An org unit with one version: ``OrgUnitFactory(version__name="総務課", version__parent=unit)``."""

    class Meta:
        model = OrgUnit
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    appointing_authority = factory.SubFactory(AuthorityFactory, organization=factory.SelfAttribute("..organization"))
    code = factory.Sequence(lambda n: f"U{n:05d}")
    valid_from = FAR_PAST
    version = factory.RelatedFactory("tests.factories.OrgUnitVersionFactory", factory_related_name="unit")


class OrgUnitVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnitVersion

    unit = factory.SubFactory(OrgUnitFactory, version=None)
    organization = factory.SelfAttribute("unit.organization")
    name = factory.Sequence(lambda n: f"テスト課{n}")
    level = UnitLevel.DIVISION
    parent = None
    valid_from = factory.SelfAttribute("unit.valid_from")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"POS{n}")
    name = "主事"
    rank = 1
    valid_from = FAR_PAST


class JobCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobCategory

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"J{n}")
    name = "一般行政職"


class SalaryScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalarySchedule

    organization = factory.SubFactory(OrganizationFactory)
    code = "gyosei_1"
    name = "行政職給料表(一)"
    max_grade = 7
    valid_from = FAR_PAST


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    organization = factory.SubFactory(OrganizationFactory)
    staff_number = factory.Sequence(lambda n: f"{100000 + n}")
    family_name = "山田"
    given_name = factory.Sequence(lambda n: f"太郎{n}")
    family_name_kana = "ヤマダ"
    given_name_kana = "タロウ"
    birth_date = datetime.date(1985, 6, 15)
    hired_on = datetime.date(2008, 4, 1)
    search_text = factory.LazyAttribute(search_text_of)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    employee = factory.SubFactory(EmployeeFactory)
    organization = factory.SelfAttribute("employee.organization")
    org_unit = factory.SubFactory(OrgUnitFactory, organization=factory.SelfAttribute("..organization"))
    appointing_authority = factory.SelfAttribute("org_unit.appointing_authority")
    appointment_type = AppointmentType.REGULAR
    work_pattern = WorkPattern.FULL_TIME
    weekly_minutes = 2325
    grade = 2
    step = 20
    valid_from = factory.SelfAttribute("employee.hired_on")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    organization = factory.SelfAttribute("user.organization")
    role = Role.HR
    org_unit = None
    include_descendants = True
    valid_from = FAR_PAST


# --- accounts and audit (appended) ---------------------------------------------------------

TEST_PASSWORD = "correct horse battery staple"
"""The password UserFactory sets (passes the password policy)."""


class AuditEventFactory(factory.django.DjangoModelFactory):
    """An audit event written directly (tests of the audit screen; services use audit_record)."""

    class Meta:
        model = "audit.AuditEvent"

    organization = factory.SubFactory(OrganizationFactory)
    actor_label = "someone"
    kind = "change"
    action = "test.changed"
    target_type = "personnel.employee"
    target_id = factory.Sequence(str)
    target_label = "対象"


# --- talent (appended) ---------------------------------------------------------------------


def national(model: str, code: str) -> object:
    """A national catalogue row seeded by migration (IPA exam, skill area, role tag) by its code."""
    from django.apps import apps

    return apps.get_model("talent", model).unscoped.get(organization__isnull=True, code=code)


class EmployeeQualificationFactory(factory.django.DjangoModelFactory):
    """A qualification record written directly (verified by default), for search and allowance tests."""

    class Meta:
        model = "talent.EmployeeQualification"

    employee = factory.SubFactory(EmployeeFactory)
    organization = factory.SelfAttribute("employee.organization")
    qualification = factory.LazyFunction(lambda: national("Qualification", "ipa_fe"))
    acquired_on = datetime.date(2015, 6, 1)
    status = "verified"


class EmployeeSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "talent.EmployeeSkill"

    employee = factory.SubFactory(EmployeeFactory)
    organization = factory.SelfAttribute("employee.organization")
    area = factory.LazyFunction(lambda: national("SkillArea", "data"))
    level = 2
    confirmed_on = datetime.date(2025, 4, 1)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "talent.Course"

    organization = factory.SubFactory(OrganizationFactory)
    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.Sequence(lambda n: f"テスト研修{n}")
    kind = "rank_based"
    hours = 6


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "talent.TrainingSession"

    course = factory.SubFactory(CourseFactory)
    organization = factory.SelfAttribute("course.organization")
    name = factory.Sequence(lambda n: f"第{n}回")
    starts_on = datetime.date(2026, 6, 1)
    ends_on = datetime.date(2026, 6, 2)
    capacity = 30


class RoleTagAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "talent.RoleTagAssignment"

    employee = factory.SubFactory(EmployeeFactory)
    organization = factory.SelfAttribute("employee.organization")
    tag = factory.LazyFunction(lambda: national("RoleTag", "dx_promoter"))
    valid_from = datetime.date(2025, 4, 1)
