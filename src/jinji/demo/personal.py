"""Personal data of one demo employee: address in デモ市, bank accounts, commute, emergency contact.

All of it is fictitious: 〒 000-00xx, bank codes of invented banks, and mobile numbers of the
form 090-0xxx-xxxx (a subscriber number never starts with 0).
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass

from jinji.demo.catalog import Catalog, FamilyName, GivenName

CITY = "デモ県デモ市"
CITY_KANA = "デモケンデモシ"


@dataclass(frozen=True, slots=True)
class AddressPlan:
    postal_code: str
    address: str
    address_kana: str
    valid_from: datetime.date


@dataclass(frozen=True, slots=True)
class BankPlan:
    bank_code: str
    bank_name: str
    branch_code: str
    branch_name: str
    account_type: str
    account_number: str
    holder_kana: str
    is_main: bool
    fixed_amount: int | None
    valid_from: datetime.date


@dataclass(frozen=True, slots=True)
class CommutePlan:
    method: str
    route: str
    distance_hm: int
    monthly_fare: int
    valid_from: datetime.date


@dataclass(frozen=True, slots=True)
class ContactPlan:
    name: str
    kana: str
    relationship: str
    phone: str


@dataclass(frozen=True, slots=True)
class PersonalData:
    address: AddressPlan
    banks: list[BankPlan]
    commute: CommutePlan
    contact: ContactPlan


def demo_phone(rng: random.Random) -> str:
    return f"090-0{rng.randint(0, 999):03d}-{rng.randint(0, 9999):04d}"


def _address(rng: random.Random, cat: Catalog, since: datetime.date) -> tuple[AddressPlan, int]:
    index = rng.randrange(len(cat.towns))
    town = cat.towns[index]
    chome, ban, go = rng.randint(1, 5), rng.randint(1, 30), rng.randint(1, 20)
    text = f"{CITY}{town.name}{chome}丁目{ban}番{go}号"
    kana = f"{CITY_KANA}{town.kana}{chome}-{ban}-{go}"
    if rng.random() < 0.2:
        room = rng.randint(1, 5) * 100 + rng.randint(1, 8)
        text += f" コーポ{town.name}{room}号室"
        kana += f" コーポ{town.kana}{room}ゴウシツ"
    return AddressPlan(town.postal_code, text, kana, since), index


def _banks(rng: random.Random, cat: Catalog, town_index: int, holder: str, since: datetime.date) -> list[BankPlan]:
    bank = cat.banks[min(int(rng.expovariate(1.0)), len(cat.banks) - 1)]
    town = cat.towns[town_index]
    branch = (f"{100 + town_index:03d}", f"{town.name}支店")
    # 全銀 給与振込 accepts 普通・当座 only, so every demo account is 普通; the draw that once picked
    # 貯蓄 for 3% stays, so the rest of the demo (same seed) is unchanged.
    rng.random()
    account_type = "1"
    main = BankPlan(
        bank.code, bank.name, *branch, account_type, f"{rng.randint(0, 9_999_999):07d}", holder, True, None, since
    )
    if rng.random() >= 0.05:
        return [main]
    other = rng.choice(cat.banks)
    amount = rng.choice((20_000, 30_000, 50_000))
    second = BankPlan(
        other.code,
        other.name,
        "001",
        "本店営業部",
        "1",
        f"{rng.randint(0, 9_999_999):07d}",
        holder,
        False,
        amount,
        since,
    )
    return [main, second]


def _commute(rng: random.Random, cat: Catalog, town_index: int, since: datetime.date) -> CommutePlan:
    distance = max(3, min(600, int(rng.lognormvariate(math.log(60), 0.8))))
    station = f"{cat.towns[town_index].name}駅"
    if distance < 20:
        return CommutePlan("walk", "徒歩", distance, 0, since)
    roll = rng.random()
    if roll < 0.5:
        fare = (3000 + 12 * distance) // 10 * 10
        return CommutePlan("transport", f"{station}〜市役所前駅(デモ電鉄)", distance, fare, since)
    if roll < 0.9:
        return CommutePlan("vehicle", f"自宅〜勤務先(自家用車 片道{distance / 10:.1f}km)", distance, 0, since)
    fare = (2000 + 10 * distance) // 10 * 10
    return CommutePlan("mixed", f"自宅〜{station}(自転車)、{station}〜市役所前駅(デモ電鉄)", distance, fare, since)


def _contact(
    rng: random.Random, cat: Catalog, *, family: FamilyName, gender: str, married: bool, birth_year: int
) -> ContactPlan:
    phone = demo_phone(rng)
    if married:
        other = "F" if gender == "M" else "M"
        given: GivenName = rng.choice(cat.given_names_for(other, birth_year))
        return ContactPlan(f"{family.name} {given.name}", f"{family.kana} {given.kana}", "配偶者", phone)
    parent_gender = rng.choice("MF")
    given = rng.choice(cat.given_names_for(parent_gender, birth_year - 28))
    relation = "父" if parent_gender == "M" else "母"
    return ContactPlan(f"{family.name} {given.name}", f"{family.kana} {given.kana}", relation, phone)


def personal_data(
    rng: random.Random,
    cat: Catalog,
    *,
    family: FamilyName,
    given: GivenName,
    gender: str,
    married: bool,
    birth_year: int,
    since: datetime.date,
) -> PersonalData:
    """Address (since the current post), bank accounts, commute route and emergency contact."""
    address, town_index = _address(rng, cat, since)
    holder = f"{family.kana} {given.kana}"
    return PersonalData(
        address=address,
        banks=_banks(rng, cat, town_index, holder, since),
        commute=_commute(rng, cat, town_index, since),
        contact=_contact(rng, cat, family=family, gender=gender, married=married, birth_year=birth_year),
    )
