"""通勤届: validation, and 決裁 → 通勤経路 and a 通勤手当 determination with amounts from the law.

Expected amounts are read off the reference, not computed by the code under test:
- payroll-rules.md §C6 自動車等 table: 10–15 km → 7,100/month; 交通機関 at the 1箇月当たり運賃 (cap 150,000).
- §A6 non-taxable limits (from 2025-11-19): vehicle 10–15 km → 7,300; from 2026-04-01 parking up to 5,000.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from jinji.applications.models import AllowanceDetermination, AllowanceKind
from jinji.core.errors import DomainError
from jinji.personnel.models import CommuteRoute
from jinji.workflow.models import InstanceStatus
from tests.applications.conftest import COMMUTE_BY_CAR, Town, approve_all, file_notice

pytestmark = pytest.mark.django_db


def problems_of(exc: pytest.ExceptionInfo[DomainError]) -> dict[str, str]:
    return {p.field: p.message for p in exc.value.problems}


def test_vehicle_12_3_km_is_determined_at_the_10_to_15_km_band(town: Town) -> None:
    instance = approve_all(town, file_notice(town))
    assert instance.status == InstanceStatus.APPROVED
    route = CommuteRoute.objects.get(employee_id=town.staff.employee_id)
    assert (route.method, route.distance_hm, route.valid_from) == ("vehicle", 123, datetime.date(2026, 4, 1))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id, kind=AllowanceKind.COMMUTING)
    assert d.monthly_amount == 7_100  # §C6: 10 km以上15 km未満 7,100
    assert d.nontaxable_amount == 7_100  # §A6: limit 7,300 for 10–15 km, so all of it
    assert d.taxable_amount == 0
    assert d.valid_from == datetime.date(2026, 4, 1)
    assert d.valid_to is None
    assert d.decided_by_id == town.payroll.pk
    assert d.source_application_id == instance.pk
    assert d.retro is False


def test_transit_pass_prices_become_the_monthly_fare(town: Town) -> None:
    payload = {
        "method": "transport",
        "route": "A駅〜B駅(JR)、B駅〜市役所前(バス)",
        "distance_km": "8.0",
        "legs": [
            {"name": "JR A駅〜B駅", "pass_price": 61_230, "pass_months": 6},  # ÷6 = 10,205 (円未満切捨て)
            {"name": "市営バス B駅〜市役所前", "pass_price": 9_800, "pass_months": 1},
        ],
    }
    approve_all(town, file_notice(town, payload=payload))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id)
    assert d.monthly_amount == 10_205 + 9_800
    assert d.nontaxable_amount == 20_005  # §A6: transit non-taxable up to 150,000
    route = CommuteRoute.objects.get(employee_id=town.staff.employee_id)
    assert route.monthly_fare == 20_005


def test_parking_is_paid_and_non_taxable_up_to_5000_from_2026_04(town: Town) -> None:
    payload = {**COMMUTE_BY_CAR, "distance_km": "16.0", "parking_fee": 6_000}
    approve_all(town, file_notice(town, payload=payload))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id)
    assert d.monthly_amount == 10_000 + 5_000  # §C6 15–20 km 10,000 + 駐車場 max 5,000
    assert (d.nontaxable_amount, d.taxable_amount) == (15_000, 0)  # §A6 15–25 km 13,500 + parking 5,000


def test_under_2_km_is_not_paid(town: Town) -> None:
    approve_all(town, file_notice(town, payload={**COMMUTE_BY_CAR, "distance_km": "1.9"}))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id)
    assert (d.monthly_amount, d.taxable_amount, d.nontaxable_amount) == (0, 0, 0)
    assert "2km未満" in d.basis["reason"]


LOCAL_TABLE = """
[provenance]
title = "通勤手当 (テスト市条例: 自動車等の額を引上げ)"
source = "テスト市職員の給与に関する条例 第10条"
effective_from = 2026-04-01
promulgated_on = 2026-03-20
retrieved_on = 2026-03-25

[data]
transit_cap = 150000
min_distance_m = 2000
parking_max = 5000

[[data.vehicle_bands]]
from_m = 2000
amount = 2000

[[data.vehicle_bands]]
from_m = 10000
amount = 8000
"""


def test_a_local_table_above_the_tax_limit_splits_taxable(town: Town, tmp_path: Path, settings: Any) -> None:
    """A 条例 paying 8,000 for 10–15 km exceeds the §A6 limit 7,300: 700 of it is taxable."""
    folder = tmp_path / "local_tables" / "commuting_allowance"
    folder.mkdir(parents=True)
    (folder / "2026-04-01.toml").write_text(LOCAL_TABLE, encoding="utf-8")
    settings.JINJI_RULES_LOCAL_TABLES = str(tmp_path / "local_tables")
    approve_all(town, file_notice(town))
    d = AllowanceDetermination.objects.get(employee_id=town.staff.employee_id)
    assert (d.monthly_amount, d.nontaxable_amount, d.taxable_amount) == (8_000, 7_300, 700)
    assert any(ref.startswith("commuting_allowance@2026-04-01") for ref in d.table_refs)


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({**COMMUTE_BY_CAR, "distance_km": "12.34"}, "payload.distance_km", "0.1km単位"),
        ({**COMMUTE_BY_CAR, "distance_km": "abc"}, "payload.distance_km", "片道の通勤距離"),
        ({**COMMUTE_BY_CAR, "method": "helicopter"}, "payload.method", "通勤方法"),
        ({**COMMUTE_BY_CAR, "route": ""}, "payload.route", "通勤経路を入力"),
        ({**COMMUTE_BY_CAR, "parking_fee": -1}, "payload.parking_fee", "駐車場の月額"),
        ({**COMMUTE_BY_CAR, "method": "transport", "legs": []}, "payload.legs", "交通機関"),
        (
            {**COMMUTE_BY_CAR, "method": "transport", "legs": [{"name": "JR", "pass_price": 1000, "pass_months": 2}]},
            "payload.legs.0.pass_months",
            "定期券の期間",
        ),
        (
            {**COMMUTE_BY_CAR, "method": "transport", "legs": [{"name": "JR", "pass_price": "", "pass_months": 6}]},
            "payload.legs.0.pass_price",
            "定期券の価額",
        ),
    ],
)
def test_bad_input_names_the_field(town: Town, payload: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(DomainError) as exc:
        file_notice(town, payload=payload)
    problems = problems_of(exc)
    assert field in problems, problems
    assert words in problems[field]
    assert not AllowanceDetermination.objects.exists()


def test_evidence_is_required(town: Town) -> None:
    with pytest.raises(DomainError) as exc:
        file_notice(town, files=[])
    assert "定期券の価額がわかる書類" in problems_of(exc)["attachments"]
