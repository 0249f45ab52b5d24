"""会計年度任用職員の報酬: pro-rating by weekly hours, daily and hourly rates (総務省 事務処理マニュアル)."""

from __future__ import annotations

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay import daily_pay, hourly_pay, hourly_rate_from_daily, prorated_monthly_pay


def test_monthly_pay_is_pro_rated_by_weekly_hours() -> None:
    # 200,000 × 30h / 38h45m = 200,000 × 1,800 / 2,325 = 154,838.709… → 154,838
    assert prorated_monthly_pay(200_000, weekly_minutes=1_800) == 154_838
    # 29 h: 200,000 × 1,740 / 2,325 = 149,677.419… → 149,677
    assert prorated_monthly_pay(200_000, weekly_minutes=1_740) == 149_677
    assert prorated_monthly_pay(200_000, weekly_minutes=2_325) == 200_000  # full time
    with pytest.raises(InvalidArgument, match="週の勤務時間"):
        prorated_monthly_pay(200_000, weekly_minutes=2_400)
    with pytest.raises(InvalidArgument, match="週の勤務時間"):
        prorated_monthly_pay(200_000, weekly_minutes=0)


def test_daily_and_hourly_pay() -> None:
    assert daily_pay(9_000, days=15) == 135_000
    # 1,150 × 37h20m = 1,150 × 2,240 / 60 = 42,933.33… → 42,933
    assert hourly_pay(1_150, minutes=2_240) == 42_933
    # 日額 9,000 ÷ 7h30m = 1,200; 日額 8,900 ÷ 7h45m = 1,148.387… → 1,148
    assert hourly_rate_from_daily(9_000, daily_minutes=450) == 1_200
    assert hourly_rate_from_daily(8_900, daily_minutes=465) == 1_148
    with pytest.raises(InvalidArgument, match="勤務日数"):
        daily_pay(9_000, days=-1)
    with pytest.raises(InvalidArgument, match="時間額"):
        hourly_pay(-1, minutes=60)
