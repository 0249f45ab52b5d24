"""給与の設定 (給与カレンダー, 振込元口座, 予算科目, 控除項目, 職員別控除, 保険の加入区分, 給与の個人設定):
one create/update service for every kind, with Japanese problems naming the field and an audit event
in the same transaction.

Effective-dated per-employee rows (職員別控除, 保険, 個人設定) never overlap for the same employee (and
控除項目): adding a row that starts after an open-ended one ends that one the day before, any other
overlap is refused. The employee row is locked so two clerks cannot both slip in an overlapping row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from jinji.accounts.models import User
from jinji.audit.actions import register_action_labels
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll.models import (
    BudgetAccount,
    DeductionItem,
    EmployeeDeduction,
    EmployeePaySetting,
    InsuranceEnrolment,
    InsuranceScheme,
    PayrollCalendar,
    RemittingAccount,
)
from jinji.personnel.models import Employee
from jinji.rules.zengin import BankCharacterError, to_bank_kana

SETTING_CREATE = "payroll.setting.create"
SETTING_UPDATE = "payroll.setting.update"
DEDUCTION_IMPORT = "payroll.setting.deduction_import"
register_action_labels(
    {
        SETTING_CREATE: "給与の設定の登録",
        SETTING_UPDATE: "給与の設定の変更",
        DEDUCTION_IMPORT: "職員別控除の取込",
    }
)

Check = Callable[[Mapping[str, Any]], list[FieldProblem]]


def _digits(values: Mapping[str, Any], name: str, label: str, length: int) -> list[FieldProblem]:
    text = str(values.get(name) or "")
    if not (text.isdigit() and len(text) == length):
        return [FieldProblem(name, f"{label}は{length}桁の数字で入力してください")]
    return []


def _day(values: Mapping[str, Any], name: str, label: str) -> list[FieldProblem]:
    if not 1 <= int(values.get(name) or 0) <= 31:
        return [FieldProblem(name, f"{label}は1〜31の日で入力してください")]
    return []


def _check_calendar(v: Mapping[str, Any]) -> list[FieldProblem]:
    problems = _day(v, "pay_day", "支給日") + _day(v, "appointee_pay_day", "会計年度任用職員の支給日")
    if not 1 <= int(v.get("change_threshold_percent") or 0) <= 100:
        problems.append(FieldProblem("change_threshold_percent", "前月比の確認しきい値は1〜100(%)で入力してください"))
    return problems


def _kana(values: Mapping[str, Any], name: str, label: str) -> list[FieldProblem]:
    text = str(values.get(name) or "")
    if not text.strip():
        return [FieldProblem(name, f"{label}を入力してください")]
    try:
        to_bank_kana(text, field=label)
    except BankCharacterError as exc:
        return [FieldProblem(name, f"{label}は全銀ファイルで使えるカナで入力してください({exc})")]
    return []


def _check_account(v: Mapping[str, Any]) -> list[FieldProblem]:
    return (
        _digits(v, "bank_code", "金融機関コード", 4)
        + _digits(v, "branch_code", "支店コード", 3)
        + _digits(v, "account_number", "口座番号", 7)
        + _kana(v, "bank_name", "金融機関名(カナ)")
        + _kana(v, "branch_name", "支店名(カナ)")
    )


def _check_insurance(v: Mapping[str, Any]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    scheme = v.get("scheme")
    if scheme == InsuranceScheme.MUTUAL_AID and not v.get("union"):
        problems.append(FieldProblem("union", "共済組合の加入には共済組合(掛金率の表)を入力してください"))
    needs_prefecture = scheme == InsuranceScheme.EMPLOYEE_PLANS or v.get("welfare_pension")
    if needs_prefecture:
        problems += _digits(v, "prefecture", "都道府県コード", 2)
    if v.get("welfare_pension") and (scheme != InsuranceScheme.MUTUAL_AID or v.get("long_term_member")):
        problems.append(
            FieldProblem("welfare_pension", "厚生年金(日本年金機構)は共済の短期組合員(長期組合員でない)だけです")
        )
    if scheme != InsuranceScheme.NONE:
        for name, label in (("short_term_grade", "短期(健康保険)の等級"), ("long_term_grade", "長期(厚生年金)の等級")):
            if not 1 <= int(v.get(name) or 0) <= 60:
                problems.append(FieldProblem(name, f"{label}を入力してください(1〜60)"))
    return problems


def _check_pay_setting(v: Mapping[str, Any]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if bool(v.get("appointee_basis")) != bool(v.get("appointee_rate")):
        problems.append(FieldProblem("appointee_rate", "報酬の区分と報酬額は両方入力するか、両方空にしてください"))
    if v.get("starting_pay_years") and not v.get("starting_pay_kind"):
        problems.append(FieldProblem("starting_pay_kind", "初任給調整手当の年数があるときは区分を入力してください"))
    return problems


def _none(_: Mapping[str, Any]) -> list[FieldProblem]:
    return []


@dataclass(frozen=True, slots=True)
class SettingKind:
    """One kind of setting: its model, edited fields and the rules that keep its rows consistent."""

    slug: str
    label: str
    model: type[models.Model]
    fields: tuple[str, ...]
    per_employee: bool = False  # identified by 職員番号; effective-dated
    overlap: tuple[str, ...] = ()  # further keys of the no-overlap rule besides the employee
    unique: tuple[str, ...] = ()  # one row per organization and these fields
    check: Check = _none


DATED = ("valid_from", "valid_to")
KINDS: dict[str, SettingKind] = {
    k.slug: k
    for k in (
        SettingKind(
            "calendars", "給与カレンダー", PayrollCalendar,
            ("payer", "pay_day", "appointee_pay_day", "appointee_following_month", "variable_following_month",
             "change_threshold_percent"),
            unique=("payer",), check=_check_calendar,
        ),
        SettingKind(
            "accounts", "振込元口座", RemittingAccount,
            ("payer", "bank_code", "bank_name", "branch_code", "branch_name", "account_type", "account_number",
             "is_default"),
            check=_check_account,
        ),
        SettingKind("budgets", "予算科目", BudgetAccount, ("org_unit", "code", "name"), unique=("org_unit",)),
        SettingKind("items", "控除項目", DeductionItem, ("code", "name", "sort_order"), unique=("code",)),
        SettingKind(
            "deductions", "職員別控除", EmployeeDeduction, ("item", "amount", *DATED),
            per_employee=True, overlap=("item",),
        ),
        SettingKind(
            "insurance", "保険の加入区分", InsuranceEnrolment,
            ("scheme", "union", "short_term_grade", "long_term_grade", "short_term_member", "long_term_member",
             "welfare_pension", "prefecture", "employment_insurance", "contribution_waived", *DATED),
            per_employee=True, check=_check_insurance,
        ),
        SettingKind(
            "pay-settings", "給与の個人設定", EmployeePaySetting,
            ("management_class", "regional_grade", "starting_pay_kind", "starting_pay_years", "tax_column",
             "appointee_basis", "appointee_rate", "paper_payslip", *DATED),
            per_employee=True, check=_check_pay_setting,
        ),
    )
}  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def snapshot(kind: SettingKind, obj: models.Model) -> dict[str, Any]:
    """The audited values of a row (foreign keys as ids, dates as ISO text)."""
    out = {name: _plain(getattr(obj, name)) for name in kind.fields}
    if kind.per_employee:
        out["employee"] = obj.employee_id  # type: ignore[attr-defined]
    return out


def _same_org(organization_id: int, values: Mapping[str, Any]) -> list[FieldProblem]:
    problems = []
    for name, value in values.items():
        if isinstance(value, models.Model) and getattr(value, "organization_id", organization_id) != organization_id:
            problems.append(FieldProblem(name, "別の団体のデータは指定できません"))
    return problems


def _employee(organization_id: int, staff_number: str) -> Employee:
    employee: Employee | None = (
        Employee.objects.for_organization(organization_id)
        .select_for_update(no_key=True)  # rows referencing the employee may still be inserted meanwhile
        .filter(staff_number=staff_number.strip())
        .first()
    )
    if employee is None:
        raise DomainError([FieldProblem("staff_number", f"職員番号 {staff_number} の職員がいません")])
    return employee


def _period(start: datetime.date, end: datetime.date | None) -> str:
    return f"{start.isoformat()}〜{end.isoformat() if end else ''}"


def fit_period(kind: SettingKind, obj: Any, *, creating: bool, others: list[Any] | None = None) -> list[Any]:
    """Make ``obj``'s period fit among the other rows of its key: an open-ended earlier row is ended
    the day before a new row starts; any remaining overlap is refused. ``others`` (rows already in
    memory) defaults to the stored rows, locked. Returns the rows ended."""
    if obj.valid_to is not None and obj.valid_to < obj.valid_from:
        raise DomainError([FieldProblem("valid_to", "適用終了日は適用開始日以降の日付にしてください")])
    if others is None:
        key = {"employee_id": obj.employee_id, **{f"{name}_id": getattr(obj, f"{name}_id") for name in kind.overlap}}
        others = list(
            kind.model.objects.for_organization(obj.organization_id)  # type: ignore[attr-defined]
            .select_for_update()
            .filter(**key)
            .exclude(pk=obj.pk)
            .order_by("valid_from")
        )
    ended = []
    for other in others:
        if creating and other.valid_to is None and other.valid_from < obj.valid_from:
            other.valid_to = obj.valid_from - datetime.timedelta(days=1)
            ended.append(other)
    for other in others:
        if other.valid_from <= (obj.valid_to or datetime.date.max) and obj.valid_from <= (
            other.valid_to or datetime.date.max
        ):
            message = f"適用期間が登録済みの期間 {_period(other.valid_from, other.valid_to)} と重なっています"
            raise DomainError([FieldProblem("valid_from", message)])
    return ended


def _lock_keys(kind: SettingKind, organization_id: int, values: Mapping[str, Any]) -> None:
    """Lock the rows named by the no-overlap key besides the employee (the 控除項目), which the CSV
    import locks too, so a screen save and an import of the same item never interleave. Taken before
    the employee lock (the import's inserts take a key-share lock on the employee afterwards)."""
    for name in kind.overlap:
        related = values.get(name)
        if isinstance(related, models.Model):
            type(related).objects.for_organization(organization_id).select_for_update().filter(  # type: ignore[attr-defined]
                pk=related.pk
            ).first()


def _unique(kind: SettingKind, obj: Any) -> None:
    if not kind.unique:
        return
    key = {name: getattr(obj, name) for name in kind.unique}
    clash = kind.model.objects.for_organization(obj.organization_id).filter(**key).exclude(pk=obj.pk)  # type: ignore[attr-defined]
    if clash.exists():
        field = kind.unique[0]
        label = getattr(kind.model._meta.get_field(field), "verbose_name", field)
        raise DomainError([FieldProblem(field, f"この{label}の{kind.label}はすでに登録されています")])


def setting_save(
    *,
    acting_user: User,
    kind: SettingKind,
    organization_id: int,
    values: Mapping[str, Any],
    pk: int | None = None,
    staff_number: str = "",
) -> models.Model:
    """Create (``pk`` None) or update one row of ``kind`` from ``values`` (model field → value).

    Per-employee kinds name the employee by ``staff_number`` on creation. Raises DomainError
    (nothing changed) with problems naming the field.
    """
    problems = _same_org(organization_id, values) + kind.check(values)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        _lock_keys(kind, organization_id, values)
        manager = kind.model.objects.for_organization(organization_id)  # type: ignore[attr-defined]
        if pk is None:
            obj = kind.model(organization_id=organization_id)
            before = None
            if kind.per_employee:
                obj.employee = _employee(organization_id, staff_number)  # type: ignore[attr-defined]
        else:
            obj = manager.select_for_update().filter(pk=pk).first()
            if obj is None:
                raise DomainError([FieldProblem("", f"{kind.label}が見つかりません")])
            before = snapshot(kind, obj)
            if kind.per_employee:
                Employee.objects.for_organization(organization_id).select_for_update(no_key=True).filter(
                    pk=obj.employee_id
                ).first()
        for name in kind.fields:
            setattr(obj, name, values.get(name))
        ended = fit_period(kind, obj, creating=pk is None) if kind.per_employee else []
        _unique(kind, obj)
        for other in ended:
            other.save(update_fields=["valid_to"])
        if kind.model is RemittingAccount and obj.is_default:  # type: ignore[attr-defined]
            manager.filter(payer_id=obj.payer_id, is_default=True).exclude(pk=obj.pk).update(is_default=False)  # type: ignore[attr-defined]
        obj.save()
        after = snapshot(kind, obj)
        if ended:
            after["ended"] = [[o.pk, o.valid_to.isoformat()] for o in ended]
        audit_record(
            actor=acting_user,
            action=SETTING_CREATE if before is None else SETTING_UPDATE,
            target=obj,
            target_label=f"{kind.label} {obj}",
            before=before,
            after=after,
        )
    return obj


__all__ = ["KINDS", "SettingKind", "fit_period", "setting_save", "snapshot"]
