"""住所変更届, 氏名変更届, 口座変更届, 住居届, 扶養親族届: bad input names the field; 決裁 updates the master
and, for the allowances, the 認定簿 with amounts read off the reference (payroll-rules.md §C4, §C5)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from jinji.applications.models import AllowanceDetermination, AllowanceKind
from jinji.core.errors import DomainError
from jinji.personnel.models import Address, Assignment, BankAccount, Dependent, Employee
from jinji.personnel.services import address_add, dependent_add
from tests.applications.conftest import EFFECTIVE, Town, approve_all, file_notice

pytestmark = pytest.mark.django_db

ADDRESS = {"postal_code": "1234567", "address": "テスト市本町1-2-3", "address_kana": "てすとしほんちょう"}
NAME = {
    "family_name": "佐藤",
    "given_name": "太郎",
    "family_name_kana": "サトウ",
    "given_name_kana": "タロウ",
    "uses_former_name": True,
    "former_family_name": "職員",
    "former_family_name_kana": "ショクイン",
}
BANK = {
    "bank_code": "0001",
    "bank_name": "みずほ銀行",
    "branch_code": "001",
    "branch_name": "東京営業部",
    "account_type": "1",
    "account_number": "123456",
    "holder_kana": "ショクイン タロウ",
}
RENTED = {
    "housing_type": "rented",
    "postal_code": "100-0001",
    "address": "テスト市本町1-2-3 コーポ101",
    "rent": 50_000,
    "landlord": "本町不動産",
    "contract_start": "2026-03-20",
}


def problems(town: Town, application_type: str, payload: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(DomainError) as exc:
        file_notice(town, application_type, payload)
    return {p.field: p.message for p in exc.value.problems}


def employee(town: Town) -> Employee:
    return Employee.objects.get(pk=town.staff.employee_id)


# --- 住所変更届 -----------------------------------------------------------------------------


def test_address_change_adds_the_address_from_the_moving_day_and_ends_the_old_one(town: Town) -> None:
    address_add(
        acting_user=town.hr, employee=employee(town), valid_from=datetime.date(2020, 4, 1), postal_code="100-0001",
        address="旧住所",
    )  # fmt: skip
    instance = file_notice(town, "address_change", ADDRESS, files=[])
    assert instance.payload["postal_code"] == "123-4567"
    assert instance.payload["address_kana"] == "テストシホンチョウ"
    approve_all(town, instance, final=town.hr)
    rows = list(Address.objects.filter(employee_id=town.staff.employee_id).order_by("valid_from"))
    assert [(a.address, a.valid_from, a.valid_to) for a in rows] == [
        ("旧住所", datetime.date(2020, 4, 1), EFFECTIVE - datetime.timedelta(days=1)),
        ("テスト市本町1-2-3", EFFECTIVE, None),
    ]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"postal_code": "12-345"}, "payload.postal_code", "郵便番号"),
        ({"address": ""}, "payload.address", "新しい住所を入力"),
        ({"address_kana": "ほんちょう1"}, "payload.address_kana", "カタカナ"),
    ],
)
def test_address_change_refuses_bad_input(town: Town, change: dict[str, str], field: str, words: str) -> None:
    found = problems(town, "address_change", {**ADDRESS, **change})
    assert words in found[field]


def test_address_change_is_decided_by_hr_not_payroll(town: Town) -> None:
    instance = file_notice(town, "address_change", ADDRESS, files=[])
    with pytest.raises(DomainError):
        approve_all(town, instance, final=town.payroll)


# --- 氏名変更届 -----------------------------------------------------------------------------


def test_name_change_with_former_name_in_use(town: Town) -> None:
    approve_all(town, file_notice(town, "name_change", NAME, files=[]), final=town.hr)
    e = employee(town)
    assert (e.family_name, e.family_name_kana, e.former_family_name) == ("佐藤", "サトウ", "職員")
    assert e.uses_former_name is True
    assert e.working_name == "職員 太郎"


def test_name_change_needs_the_former_name_when_it_is_used(town: Town) -> None:
    found = problems(town, "name_change", {**NAME, "former_family_name": "", "former_family_name_kana": ""})
    assert "旧姓を入力" in found["payload.former_family_name"]
    assert "旧姓(フリガナ)" in found["payload.former_family_name_kana"]


def test_name_change_without_a_change_is_refused(town: Town) -> None:
    e = employee(town)
    same = {
        "family_name": e.family_name,
        "given_name": e.given_name,
        "family_name_kana": e.family_name_kana,
        "given_name_kana": e.given_name_kana,
    }
    assert "同じ" in problems(town, "name_change", same)["payload.family_name"]


# --- 口座変更届 -----------------------------------------------------------------------------


def test_bank_account_change_registers_the_main_account(town: Town) -> None:
    instance = approve_all(town, file_notice(town, "bank_account_change", BANK))
    account = BankAccount.objects.get(employee_id=town.staff.employee_id)
    assert (account.account_number, account.is_main, account.valid_from) == ("0123456", True, EFFECTIVE)
    summary = dict(instance.payload)
    assert summary["account_number"] == "0123456"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"bank_code": "12a"}, "payload.bank_code", "半角数字4桁"),
        ({"account_number": "12345678"}, "payload.account_number", "7桁"),
        ({"account_type": "9"}, "payload.account_type", "預金種目"),
        ({"holder_kana": "職員タロウ"}, "payload.holder_kana", "カタカナ"),
        ({"holder_kana": "ヱビス タロウ"}, "payload.holder_kana", "全銀協"),
    ],
)
def test_bank_account_change_refuses_bad_input(town: Town, change: dict[str, str], field: str, words: str) -> None:
    assert words in problems(town, "bank_account_change", {**BANK, **change})[field]


# --- 住居届 (§C5: 16,000 以下 0; 27,000 まで 家賃−16,000; 超える分は 1/2 を加算, 上限 28,000, 100円未満切捨て) ---


@pytest.mark.parametrize(
    ("rent", "single_posting_family", "expected"),
    [
        (16_000, False, 0),
        (20_000, False, 4_000),  # 20,000 − 16,000
        (27_000, False, 11_000),
        (50_000, False, 22_500),  # 11,000 + (50,000 − 27,000) ÷ 2
        (50_150, False, 22_500),  # 22,575 → 100円未満切捨て
        (70_000, False, 28_000),  # 上限
        (70_000, True, 14_000),  # 単身赴任者の留守家族: 半額
    ],
)
def test_housing_allowance_by_rent(town: Town, rent: int, single_posting_family: bool, expected: int) -> None:
    payload = {**RENTED, "rent": rent, "single_posting_family": single_posting_family}
    approve_all(town, file_notice(town, "housing_notification", payload))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id, kind=AllowanceKind.HOUSING)
    assert (d.monthly_amount, d.taxable_amount, d.nontaxable_amount) == (expected, expected, 0)
    assert d.basis["rent"] == rent


def test_own_house_gets_no_housing_allowance_and_ends_the_previous_one(town: Town) -> None:
    approve_all(town, file_notice(town, "housing_notification", RENTED))
    own = {"housing_type": "own", "postal_code": "1000002", "address": "テスト市新町5-6"}
    approve_all(town, file_notice(town, "housing_notification", own, effective_on=datetime.date(2026, 7, 1)))
    rows = list(AllowanceDetermination.objects.filter(kind=AllowanceKind.HOUSING).order_by("valid_from"))
    assert [(r.monthly_amount, r.valid_from, r.valid_to) for r in rows] == [
        (22_500, EFFECTIVE, datetime.date(2026, 6, 30)),
        (0, datetime.date(2026, 7, 1), None),
    ]


def test_housing_puts_the_new_home_into_the_personnel_master(town: Town) -> None:
    approve_all(town, file_notice(town, "housing_notification", RENTED))
    own = {"housing_type": "own", "postal_code": "1000002", "address": "テスト市新町5-6"}
    approve_all(town, file_notice(town, "housing_notification", own, effective_on=datetime.date(2026, 7, 1)))
    rows = Address.objects.filter(employee_id=town.staff.employee_id).order_by("valid_from")
    assert [(a.postal_code, a.address, a.valid_from, a.valid_to) for a in rows][-2:] == [
        ("100-0001", RENTED["address"], EFFECTIVE, datetime.date(2026, 6, 30)),
        ("100-0002", "テスト市新町5-6", datetime.date(2026, 7, 1), None),
    ]


def test_housing_at_the_masters_address_or_for_a_family_home_leaves_the_master_alone(town: Town) -> None:
    approve_all(town, file_notice(town, "housing_notification", RENTED))
    before = list(Address.objects.filter(employee_id=town.staff.employee_id).values_list("pk", "valid_to"))
    renewal = {**RENTED, "address": RENTED["address"].replace(" ", "　"), "rent": 55_000}
    approve_all(town, file_notice(town, "housing_notification", renewal, effective_on=datetime.date(2026, 8, 1)))
    family = {**RENTED, "postal_code": "", "address": "遠方市1-1", "single_posting_family": True}
    approve_all(town, file_notice(town, "housing_notification", family, effective_on=datetime.date(2026, 9, 1)))
    after = list(Address.objects.filter(employee_id=town.staff.employee_id).values_list("pk", "valid_to"))
    assert after == before, "a renewal at the same address and a 単身赴任 family's home are not the employee's move"
    assert AllowanceDetermination.objects.filter(kind=AllowanceKind.HOUSING).count() == 3


def test_housing_after_an_address_change_of_the_same_move_keeps_the_masters_wording(town: Town) -> None:
    moved = {"postal_code": "100-0003", "address": "テスト市本町1-2-3"}
    approve_all(town, file_notice(town, "address_change", moved, files=[]), final=town.hr)
    approve_all(town, file_notice(town, "housing_notification", RENTED))
    current = Address.objects.filter(employee_id=town.staff.employee_id, valid_to__isnull=True).get()
    assert (current.address, current.valid_from) == ("テスト市本町1-2-3", EFFECTIVE)
    assert AllowanceDetermination.objects.filter(kind=AllowanceKind.HOUSING).count() == 1


def test_housing_needs_a_postal_code_for_the_employees_own_home(town: Town) -> None:
    found = problems(town, "housing_notification", {**RENTED, "postal_code": ""})
    assert "郵便番号" in found["payload.postal_code"]


def test_housing_needs_rent_and_landlord_when_rented(town: Town) -> None:
    found = problems(town, "housing_notification", {**RENTED, "rent": "", "landlord": ""})
    assert "家賃の月額を入力" in found["payload.rent"]
    assert "貸主" in found["payload.landlord"]


# --- 扶養親族届 (§C4 令和8年度〜: 配偶者 0, 子 13,000, 特定期間の子 +5,000, 父母等 6,500, 8級 3,500) ---


def child(name: str, birth: str, **flags: bool) -> dict[str, Any]:
    return {"name": name, "name_kana": "コドモ", "relationship": "child", "birth_date": birth, **flags}


def test_dependants_added_give_the_allowance_and_tax_dependants(town: Town) -> None:
    payload = {
        "add": [
            {
                "name": "職員 花子",
                "name_kana": "ショクイン ハナコ",
                "relationship": "spouse",
                "birth_date": "1990-01-01",
            },
            child("職員 一郎", "2010-05-10"),  # 16 reached 2026-05-09: special period from 2027-04-01
            child("職員 二郎", "2008-06-01", for_tax=False),  # special period 2025-04-01 – 2031-03-31
        ]
    }
    approve_all(town, file_notice(town, "dependents_notification", payload))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id, kind=AllowanceKind.DEPENDENTS)
    assert d.monthly_amount == 0 + 13_000 + (13_000 + 5_000)
    assert (d.basis["spouse"], d.basis["children"], d.basis["special_period_children"]) == (True, 2, 1)
    assert d.basis["tax_dependents"] == 2
    assert Dependent.objects.filter(employee_id=town.staff.employee_id, for_tax=True).count() == 2
    assert Dependent.objects.filter(employee_id=town.staff.employee_id, valid_from=EFFECTIVE).count() == 3


def test_parent_amount_depends_on_the_grade(town: Town) -> None:
    parent = {"name": "職員 父", "name_kana": "ショクイン チチ", "relationship": "parent", "birth_date": "1955-03-03"}
    approve_all(town, file_notice(town, "dependents_notification", {"add": [parent]}))
    assert AllowanceDetermination.objects.get().monthly_amount == 6_500
    Assignment.objects.filter(employee_id=town.staff.employee_id).update(grade=8)
    mother = {**parent, "name": "職員 母"}
    approve_all(
        town, file_notice(town, "dependents_notification", {"add": [mother]}, effective_on=datetime.date(2026, 5, 1))
    )
    latest = AllowanceDetermination.objects.order_by("-valid_from").first()
    assert latest is not None
    assert latest.monthly_amount == 2 * 3_500  # 行(一) 8級: 父母等 3,500 each


def test_a_child_past_the_22_year_end_is_not_counted(town: Town) -> None:
    approve_all(town, file_notice(town, "dependents_notification", {"add": [child("職員 三郎", "2003-05-01")]}))
    assert AllowanceDetermination.objects.get().monthly_amount == 0  # 22歳到達後の3/31 (2026-03-31) を過ぎた


def test_removing_a_dependant_ends_them_the_day_before_and_recomputes(town: Town) -> None:
    kept = dependent_add(
        acting_user=town.hr, employee=employee(town), valid_from=datetime.date(2015, 4, 1), name="職員 一子",
        name_kana="ショクイン イチコ", relationship="child", birth_date=datetime.date(2012, 1, 1),
    )  # fmt: skip
    leaving = dependent_add(
        acting_user=town.hr, employee=employee(town), valid_from=datetime.date(2015, 4, 1), name="職員 祖母",
        name_kana="ショクイン ソボ", relationship="grandparent", birth_date=datetime.date(1940, 1, 1),
    )  # fmt: skip
    payload = {"remove": [{"dependent_id": leaving.pk, "reason": "死亡"}]}
    instance = file_notice(town, "dependents_notification", payload)
    assert instance.payload["remove"][0]["name"] == "職員 祖母"
    approve_all(town, instance)
    leaving.refresh_from_db()
    assert leaving.valid_to == EFFECTIVE - datetime.timedelta(days=1)
    d = AllowanceDetermination.objects.get()
    assert d.monthly_amount == 13_000  # only 一子 remains
    assert [x["name"] for x in d.basis["dependants"]] == [kept.name]


def test_dependents_bad_input_names_the_row_and_field(town: Town) -> None:
    payload = {"add": [{"name": "職員 花子", "name_kana": "はなこ", "relationship": "", "birth_date": "2030-01-01"}]}
    found = problems(town, "dependents_notification", payload)
    assert "続柄" in found["payload.add.0.relationship"]
    assert "発効日以前" in found["payload.add.0.birth_date"]
    unknown = problems(town, "dependents_notification", {"remove": [{"dependent_id": 999_999, "reason": "就職"}]})
    assert "登録されていない" in unknown["payload.remove.0.dependent_id"]
    assert "1人以上" in problems(town, "dependents_notification", {})["payload.add"]
