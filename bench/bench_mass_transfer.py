"""Benchmark: the 4/1 mass transfer — 10,000 発令 in one batch, validated and applied.

    .venv/bin/python bench/bench_mass_transfer.py [--employees 50000] [--actions 10000]
                                                  [--naive-actions 200] [--database-url URL]

Seeds デモ市, then prepares a 発令バッチ for next 4/1 with ``--actions`` 異動 (and some 昇任
with a new 級) for randomly chosen regular staff, using the personnel services
``action_batch_create`` / ``action_batch_add_actions`` (preparation, timed apart),
``action_batch_validate`` and ``action_batch_apply``. For comparison, in the same run, a
naive loop creates and applies ``--naive-actions`` single 発令 for other staff one by one
(``personnel_action_create`` + ``personnel_action_apply``), extrapolated to ``--actions``.
Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from typing import Any

import benchkit


def _candidates(org_id: int, on: datetime.date) -> tuple[dict[int, int], list[int]]:
    """Regular staff with an open-ended post on ``on`` (→ their unit), and the units staff can move to."""
    from jinji.core.models import as_of_q
    from jinji.org.models import OrgUnit
    from jinji.personnel.models import Assignment

    staff = dict(
        Assignment.unscoped.filter(
            as_of_q(on),
            organization_id=org_id,
            kind="primary",
            appointment_type="regular",
            valid_to__isnull=True,
            position__rank__lte=3,
        )
        .order_by("employee_id")
        .values_list("employee_id", "org_unit_id")
    )
    units = sorted(
        OrgUnit.unscoped.filter(organization_id=org_id, versions__level__in=["section", "office"])
        .values_list("pk", flat=True)
        .distinct()
    )
    return staff, units


def _other_unit(rng: random.Random, units: list[int], current: int) -> int:
    unit = rng.choice(units)
    return unit if unit != current else units[(units.index(unit) + 1) % len(units)]


def _rows(rng: random.Random, employees: dict[int, int], units: list[int], promotion: Any) -> list[Any]:
    from jinji.personnel.services import ActionInput

    rows = []
    for line, (employee_id, current) in enumerate(employees.items(), start=1):
        if rng.random() < 0.1:
            rows.append(
                ActionInput(
                    action_type="promotion",
                    employee_id=employee_id,
                    position_id=promotion,
                    org_unit_id=_other_unit(rng, units, current),
                    grade=4,
                    step=1,
                    row=line,
                )
            )
        else:
            rows.append(
                ActionInput(
                    action_type="transfer",
                    employee_id=employee_id,
                    org_unit_id=_other_unit(rng, units, current),
                    row=line,
                )
            )
    return rows


def naive(user: Any, employees: dict[int, int], units: list[int], on: datetime.date) -> float:
    """Seconds per 発令 created and applied one at a time."""
    from jinji.core.tenancy import tenant_context
    from jinji.org.models import OrgUnit
    from jinji.personnel.models import Employee
    from jinji.personnel.services import personnel_action_apply, personnel_action_create

    rng = random.Random(3)
    started = time.perf_counter()
    with tenant_context(user.organization_id):
        for employee_id, current in employees.items():
            action = personnel_action_create(
                acting_user=user,
                employee=Employee.objects.get(pk=employee_id),
                action_type="transfer",
                effective_on=on,
                org_unit=OrgUnit.objects.get(pk=_other_unit(rng, units, current)),
            )
            personnel_action_apply(acting_user=user, action=action)
    return (time.perf_counter() - started) / len(employees)


def batch_run(user: Any, rows: list[Any], on: datetime.date) -> tuple[float, float]:
    """Prepare, validate and apply one batch; returns (validate, apply) seconds."""
    from jinji.core.models import Organization
    from jinji.core.tenancy import tenant_context
    from jinji.personnel.services import (
        action_batch_add_actions,
        action_batch_apply,
        action_batch_create,
        action_batch_validate,
    )

    times: dict[str, float] = {}
    org = Organization.objects.get(pk=user.organization_id)
    with tenant_context(org):
        with benchkit.timed(f"prepare: action_batch_create + add_actions ({len(rows):,} rows)", times):
            batch = action_batch_create(
                acting_user=user, organization=org, name=f"{on.year}年4月1日 定期人事異動", effective_on=on
            )
            action_batch_add_actions(acting_user=user, batch=batch, rows=rows)
        with benchkit.timed("validate: action_batch_validate", times):
            problems = action_batch_validate(batch=batch)
        print(f"    problems: {len(problems)} {problems[:3]}")
        with benchkit.timed("apply: action_batch_apply (validates again, writes, audits)", times):
            action_batch_apply(acting_user=user, batch=batch)
    return times["validate: action_batch_validate"], times[
        "apply: action_batch_apply (validates again, writes, audits)"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--naive-actions", type=int, default=200)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header(f"Mass transfer: {args.actions:,} 発令 among {args.employees:,} staff")
    url = benchkit.setup_django(args.database_url, "transfer")
    print(f"database: {url.split('@')[-1]}")
    from jinji.accounts.models import User
    from jinji.org.models import Position

    benchkit.seed(args.employees)
    user = User.objects.get(username="demo-hr")
    today = datetime.date.today()  # noqa: DTZ011
    on = datetime.date(today.year + (1 if today.month >= 4 else 0), 4, 1)
    staff, units = _candidates(user.organization_id, on)
    rng = random.Random(11)
    chosen = rng.sample(sorted(staff), args.actions + args.naive_actions)
    promotion = Position.unscoped.get(organization_id=user.organization_id, code="500").pk
    rows = _rows(rng, {e: staff[e] for e in chosen[: args.actions]}, units, promotion)
    validate, apply = batch_run(user, rows, on)
    per_action = naive(user, {e: staff[e] for e in chosen[args.actions :]}, units, on)
    print(
        f"  naive create+apply per 発令: {per_action * 1000:.1f} ms on {args.naive_actions} 発令 "
        f"→ {per_action * args.actions:.0f} s extrapolated to {args.actions:,}"
    )
    print(
        f"result: validate {validate:.1f} s + apply {apply:.1f} s = {validate + apply:.1f} s "
        f"for {args.actions:,} 発令; naive loop ≈{per_action * args.actions / (validate + apply):.0f}× slower"
    )


if __name__ == "__main__":
    main()
