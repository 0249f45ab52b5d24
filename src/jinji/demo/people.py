"""The staff of デモ市 as plain records: who they are, their posts, family, address, bank, commute.

:func:`plan_people` is a pure function of the seed, the staff size, the tree and the
reference date, so the same arguments always give the same people (staff numbers, names,
posts …). The database writer turns the plans into rows.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from dataclasses import dataclass, field

from jinji.demo import careers
from jinji.demo.careers import FULL_WEEK, Post, PostTerms, Seat
from jinji.demo.catalog import Catalog, FamilyName
from jinji.demo.orgtree import UnitSpec
from jinji.demo.personal import AddressPlan, BankPlan, CommutePlan, ContactPlan, personal_data

PINNED = (
    ("102010", "hr"),
    ("102020", "payroll"),
    ("102020", "mynumber"),
    ("202020", "sysadmin"),
    ("641010", "auditor"),
    ("301010", "clerk"),
    ("301020", "staff"),
)
"""Units of the people who get a demo login (plus the 市民課長, tag "head")."""
HEAD_UNIT = "301000"
RETIRED_SHARE = 0.01
MIN_EMPLOYEES = 50


@dataclass(slots=True)
class DependentPlan:
    name: str
    kana: str
    relationship: str
    birth_date: datetime.date
    valid_from: datetime.date
    for_allowance: bool


@dataclass(slots=True)
class PersonPlan:
    family_name: str
    given_name: str
    family_name_kana: str
    given_name_kana: str
    gender: str
    birth_date: datetime.date
    hired_on: datetime.date
    posts: list[Post]
    address: AddressPlan
    banks: list[BankPlan]
    commute: CommutePlan
    contact: ContactPlan
    dependents: list[DependentPlan] = field(default_factory=list)
    former_family_name: str = ""
    former_family_name_kana: str = ""
    uses_former_name: bool = False
    separated_on: datetime.date | None = None
    staff_number: str = ""
    tag: str = ""


def _birth_date(rng: random.Random, age: int, fy_start: datetime.date) -> datetime.date:
    """A birthday that makes the person ``age`` years old on ``fy_start``."""
    first = datetime.date(fy_start.year - age - 1, fy_start.month, fy_start.day) + datetime.timedelta(days=1)
    return first + datetime.timedelta(days=rng.randint(0, 364))


def _seats(rng: random.Random, units: list[UnitSpec], counts: dict[str, int]) -> list[Seat]:
    """Special posts, the demo-login people, managers of every unit, then everybody else by unit weight."""
    by_code = {u.code: u for u in units}
    seats = [
        Seat(careers.SPECIAL, by_code["100000"], "010", rng.randint(60, 68)),
        Seat(careers.SPECIAL, by_code["800000"], "020", rng.randint(58, 66)),
        Seat(careers.REGULAR, by_code[HEAD_UNIT], "300", careers.manager_age(rng, "300"), "head"),
    ]
    for code, tag in PINNED:
        age = careers.regular_age(rng)
        seats.append(Seat(careers.REGULAR, by_code[code], careers.staff_position(rng, age, "01"), age, tag))
    free_regulars = counts[careers.REGULAR] - (len(seats) - 2)
    managed = careers.management_seats(units, free_regulars // 2)
    seats += [
        Seat(careers.REGULAR, u, p, careers.manager_age(rng, p))
        for u, p in managed
        if (u.code, p) != (HEAD_UNIT, "300")
    ]
    free_regulars = counts[careers.REGULAR] - (len(seats) - 2)
    leaves = [u for u in units if u.weight > 0]
    fy_leaves = [u for u in units if u.fy_weight > 0]
    for kind, n in counts.items():
        if kind == careers.SPECIAL:
            continue
        fiscal = kind in (careers.FISCAL_YEAR_FULL, careers.FISCAL_YEAR_PART)
        pool = fy_leaves if fiscal else leaves
        weights = [u.fy_weight if fiscal else u.weight for u in pool]
        k = free_regulars if kind == careers.REGULAR else n
        seats += [_random_seat(rng, kind, unit) for unit in rng.choices(pool, weights=weights, k=max(0, k))]
    return seats


def _random_seat(rng: random.Random, kind: str, unit: UnitSpec) -> Seat:
    if kind == careers.REGULAR:
        if rng.random() < RETIRED_SHARE:
            return Seat(kind, unit, "510", 62, "retired")
        age = careers.regular_age(rng)
        return Seat(kind, unit, careers.staff_position(rng, age, "01"), age)
    if kind in (careers.REAPPOINTED_FULL, careers.REAPPOINTED_SHORT):
        return Seat(kind, unit, rng.choice(("510", "600")), rng.randint(61, 65))
    if kind == careers.FIXED_TERM:
        return Seat(kind, unit, "510", rng.randint(30, 55))
    if kind == careers.TEMPORARY:
        return Seat(kind, unit, "700", rng.randint(23, 40))
    return Seat(kind, unit, "900", int(rng.triangular(19, 71, 45)))


def _terms(rng: random.Random, seat: Seat) -> PostTerms:
    job = "01" if seat.appointment_type == careers.SPECIAL else careers.job_code(rng, seat.unit, seat.appointment_type)
    kind = seat.appointment_type
    if kind == careers.REAPPOINTED_SHORT:
        return PostTerms(job, "short_time", rng.choice((930, 1395, 1550, 1860)))
    if kind == careers.FISCAL_YEAR_PART:
        return PostTerms(job, "part_time", rng.choice((900, 1200, 1500, 1740, 1800)))
    if kind == careers.REGULAR and seat.unit.job == "labor" and rng.random() < 0.3:
        return PostTerms(job, "shift", FULL_WEEK)
    return PostTerms(job, "full_time", FULL_WEEK)


def _hire_date(rng: random.Random, seat: Seat, fy_start: datetime.date) -> datetime.date:
    kind = seat.appointment_type
    if kind in (careers.FISCAL_YEAR_FULL, careers.FISCAL_YEAR_PART):
        years = rng.randint(0, max(0, min(6, seat.age - 19)))
        return datetime.date(fy_start.year - years, 4, 1)
    hire_age = min(seat.age, rng.choice((22, 22, 22, 23, 23, 24, 25, 26, 28, 30)))
    return datetime.date(fy_start.year - (seat.age - hire_age), 4, 1)


def _posts(
    rng: random.Random, seat: Seat, hired_on: datetime.date, fy_start: datetime.date, leaves: list[UnitSpec]
) -> list[Post]:
    terms = _terms(rng, seat)
    kind = seat.appointment_type
    if kind == careers.REGULAR:
        return careers.regular_history(rng, seat, terms, hired_on=hired_on, fy_start=fy_start, pick_unit=leaves)
    if kind in (careers.REAPPOINTED_FULL, careers.REAPPOINTED_SHORT):
        return careers.reappointed_history(rng, seat, terms, hired_on=hired_on, fy_start=fy_start)
    if kind == careers.FIXED_TERM:
        return careers.fixed_term_history(rng, seat, terms, fy_start=fy_start)
    if kind == careers.TEMPORARY:
        return careers.temporary_history(rng, seat, terms, fy_start=fy_start)
    if kind == careers.SPECIAL:
        return careers.special_history(rng, seat, terms, fy_start=fy_start)
    return careers.fiscal_year_history(rng, seat, terms, hired_on=hired_on, fy_start=fy_start)


def _gender(rng: random.Random, seat: Seat) -> str:
    if seat.unit.job == "childcare":
        female = 0.9
    elif seat.appointment_type in (careers.FISCAL_YEAR_FULL, careers.FISCAL_YEAR_PART):
        female = 0.75
    else:
        female = 0.45
    return "F" if rng.random() < female else "M"


def _married(rng: random.Random, age: int) -> bool:
    share = 0.05 if age < 25 else 0.3 if age < 30 else 0.6 if age < 40 else 0.75
    return rng.random() < share


def _other_family(rng: random.Random, cat: Catalog, family: FamilyName) -> FamilyName:
    other = rng.choice(cat.family_names)
    return other if other.kana != family.kana else cat.family_names[(cat.family_names.index(family) + 1) % 100]


def _family(
    rng: random.Random, cat: Catalog, person: PersonPlan, *, fy_start: datetime.date, age: int, allowance: bool
) -> list[DependentPlan]:
    """Dependent spouse, children under 22 and sometimes a parent."""
    deps: list[DependentPlan] = []
    since = max(person.hired_on, datetime.date(fy_start.year - max(0, age - 28), 4, 1))
    if person.contact.relationship == "配偶者" and rng.random() < (0.45 if person.gender == "M" else 0.08):
        born = _birth_date(rng, max(20, age + rng.randint(-3, 4)), fy_start)
        spouse = (person.contact.name, person.contact.kana, "spouse")
        deps.append(_dependent(person, spouse, born=born, since=since, allowance=allowance))
    if person.contact.relationship == "配偶者" and age >= 25:
        for _ in range(rng.choices((0, 1, 2, 3), weights=(2, 3, 4, 1))[0]):
            child_age = age - rng.randint(25, 40)
            if not 0 <= child_age < 22:
                continue
            born = _birth_date(rng, child_age, fy_start)
            given = rng.choice(cat.given_names_for(rng.choice("MF"), born.year))
            child = (f"{person.family_name} {given.name}", f"{person.family_name_kana} {given.kana}", "child")
            deps.append(_dependent(person, child, born=born, since=born, allowance=allowance))
    if age >= 45 and rng.random() < 0.05:
        born = _birth_date(rng, age + rng.randint(25, 33), fy_start)
        given = rng.choice(cat.given_names_for(rng.choice("MF"), 1950))
        parent = (f"{person.family_name} {given.name}", f"{person.family_name_kana} {given.kana}", "parent")
        deps.append(_dependent(person, parent, born=born, since=person.hired_on, allowance=allowance))
    return deps


def _dependent(
    person: PersonPlan, who: tuple[str, str, str], *, born: datetime.date, since: datetime.date, allowance: bool
) -> DependentPlan:
    """``who`` is (氏名, フリガナ, 続柄); the dependency starts no earlier than 入庁."""
    name, kana, relation = who
    return DependentPlan(name, kana, relation, born, max(since, person.hired_on), allowance)


def _person(
    rng: random.Random, cat: Catalog, seat: Seat, fy_start: datetime.date, leaves: list[UnitSpec]
) -> PersonPlan:
    gender = _gender(rng, seat)
    birth = _birth_date(rng, seat.age, fy_start)
    family = rng.choice(cat.family_names)
    given = rng.choice(cat.given_names_for(gender, birth.year))
    hired_on = _hire_date(rng, seat, fy_start)
    posts = _posts(rng, seat, hired_on, fy_start, leaves)
    married = _married(rng, seat.age)
    extras = personal_data(
        rng,
        cat,
        family=family,
        given=given,
        gender=gender,
        married=married,
        birth_year=birth.year,
        since=posts[-1].valid_from,
    )
    if seat.appointment_type in (careers.FIXED_TERM, careers.TEMPORARY, careers.SPECIAL):
        hired_on = posts[0].valid_from
    person = PersonPlan(
        family.name,
        given.name,
        family.kana,
        given.kana,
        gender,
        birth,
        hired_on,
        posts,
        extras.address,
        extras.banks,
        extras.commute,
        extras.contact,
        tag=seat.tag,
    )
    if seat.tag == "retired":
        person.separated_on = fy_start - datetime.timedelta(days=1)
        posts[-1] = dataclasses.replace(posts[-1], valid_to=person.separated_on)
    if gender == "F" and married and seat.age >= 26 and rng.random() < 0.35:
        former = _other_family(rng, cat, family)
        person.former_family_name, person.former_family_name_kana = former.name, former.kana
        person.uses_former_name = rng.random() < 0.5
    allowance = seat.appointment_type not in (careers.FISCAL_YEAR_FULL, careers.FISCAL_YEAR_PART, careers.SPECIAL)
    person.dependents = _family(rng, cat, person, fy_start=fy_start, age=seat.age, allowance=allowance)
    return person


def plan_people(
    *, employees: int, seed: int, fy_start: datetime.date, units: list[UnitSpec], cat: Catalog
) -> list[PersonPlan]:
    """``employees`` people in staff-number order (numbers follow 入庁日), deterministic for ``seed``."""
    if employees < MIN_EMPLOYEES:
        raise ValueError(f"職員数は {MIN_EMPLOYEES} 人以上を指定してください")
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not security)
    seats = _seats(rng, units, careers.type_counts(employees))
    leaves = [u for u in units if u.weight > 0]
    people = [_person(rng, cat, seat, fy_start, leaves) for seat in seats]
    order = sorted(range(len(people)), key=lambda i: (people[i].hired_on, people[i].birth_date, i))
    ordered = [people[i] for i in order]
    for number, person in enumerate(ordered, start=1):
        person.staff_number = f"{100000 + number}"
    return ordered
