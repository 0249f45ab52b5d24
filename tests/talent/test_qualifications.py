"""資格: the seeded master, registration (duplicates, expiry, evidence), HR verification, renewal."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.talent.catalogue_seed import IPA_EXAMS
from jinji.talent.models import EmployeeQualification, Qualification, QualificationStatus
from jinji.talent.services import (
    qualification_master_add,
    qualification_register,
    qualification_renew,
    qualification_review,
)
from tests.factories import OrganizationFactory, national
from tests.talent.helpers import upload
from tests.talent.world import TODAY, Town


def register(town: Town, who: str = "alice", code: str = "ipa_fe", **kwargs: object) -> EmployeeQualification:
    values: dict[str, object] = {"acquired_on": datetime.date(2020, 6, 1), "evidence": upload(), "on": TODAY}
    values.update(kwargs)
    return qualification_register(
        acting_user=town.user(who),
        employee=town.emp("alice"),
        qualification=national("Qualification", code),  # type: ignore[arg-type]
        **values,  # type: ignore[arg-type]
    )


def messages(exc: DomainError) -> dict[str, str]:
    return {p.field: p.message for p in exc.problems}


def test_the_thirteen_ipa_exams_are_seeded_with_levels_and_the_sc_renewal(town: Town) -> None:
    rows = {q.name: q for q in Qualification.objects.filter(organization__isnull=True, category="ipa")}
    assert len(rows) == 13 == len(IPA_EXAMS)
    assert rows["ITパスポート"].ipa_level == 1
    assert rows["基本情報技術者"].ipa_level == rows["情報セキュリティマネジメント"].ipa_level == 2
    assert rows["応用情報技術者"].ipa_level == 3
    assert {q.ipa_level for n, q in rows.items() if "スペシャリスト" in n or n.endswith("ストラテジスト")} == {4}
    renewing = {n: q.renewal_years for n, q in rows.items() if q.renewal_years}
    assert renewing == {"情報処理安全確保支援士(登録セキスペ)": 3}


def test_staff_register_their_own_with_evidence_and_wait_for_hr(town: Town) -> None:
    record = register(town, certificate_number="FE-123")
    assert record.status == QualificationStatus.PENDING
    assert record.evidence_type == "application/pdf"
    assert record.evidence_name == "合格証書.pdf"
    assert len(record.evidence_sha256) == 64
    event = AuditEvent.objects.get(action="talent.qualification.register")
    assert event.actor_id == town.user("alice").pk
    assert event.after["certificate_number"] == "FE-123"


def test_the_same_qualification_twice_is_refused_naming_it(town: Town) -> None:
    register(town)
    with pytest.raises(DomainError) as caught:
        register(town, acquired_on=datetime.date(2021, 1, 1))
    assert "「基本情報技術者」は既に登録されています(状態: 確認待ち)" in messages(caught.value)["qualification"]
    assert EmployeeQualification.objects.count() == 1


def test_a_rejected_one_can_be_registered_again(town: Town) -> None:
    first = register(town)
    qualification_review(acting_user=town.user("hr"), record=first, approve=False, note="証書が読めません")
    second = register(town)
    assert second.pk != first.pk
    assert EmployeeQualification.objects.filter(status="rejected").count() == 1


def test_an_expired_qualification_is_refused(town: Town) -> None:
    with pytest.raises(DomainError) as caught:
        register(town, code="ipa_sc", acquired_on=datetime.date(2021, 4, 1))  # 3 years: expired 2024-03-31
    assert "2024年03月31日で有効期限が切れています" in messages(caught.value)["expires_on"]
    assert not EmployeeQualification.objects.exists()


def test_sc_expiry_is_three_years_from_registration(town: Town) -> None:
    record = register(town, code="ipa_sc", acquired_on=datetime.date(2024, 10, 1))
    assert record.expires_on == datetime.date(2027, 9, 30)


def test_future_date_and_missing_evidence_are_both_reported(town: Town) -> None:
    with pytest.raises(DomainError) as caught:
        register(town, acquired_on=TODAY + datetime.timedelta(days=1), evidence=None)
    found = messages(caught.value)
    assert found["acquired_on"] == "取得日は今日以前の日付にしてください"
    assert "証明書類を添付してください" in found["evidence"]


def test_another_staff_member_cannot_register_for_alice(town: Town) -> None:
    with pytest.raises(NotPermitted):
        register(town, who="bob")


def test_hr_may_enter_for_staff_without_evidence(town: Town) -> None:
    record = register(town, who="hr", evidence=None)
    assert record.status == QualificationStatus.PENDING
    assert not record.has_evidence


def test_another_organizations_own_qualification_is_refused(town: Town) -> None:
    other = Qualification.unscoped.create(
        organization=OrganizationFactory(), code="x", name="他市の免許", category="public"
    )
    with pytest.raises(DomainError) as caught:
        qualification_register(
            acting_user=town.user("alice"),
            employee=town.emp("alice"),
            qualification=other,
            acquired_on=datetime.date(2020, 1, 1),
            evidence=upload(),
            on=TODAY,
        )
    assert messages(caught.value)["qualification"] == "他の団体の資格は指定できません"


def test_hr_verifies_and_the_review_is_audited(town: Town) -> None:
    record = register(town)
    verified = qualification_review(acting_user=town.user("hr"), record=record, approve=True)
    assert verified.status == QualificationStatus.VERIFIED
    assert verified.reviewed_by == town.user("hr")
    event = AuditEvent.objects.get(action="talent.qualification.verify")
    assert event.before["status"] == "pending"
    assert event.after["status"] == "verified"
    with pytest.raises(DomainError, match="確認済"):
        qualification_review(acting_user=town.user("hr2"), record=record, approve=True)


def test_returning_needs_a_reason(town: Town) -> None:
    record = register(town)
    with pytest.raises(DomainError) as caught:
        qualification_review(acting_user=town.user("hr"), record=record, approve=False)
    assert messages(caught.value)["note"] == "差戻しの理由を入力してください"
    record.refresh_from_db()
    assert record.status == QualificationStatus.PENDING


@pytest.mark.parametrize("who", ["alice", "head", "bob"])
def test_only_hr_verifies(town: Town, who: str) -> None:
    record = register(town)
    with pytest.raises(NotPermitted):
        qualification_review(acting_user=town.user(who), record=record, approve=True)


def test_hr_cannot_verify_their_own(town: Town) -> None:
    record = qualification_register(
        acting_user=town.user("hr"),
        employee=town.emp("hr"),
        qualification=national("Qualification", "ipa_ap"),  # type: ignore[arg-type]
        acquired_on=datetime.date(2019, 12, 1),
        evidence=upload(),
        on=TODAY,
    )
    with pytest.raises(DomainError, match="自分の資格は確認できません"):
        qualification_review(acting_user=town.user("hr"), record=record, approve=True)
    assert qualification_review(acting_user=town.user("hr2"), record=record, approve=True).status == "verified"


def test_renewal_moves_the_expiry_and_asks_hr_again(town: Town) -> None:
    record = register(town, code="ipa_sc", acquired_on=datetime.date(2023, 7, 1))
    qualification_review(acting_user=town.user("hr"), record=record, approve=True)
    renewed = qualification_renew(
        acting_user=town.user("alice"), record=record, renewed_on=datetime.date(2026, 5, 1), evidence=upload(), on=TODAY
    )
    assert renewed.expires_on == datetime.date(2029, 4, 30)
    assert renewed.renewed_on == datetime.date(2026, 5, 1)
    assert renewed.status == QualificationStatus.PENDING
    assert AuditEvent.objects.get(action="talent.qualification.renew").before["expires_on"] == "2026-06-30"


def test_a_qualification_without_renewal_cannot_be_renewed(town: Town) -> None:
    record = register(town)
    with pytest.raises(DomainError, match="更新制度がありません"):
        qualification_renew(
            acting_user=town.user("alice"),
            record=record,
            renewed_on=datetime.date(2026, 5, 1),
            evidence=upload(),
            on=TODAY,
        )


def test_hr_adds_a_local_licence_visible_only_in_its_organization(town: Town) -> None:
    row = qualification_master_add(
        acting_user=town.user("hr"), organization=town.org, code="kenchiku1", name="一級建築士", category="national"
    )
    assert row.organization_id == town.org.pk
    assert Qualification.objects.filter(code="kenchiku1").exists()
    with pytest.raises(DomainError, match="既に使われています"):
        qualification_master_add(
            acting_user=town.user("hr"), organization=town.org, code="ipa_fe", name="重複", category="national"
        )
    with pytest.raises(NotPermitted):
        qualification_master_add(
            acting_user=town.user("alice"), organization=town.org, code="x", name="x", category="national"
        )
