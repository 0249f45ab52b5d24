"""氏名変更届 (旧姓使用を含む): the new name and whether the former family name is used at work.

決裁 → ``employee_update`` (氏・名・フリガナ・旧姓・旧姓使用). The 発効日 is the day of the change
(婚姻 etc.); the master keeps the current name, the audit trail and this application the history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jinji.accounts.models import User
from jinji.applications.kinds.base import Cleaned, Context, Kind, applicant_employee, yes_no
from jinji.applications.kinds.fields import PayloadReader
from jinji.personnel.models import Employee
from jinji.personnel.services import employee_update
from jinji.workflow.models import WorkflowInstance

CODE = "name_change"
LABEL = "氏名変更届"
FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "former_family_name",
    "former_family_name_kana",
    "uses_former_name",
)


def clean(payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    r = PayloadReader(payload)
    data: dict[str, Any] = {
        "family_name": r.text("family_name", "新しい氏", max_length=50).replace(" ", ""),
        "given_name": r.text("given_name", "新しい名", max_length=50).replace(" ", ""),
        "family_name_kana": r.kana("family_name_kana", "氏(フリガナ)").replace(" ", ""),
        "given_name_kana": r.kana("given_name_kana", "名(フリガナ)").replace(" ", ""),
        "uses_former_name": r.flag("uses_former_name"),
        "former_family_name": r.text("former_family_name", "旧姓", required=False, max_length=50).replace(" ", ""),
        "former_family_name_kana": r.kana("former_family_name_kana", "旧姓(フリガナ)", required=False),
    }
    if data["uses_former_name"]:
        if not data["former_family_name"]:
            r.problem("former_family_name", "旧姓を使用する場合は旧姓を入力してください")
        if not data["former_family_name_kana"]:
            r.problem("former_family_name_kana", "旧姓を使用する場合は旧姓(フリガナ)を入力してください")
    current = Employee.objects.for_organization(ctx.organization_id).filter(pk=ctx.employee_id).first()
    if not r.problems and current is not None and all(getattr(current, f) == data[f] for f in FIELDS):
        r.problem("family_name", "現在の登録内容と同じです。変更する氏名または旧姓の使用を入力してください")
    return Cleaned(payload=data, problems=r.problems)


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    rows = [
        ("新しい氏名", f"{payload.get('family_name', '')} {payload.get('given_name', '')}"),
        ("フリガナ", f"{payload.get('family_name_kana', '')} {payload.get('given_name_kana', '')}"),
        ("旧姓を使用する", yes_no(payload.get("uses_former_name"))),
    ]
    if payload.get("former_family_name"):
        rows.append(("旧姓", f"{payload['former_family_name']}({payload.get('former_family_name_kana', '')})"))
    return rows


def effect(instance: WorkflowInstance, acting_user: User) -> None:
    employee = applicant_employee(instance)
    data = {name: instance.payload.get(name, "") for name in FIELDS}
    data["uses_former_name"] = bool(instance.payload.get("uses_former_name"))
    employee_update(acting_user=acting_user, employee=employee, expected_version=employee.version, data=data)


KIND = Kind(
    code=CODE,
    label=LABEL,
    description="婚姻などで氏名が変わったとき。旧姓を職場で使い続ける(旧姓使用)ときもこの届です。",
    clean=clean,
    effect=effect,
    summarize=summarize,
    evidence_label="戸籍抄本など(任意)",
)
