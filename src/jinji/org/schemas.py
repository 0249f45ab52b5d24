"""API schemas of the organization master (input and output kept apart)."""

from __future__ import annotations

import datetime

from ninja import Schema


class OrgUnitOut(Schema):
    """組織 as it looks on the date asked."""

    id: int
    code: str
    name: str
    short_name: str
    level: str
    level_label: str
    parent_id: int | None
    appointing_authority_id: int
    valid_from: datetime.date
    valid_to: datetime.date | None


class OrgUnitNodeOut(Schema):
    """A node of the org chart with its sub-units."""

    id: int
    code: str
    name: str
    level: str
    level_label: str
    parent_id: int | None
    children: list[OrgUnitNodeOut]


class OrgTreeOut(Schema):
    on: datetime.date
    units: list[OrgUnitNodeOut]
