"""Allowance amounts for the 認定簿, computed by the rules core (:mod:`jinji.rules.pay`) from the facts.

Nothing here restates an amount, a band, a minimum distance or an age limit: the dated tables and
the functions of the rules core decide them (the 2 km minimum is the table's ``min_distance_m``, the
pass-period division :func:`monthly_fare`, the children's periods :func:`dependant_counts`); this
module only gathers the facts of one application, picks the tables in force
on the effective date (built-in plus the municipality's own, setting ``JINJI_RULES_LOCAL_TABLES``)
and records what was used (``basis`` and ``table_refs``) so the determination can be recomputed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings

from jinji.rules.pay import (
    Dependant,
    below_minimum_distance,
    commuting_allowance,
    commuting_allowance_table,
    commuting_nontaxable,
    commuting_tax_limits,
    dependant_counts,
    dependents_allowance,
    dependents_allowance_table,
    housing_allowance,
    housing_allowance_table,
    monthly_fare,
)
from jinji.rules.tables import TableStore, store_with_local_tables


@dataclass(frozen=True, slots=True)
class AllowanceResult:
    """One month's allowance as determined: the amount, its tax split, and what it rests on."""

    kind: str
    monthly_amount: int
    nontaxable: int
    taxable: int
    basis: dict[str, Any]
    table_refs: tuple[str, ...]


@lru_cache(maxsize=4)
def _store(local_tables: str) -> TableStore:
    return store_with_local_tables(*[p for p in local_tables.split(":") if p])


def rules_store() -> TableStore:
    """The legal tables: built-in plus the municipality's own directories (``JINJI_RULES_LOCAL_TABLES``)."""
    return _store(str(getattr(settings, "JINJI_RULES_LOCAL_TABLES", "") or ""))


@dataclass(frozen=True, slots=True)
class TransitLeg:
    """One 交通機関 on the route: the price of a commuter pass for ``pass_months`` months."""

    name: str
    pass_price: int
    pass_months: int

    @property
    def monthly_fare(self) -> int:
        """1箇月当たりの運賃等相当額 (:func:`jinji.rules.pay.monthly_fare`)."""
        return monthly_fare(self.pass_price, self.pass_months)


def commuting_result(
    *, on: datetime.date, legs: Sequence[TransitLeg], distance_m: int, vehicle: bool, parking_fee: int
) -> AllowanceResult:
    """通勤手当 (給与法 第12条) and its non-taxable part (所得税法施行令 第20条の2) on ``on``."""
    store = rules_store()
    pay_version = commuting_allowance_table(on, store)
    tax_version = commuting_tax_limits(on, store)
    transit_fare = sum(leg.monthly_fare for leg in legs)
    basis: dict[str, Any] = {
        "distance_m": distance_m,
        "vehicle": vehicle,
        "parking_fee": parking_fee if vehicle else 0,
        "transit_fare": transit_fare,
        "legs": [
            {
                "name": leg.name,
                "pass_price": leg.pass_price,
                "pass_months": leg.pass_months,
                "monthly": leg.monthly_fare,
            }
            for leg in legs
        ],
    }
    refs = (str(pay_version.ref), str(tax_version.ref))
    if below_minimum_distance(pay_version.data, distance_m):
        minimum = pay_version.data.min_distance_m
        basis["reason"] = f"片道の通勤距離が{minimum / 1000:g}km未満のため支給対象外"
        return AllowanceResult("commuting", 0, 0, 0, basis, refs)
    allowance = commuting_allowance(
        pay_version.data,
        transit_fare=transit_fare,
        vehicle_distance_m=distance_m if vehicle else 0,
        parking_fee=parking_fee if vehicle else 0,
    )
    nontaxable = commuting_nontaxable(tax_version.data, allowance, distance_m=distance_m if vehicle else 0)
    basis.update(transit=allowance.transit, vehicle_amount=allowance.vehicle, parking=allowance.parking)
    return AllowanceResult("commuting", allowance.total, nontaxable, allowance.total - nontaxable, basis, refs)


def housing_result(*, on: datetime.date, rent: int, rented: bool, single_posting_family: bool) -> AllowanceResult:
    """住居手当 (給与法 第11条の10) for a monthly rent on ``on``; none unless the home is rented."""
    version = housing_allowance_table(on, rules_store())
    basis: dict[str, Any] = {"rent": rent, "rented": rented, "single_posting_family": single_posting_family}
    amount = housing_allowance(version.data, rent=rent, single_posting_family=single_posting_family) if rented else 0
    if not rented:
        basis["reason"] = "借家・借間に居住していないため支給対象外"
    return AllowanceResult("housing", amount, 0, amount, basis, (str(version.ref),))


@dataclass(frozen=True, slots=True)
class DependantFact:
    """One 扶養親族 in force on the date, as the allowance sees them."""

    name: str
    relationship: str
    birth_date: datetime.date
    for_allowance: bool
    for_tax: bool


def dependents_result(*, on: datetime.date, grade: int, dependants: Sequence[DependantFact]) -> AllowanceResult:
    """扶養手当 (給与法 第11条) on ``on`` for the 級 ``grade`` and the dependants in force then."""
    version = dependents_allowance_table(on, rules_store())
    counts = dependant_counts((Dependant(d.relationship, d.birth_date) for d in dependants if d.for_allowance), on)
    amount = dependents_allowance(
        version.data,
        grade=grade,
        spouse=counts.spouse,
        children=counts.children,
        special_period_children=counts.special_period_children,
        other_dependents=counts.other_dependents,
    )
    basis: dict[str, Any] = {
        "grade": grade,
        "spouse": counts.spouse,
        "children": counts.children,
        "special_period_children": counts.special_period_children,
        "other_dependents": counts.other_dependents,
        "tax_dependents": sum(1 for d in dependants if d.for_tax),
        "dependants": [
            {
                "name": d.name,
                "relationship": d.relationship,
                "birth_date": d.birth_date.isoformat(),
                "for_allowance": d.for_allowance,
                "for_tax": d.for_tax,
            }
            for d in dependants
        ],
    }
    return AllowanceResult("dependents", amount, 0, amount, basis, (str(version.ref),))
