"""基本情報の更新 (optimistic concurrency) and personal data with history (no silent overwrite)."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import ConcurrentUpdate, DomainError
from jinji.personnel.models import Address, BankAccount, CommuteRoute, EmergencyContact, Employee
from jinji.personnel.services import (
    address_add,
    address_correct,
    bank_account_add,
    commute_route_add,
    dependent_add,
    dependent_end,
    emergency_contact_add,
    emergency_contact_remove,
    emergency_contact_update,
    employee_update,
)
from tests.personnel.world import World

pytestmark = pytest.mark.django_db
D = datetime.date


def test_update_bumps_version_and_search_text(world: World) -> None:
    e = world.hire("佐藤", "花子")
    updated = employee_update(
        acting_user=world.hr,
        employee=e,
        expected_version=e.version,
        data={
            "family_name": "鈴木",
            "family_name_kana": "すずき",
            "former_family_name": "佐藤",
            "uses_former_name": True,
        },
    )
    assert updated.version == e.version + 1
    assert updated.working_name == "佐藤 花子"
    assert "スズキ" in updated.search_text
    assert "佐藤花子" in updated.search_text
    event = AuditEvent.objects.get(action="personnel.employee.update")
    assert event.before["family_name"] == "佐藤"
    assert event.after["family_name"] == "鈴木"


def test_second_save_with_stale_version_is_refused(world: World) -> None:
    e = world.hire("佐藤", "花子")
    read_version = e.version
    employee_update(acting_user=world.hr, employee=e, expected_version=read_version, data={"phone": "03-1111-2222"})
    with pytest.raises(ConcurrentUpdate) as err:
        employee_update(acting_user=world.hr, employee=e, expected_version=read_version, data={"phone": "03-9999-9999"})
    assert "他の利用者が更新しました" in str(err.value)
    assert Employee.objects.get(pk=e.pk).phone == "03-1111-2222"


def test_update_refuses_duplicate_staff_number_and_unknown_fields(world: World) -> None:
    a, b = world.hire("佐藤", "花子"), world.hire("高橋", "一郎")
    with pytest.raises(DomainError, match="既に使われています"):
        employee_update(
            acting_user=world.hr, employee=b, expected_version=b.version, data={"staff_number": a.staff_number}
        )
    with pytest.raises(DomainError, match="変更できません"):
        employee_update(
            acting_user=world.hr, employee=b, expected_version=b.version, data={"separated_on": D(2020, 1, 1)}
        )


def test_new_address_ends_the_current_one(world: World) -> None:
    e = world.hire()
    first = address_add(
        acting_user=world.hr, employee=e, valid_from=D(2015, 4, 1), postal_code="100-0001", address="千代田区1"
    )
    address_add(acting_user=world.hr, employee=e, valid_from=D(2024, 6, 1), postal_code="150-0001", address="渋谷区2")
    assert Address.objects.get(pk=first.pk).valid_to == D(2024, 5, 31)
    with pytest.raises(DomainError, match="既にあります"):
        address_add(acting_user=world.hr, employee=e, valid_from=D(2024, 1, 1), postal_code="1", address="x")
    assert Address.objects.count() == 2
    event = AuditEvent.objects.filter(action="personnel.address.add").order_by("id").last()
    assert event is not None
    assert event.after["ended_previous"] == [first.pk]


def test_correct_keeps_before_and_after_in_audit(world: World) -> None:
    e = world.hire()
    address = address_add(
        acting_user=world.hr, employee=e, valid_from=D(2015, 4, 1), postal_code="100-0001", address="千代田区1"
    )
    address_correct(acting_user=world.hr, address=address, data={"address": "千代田区1-1"})
    event = AuditEvent.objects.get(action="personnel.address.correct")
    assert (event.before["address"], event.after["address"]) == ("千代田区1", "千代田区1-1")


def test_dependent_add_end_and_bad_input(world: World) -> None:
    e = world.hire()
    child = dependent_add(
        acting_user=world.hr,
        employee=e,
        valid_from=D(2020, 1, 1),
        name="山田 次郎",
        name_kana="ヤマダ ジロウ",
        relationship="child",
        birth_date=D(2019, 12, 1),
    )
    ended = dependent_end(acting_user=world.hr, dependent=child, valid_to=D(2041, 3, 31))
    assert ended.valid_to == D(2041, 3, 31)
    with pytest.raises(DomainError) as err:
        dependent_add(
            acting_user=world.hr,
            employee=e,
            valid_from=D(2020, 1, 1),
            name="",
            name_kana="x",
            relationship="cousin",
            birth_date=D(2019, 1, 1),
        )
    fields = {p.field for p in err.value.problems}
    assert {"name", "relationship"} <= fields


def test_main_bank_account_and_commute_route_replace_the_current(world: World) -> None:
    e = world.hire()
    values = {
        "bank_code": "0001",
        "bank_name": "銀行",
        "branch_code": "001",
        "branch_name": "本店",
        "account_type": "1",
        "holder_kana": "ヤマダ タロウ",
    }
    old = bank_account_add(
        acting_user=world.hr, employee=e, valid_from=D(2015, 4, 1), account_number="1111111", **values
    )
    bank_account_add(acting_user=world.hr, employee=e, valid_from=D(2020, 4, 1), account_number="2222222", **values)
    bank_account_add(
        acting_user=world.hr,
        employee=e,
        valid_from=D(2020, 4, 1),
        account_number="3333333",
        is_main=False,
        fixed_amount=30000,
        **values,
    )
    assert BankAccount.objects.get(pk=old.pk).valid_to == D(2020, 3, 31)
    assert BankAccount.objects.filter(valid_to__isnull=True).count() == 2
    commute_route_add(acting_user=world.hr, employee=e, valid_from=D(2015, 4, 1), method="transport", distance_hm=123)
    commute_route_add(acting_user=world.hr, employee=e, valid_from=D(2022, 4, 1), method="vehicle", distance_hm=80)
    assert list(CommuteRoute.objects.order_by("valid_from").values_list("valid_to", flat=True)) == [
        D(2022, 3, 31),
        None,
    ]


def test_emergency_contacts(world: World) -> None:
    e = world.hire()
    contact = emergency_contact_add(acting_user=world.hr, employee=e, name="山田 花子", relationship="妻", phone="090")
    emergency_contact_update(acting_user=world.hr, contact=contact, data={"phone": "080"})
    assert EmergencyContact.objects.get(pk=contact.pk).phone == "080"
    with pytest.raises(DomainError):
        emergency_contact_update(acting_user=world.hr, contact=contact, data={"name": " "})
    emergency_contact_remove(acting_user=world.hr, contact=contact)
    assert not EmergencyContact.objects.exists()
    assert AuditEvent.objects.get(action="personnel.emergency_contact.remove").before["name"] == "山田 花子"


def test_personal_change_with_stale_version_refused(world: World) -> None:
    e = world.hire()
    with pytest.raises(ConcurrentUpdate):
        address_add(
            acting_user=world.hr,
            employee=e,
            valid_from=D(2020, 1, 1),
            postal_code="1",
            address="x",
            expected_version=e.version + 5,
        )
