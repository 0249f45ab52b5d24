"""The talent demo data for デモ市: each scenario leaves something for HR (and demo-head) to do."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from jinji.accounts.models import User
from jinji.core.tenancy import tenant_context
from jinji.demo.seed import demo_organization, seed_demo
from jinji.talent.models import Applicant, Enrolment, QualificationStatus, RoleTag, TermAppointment
from jinji.talent.selectors import qualification_allowances
from jinji.talent.selectors.qualifications import pending_qualifications
from jinji.talent.selectors.roles import units_without_tag
from jinji.talent.selectors.skills import pending_confirmations

ON = datetime.date(2026, 5, 15)
pytestmark = pytest.mark.django_db


def test_the_scenarios_are_there_and_a_second_run_is_refused() -> None:
    seed_demo(employees=150, seed=3, as_of=datetime.date(2026, 4, 1))
    out = StringIO()
    call_command("talent_seed_demo", "--on", ON.isoformat(), stdout=out)
    assert "人材育成のデモデータを作成しました" in out.getvalue()
    org = demo_organization()
    assert org is not None
    with tenant_context(org):
        hr, head = User.objects.get(username="demo-hr"), User.objects.get(username="demo-head")
        dx = RoleTag.objects.get(code="dx_promoter")
        assert units_without_tag(organization=org.pk, tag=dx, on=ON)  # 栃木: the report has work to show
        assert Enrolment.objects.filter(course__code="TG-MIND", status="completed").exists()
        assert Enrolment.objects.filter(course__code="TG-DXP", origin="mandatory").count() > 0
        assert len(pending_confirmations(organization=org.pk, user=head, on=ON)) > 0
        pending = pending_qualifications(organization=org.pk, user=hr, on=ON)
        assert {q.status for q in pending} == {QualificationStatus.PENDING}
        assert len(pending) == 2
        offered = Applicant.objects.filter(status="offered").values_list("category__code", flat=True)
        assert sorted(offered) == ["digital", "ict_fixed"]
        assert TermAppointment.objects.filter(kind="fiscal_year", term_end=datetime.date(2027, 3, 31)).exists()
        assert qualification_allowances(organization=org.pk, month=datetime.date(2026, 6, 1))
    with pytest.raises(Exception, match="既に作成されています"):
        call_command("talent_seed_demo", "--on", ON.isoformat(), stdout=StringIO())
