"""Demo steps for training: 栃木's rank-based programmes and DX推進員 workshop, 三重's fieldwork."""

from __future__ import annotations

import datetime

from jinji.talent.dates import fiscal_year_of
from jinji.talent.demo.context import DAY, Demo, employee_of
from jinji.talent.models import Course, Enrolment, TrainingSession
from jinji.talent.services import (
    course_create,
    course_requirement_add,
    enrolment_create,
    session_create,
    session_results_record,
)


def _course(d: Demo, code: str, name: str, kind: str, hours: int, **requirement: object) -> Course:
    course = course_create(acting_user=d.hr, organization=d.org, code=code, name=name, kind=kind, hours=hours)
    if requirement:
        course_requirement_add(acting_user=d.hr, course=course, **requirement)  # type: ignore[arg-type]
    return course


def _session(
    d: Demo, course: Course, start: datetime.date, days: int, *, mandatory: bool, spare: int = 10
) -> TrainingSession:
    return session_create(
        acting_user=d.hr,
        course=course,
        name=f"{fiscal_year_of(start)}年度 第1回",
        starts_on=start,
        ends_on=start + days * DAY,
        capacity=len(d.posts) + spare,
        location="本庁舎・オンライン",
        enrol_mandatory=mandatory,
    )


def _complete(d: Demo, session: TrainingSession, share: float, when: datetime.date) -> None:
    rows = Enrolment.objects.for_organization(d.org).filter(session=session).values_list("pk", flat=True)
    results = {pk: "completed" if d.rng.random() < share else "absent" for pk in rows}
    session_results_record(acting_user=d.hr, session=session, results=results, completed_on=when)


def training(d: Demo) -> None:
    """栃木: rank-based programmes (top seminar, 係長級), all-staff mindset video, DX推進員 workshop;
    三重: AI・RPA / スマート農業 fieldwork for young staff."""
    top = _course(d, "TG-TOP", "管理職DXトップセミナー", "rank_based", 3, position_rank=5)
    course_requirement_add(acting_user=d.hr, course=top, position_rank=7)
    _session(d, top, d.on + 21 * DAY, 0, mandatory=True)
    kakari = _course(d, "TG-KAKARI", "係長級DX研修", "rank_based", 12, position_rank=3)
    _complete(d, _session(d, kakari, d.on - 40 * DAY, 1, mandatory=True), 0.85, d.on - 39 * DAY)
    mind = _course(d, "TG-MIND", "DXマインドセット動画(全職員)", "e_learning", 1, all_staff=True)
    _complete(d, _session(d, mind, d.on - 30 * DAY, 90, mandatory=True), 0.55, d.on - 5 * DAY)
    _session(
        d,
        _course(d, "TG-DXP", "DX推進員ワークショップ", "workshop", 6, role_tag=d.tag("dx_promoter")),
        d.on + 14 * DAY,
        0,
        mandatory=True,
    )
    field = _course(d, "MI-FIELD", "AI・RPA/スマート農業フィールドワーク", "fieldwork", 24)
    session = session_create(
        acting_user=d.hr,
        course=field,
        name="第1回(県内農業法人)",
        starts_on=d.on + 45 * DAY,
        ends_on=d.on + 47 * DAY,
        capacity=20,
        location="県農業研究所",
    )
    young = [p for p in d.posts if p.rank == 1 and p.appointment_type == "regular"]
    for p in d.rng.sample(young, min(12, len(young))):
        enrolment_create(acting_user=d.hr, session=session, employee=employee_of(d, p), on=d.on)
    d.counts["研修コース"] = 5
    d.counts["受講"] = Enrolment.objects.for_organization(d.org).count()
