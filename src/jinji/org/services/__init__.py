"""Writes to the organization master. Every change is effective-dated and audited.

A unit keeps its identity (:class:`OrgUnit`) for life; how it looks (name, level, place in
the tree) lives in versions. Changing a unit from a date closes the version in force the day
before and opens a new one; a 組織改正 is a set of such changes for one date, prepared in
advance, which takes effect simply because its date arrives.
"""

from jinji.org.services.masters import (
    authority_create,
    job_category_create,
    payer_create,
    position_create,
    salary_schedule_create,
)
from jinji.org.services.reorganizations import org_reorganization_cancel, org_reorganization_create
from jinji.org.services.units import (
    KEEP,
    Keep,
    NewUnit,
    UnitChange,
    org_unit_abolish,
    org_unit_change,
    org_unit_create,
)

__all__ = [
    "KEEP",
    "Keep",
    "NewUnit",
    "UnitChange",
    "authority_create",
    "job_category_create",
    "org_reorganization_cancel",
    "org_reorganization_create",
    "org_unit_abolish",
    "org_unit_change",
    "org_unit_create",
    "payer_create",
    "position_create",
    "salary_schedule_create",
]
