"""個人番号 vault: encryption, rotation, check digit, officer-only, audit without the number, key checks."""

from __future__ import annotations

import io
import json

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.errors import DomainError, NotPermitted
from jinji.personnel.checks import mynumber_keys_configured
from jinji.personnel.models import MyNumberRecord
from jinji.personnel.mynumber import MyNumberKeyError, my_number_reveal, my_number_store, stored_numbers_check
from jinji.rules.mynumber import check_digit
from tests.personnel.world import World

pytestmark = pytest.mark.django_db


def valid(first_eleven: str) -> str:
    return first_eleven + str(check_digit(first_eleven))


NUMBER = valid("12345678901")
OTHER = valid("98765432109")


def test_store_encrypts_and_officer_reads_back(world: World) -> None:
    e = world.hire()
    record = my_number_store(acting_user=world.officer, employee=e, number=f" {NUMBER[:4]}-{NUMBER[4:8]}-{NUMBER[8:]} ")
    assert NUMBER.encode() not in bytes(record.ciphertext)
    assert my_number_reveal(acting_user=world.officer, employee=e) == NUMBER


def test_full_width_digits_accepted(world: World) -> None:
    e = world.hire()
    full = NUMBER.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    my_number_store(acting_user=world.officer, employee=e, number=full)
    assert my_number_reveal(acting_user=world.officer, employee=e) == NUMBER


def test_bad_check_digit_refused_and_nothing_saved(world: World) -> None:
    e = world.hire()
    wrong = NUMBER[:11] + str((int(NUMBER[11]) + 1) % 10)
    with pytest.raises(DomainError) as err:
        my_number_store(acting_user=world.officer, employee=e, number=wrong)
    assert err.value.problems[0].field == "my_number"
    assert wrong not in str(err.value)
    assert not MyNumberRecord.objects.exists()


def test_non_officer_refused_for_store_and_reveal(world: World) -> None:
    e = world.hire()
    with pytest.raises(NotPermitted):
        my_number_store(acting_user=world.hr, employee=e, number=NUMBER)
    my_number_store(acting_user=world.officer, employee=e, number=NUMBER)
    with pytest.raises(NotPermitted, match="番号事務取扱担当者"):
        my_number_reveal(acting_user=world.hr, employee=e)


def test_duplicate_number_for_another_person_refused(world: World) -> None:
    a, b = world.hire(), world.hire()
    my_number_store(acting_user=world.officer, employee=a, number=NUMBER)
    with pytest.raises(DomainError, match="他の職員"):
        my_number_store(acting_user=world.officer, employee=b, number=NUMBER)
    my_number_store(acting_user=world.officer, employee=a, number=OTHER)  # own number replaced
    assert my_number_reveal(acting_user=world.officer, employee=a) == OTHER


def test_every_access_audited_without_the_number(world: World) -> None:
    e = world.hire()
    my_number_store(acting_user=world.officer, employee=e, number=NUMBER)
    my_number_store(acting_user=world.officer, employee=e, number=OTHER)
    my_number_reveal(acting_user=world.officer, employee=e)
    events = AuditEvent.objects.filter(action__startswith="personnel.my_number").order_by("id")
    assert [(ev.action, ev.kind) for ev in events] == [
        ("personnel.my_number.store", AuditKind.CHANGE),
        ("personnel.my_number.change", AuditKind.CHANGE),
        ("personnel.my_number.read", AuditKind.READ),
    ]
    dumped = json.dumps([[ev.before, ev.after, ev.target_label] for ev in events], ensure_ascii=False)
    assert NUMBER not in dumped
    assert OTHER not in dumped


def test_rotation_new_key_first_old_key_still_decrypts(world: World, settings: object) -> None:
    e = world.hire()
    old_keys = list(settings.MYNUMBER_KEYS)  # type: ignore[attr-defined]
    my_number_store(acting_user=world.officer, employee=e, number=NUMBER)
    new_key = Fernet.generate_key().decode()
    with override_settings(MYNUMBER_KEYS=[new_key, *old_keys]):
        assert my_number_reveal(acting_user=world.officer, employee=e) == NUMBER
        other = world.hire()
        with pytest.raises(DomainError):  # duplicate still detected during rotation
            my_number_store(acting_user=world.officer, employee=other, number=NUMBER)
        result = stored_numbers_check(rotate=True)
        assert (result.total, result.needing_rotation, result.rotated, result.undecryptable) == (1, 1, 1, 0)
    with override_settings(MYNUMBER_KEYS=[new_key]):
        assert my_number_reveal(acting_user=world.officer, employee=e) == NUMBER


def test_wrong_key_gives_clear_error_on_reveal_and_command(world: World) -> None:
    e = world.hire()
    my_number_store(acting_user=world.officer, employee=e, number=NUMBER)
    with override_settings(MYNUMBER_KEYS=[Fernet.generate_key().decode()]):
        with pytest.raises(MyNumberKeyError, match="復号できません"):
            my_number_reveal(acting_user=world.officer, employee=e)
        with pytest.raises(CommandError, match="1 件の個人番号を現在の鍵で復号できません"):
            call_command("check_mynumber_keys", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_mynumber_keys", stdout=out)
    assert "保存件数 1 件" in out.getvalue()


@pytest.mark.parametrize(
    ("keys", "message"),
    [([], "が設定されていません"), (["not-a-key"], "1番目の鍵が Fernet 鍵")],
)
def test_system_check_stops_start_up_without_usable_key(keys: list[str], message: str) -> None:
    with override_settings(MYNUMBER_KEYS=keys):
        errors = mynumber_keys_configured()
    assert len(errors) == 1
    assert errors[0].id == "jinji.E010"
    assert message in errors[0].msg
    assert mynumber_keys_configured() == []
