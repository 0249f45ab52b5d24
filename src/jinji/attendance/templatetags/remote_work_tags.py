"""Template filters of the 在宅勤務・ワーケーション pages."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def label_on(labels: Mapping[datetime.date, str] | None, day: datetime.date) -> str:
    """``{{ remote|label_on:r.day }}``: the day's label in a date → label mapping, or empty."""
    return labels.get(day, "") if labels else ""
