"""The skill map summary under concurrent confirmations and a rebuild on PostgreSQL (real row locks).

Six 所属長 confirmations and one rebuild start at the same moment; the state row lock serialises
them, so whichever order they take, the stored counts end equal to the aggregate (none lost or
counted twice).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from jinji.core.tenancy import tenant_context
from jinji.talent.models import SkillArea, SkillAssessment
from jinji.talent.services import SkillClaim, skill_assessment_decide, skill_assessment_submit
from jinji.talent.skill_summary import _stored, level_counts, skill_summary_rebuild
from tests.talent.world import TODAY, build_town

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
TIMEOUT = 20.0


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL の行ロックを使う試験のため SQLite では省略")


def test_concurrent_confirmations_and_a_rebuild_keep_the_counts_exact() -> None:
    town = build_town()
    with tenant_context(town.org):
        # the organization's own areas: a transactional test's flush may have emptied the national catalogue
        areas = [SkillArea.objects.create(organization=town.org, code=f"own{n}", name=f"領域{n}").pk for n in range(3)]
        for n in range(6):
            town.person(f"c{n}", town.somuka)
        skill_summary_rebuild(organization_id=town.org.pk, on=TODAY)
        pending: list[SkillAssessment] = []
        for n in range(6):
            who = f"c{n}"
            pending += skill_assessment_submit(
                acting_user=town.user(who),
                employee=town.emp(who),
                claims={areas[n % 3]: SkillClaim(level=1 + n % 4)},
            )
    barrier = threading.Barrier(len(pending) + 1)
    errors: list[BaseException] = []

    def run(work: Callable[[], object]) -> None:
        try:
            with tenant_context(town.org):
                barrier.wait(TIMEOUT)
                work()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    jobs: list[Callable[[], object]] = [
        (lambda a=a: skill_assessment_decide(acting_user=town.user("head"), assessment=a, confirm=True, on=TODAY))
        for a in pending
    ]
    jobs.append(lambda: skill_summary_rebuild(organization_id=town.org.pk, on=TODAY))
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT)
    assert errors == []
    with tenant_context(town.org):
        assert _stored(town.org.pk) == level_counts(town.org.pk, TODAY)
        assert sum(level_counts(town.org.pk, TODAY).holders.values()) == 6
