"""就業管理の設定 (年次休暇の付与日, 在宅勤務の週の上限, ワーケーションの年度の上限): 人事担当・システム管理者."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.attendance.models import AttendancePolicy, GrantBasisChoice
from jinji.attendance.services.admin_access import require_attendance_admin
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem

DAYS_PER_WEEK = 7
MAX_WORKATION_DAYS = 366


@dataclass(frozen=True, slots=True)
class PolicyInput:
    grant_basis: str
    telework_max_days_per_week: int
    workation_max_days_per_year: int | None


def parse_policy(raw: Mapping[str, str]) -> PolicyInput:
    problems: list[FieldProblem] = []
    basis = raw.get("grant_basis", "")
    if basis not in GrantBasisChoice.values:
        problems.append(FieldProblem("年次休暇の付与", "暦年(1月1日)か年度(4月1日)を選んでください"))
    weekly = raw.get("telework_max_days_per_week", "").strip()
    if not weekly.isdigit() or int(weekly) > DAYS_PER_WEEK:
        problems.append(FieldProblem("在宅勤務の上限(週あたり日数)", f"0〜{DAYS_PER_WEEK}の整数で入力してください"))
    yearly = raw.get("workation_max_days_per_year", "").strip()
    if yearly and (not yearly.isdigit() or int(yearly) > MAX_WORKATION_DAYS):
        problems.append(
            FieldProblem(
                "ワーケーションの上限(年度あたり日数)",
                f"0〜{MAX_WORKATION_DAYS}の整数で入力するか、空欄(上限なし)にしてください",
            )
        )
    if problems:
        raise DomainError(problems)
    return PolicyInput(basis, int(weekly), int(yearly) if yearly else None)


def _snapshot(policy: AttendancePolicy) -> dict[str, object]:
    return {"grant_basis": policy.grant_basis, "telework_max_days_per_week": policy.telework_max_days_per_week,
            "workation_max_days_per_year": policy.workation_max_days_per_year}  # fmt: skip


def attendance_policy_save(*, acting_user: User, data: PolicyInput) -> AttendancePolicy:
    """Create or change the organization's single 就業管理の設定 (row locked while it changes)."""
    require_attendance_admin(acting_user)
    org_id = acting_user.organization_id
    with transaction.atomic():
        policy = AttendancePolicy.objects.for_organization(org_id).select_for_update().first()
        before = _snapshot(policy) if policy is not None else None
        policy = policy or AttendancePolicy(organization_id=org_id)
        policy.grant_basis = data.grant_basis
        policy.telework_max_days_per_week = data.telework_max_days_per_week
        policy.workation_max_days_per_year = data.workation_max_days_per_year
        policy.save()
        audit_record(actor=acting_user, action=events.POLICY_SAVED, target=policy, target_label="就業管理の設定",
                     before=before, after=_snapshot(policy))  # fmt: skip
    return policy
