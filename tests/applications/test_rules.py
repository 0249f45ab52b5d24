"""Who may file and approve, what a failed effect leaves behind, 遡及 marking, 二重送信, routes and the
selector payroll reads."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jinji.applications.models import AllowanceDetermination, AllowanceKind, Attachment
from jinji.applications.pay_status import register_pay_finalized_check, unregister_pay_finalized_check
from jinji.applications.selectors.determinations import allowance_determinations
from jinji.applications.services.definitions import definitions_seed
from jinji.applications.services.submission import application_resubmit
from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.errors import DomainError, NotPermitted
from jinji.core.tenancy import tenant_context
from jinji.personnel.models import CommuteRoute
from jinji.workflow import events as workflow_events
from jinji.workflow.models import ActionLog, DefinitionStep, InstanceStatus, Task, TaskStatus, WorkflowDefinition
from jinji.workflow.services import instance_approve, instance_send_back
from tests.applications.conftest import (
    COMMUTE_BY_CAR,
    EFFECTIVE,
    Town,
    approve_all,
    build_town,
    file_notice,
    fresh,
    upload,
)

pytestmark = pytest.mark.django_db


def test_route_is_kakaricho_kacho_then_payroll_for_allowances(town: Town) -> None:
    instance = file_notice(town)
    steps = list(instance.steps.order_by("order").values_list("name", "slots"))
    assert steps == [
        ("係長承認", [[town.kakaricho.pk]]),
        ("課長承認", [[town.kacho.pk]]),
        ("給与担当決裁", [[town.payroll.pk]]),
    ]


def test_seeding_is_idempotent_and_reports(town: Town) -> None:
    again = definitions_seed(acting_user=town.hr)
    assert [o.created for o in again] == [False] * 6
    out = StringIO()
    call_command("workflow_seed_definitions", organization=town.org.code, stdout=out)
    assert "既にあるため変更していません" in out.getvalue()
    assert WorkflowDefinition.objects.count() == 6


def test_command_publishes_the_default_routes(db: None) -> None:
    fresh_town = build_town()
    out = StringIO()
    call_command("workflow_seed_definitions", organization=fresh_town.org.code, stdout=out)
    assert out.getvalue().count("作成しました") == 6
    with tenant_context(fresh_town.org):
        finals = dict(
            DefinitionStep.objects.filter(kind="final_approval").values_list(
                "version__definition__application_type", "name"
            )
        )
    assert finals == {
        "address_change": "人事担当決裁",
        "name_change": "人事担当決裁",
        "bank_account_change": "給与担当決裁",
        "commuting_notification": "給与担当決裁",
        "housing_notification": "給与担当決裁",
        "dependents_notification": "給与担当決裁",
    }
    with pytest.raises(CommandError, match="団体コード"):
        call_command("workflow_seed_definitions", organization="000000", stdout=out)


# --- proxy entry (代理入力) ----------------------------------------------------------------


def test_clerk_enters_for_a_member_of_their_units(town: Town) -> None:
    assert town.staff.employee_id is not None
    instance = file_notice(town, user=town.clerk, applicant_employee_id=town.staff.employee_id)
    assert instance.applicant_employee_id == town.staff.employee_id
    assert instance.applicant_id == town.staff.pk
    assert instance.entered_by_id == town.clerk.pk
    log = ActionLog.objects.get(instance=instance, action="submit")
    assert (log.actor_id, log.on_behalf_of_id) == (town.clerk.pk, town.staff.pk)
    assert Attachment.objects.get(instance=instance).uploaded_by_id == town.clerk.pk


@pytest.mark.parametrize("who", ["other_clerk", "outsider"])
def test_proxy_entry_out_of_scope_is_refused_and_audited(town: Town, who: str) -> None:
    user = getattr(town, who)
    assert town.staff.employee_id is not None
    with pytest.raises(NotPermitted):
        file_notice(town, user=user, applicant_employee_id=town.staff.employee_id)
    event = AuditEvent.objects.filter(action=workflow_events.REFUSED, actor_id=user.pk).get()
    assert event.kind == AuditKind.AUTH
    assert "代理入力" in event.after["reason"]
    assert not Attachment.objects.exists()


# --- approval out of scope, effect failure -------------------------------------------------


def test_approval_by_someone_not_on_the_step_is_refused_and_audited(town: Town) -> None:
    instance = file_notice(town)
    for user in (town.outsider, town.kacho, town.payroll):
        with pytest.raises(NotPermitted):
            instance_approve(instance=fresh(instance), acting_user=user)
    refused = AuditEvent.objects.filter(action=workflow_events.REFUSED, target_id=str(instance.pk))
    assert set(refused.values_list("actor_id", flat=True)) == {town.outsider.pk, town.kacho.pk, town.payroll.pk}
    assert fresh(instance).status == InstanceStatus.IN_PROGRESS


def test_a_failing_effect_leaves_nothing_applied(town: Town) -> None:
    """A later determination exists: the commute route written first is rolled back with the rest."""
    later = file_notice(town, effective_on=datetime.date(2026, 6, 1), payload={**COMMUTE_BY_CAR, "distance_km": "3.0"})
    approve_all(town, later)
    CommuteRoute.objects.all().delete()  # only the 認定簿 row remains to conflict with
    instance = approve_all(town, file_notice(town))
    assert instance.status == InstanceStatus.EFFECT_FAILED
    assert "2026-06-01からの通勤手当の認定が既にあります" in instance.effect_error
    assert not CommuteRoute.objects.exists()
    assert AllowanceDetermination.objects.count() == 1
    pending = Task.objects.filter(instance=instance, status=TaskStatus.PENDING).values_list("assignee_id", flat=True)
    assert list(pending) == [town.payroll.pk], "the final approver can retry after the conflict is fixed"


# --- 遡及 -----------------------------------------------------------------------------------


@pytest.fixture
def april_pay_finalized() -> Iterator[list[tuple[int, datetime.date]]]:
    asked: list[tuple[int, datetime.date]] = []

    def finalized(organization_id: int, month: datetime.date) -> bool:
        asked.append((organization_id, month))
        return month <= datetime.date(2026, 4, 1)

    register_pay_finalized_check(finalized)
    yield asked
    unregister_pay_finalized_check(finalized)


def test_an_effective_date_in_a_finalized_month_is_marked_retro(
    town: Town, april_pay_finalized: list[tuple[int, datetime.date]]
) -> None:
    approve_all(town, file_notice(town, effective_on=datetime.date(2026, 4, 15)))
    d = AllowanceDetermination.objects.get()
    assert d.retro is True
    assert (town.org.pk, datetime.date(2026, 4, 1)) in april_pay_finalized
    approve_all(town, file_notice(town, effective_on=datetime.date(2026, 5, 1)))
    assert AllowanceDetermination.objects.get(valid_from=datetime.date(2026, 5, 1)).retro is False


def test_without_a_payroll_hook_nothing_is_retro(town: Town) -> None:
    approve_all(town, file_notice(town, effective_on=datetime.date(2025, 4, 1)))
    assert AllowanceDetermination.objects.get().retro is False


def test_a_date_before_any_legal_table_is_refused_at_submission(town: Town) -> None:
    with pytest.raises(DomainError) as exc:
        file_notice(town, effective_on=datetime.date(2020, 4, 1))
    problem = exc.value.problems[0]
    assert problem.field == "effective_on"
    assert "2020-04-01の手当額を計算できません" in problem.message


# --- double submit, resubmission ---------------------------------------------------------


def test_a_double_clicked_submit_creates_one_application_with_one_set_of_files(town: Town) -> None:
    first = file_notice(town, idempotency_key="form-123")
    second = file_notice(town, idempotency_key="form-123", files=[upload(), upload()])
    assert first.pk == second.pk
    assert Attachment.objects.filter(instance=first).count() == 1


def test_resubmission_after_send_back_with_corrections(town: Town) -> None:
    instance = file_notice(town)
    instance = instance_approve(instance=instance, acting_user=town.kakaricho)
    instance = instance_send_back(instance=fresh(instance), acting_user=town.kacho, comment="距離を確認してください")
    assert instance.status == InstanceStatus.SENT_BACK
    with pytest.raises(DomainError) as exc:
        application_resubmit(acting_user=town.staff, instance=fresh(instance), payload={}, effective_on=EFFECTIVE)
    assert "payload.distance_km" in {p.field for p in exc.value.problems}
    with pytest.raises(NotPermitted):
        application_resubmit(
            acting_user=town.outsider, instance=fresh(instance), payload=COMMUTE_BY_CAR, effective_on=EFFECTIVE
        )
    resubmitted = application_resubmit(
        acting_user=town.staff,
        instance=fresh(instance),
        payload={**COMMUTE_BY_CAR, "distance_km": "15.2"},
        effective_on=EFFECTIVE,
        files=[upload(name="map.pdf")],
    )
    assert resubmitted.round == 2
    assert Attachment.objects.filter(instance=instance).count() == 2
    approve_all(town, resubmitted)
    assert AllowanceDetermination.objects.get().monthly_amount == 10_000  # §C6 15–20 km


# --- what payroll reads ----------------------------------------------------------------------


HOME = {
    "housing_type": "rented",
    "postal_code": "100-0001",
    "address": "本町",
    "rent": 20_000,
    "landlord": "大家",
    "contract_start": "2026-03-01",
}


def test_allowance_determinations_by_employee_on_a_date(town: Town) -> None:
    approve_all(town, file_notice(town))
    approve_all(town, file_notice(town, "housing_notification", HOME))
    farther = {**COMMUTE_BY_CAR, "distance_km": "25.0"}
    approve_all(town, file_notice(town, effective_on=datetime.date(2026, 9, 1), payload=farther))
    assert town.staff.employee_id is not None
    assert allowance_determinations(organization=town.org, on=datetime.date(2026, 3, 31)) == {}
    april = allowance_determinations(organization=town.org, on=datetime.date(2026, 4, 1))[town.staff.employee_id]
    assert {(d.kind, d.monthly_amount) for d in april} == {
        (AllowanceKind.COMMUTING, 7_100),
        (AllowanceKind.HOUSING, 4_000),
    }
    september = allowance_determinations(organization=town.org.pk, on=datetime.date(2026, 9, 1))[town.staff.employee_id]
    commuting = next(d for d in september if d.kind == AllowanceKind.COMMUTING)
    assert commuting.monthly_amount == 15_800  # §C6 25–30 km
    assert commuting.valid_from == datetime.date(2026, 9, 1)
    ended = AllowanceDetermination.objects.get(valid_from=EFFECTIVE, kind=AllowanceKind.COMMUTING)
    assert ended.valid_to == datetime.date(2026, 8, 31)


def test_allowance_determinations_is_one_query(town: Town, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    approve_all(town, file_notice(town))
    with django_assert_num_queries(1):
        allowance_determinations(organization=town.org, on=EFFECTIVE)


def march_finalized(organization_id: int, month: datetime.date) -> bool:
    """Stands in for ``jinji.payroll.selectors.is_pay_finalized`` (looked up by name)."""
    return month <= datetime.date(2026, 3, 1)


def test_payroll_is_asked_by_name_when_nothing_is_registered(town: Town, monkeypatch: pytest.MonkeyPatch) -> None:
    from jinji.applications import pay_status

    monkeypatch.setattr(pay_status, "PAYROLL_CHECK", ("tests.applications.test_rules", "march_finalized"))
    assert pay_status.is_pay_finalized(town.org.pk, datetime.date(2026, 3, 20)) is True
    assert pay_status.is_pay_finalized(town.org.pk, datetime.date(2026, 4, 1)) is False
    monkeypatch.setattr(pay_status, "PAYROLL_CHECK", ("jinji.no_such_module", "is_pay_finalized"))
    assert pay_status.is_pay_finalized(town.org.pk, datetime.date(2026, 3, 20)) is False
