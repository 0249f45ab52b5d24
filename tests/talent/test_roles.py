"""役割: designation for a term (audited, no overlaps) and the report of units without a DX推進員."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.talent.models import RoleTag, RoleTagAssignment
from jinji.talent.selectors.roles import designations, units_without_tag
from jinji.talent.services import role_tag_designate, role_tag_end
from tests.factories import national
from tests.talent.world import Town

APRIL = datetime.date(2026, 4, 1)


def dx() -> RoleTag:
    tag: RoleTag = national("RoleTag", "dx_promoter")  # type: ignore[assignment]
    return tag


def designate(town: Town, who: str, **kwargs: object) -> RoleTagAssignment:
    values: dict[str, object] = {"tag": dx(), "valid_from": APRIL, "valid_to": datetime.date(2028, 3, 31)}
    values.update(kwargs)
    return role_tag_designate(acting_user=town.user("hr"), employee=town.emp(who), **values)  # type: ignore[arg-type]


def test_designation_defaults_to_the_employees_unit_and_is_audited(town: Town) -> None:
    row = designate(town, "alice", note="令和8年度")
    assert row.org_unit_id == town.somuka.pk
    event = AuditEvent.objects.get(action="talent.role_tag.designate")
    assert event.actor_id == town.user("hr").pk
    assert event.after == {
        "employee": town.emp("alice").pk,
        "tag": dx().pk,
        "org_unit": town.somuka.pk,
        "valid_from": "2026-04-01",
        "valid_to": "2028-03-31",
    }


def test_overlapping_terms_of_the_same_role_are_refused(town: Town) -> None:
    designate(town, "alice")
    with pytest.raises(DomainError, match="任期が重なります"):
        designate(town, "alice", valid_from=datetime.date(2027, 4, 1), valid_to=None)
    designate(town, "alice", valid_from=datetime.date(2028, 4, 1), valid_to=None)  # the next term is fine
    cdo: RoleTag = national("RoleTag", "cdo")  # type: ignore[assignment]
    designate(town, "alice", tag=cdo)  # another role may overlap
    assert RoleTagAssignment.objects.count() == 3


def test_only_hr_designates(town: Town) -> None:
    with pytest.raises(NotPermitted):
        role_tag_designate(acting_user=town.user("head"), employee=town.emp("alice"), tag=dx(), valid_from=APRIL)


def test_units_without_a_dx_promoter_as_of_a_date(town: Town) -> None:
    def missing(on: datetime.date) -> list[str]:
        return [u.path_name for u in units_without_tag(organization=town.org.pk, tag=dx(), on=on)]

    assert missing(APRIL) == ["総務部 総務課", "総務部 人事課", "福祉部 福祉課"]
    designate(town, "alice", valid_to=datetime.date(2026, 9, 30))
    designate(town, "carol", valid_from=datetime.date(2026, 7, 1))
    assert missing(APRIL) == ["総務部 人事課", "福祉部 福祉課"]
    assert missing(datetime.date(2026, 8, 1)) == ["総務部 人事課"]
    assert missing(datetime.date(2026, 10, 1)) == ["総務部 総務課", "総務部 人事課"]


def test_ending_a_designation_sets_the_last_day(town: Town) -> None:
    row = designate(town, "alice", valid_to=None)
    with pytest.raises(DomainError, match="開始日以降"):
        role_tag_end(acting_user=town.user("hr"), assignment=row, end_on=datetime.date(2026, 3, 1))
    role_tag_end(acting_user=town.user("hr"), assignment=row, end_on=datetime.date(2026, 12, 31))
    assert [d.employee_id for d in designations(organization=town.org.pk, on=datetime.date(2027, 1, 1))] == []
    assert AuditEvent.objects.get(action="talent.role_tag.end").before["valid_to"] is None
