"""Writes the organization master of デモ市: 任命権者, 給与支払者, 組織 and versions, 職, 職種, 給料表."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.core.models import Organization
from jinji.demo.orgtree import (
    AUTHORITIES,
    FOUNDED,
    JOB_CATEGORIES,
    MAX_STEP,
    POSITIONS,
    RENAMED_ON,
    SCHEDULE_CODE,
    SCHEDULE_NAME,
    UnitSpec,
)
from jinji.org.models import (
    AppointingAuthority,
    JobCategory,
    OrgUnit,
    OrgUnitVersion,
    Payer,
    Position,
    SalarySchedule,
)


@dataclass(frozen=True, slots=True)
class OrgRefs:
    """Database ids of what the staff rows point at, by code."""

    organization_id: int
    authority_ids: dict[str, int]
    payer_ids: dict[str, int]
    """by authority key (one 給与支払者 per 任命権者)."""
    unit_ids: dict[str, int]
    unit_authority: dict[str, str]
    unit_names: dict[str, str]
    position_ids: dict[str, int]
    job_ids: dict[str, int]
    schedule_id: int


def _authorities(org_id: int) -> tuple[dict[str, int], dict[str, int]]:
    authorities = AppointingAuthority.objects.bulk_create(
        [AppointingAuthority(organization_id=org_id, code=a.code, name=a.name, kind=a.kind) for a in AUTHORITIES]
    )
    payers = Payer.objects.bulk_create(
        [
            Payer(organization_id=org_id, code=a.payer_code, name=a.payer_name, name_kana=a.payer_kana)
            for a in AUTHORITIES
        ]
    )
    return (
        {a.key: row.pk for a, row in zip(AUTHORITIES, authorities, strict=True)},
        {a.key: row.pk for a, row in zip(AUTHORITIES, payers, strict=True)},
    )


def _versions(org_id: int, spec: UnitSpec, unit_ids: dict[str, int]) -> list[OrgUnitVersion]:
    parent = unit_ids[spec.parent_code] if spec.parent_code else None

    def version(name: str, valid_from: datetime.date, valid_to: datetime.date | None) -> OrgUnitVersion:
        return OrgUnitVersion(
            organization_id=org_id,
            unit_id=unit_ids[spec.code],
            name=name,
            level=spec.level,
            parent_id=parent,
            sort_order=spec.sort_order,
            valid_from=valid_from,
            valid_to=valid_to,
        )

    if not spec.former_name:
        return [version(spec.name, FOUNDED, None)]
    return [
        version(spec.former_name, FOUNDED, RENAMED_ON - datetime.timedelta(days=1)),
        version(spec.name, RENAMED_ON, None),
    ]


def _units(org_id: int, units: list[UnitSpec], authority_ids: dict[str, int]) -> dict[str, int]:
    rows = OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                organization_id=org_id,
                code=u.code,
                appointing_authority_id=authority_ids[u.authority],
                valid_from=FOUNDED,
            )
            for u in units
        ]
    )
    unit_ids = {u.code: row.pk for u, row in zip(units, rows, strict=True)}
    OrgUnitVersion.objects.bulk_create([v for u in units for v in _versions(org_id, u, unit_ids)])
    return unit_ids


def build_org(*, organization: Organization, units: list[UnitSpec]) -> OrgRefs:
    """Create the whole organization master of ``organization`` (call inside its tenant context)."""
    org_id = organization.pk
    authority_ids, payer_ids = _authorities(org_id)
    unit_ids = _units(org_id, units, authority_ids)
    positions = Position.objects.bulk_create(
        [
            Position(
                organization_id=org_id,
                code=p.code,
                name=p.name,
                rank=p.rank,
                is_unit_head=p.is_unit_head,
                is_manager=p.is_manager,
                valid_from=FOUNDED,
            )
            for p in POSITIONS
        ]
    )
    jobs = JobCategory.objects.bulk_create(
        [JobCategory(organization_id=org_id, code=code, name=name) for code, name in JOB_CATEGORIES]
    )
    schedule = SalarySchedule.objects.create(
        organization_id=org_id, code=SCHEDULE_CODE, name=SCHEDULE_NAME, max_grade=max(MAX_STEP), valid_from=FOUNDED
    )
    return OrgRefs(
        organization_id=org_id,
        authority_ids=authority_ids,
        payer_ids=payer_ids,
        unit_ids=unit_ids,
        unit_authority={u.code: u.authority for u in units},
        unit_names={u.code: u.name for u in units},
        position_ids={p.code: row.pk for p, row in zip(POSITIONS, positions, strict=True)},
        job_ids={code: row.pk for (code, _), row in zip(JOB_CATEGORIES, jobs, strict=True)},
        schedule_id=schedule.pk,
    )
