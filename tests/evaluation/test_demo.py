"""デモ市の人事評価: both cycles from the national templates to 確定, ready for the dashboard and pay."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.demo.seed import demo_organization, seed_demo
from jinji.evaluation.demo import periods_before, seed_demo_evaluation
from jinji.evaluation.models import Cycle, CycleKind, Sheet, Stage
from jinji.evaluation.selectors import performance_ratios
from jinji.evaluation.selectors.dashboard import cycle_dashboard

ON = datetime.date(2026, 11, 28)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("on", "performance", "competency"),
    [
        (ON, ("2026-04-01", "2026-09-30"), ("2025-10-01", "2026-09-30")),
        (datetime.date(2026, 5, 15), ("2025-10-01", "2026-03-31"), ("2024-10-01", "2025-09-30")),
        (datetime.date(2026, 10, 1), ("2026-04-01", "2026-09-30"), ("2025-10-01", "2026-09-30")),
        (datetime.date(2026, 4, 1), ("2025-10-01", "2026-03-31"), ("2024-10-01", "2025-09-30")),
    ],
)
def test_the_periods_are_the_last_ones_ended_before_the_day(
    on: datetime.date, performance: tuple[str, str], competency: tuple[str, str]
) -> None:
    periods = periods_before(on)
    assert tuple(d.isoformat() for d in periods.performance) == performance
    assert tuple(d.isoformat() for d in periods.competency) == competency


def test_a_whole_cycle_reaches_every_stage_and_feeds_the_dashboard_and_the_bonus() -> None:
    seed_demo(employees=150, seed=3, as_of=datetime.date(2026, 4, 1))
    org = demo_organization()
    assert org is not None
    with tenant_context(org):
        hr = User.objects.get(username="demo-hr")
        counts = seed_demo_evaluation(org, hr=hr, on=ON)
        cycles = {c.kind: c for c in Cycle.objects.all()}
        assert set(cycles) == {CycleKind.COMPETENCY, CycleKind.PERFORMANCE}
        for cycle in cycles.values():
            stages = Counter(Sheet.objects.filter(cycle=cycle).values_list("stage", flat=True))
            assert (stages[Stage.CONFIRMED], stages[Stage.ADJUST], stages[Stage.SECOND], stages[Stage.FIRST]) == (
                14,
                3,
                3,
                4,
            )
            assert stages[Stage.SELF] > 50
            confirmed = Sheet.objects.filter(cycle=cycle, stage=Stage.CONFIRMED)
            assert all(r in "SABCD" for r in confirmed.values_list("final_rating", flat=True))
            board = cycle_dashboard(cycle=cycle, today=ON)
            assert board.total == sum(stages.values())
            assert board.overdue_count > 0  # the 自己評価 deadline has passed for those still at 自己評価
            assert sum(board.overall.counts.values()) >= 14
        assert counts["業績評価確定"] == 14
        bands = performance_ratios(organization=org, bonus_date=datetime.date(2026, 12, 1))
        assert len(bands) == 14
        assert set(bands.values()) <= {"outstanding", "excellent", "good", "poor"}
        with pytest.raises(DomainError, match="既に評価サイクルがあります"):
            seed_demo_evaluation(org, hr=hr, on=ON)
