"""HR dashboard (stages, overdue, distribution, quota flag) with a bounded number of queries,
the CSV/Excel export (formula injection neutralised) and the idempotent reminders."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from jinji.core.errors import NotPermitted
from jinji.evaluation.models import Reminder, Stage
from jinji.evaluation.selectors import cycle_dashboard
from jinji.evaluation.selectors.export import export_cycle
from jinji.evaluation.services import reminders_send, sheet_confirm, sheet_submit
from jinji.personnel.models import Employee
from tests.evaluation.builders import Town, make_cycle, rate_all, sheet_of, through_second
from tests.factories import AssignmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db
AFTER_SELF_DUE = datetime.date(2026, 10, 20)  # 自己評価の期限 10/15 passed, 一次評価 10/31 not yet


def _progress(town: Town):  # type: ignore[no-untyped-def]
    cycle = make_cycle(town)
    done = through_second(town, sheet_of(cycle, town.staff_a), first="A", second="A")
    sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=done, final_rating="S", comment="全庁調整")
    through_second(town, sheet_of(cycle, town.staff_b), first="A", second="A")
    me = town.user("kakaricho")
    sheet_submit(acting_user=me, sheet=rate_all(sheet_of(cycle, town.kakaricho), Stage.SELF, me, "B"))
    return cycle


def test_dashboard_counts_stages_overdue_and_distribution(town: Town) -> None:
    board = cycle_dashboard(cycle=_progress(town), today=AFTER_SELF_DUE)
    counts = {s.stage: s.count for s in board.stages}
    assert counts == {Stage.SELF: 5, Stage.FIRST: 1, Stage.SECOND: 0, Stage.ADJUST: 1, Stage.CONFIRMED: 1}
    assert board.total == 8
    assert board.overdue_count == 5  # the 5 still at 自己評価 (期限 10/15)
    assert {o.staff_number for o in board.overdue} == {
        e.staff_number for e in (town.bucho, town.kacho, town.jinji_kacho, town.fiscal, town.zeimu_staff)
    }
    assert board.vacancy_count == 4  # 部長 (一次・二次), 課長 ×2 (二次), 税務課 (一次)
    assert board.overall.counts == {"S": 1, "A": 1, "": 6}
    assert [(b.css, b.count, b.width) for b in board.overall.bars] == [
        ("bar--S", 1, 12.5),
        ("bar--A", 1, 12.5),
        ("bar--none", 6, 75.0),
    ]
    assert [d.label for d in board.by_unit] == ["総務部"]
    levels = {d.label: d.counts for d in board.by_level}
    assert levels["能力評価(係員級)"] == {"S": 1, "A": 1, "": 1}
    # 能力評価 S→昇給区分A, A→B: 2 upper of 8; 25% of 8 allows 2 → within the cap
    assert board.violations == []


def test_dashboard_drills_down_to_units_of_one_department(town: Town) -> None:
    cycle = _progress(town)
    board = cycle_dashboard(cycle=cycle, today=AFTER_SELF_DUE, department_id=town.units["dept"].pk)
    by_unit = {d.label: d.total for d in board.by_unit}
    assert by_unit == {"総務部": 1, "総務課": 1, "人事課": 1, "庶務係": 4, "税務課": 1}
    assert board.department_name == "総務部"


def _add_staff(town: Town, n: int) -> None:
    for _ in range(n):
        AssignmentFactory(
            employee=EmployeeFactory(organization=town.org), organization=town.org, org_unit=town.units["shomu"]
        )


@pytest.mark.parametrize("extra", [0, 60])
def test_the_dashboard_page_runs_a_bounded_number_of_queries(
    town: Town, extra: int, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    _add_staff(town, extra)
    cycle = _progress(town)
    client = Client()
    client.force_login(town.user("hr"))
    with django_assert_max_num_queries(22):
        response = client.get(f"/evaluation/cycles/{cycle.pk}/dashboard/")
    assert response.status_code == 200
    assert f'<p class="card__value">{8 + extra}</p>' in response.content.decode()


@pytest.mark.parametrize("extra", [0, 60])
def test_cycle_and_calibration_pages_are_bounded_too(town: Town, extra: int, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    _add_staff(town, extra)
    cycle = _progress(town)
    client = Client()
    client.force_login(town.user("hr"))
    for url in (f"/evaluation/cycles/{cycle.pk}/", f"/evaluation/cycles/{cycle.pk}/calibration/", "/evaluation/inbox/"):
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200


def test_export_csv_and_excel_neutralise_formulas(town: Town) -> None:
    Employee.objects.filter(pk=town.staff_a.pk).update(family_name='=HYPERLINK("http://x")')
    cycle = _progress(town)
    with pytest.raises(NotPermitted):
        export_cycle(acting_user=town.user("kacho"), cycle=cycle, fmt="csv")
    content, mime, name = export_cycle(acting_user=town.user("hr"), cycle=cycle, fmt="csv")
    text = content.decode("utf-8")
    assert text.startswith("\ufeff職員番号,氏名,所属")
    assert mime.startswith("text/csv")
    assert name.endswith(".csv")
    line = next(row for row in text.splitlines() if town.staff_a.staff_number in row)
    assert "'=HYPERLINK" in line
    assert ",S," in line
    assert len(text.strip().splitlines()) == 9
    book, _, _ = export_cycle(acting_user=town.user("hr"), cycle=cycle, fmt="xlsx")
    rows = list(load_workbook(io.BytesIO(book)).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    cell = next(r[1] for r in rows if r[0] == town.staff_a.staff_number)
    assert isinstance(cell, str)
    assert cell.startswith("'=HYPERLINK")


def test_reminders_go_to_whoever_holds_an_overdue_sheet_once_a_day(town: Town) -> None:
    cycle = _progress(town)
    for key in ("bucho", "kacho", "fiscal"):
        user = town.user(key)
        user.email = f"{key}@example.jp"
        user.save()
    result = reminders_send(organization_id=town.org.pk, today=AFTER_SELF_DUE)
    # overdue: the five sheets at 自己評価 → reminded to themselves
    assert (result.overdue, result.reminders) == (5, 5)
    assert set(Reminder.objects.values_list("recipient_id", flat=True)) == {
        town.bucho.pk,
        town.kacho.pk,
        town.jinji_kacho.pk,
        town.fiscal.pk,
        town.zeimu_staff.pk,
    }
    assert result.emails == 3
    assert len(mail.outbox) == 3
    assert "期限を過ぎた人事評価が1件" in mail.outbox[0].subject
    again = reminders_send(organization_id=town.org.pk, today=AFTER_SELF_DUE)
    assert (again.overdue, again.reminders, again.emails) == (5, 0, 0)
    assert len(mail.outbox) == 3
    # next day: reminded again; after the 一次評価 deadline the 課長 is reminded for the 係長's sheet
    later = reminders_send(organization_id=town.org.pk, today=datetime.date(2026, 11, 1))
    assert later.reminders == 6
    assert Reminder.objects.filter(stage=Stage.FIRST, recipient=town.kacho).count() == 1
    assert cycle.pk


def test_the_remind_command_is_idempotent(town: Town) -> None:
    _progress(town)
    out = io.StringIO()
    call_command("evaluation_remind", organization=town.org.code, date="2026-10-20", stdout=out)
    call_command("evaluation_remind", organization=town.org.code, date="2026-10-20", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert "督促 5 件" in lines[0]
    assert "督促 0 件" in lines[1]
    assert Reminder.objects.count() == 5
