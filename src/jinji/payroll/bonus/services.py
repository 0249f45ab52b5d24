"""Services of the bonus run: its pay date, and the 成績率 entered by 給与担当 (audited)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import transaction

from jinji.accounts.models import User
from jinji.audit.actions import register_action_labels
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll.bonus_models import BonusRating, BonusRatingChoice
from jinji.payroll.locks import lock_run
from jinji.payroll.models import PayrollRun, RunKind, RunStatus
from jinji.personnel.models import Employee
from jinji.rules.calendar import pay_day
from jinji.rules.errors import RulesError
from jinji.rules.pay import bonus_months_table
from jinji.rules.pay.bonus_tables import STAFF_KINDS

BONUS_RATING_SET = "payroll.bonus.rating"
register_action_labels({BONUS_RATING_SET: "期末・勤勉手当の成績率の入力"})

NOMINAL_PAY_DAY = {6: 30, 12: 10}  # 支給日 6月30日・12月10日 (§C8), 閉庁日なら前の開庁日
EDITABLE = frozenset({RunStatus.DRAFT, RunStatus.COMPUTED, RunStatus.FAILED})


def _refuse(message: str, field: str) -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def bonus_pay_date(base_date: datetime.date) -> datetime.date:
    """支給日 of the bonus with 基準日 ``base_date`` (6/1 → 6/30, 12/1 → 12/10, moved off holidays)."""
    if base_date.month not in NOMINAL_PAY_DAY:
        raise _refuse("期末・勤勉手当の支給月は6月か12月です(基準日 6月1日・12月1日)", "month")
    return pay_day(base_date.year, base_date.month, NOMINAL_PAY_DAY[base_date.month])


def _ratio(rating: str, percent: str, base_date: datetime.date) -> Decimal | None:
    if not percent.strip():
        return None
    try:
        value = Decimal(percent.strip())
    except InvalidOperation:
        raise _refuse(f"成績率は数値(/100)で入力してください: {percent}", "ratio_percent") from None
    if value != value.quantize(Decimal("0.01")) or value < 0:
        raise _refuse("成績率は0以上、小数第2位までで入力してください(例: 140.25)", "ratio_percent")
    try:
        bands = bonus_months_table(base_date).data.performance
    except RulesError as exc:
        raise _refuse(str(exc), "ratio_percent") from exc
    ratio = Fraction(value) / 100
    if not any(kind in bands and bands[kind][rating].admits(ratio) for kind in STAFF_KINDS):
        raise _refuse(
            f"成績率 {value}/100 は区分「{BonusRatingChoice(rating).label}」の範囲にありません", "ratio_percent"
        )
    return value


def bonus_rating_set(
    *, acting_user: User, run: PayrollRun, staff_number: str, rating: str, ratio_percent: str, reason: str
) -> BonusRating:
    """Enter the 成績率 of one employee for this bonus run (recompute to apply it)."""
    if rating not in BonusRatingChoice.values:
        raise _refuse("成績率の区分を選んでください", "rating")
    if not reason.strip():
        raise _refuse("入力の理由を入力してください", "reason")
    employee = Employee.objects.for_organization(run.organization_id).filter(staff_number=staff_number.strip()).first()
    if employee is None:
        raise _refuse(f"職員番号 {staff_number} の職員が見つかりません", "staff_number")
    value = _ratio(rating, ratio_percent, run.month)
    with transaction.atomic():
        locked = lock_run(run)
        if locked.kind != RunKind.BONUS:
            raise _refuse("成績率は期末・勤勉手当の計算でだけ入力できます", "run")
        if locked.status not in EDITABLE:
            raise _refuse(f"{locked.get_status_display()}の計算では成績率を変更できません", "run")
        existing = BonusRating.objects.for_organization(run.organization_id).filter(run=locked, employee=employee)
        before = existing.values("rating", "ratio_percent").first()
        row, _ = BonusRating.objects.for_organization(run.organization_id).update_or_create(
            run=locked,
            employee=employee,
            defaults={
                "organization_id": run.organization_id,
                "rating": rating,
                "ratio_percent": value,
                "reason": reason.strip(),
                "updated_by": acting_user,
            },
        )
        audit_record(
            actor=acting_user,
            action=BONUS_RATING_SET,
            target=locked,
            before={k: str(v) for k, v in before.items()} if before else None,
            after={"employee": staff_number, "rating": rating, "ratio_percent": str(value or ""), "reason": reason},
        )
    saved: BonusRating = row
    return saved
