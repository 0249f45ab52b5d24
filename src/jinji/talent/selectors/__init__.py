"""Reads of the talent app. Each selector takes the organization explicitly, applies the viewer's
scope where it lists people, and runs a fixed number of queries whatever the data size."""

from jinji.talent.selectors.allowance import AllowanceLine, qualification_allowances
from jinji.talent.selectors.search import SkillFilter, TalentFilters, TalentRow, talent_export, talent_search
from jinji.talent.selectors.skillmap import SkillMap, skill_map

__all__ = [
    "AllowanceLine",
    "SkillFilter",
    "SkillMap",
    "TalentFilters",
    "TalentRow",
    "qualification_allowances",
    "skill_map",
    "talent_export",
    "talent_search",
]
