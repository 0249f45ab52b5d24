"""The demo municipality's word lists: names with readings, 町名 with fictitious 〒, banks.

Everything here is fictitious: the 〒 (000-00xx) and the bank codes are not meant to match
real ones, and people are random combinations of common family and given names.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True, slots=True)
class FamilyName:
    name: str
    kana: str


@dataclass(frozen=True, slots=True)
class GivenName:
    name: str
    kana: str
    gender: str
    """"M" or "F"."""
    generation: str
    """"old" (born before 1975), "new" (born 1990 or later) or "any"."""

    def fits(self, birth_year: int) -> bool:
        if self.generation == "old":
            return birth_year < 1975
        if self.generation == "new":
            return birth_year >= 1990
        return True


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    kana: str
    postal_code: str


@dataclass(frozen=True, slots=True)
class Bank:
    code: str
    name: str


def _generation_key(birth_year: int) -> str:
    return "old" if birth_year < 1975 else "new" if birth_year >= 1990 else "mid"


@dataclass(frozen=True, slots=True)
class Catalog:
    family_names: tuple[FamilyName, ...]
    given_names: tuple[GivenName, ...]
    towns: tuple[Town, ...]
    banks: tuple[Bank, ...]
    _fitting: dict[tuple[str, str], tuple[GivenName, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for gender in ("M", "F"):
            for key, year in (("old", 1960), ("mid", 1980), ("new", 2000)):
                fitting = tuple(n for n in self.given_names if n.gender == gender and n.fits(year))
                self._fitting[(gender, key)] = fitting

    def given_names_for(self, gender: str, birth_year: int) -> tuple[GivenName, ...]:
        """Given names of ``gender`` usual for people born in ``birth_year``."""
        return self._fitting[(gender, _generation_key(birth_year))]


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("jinji.demo.data").joinpath(filename).read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    return [row for row in rows[1:] if row]


@functools.cache
def catalog() -> Catalog:
    """The word lists, read once from the package's data files."""
    return Catalog(
        family_names=tuple(FamilyName(r[0], r[1]) for r in _rows("family_names.csv")),
        given_names=tuple(GivenName(r[0], r[1], r[2], r[3]) for r in _rows("given_names.csv")),
        towns=tuple(Town(r[0], r[1], r[2]) for r in _rows("towns.csv")),
        banks=tuple(Bank(r[0], r[1]) for r in _rows("banks.csv")),
    )
