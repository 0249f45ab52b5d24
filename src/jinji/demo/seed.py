"""``seed_demo``: the deterministic demo municipality デモ市, written in one transaction."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.demo.catalog import catalog
from jinji.demo.logins import create_demo_users
from jinji.demo.orgbuild import build_org
from jinji.demo.orgtree import unit_specs
from jinji.demo.people import plan_people
from jinji.demo.writer import ProgressFn, write_people

DEMO_ORGANIZATION_CODE = "999999"
DEMO_ORGANIZATION_NAME = "デモ市"


@dataclass(frozen=True, slots=True)
class SeedResult:
    organization_id: int
    created: bool
    """False when ``if_empty`` found デモ市 already there (nothing was written)."""
    employees: int = 0
    units: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def fiscal_year_start(on: datetime.date) -> datetime.date:
    """4/1 of the fiscal year (4月〜翌3月) containing ``on``."""
    return datetime.date(on.year if on.month >= 4 else on.year - 1, 4, 1)


def demo_organization() -> Organization | None:
    return Organization.objects.filter(code=DEMO_ORGANIZATION_CODE).first()


def seed_demo(
    *,
    employees: int,
    seed: int,
    if_empty: bool = False,
    as_of: datetime.date | None = None,
    progress: ProgressFn | None = None,
) -> SeedResult:
    """Create デモ市 with ``employees`` staff, the same for the same ``seed`` and ``as_of``.

    ``as_of`` (default: 4/1 of the current fiscal year) is the day the staff are "as of":
    ages, current posts and 会計年度 appointments are relative to it. With ``if_empty``
    an existing デモ市 is left alone; otherwise it is refused. One summary audit event.
    """
    existing = demo_organization()
    if existing is not None:
        if if_empty:
            return SeedResult(organization_id=existing.pk, created=False)
        raise DomainError("デモ市は既に作成されています(再実行するには --if-empty を指定してください)")
    started = time.perf_counter()
    fy_start = as_of or fiscal_year_start(timezone.localdate())
    cat = catalog()
    units = unit_specs(employees, cat.towns)
    people = plan_people(employees=employees, seed=seed, fy_start=fy_start, units=units, cat=cat)
    if progress is not None:
        progress("計画", len(people), len(people))
    with transaction.atomic():
        org = Organization.objects.create(code=DEMO_ORGANIZATION_CODE, name=DEMO_ORGANIZATION_NAME, name_kana="デモシ")
        with tenant_context(org):
            refs = build_org(organization=org, units=units)
            counts = write_people(refs, people, progress=progress)
            users = create_demo_users(refs, people, counts.staff_ids)
            counts.add("accounts.user", len(users))
            audit_record(
                actor=None,
                action="demo.seed",
                target=org,
                organization_id=org.pk,
                after={"employees": employees, "seed": seed, "as_of": fy_start, "rows": counts.rows},
            )
    return SeedResult(
        organization_id=org.pk,
        created=True,
        employees=len(people),
        units=len(units),
        rows=counts.rows,
        seconds=time.perf_counter() - started,
    )
