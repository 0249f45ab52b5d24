"""Who sees what: an evaluator sees only their evaluatees; the employee sees the evaluators'
ratings and the result only after 開示; HR sees all; opening another person's sheet is audited."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.audit.models import AuditEvent
from jinji.evaluation import events
from jinji.evaluation.models import Stage
from jinji.evaluation.selectors import evaluator_inbox, my_sheets, sheet_detail
from jinji.evaluation.services import sheet_confirm, sheets_disclose
from tests.evaluation.builders import Town, make_cycle, sheet_of, through_second

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 10, 10)


def _confirmed(town: Town):  # type: ignore[no-untyped-def]
    cycle = make_cycle(town)
    sheet = through_second(town, sheet_of(cycle, town.staff_a), first="A", second="A")
    return cycle, sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=sheet, final_rating="A")


def test_the_inbox_lists_only_my_evaluatees(town: Town) -> None:
    cycle = make_cycle(town)
    kacho = evaluator_inbox(user=town.user("kacho"), today=TODAY)
    names = {r.staff_number for r in kacho.todo + kacho.waiting + kacho.done}
    # 課長 of 総務課 is first evaluator of the 庶務係 staff (主事 ×2, 係長, 会計年度) and nobody else
    expected = {e.staff_number for e in (town.staff_a, town.staff_b, town.kakaricho, town.fiscal)}
    assert names == expected
    assert all(r.part == "first" for r in kacho.waiting)
    assert kacho.todo == []  # all are at 自己評価
    staff = evaluator_inbox(user=town.user("staff_a"), today=TODAY)
    assert staff.todo == staff.waiting == staff.done == []
    assert cycle.pk


def test_an_evaluator_cannot_open_someone_elses_sheet(town: Town) -> None:
    cycle = make_cycle(town)
    zeimu = sheet_of(cycle, town.zeimu_staff)
    assert sheet_detail(user=town.user("kacho"), sheet_id=zeimu.pk) is None  # not their evaluatee
    assert sheet_detail(user=town.user("staff_b"), sheet_id=sheet_of(cycle, town.staff_a).pk) is None
    assert sheet_detail(user=town.user("hr"), sheet_id=zeimu.pk) is not None
    client = Client()
    client.force_login(town.user("kacho"))
    assert client.get(f"/evaluation/sheets/{zeimu.pk}/").status_code == 404


def test_the_first_evaluator_sees_self_entries_only_after_submission(town: Town) -> None:
    from tests.evaluation.builders import rate_all

    sheet = sheet_of(make_cycle(town), town.staff_a)
    rate_all(sheet, Stage.SELF, town.user("staff_a"), "S")
    detail = sheet_detail(user=town.user("kacho"), sheet_id=sheet.pk)
    assert detail is not None
    assert all(Stage.SELF not in line.ratings for line in detail.lines)  # a draft is private
    assert detail.editing_stage is None


def test_the_employee_sees_results_only_after_disclosure(town: Town) -> None:
    cycle, sheet = _confirmed(town)
    me = town.user("staff_a")
    before = sheet_detail(user=me, sheet_id=sheet.pk)
    assert before is not None
    assert [r.stage for r in before.results] == [Stage.SELF]
    assert all(set(line.ratings) == {Stage.SELF} for line in before.lines)
    assert before.awaiting_disclosure
    assert [r.result for r in my_sheets(user=me, today=TODAY)] == [""]
    client = Client()
    client.force_login(me)
    page = client.get(f"/evaluation/sheets/{sheet.pk}/").content.decode()
    assert "確定(調整後)" not in page
    assert "開示した後に表示" in page

    assert sheets_disclose(acting_user=town.user("hr"), cycle=cycle) == 1
    after = sheet_detail(user=me, sheet_id=sheet.pk)
    assert after is not None
    assert [r.stage for r in after.results] == [Stage.SELF, Stage.FIRST, Stage.SECOND, Stage.CONFIRMED]
    assert after.results[-1].rating == "A"
    assert [r.result for r in my_sheets(user=me, today=TODAY)] == ["A"]
    assert "確定(調整後)" in client.get(f"/evaluation/sheets/{sheet.pk}/").content.decode()


def test_disclosure_is_hr_only_and_covers_confirmed_sheets_only(town: Town) -> None:
    from jinji.core.errors import NotPermitted

    cycle, _sheet = _confirmed(town)
    with pytest.raises(NotPermitted):
        sheets_disclose(acting_user=town.user("kacho"), cycle=cycle)
    assert sheets_disclose(acting_user=town.user("hr"), cycle=cycle) == 1
    assert sheets_disclose(acting_user=town.user("hr"), cycle=cycle) == 0  # already disclosed; others not 確定
    assert sheet_of(cycle, town.staff_b).disclosed_at is None


def test_opening_another_persons_sheet_is_audited(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    sheet_detail(user=town.user("staff_a"), sheet_id=sheet.pk)
    assert not AuditEvent.objects.filter(action=events.SHEET_READ).exists()
    sheet_detail(user=town.user("hr"), sheet_id=sheet.pk)
    event = AuditEvent.objects.get(action=events.SHEET_READ)
    assert (event.kind, event.target_id, event.actor_id) == ("read", str(sheet.pk), town.user("hr").pk)
