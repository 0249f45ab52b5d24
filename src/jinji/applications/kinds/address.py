"""住所変更届: the new address from the moving date (転居日); 決裁 → ``address_add``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from jinji.accounts.models import User
from jinji.applications.kinds.base import Cleaned, Context, Kind, applicant_employee, effective_date
from jinji.applications.kinds.fields import PayloadReader
from jinji.personnel.services import address_add
from jinji.workflow.models import WorkflowInstance

CODE = "address_change"
LABEL = "住所変更届"


def read_postal_code(r: PayloadReader, *, required: bool = True) -> str:
    """郵便番号 as ``123-4567`` (also accepts 7 digits and full-width dashes); a problem otherwise."""
    postal = r.text("postal_code", "郵便番号", max_length=8, required=required).replace("ー", "-").replace("−", "-")
    if postal and re.fullmatch(r"[0-9]{7}", postal):
        postal = f"{postal[:3]}-{postal[3:]}"
    if postal and not re.fullmatch(r"[0-9]{3}-[0-9]{4}", postal):
        r.problem("postal_code", "郵便番号は「123-4567」の形式(半角数字7桁)で入力してください")
    return postal


def clean(payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    r = PayloadReader(payload)
    postal = read_postal_code(r)
    address = r.text("address", "新しい住所")
    kana = r.kana("address_kana", "住所(フリガナ)", required=False, max_length=300)
    return Cleaned(payload={"postal_code": postal, "address": address, "address_kana": kana}, problems=r.problems)


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    return [
        ("郵便番号", str(payload.get("postal_code", ""))),
        ("新しい住所", str(payload.get("address", ""))),
        ("住所(フリガナ)", str(payload.get("address_kana", ""))),
    ]


def effect(instance: WorkflowInstance, acting_user: User) -> None:
    """転居: the new address from the 発効日; the current one ends the day before."""
    data = instance.payload
    address_add(
        acting_user=acting_user,
        employee=applicant_employee(instance),
        valid_from=effective_date(instance),
        postal_code=str(data["postal_code"]),
        address=str(data["address"]),
        address_kana=str(data.get("address_kana", "")),
    )


KIND = Kind(
    code=CODE,
    label=LABEL,
    description="転居したとき。新しい住所を転居日から登録します。",
    clean=clean,
    effect=effect,
    summarize=summarize,
    evidence_label="住民票の写しなど(任意)",
)
