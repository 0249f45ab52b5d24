"""The stage machine: self → first → second → 調整 → 確定; each stage open to one person only,
closed once submitted; nothing changes after 確定 except through a recorded reopening."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import ConcurrentUpdate, DomainError, NotPermitted
from jinji.evaluation import events
from jinji.evaluation.models import Sheet, Stage, StageTransition, TransitionAction
from jinji.evaluation.services import (
    RatingInput,
    sheet_confirm,
    sheet_ratings_save,
    sheet_reopen,
    sheet_send_back,
    sheet_set_evaluators,
    sheet_submit,
)
from tests.evaluation.builders import Town, make_cycle, rate_all, sheet_of, through_second

pytestmark = pytest.mark.django_db


def test_a_whole_sheet_from_self_evaluation_to_confirmation(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    me, first, second, adjuster = (town.user(k) for k in ("staff_a", "kacho", "bucho", "jinji_kacho"))

    sheet = sheet_submit(acting_user=me, sheet=rate_all(sheet, Stage.SELF, me, "B"))
    assert (sheet.stage, sheet.self_rating, sheet.self_score, sheet.current_rating) == (
        Stage.FIRST,
        "B",
        Decimal("3.000"),
        "",
    )
    # 倫理 A, 知識・技術 A, コミュニケーション B, 業務遂行 B at 25% each: (4+4+3+3)/4 = 3.5 → A
    sheet = sheet_submit(acting_user=first, sheet=rate_all(sheet, Stage.FIRST, first, ["A", "A", "B", "B"]))
    assert (sheet.stage, sheet.first_score, sheet.first_rating, sheet.current_rating) == (
        Stage.SECOND,
        Decimal("3.500"),
        "A",
        "A",
    )
    # S, A, A, B: (5+4+4+3)/4 = 4.0 → A
    sheet = sheet_submit(acting_user=second, sheet=rate_all(sheet, Stage.SECOND, second, ["S", "A", "A", "B"]))
    assert (sheet.stage, sheet.second_score, sheet.second_rating) == (Stage.ADJUST, Decimal("4.000"), "A")
    sheet = sheet_confirm(acting_user=adjuster, sheet=sheet, final_rating="A")
    assert (sheet.stage, sheet.final_rating, sheet.confirmed_at is not None) == (Stage.CONFIRMED, "A", True)

    log = list(StageTransition.objects.filter(sheet=sheet).values_list("action", "from_stage", "to_stage"))
    assert log == [
        (TransitionAction.SUBMIT, Stage.SELF, Stage.FIRST),
        (TransitionAction.SUBMIT, Stage.FIRST, Stage.SECOND),
        (TransitionAction.SUBMIT, Stage.SECOND, Stage.ADJUST),
        (TransitionAction.CONFIRM, Stage.ADJUST, Stage.CONFIRMED),
    ]
    audited = AuditEvent.objects.filter(target_type="evaluation.sheet", target_id=str(sheet.pk))
    assert audited.filter(action=events.SHEET_SUBMIT).count() == 3
    assert audited.filter(action=events.SHEET_CONFIRM).count() == 1


def test_editing_a_closed_stage_is_refused(town: Town) -> None:
    me = town.user("staff_a")
    sheet = sheet_of(make_cycle(town), town.staff_a)
    sheet = sheet_submit(acting_user=me, sheet=rate_all(sheet, Stage.SELF, me, "B"))
    with pytest.raises(DomainError, match="自己評価は提出済みのため評価の入力はできません"):
        rate_all(sheet, Stage.SELF, me, "S")
    assert set(sheet.ratings.filter(stage=Stage.SELF).values_list("rating", flat=True)) == {"B"}


def test_a_later_stage_cannot_be_entered_early(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    with pytest.raises(DomainError, match="まだ一次評価の段階ではない"):
        rate_all(sheet, Stage.FIRST, town.user("kacho"), "A")


def test_only_the_stage_actor_may_rate(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    with pytest.raises(NotPermitted, match="本人のみ"):
        rate_all(sheet, Stage.SELF, town.user("staff_b"), "S")
    with pytest.raises(NotPermitted, match="本人のみ"):
        rate_all(sheet, Stage.SELF, town.user("hr"), "S")
    with pytest.raises(NotPermitted, match="二次評価者のみ"):
        rate_all(sheet, Stage.SECOND, town.user("kacho"), "S")
    assert not sheet.ratings.exists()


def test_an_evaluator_can_never_rate_themself(town: Town) -> None:
    """Even if the data named them (bad import), the service refuses."""
    sheet = sheet_of(make_cycle(town), town.kacho)
    me = town.user("kacho")
    sheet = sheet_submit(acting_user=me, sheet=rate_all(sheet, Stage.SELF, me, "A"))
    Sheet.objects.filter(pk=sheet.pk).update(first_evaluator=town.kacho)
    sheet.refresh_from_db()
    with pytest.raises(NotPermitted, match="自分自身を評価することはできません"):
        rate_all(sheet, Stage.FIRST, me, "S")
    with pytest.raises(DomainError, match="本人を自分の評価者にすることはできません"):
        sheet_set_evaluators(
            acting_user=town.user("hr"),
            sheet=sheet,
            first_evaluator=town.kacho,
            second_evaluator=town.jinji_kacho,
            adjuster=None,
            reason="試験",
        )


def test_a_rating_outside_the_scale_names_the_allowed_ones(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    key = f"item:{sheet.template.items.order_by('order').first().pk}"  # type: ignore[union-attr]
    with pytest.raises(DomainError, match="倫理: 評価「5」は選べません\\(選べる評価: S・A・B・C・D\\)"):
        sheet_ratings_save(
            acting_user=town.user("staff_a"), sheet=sheet, stage=Stage.SELF, ratings={key: RatingInput("5")}
        )


def test_submit_needs_every_line_rated(town: Town) -> None:
    me = town.user("staff_a")
    sheet = sheet_of(make_cycle(town), town.staff_a)
    first_item = sheet.template.items.order_by("order").first()
    assert first_item is not None
    sheet = sheet_ratings_save(
        acting_user=me, sheet=sheet, stage=Stage.SELF, ratings={f"item:{first_item.pk}": RatingInput("A")}
    )
    with pytest.raises(DomainError) as refused:
        sheet_submit(acting_user=me, sheet=sheet)
    assert [p.message for p in refused.value.problems] == [
        "知識・技術: 評価を選んでください",
        "コミュニケーション: 評価を選んでください",
        "業務遂行: 評価を選んでください",
    ]
    sheet.refresh_from_db()
    assert sheet.stage == Stage.SELF


def test_return_goes_back_one_stage_with_the_reason(town: Town) -> None:
    me, first = town.user("staff_a"), town.user("kacho")
    sheet = sheet_of(make_cycle(town), town.staff_a)
    sheet = sheet_submit(acting_user=me, sheet=rate_all(sheet, Stage.SELF, me, "B"))
    with pytest.raises(DomainError, match="差戻しの理由"):
        sheet_send_back(acting_user=first, sheet=sheet, reason=" ")
    with pytest.raises(NotPermitted):
        sheet_send_back(acting_user=me, sheet=sheet, reason="自分で戻す")
    sheet = sheet_send_back(acting_user=first, sheet=sheet, reason="実績の記載が不足しています")
    assert sheet.stage == Stage.SELF
    last = StageTransition.objects.filter(sheet=sheet).last()
    assert last is not None
    assert (last.action, last.comment) == (TransitionAction.SEND_BACK, "実績の記載が不足しています")
    rate_all(sheet, Stage.SELF, me, "A")  # the self stage is open again


def test_a_vacant_next_evaluator_blocks_submission_until_hr_sets_one(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.kacho)
    me, bucho, hr = town.user("kacho"), town.user("bucho"), town.user("hr")
    sheet = sheet_submit(acting_user=me, sheet=rate_all(sheet, Stage.SELF, me, "A"))
    sheet = rate_all(sheet, Stage.FIRST, bucho, "A")
    with pytest.raises(DomainError, match="二次評価者が空席のため提出できません"):
        sheet_submit(acting_user=bucho, sheet=sheet)
    sheet = sheet_set_evaluators(
        acting_user=hr,
        sheet=sheet,
        first_evaluator=town.bucho,
        second_evaluator=town.jinji_kacho,
        adjuster=town.jinji_kacho,
        reason="副市長の代わりに人事課長",
    )
    assert (sheet.vacancies, sheet.has_vacancy, sheet.evaluators_overridden) == ([], False, True)
    assert sheet_submit(acting_user=bucho, sheet=sheet).stage == Stage.SECOND


def test_hr_cannot_name_one_person_as_both_evaluators(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    with pytest.raises(DomainError, match="一次評価者と二次評価者は別の職員"):
        sheet_set_evaluators(
            acting_user=town.user("hr"),
            sheet=sheet,
            first_evaluator=town.bucho,
            second_evaluator=town.bucho,
            adjuster=None,
            reason="試験",
        )
    with pytest.raises(NotPermitted):
        sheet_set_evaluators(
            acting_user=town.user("kacho"),
            sheet=sheet,
            first_evaluator=town.bucho,
            second_evaluator=town.kacho,
            adjuster=None,
            reason="試験",
        )


def test_a_changed_final_rating_needs_the_adjusters_reason(town: Town) -> None:
    sheet = through_second(town, sheet_of(make_cycle(town), town.staff_a))
    adjuster = town.user("jinji_kacho")
    with pytest.raises(DomainError, match="二次評価\\(B\\)と異なる評語にする場合は調整の理由"):
        sheet_confirm(acting_user=adjuster, sheet=sheet, final_rating="A")
    with pytest.raises(NotPermitted, match="調整者のみ"):
        sheet_confirm(acting_user=town.user("bucho"), sheet=sheet, final_rating="B")
    sheet = sheet_confirm(acting_user=adjuster, sheet=sheet, final_rating="A", comment="部全体の均衡を考慮")
    assert (sheet.final_rating, sheet.adjust_comment) == ("A", "部全体の均衡を考慮")


def test_nothing_changes_after_confirmation(town: Town) -> None:
    sheet = through_second(town, sheet_of(make_cycle(town), town.staff_a))
    sheet = sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=sheet, final_rating="B")
    with pytest.raises(DomainError, match="確定済みのため評価の入力はできません"):
        rate_all(sheet, Stage.SECOND, town.user("bucho"), "S")
    with pytest.raises(DomainError, match="確定"):
        sheet_send_back(acting_user=town.user("jinji_kacho"), sheet=sheet, reason="やり直し")
    with pytest.raises(DomainError, match="確定済みのため評価者は変更できません"):
        sheet_set_evaluators(
            acting_user=town.user("hr"),
            sheet=sheet,
            first_evaluator=town.bucho,
            second_evaluator=town.jinji_kacho,
            adjuster=None,
            reason="変更",
        )
    with pytest.raises(DomainError, match="確定済み"):
        sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=sheet, final_rating="A", comment="再確定")
    sheet.refresh_from_db()
    assert (sheet.stage, sheet.final_rating) == (Stage.CONFIRMED, "B")


def test_a_reopening_is_recorded_and_takes_the_result_back(town: Town) -> None:
    sheet = through_second(town, sheet_of(make_cycle(town), town.staff_a))
    sheet = sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=sheet, final_rating="B")
    with pytest.raises(NotPermitted, match="人事担当"):
        sheet_reopen(acting_user=town.user("jinji_kacho"), sheet=sheet, to_stage=Stage.ADJUST, reason="x")
    with pytest.raises(DomainError, match="理由"):
        sheet_reopen(acting_user=town.user("hr"), sheet=sheet, to_stage=Stage.ADJUST, reason="")
    sheet = sheet_reopen(acting_user=town.user("hr"), sheet=sheet, to_stage=Stage.SECOND, reason="苦情の審査の結果")
    assert (sheet.stage, sheet.final_rating, sheet.confirmed_at, sheet.disclosed_at) == (Stage.SECOND, "", None, None)
    last = StageTransition.objects.filter(sheet=sheet).last()
    assert last is not None
    assert (last.action, last.from_stage, last.to_stage, last.comment) == (
        TransitionAction.REOPEN,
        Stage.CONFIRMED,
        Stage.SECOND,
        "苦情の審査の結果",
    )
    event = AuditEvent.objects.get(action=events.SHEET_REOPEN, target_id=str(sheet.pk))
    assert event.before is not None
    assert event.before["final_rating"] == "B"
    rate_all(sheet, Stage.SECOND, town.user("bucho"), "A")  # the second stage is open again


def test_a_stale_version_is_refused(town: Town) -> None:
    sheet = sheet_of(make_cycle(town), town.staff_a)
    with pytest.raises(ConcurrentUpdate):
        sheet_submit(acting_user=town.user("staff_a"), sheet=sheet, expected_version=sheet.version + 1)
