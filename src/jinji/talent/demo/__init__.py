"""人材育成のデモデータ for デモ市: the 栃木・三重・横浜・甲府 scenarios (and a 広島型 資格手当), so HR can
run them end to end in the demo municipality.

Written through the services where HR would act (courses, sessions with automatic mandatory
enrolment, results, designations, recruitment, allowance rules: all audited) and in bulk where
the data stands for years of history (confirmed skills, verified qualifications, 自己申告, 任期).
Deterministic for the same ``seed`` and ``on``. Refused when it has already been run.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction

from jinji.accounts.models import User
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.talent import events
from jinji.talent.demo.context import Demo, posts_on
from jinji.talent.demo.hiring import allowance, recruitment, terms
from jinji.talent.demo.people import qualifications, roles, skills, wishes
from jinji.talent.demo.training import training
from jinji.talent.models import Course


def talent_demo_seed(*, organization: Organization, on: datetime.date, seed: int = 1) -> dict[str, int]:
    """All the steps in one transaction, acting as デモ市's 人事担当 (``demo-hr``). Returns what was made."""
    hr = User.objects.filter(organization=organization, username="demo-hr").first()
    if hr is None:
        raise DomainError("デモ市の人事担当(demo-hr)がいません。先に jinji seed-demo を実行してください")
    if Course.objects.for_organization(organization).filter(code="TG-TOP").exists():
        raise DomainError("人材育成のデモデータは既に作成されています")
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not security)
    d = Demo(org=organization, hr=hr, on=on, rng=rng, posts=posts_on(organization, on))
    with transaction.atomic():
        for step in (roles, skills, qualifications, wishes, training, recruitment, terms, allowance):
            step(d)
        audit_record(actor=hr, action=events.DEMO_SEED, target=organization, after={"on": on, "seed": seed, **d.counts})
    return d.counts
