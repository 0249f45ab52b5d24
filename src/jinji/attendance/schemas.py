"""API input/output schemas of the attendance app."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field


class ClockIn(Schema):
    kind: str = Field(description="in(出勤) / out(退勤)")
    location_kind: str = Field(description="main_office / branch / satellite / home / workation")
    location_id: int | None = Field(default=None, description="本庁・出先・サテライトオフィスの勤務場所ID")
    location_note: str = Field(default="", max_length=100, description="ワーケーションの勤務地")
    idempotency_key: str = Field(min_length=1, max_length=64, description="端末が打刻ごとに発行する一意の値")
    device_time: datetime.datetime | None = Field(
        default=None, description="オフライン中に記録した打刻の端末時刻(後送時のみ。72時間以内)"
    )


class ClockOut(Schema):
    id: int
    kind: str
    occurred_at: datetime.datetime
    business_date: datetime.date
    source: str
    location_kind: str
    without_clock_in: bool
    created: bool
    message: str
