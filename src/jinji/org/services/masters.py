"""Code lists of the organization master: 任命権者, 給与支払者, 職, 職種, 給料表."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.org.models import AppointingAuthority, AuthorityKind, JobCategory, Payer, Position, SalarySchedule
from jinji.org.services.units import _raise


def _create_simple(
    acting_user: Any, model: Any, action: str, organization: Organization, values: dict[str, Any]
) -> Any:
    code = str(values.get("code", "")).strip()
    problems = [FieldProblem(k, "入力してください") for k in ("code", "name") if not str(values.get(k, "")).strip()]
    if (
        code
        and model.objects.for_organization(organization.pk)
        .filter(code=code, **({"valid_from": values["valid_from"]} if "valid_from" in values else {}))
        .exists()
    ):
        problems.append(FieldProblem("code", f"コード {code} は既に使われています"))
    _raise(problems)
    with transaction.atomic():
        obj = model.objects.create(organization_id=organization.pk, **{**values, "code": code})
        audit_record(actor=acting_user, action=action, target=obj, after=values)
    return obj


def authority_create(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    kind: str = AuthorityKind.MAYOR,
    notice_signatory: str = "",
) -> AppointingAuthority:
    """任命権者の登録."""
    if kind not in AuthorityKind.values:
        raise DomainError([FieldProblem("kind", f"種類「{kind}」は使えません")])
    values = {"code": code, "name": name, "kind": kind, "notice_signatory": notice_signatory}
    result: AppointingAuthority = _create_simple(
        acting_user, AppointingAuthority, "org.authority.create", organization, values
    )
    return result


def payer_create(*, acting_user: Any, organization: Organization, code: str, name: str, name_kana: str = "") -> Payer:
    """給与支払者の登録."""
    result: Payer = _create_simple(
        acting_user, Payer, "org.payer.create", organization, {"code": code, "name": name, "name_kana": name_kana}
    )
    return result


def position_create(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    rank: int,
    valid_from: datetime.date,
    is_unit_head: bool = False,
    is_manager: bool = False,
) -> Position:
    """職の登録."""
    values = {
        "code": code,
        "name": name,
        "rank": rank,
        "valid_from": valid_from,
        "is_unit_head": is_unit_head,
        "is_manager": is_manager,
    }
    result: Position = _create_simple(acting_user, Position, "org.position.create", organization, values)
    return result


def job_category_create(*, acting_user: Any, organization: Organization, code: str, name: str) -> JobCategory:
    """職種の登録."""
    result: JobCategory = _create_simple(
        acting_user, JobCategory, "org.job_category.create", organization, {"code": code, "name": name}
    )
    return result


def salary_schedule_create(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    max_grade: int,
    valid_from: datetime.date,
) -> SalarySchedule:
    """給料表(名称・最高級)の登録; amounts come from the rules tables keyed by ``code``."""
    if max_grade < 1:
        raise DomainError([FieldProblem("max_grade", "最高級は1以上で入力してください")])
    values = {"code": code, "name": name, "max_grade": max_grade, "valid_from": valid_from}
    result: SalarySchedule = _create_simple(
        acting_user, SalarySchedule, "org.salary_schedule.create", organization, values
    )
    return result
