"""業績評価: goals with difficulty and weight (total 100%), agreed with the first evaluator,
reviewed mid-term, rated at the end; 面談 records; 苦情 after 開示."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from jinji.core.errors import DomainError, NotPermitted
from jinji.evaluation.models import ComplaintStatus, CycleKind, Goal, InterviewKind, Stage
from jinji.evaluation.services import (
    GoalInput,
    complaint_file,
    complaint_handle,
    goal_notes_save,
    goals_agree,
    goals_revoke,
    goals_save,
    interview_record,
    sheet_confirm,
    sheet_submit,
    sheets_disclose,
)
from tests.evaluation.builders import Town, make_cycle, rate_all, sheet_of

pytestmark = pytest.mark.django_db

GOALS = [
    GoalInput("窓口の待ち時間の短縮", "9月末までに平均待ち時間を15分以内にする", "high", 50),
    GoalInput("マニュアルの改訂", "8月末までに全手順を改訂し係内で共有する", "standard", 30),
    GoalInput("研修の受講", "年度内に2講座を修了する", "low", 20),
]


def test_goal_weights_must_total_100_percent(town: Town) -> None:
    sheet = sheet_of(make_cycle(town, CycleKind.PERFORMANCE), town.staff_a)
    wrong = [GOALS[0], GOALS[1]]  # 50 + 30 = 80
    with pytest.raises(DomainError) as refused:
        goals_save(acting_user=town.user("staff_a"), sheet=sheet, goals=wrong)
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("weight", "目標のウェイトの合計は100%にしてください(現在 80%)")
    ]
    assert not Goal.objects.filter(sheet=sheet).exists()


def test_goals_are_checked_field_by_field(town: Town) -> None:
    sheet = sheet_of(make_cycle(town, CycleKind.PERFORMANCE), town.staff_a)
    with pytest.raises(DomainError) as refused:
        goals_save(acting_user=town.user("staff_a"), sheet=sheet, goals=[GoalInput("", "基準", "extreme", 100)])
    assert {p.field for p in refused.value.problems} == {"goals.1.title", "goals.1.difficulty"}
    too_many = [GoalInput(f"目標{i}", "基準", "standard", 10) for i in range(10)]
    with pytest.raises(DomainError, match="目標は1〜5件"):
        goals_save(acting_user=town.user("staff_a"), sheet=sheet, goals=too_many)


def test_agreed_goals_are_fixed_until_the_evaluator_revokes(town: Town) -> None:
    sheet = sheet_of(make_cycle(town, CycleKind.PERFORMANCE), town.staff_a)
    me, first = town.user("staff_a"), town.user("kacho")
    goals_save(acting_user=me, sheet=sheet, goals=GOALS)
    with pytest.raises(NotPermitted, match="一次評価者のみ"):
        goals_agree(acting_user=me, sheet=sheet)
    goals_agree(acting_user=first, sheet=sheet)
    with pytest.raises(DomainError, match="合意済みのため変更できません"):
        goals_save(acting_user=me, sheet=sheet, goals=GOALS[:1] and [GoalInput("別の目標", "基準", "standard", 100)])
    goals_revoke(acting_user=first, sheet=sheet, reason="業務分担の変更")
    goals_save(acting_user=me, sheet=sheet, goals=[GoalInput("別の目標", "基準", "standard", 100)])
    assert list(Goal.objects.filter(sheet=sheet).values_list("title", flat=True)) == ["別の目標"]


def test_self_submission_needs_agreed_goals(town: Town) -> None:
    sheet = sheet_of(make_cycle(town, CycleKind.PERFORMANCE), town.staff_a)
    me = town.user("staff_a")
    goals_save(acting_user=me, sheet=sheet, goals=GOALS)
    rate_all(sheet, Stage.SELF, me, "A")
    with pytest.raises(DomainError, match="目標が評価者と合意されていません"):
        sheet_submit(acting_user=me, sheet=sheet)


def test_a_performance_sheet_scores_goals_with_difficulty(town: Town) -> None:
    cycle = make_cycle(town, CycleKind.PERFORMANCE)
    sheet = sheet_of(cycle, town.staff_a)
    me, first, second = town.user("staff_a"), town.user("kacho"), town.user("bucho")
    goals_save(acting_user=me, sheet=sheet, goals=GOALS)
    goals_agree(acting_user=first, sheet=sheet)
    ids = list(Goal.objects.filter(sheet=sheet).order_by("order").values_list("pk", flat=True))
    goal_notes_save(acting_user=me, sheet=sheet, notes={ids[0]: ("順調", "平均12分に短縮"), ids[1]: ("", "改訂済み")})
    sheet = sheet_submit(acting_user=me, sheet=rate_all(sheet, Stage.SELF, me, ["A", "B", "S"]))
    # 50% × A(4) × 高1.2 = 4.8; 30% × B(3); 20% × S(5) × 低0.8 = 4 → (240 + 90 + 80)/100 = 4.1 → A
    assert (sheet.self_score, sheet.self_rating) == (Decimal("4.100"), "A")
    # first: A, A, A → 50×4.8 + 30×4 + 20×3.2 = 240 + 120 + 64 = 424 → 4.24 → A
    sheet = sheet_submit(acting_user=first, sheet=rate_all(sheet, Stage.FIRST, first, ["A", "A", "A"]))
    assert (sheet.first_score, sheet.first_rating) == (Decimal("4.240"), "A")
    # second: S, A, B → 50×5(6 capped) + 30×4 + 20×2.4 = 250 + 120 + 48 = 418 → 4.18 → A
    sheet = sheet_submit(acting_user=second, sheet=rate_all(sheet, Stage.SECOND, second, ["S", "A", "B"]))
    assert (sheet.second_score, sheet.second_rating) == (Decimal("4.180"), "A")
    assert Goal.objects.get(pk=ids[0]).result_note == "平均12分に短縮"


def test_interviews_are_recorded_by_evaluators_only(town: Town) -> None:
    sheet = sheet_of(make_cycle(town, CycleKind.PERFORMANCE), town.staff_a)
    held = datetime.date(2026, 4, 15)
    interview = interview_record(
        acting_user=town.user("kacho"),
        sheet=sheet,
        kind=InterviewKind.START,
        held_on=held,
        note="目標を確認し、困難度を高とした",
    )
    assert (interview.interviewer_id, interview.kind) == (town.kacho.pk, InterviewKind.START)
    with pytest.raises(NotPermitted, match="評価者のみ"):
        interview_record(
            acting_user=town.user("staff_a"), sheet=sheet, kind=InterviewKind.START, held_on=held, note="自分で記録"
        )
    with pytest.raises(DomainError, match="記録を入力"):
        interview_record(
            acting_user=town.user("kacho"), sheet=sheet, kind=InterviewKind.MIDTERM, held_on=held, note=" "
        )


def test_a_complaint_is_filed_after_disclosure_and_handled_by_hr(town: Town) -> None:
    from tests.evaluation.builders import through_second

    cycle = make_cycle(town)
    sheet = through_second(town, sheet_of(cycle, town.staff_a))
    sheet = sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=sheet, final_rating="B")
    with pytest.raises(DomainError, match="開示されてから"):
        complaint_file(acting_user=town.user("staff_a"), sheet=sheet, content="納得できません")
    sheets_disclose(acting_user=town.user("hr"), cycle=cycle)
    with pytest.raises(NotPermitted, match="本人のみ"):
        complaint_file(acting_user=town.user("kacho"), sheet=sheet, content="代理で")
    complaint = complaint_file(acting_user=town.user("staff_a"), sheet=sheet, content="面談がありませんでした")
    with pytest.raises(DomainError, match="対応の内容を入力"):
        complaint_handle(acting_user=town.user("hr"), complaint=complaint, status=ComplaintStatus.CLOSED, response="")
    with pytest.raises(NotPermitted):
        complaint_handle(acting_user=town.user("kacho"), complaint=complaint, status="closed", response="済")
    done = complaint_handle(
        acting_user=town.user("hr"),
        complaint=complaint,
        status=ComplaintStatus.CLOSED,
        response="評価者に面談を実施させました",
    )
    assert (done.status, done.handled_by_id) == (ComplaintStatus.CLOSED, town.user("hr").pk)
    sheet.refresh_from_db()
    assert sheet.final_rating == "B"  # a complaint never changes the result by itself
