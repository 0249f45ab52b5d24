"""Two sessions at once on PostgreSQL (real row locks): a sheet is submitted once, not twice.

The first submission is held inside its transaction (holding the sheet's row lock) until the
second session is seen waiting on that lock in ``pg_stat_activity``; then the first is released.
The second, running after it, finds the 自己評価 closed and is refused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.evaluation.models import Sheet, Stage, StageTransition, TransitionAction
from jinji.evaluation.services import sheet_submit
from jinji.evaluation.services import sheets as sheet_services
from tests.evaluation.builders import build_town, make_cycle, rate_all, sheet_of

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
TIMEOUT = 20.0


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL の行ロックを使う試験のため SQLite では省略")


def in_thread(org_id: int, results: dict[str, Any], name: str, call: Callable[[], Any]) -> threading.Thread:
    def run() -> None:
        try:
            with tenant_context(org_id):
                results[name] = call()
        except DomainError as exc:
            results[name] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def wait_for_lock_waiter() -> bool:
    done = threading.Event()
    for _ in range(int(TIMEOUT / 0.05)):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            row = cursor.fetchone()
        if row is not None and row[0] > 0:
            return True
        done.wait(0.05)
    return False


def test_a_double_submission_submits_once(monkeypatch: pytest.MonkeyPatch, migration_data: None) -> None:
    town = build_town()
    cycle = make_cycle(town)
    me = town.user("staff_a")
    with tenant_context(town.org):
        sheet = rate_all(sheet_of(cycle, town.staff_a), Stage.SELF, me, "B")
    inside, release = threading.Event(), threading.Event()
    real = sheet_services.stage_ratings

    def held(locked: Sheet, stage: str) -> dict[str, str]:
        if not inside.is_set():
            inside.set()
            assert release.wait(TIMEOUT), "the test never released the first submission"
        return real(locked, stage)

    monkeypatch.setattr(sheet_services, "stage_ratings", held)
    results: dict[str, Any] = {}
    first = in_thread(town.org.pk, results, "first", lambda: sheet_submit(acting_user=me, sheet=sheet))
    assert inside.wait(TIMEOUT), "the first submission did not start"
    second = in_thread(town.org.pk, results, "second", lambda: sheet_submit(acting_user=me, sheet=sheet))
    assert wait_for_lock_waiter(), "the second session never waited for the row lock"
    release.set()
    first.join(TIMEOUT)
    second.join(TIMEOUT)
    assert isinstance(results["first"], Sheet)
    assert results["first"].stage == Stage.FIRST
    assert isinstance(results["second"], DomainError)  # the 自己評価 is closed now: only the 一次評価者 may act
    with tenant_context(town.org):
        submits = StageTransition.objects.filter(sheet_id=sheet.pk, action=TransitionAction.SUBMIT).count()
        assert (Sheet.objects.get(pk=sheet.pk).stage, submits) == (Stage.FIRST, 1)
