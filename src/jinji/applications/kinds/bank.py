"""口座変更届: the new pay account (主口座) from the 発効日; 決裁 → ``bank_account_add``.

The account holder's name must go into a 全銀 transfer file, so it is checked with
:func:`jinji.rules.zengin.to_bank_kana` at submission. Screens show the account number masked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jinji.accounts.models import User
from jinji.applications.kinds.base import Cleaned, Context, Kind, applicant_employee, effective_date
from jinji.applications.kinds.fields import PayloadReader
from jinji.personnel.models import AccountType
from jinji.personnel.services import bank_account_add
from jinji.rules.zengin import BankCharacterError, to_bank_kana
from jinji.workflow.models import WorkflowInstance

CODE = "bank_account_change"
LABEL = "口座変更届"
ACCOUNT_TYPES = {str(value): str(label) for value, label in AccountType.choices}


def clean(payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    r = PayloadReader(payload)
    data: dict[str, Any] = {
        "bank_code": r.digits("bank_code", "金融機関コード", 4, pad=True),
        "bank_name": r.text("bank_name", "金融機関名", max_length=60),
        "branch_code": r.digits("branch_code", "支店コード", 3, pad=True),
        "branch_name": r.text("branch_name", "支店名", max_length=60),
        "account_type": r.choice("account_type", "預金種目", ACCOUNT_TYPES),
        "account_number": r.digits("account_number", "口座番号", 7, pad=True),
        "holder_kana": r.kana("holder_kana", "口座名義(カナ)", max_length=60),
    }
    if data["holder_kana"] and not any(p.field == r.where("holder_kana") for p in r.problems):
        try:
            to_bank_kana(data["holder_kana"], field="口座名義(カナ)")
        except BankCharacterError as exc:
            r.problem("holder_kana", str(exc))
    return Cleaned(payload=data, problems=r.problems)


def masked(number: str) -> str:
    return "*" * max(0, len(number) - 3) + number[-3:]


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    account_type = ACCOUNT_TYPES.get(str(payload.get("account_type", "")), "")
    return [
        ("金融機関", f"{payload.get('bank_name', '')}({payload.get('bank_code', '')})"),
        ("支店", f"{payload.get('branch_name', '')}({payload.get('branch_code', '')})"),
        ("預金種目", account_type),
        ("口座番号", masked(str(payload.get("account_number", "")))),
        ("口座名義(カナ)", str(payload.get("holder_kana", ""))),
    ]


def effect(instance: WorkflowInstance, acting_user: User) -> None:
    data = instance.payload
    bank_account_add(
        acting_user=acting_user,
        employee=applicant_employee(instance),
        valid_from=effective_date(instance),
        bank_code=str(data["bank_code"]),
        bank_name=str(data["bank_name"]),
        branch_code=str(data["branch_code"]),
        branch_name=str(data["branch_name"]),
        account_type=str(data["account_type"]),
        account_number=str(data["account_number"]),
        holder_kana=str(data["holder_kana"]),
        is_main=True,
    )


KIND = Kind(
    code=CODE,
    label=LABEL,
    description="給与の振込口座を変えるとき。発効日からの給与が新しい口座に振り込まれます。",
    clean=clean,
    effect=effect,
    summarize=summarize,
    evidence_label="通帳またはキャッシュカードの写し",
    evidence_required=True,
)
