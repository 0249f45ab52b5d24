"""The 申請 forms: labels, widgets and help for each type, and the payload ⇄ form field mapping.

The forms only present and collect; the checks are the type's ``clean`` (the same for the API),
whose problems (``payload.legs.0.pass_price`` …) are put back next to the field they name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.http import QueryDict

from jinji.applications.attachments import ALLOWED_LABEL
from jinji.applications.kinds import address, bank, commute, dependents, housing, name
from jinji.applications.kinds.base import Kind

LEG_ROWS = 3
ADD_ROWS = 2


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _text(label: str, *, required: bool = True, help_text: str = "", **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off", **attrs}),
    )


def _yen(label: str, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return _text(label, required=required, help_text=help_text, inputmode="numeric")


def _choice(label: str, choices: Mapping[str, str], *, required: bool = True, radio: bool = False) -> forms.ChoiceField:
    options = list(choices.items()) if radio else [("", "選んでください"), *choices.items()]
    widget = forms.RadioSelect if radio else forms.Select
    return forms.ChoiceField(label=label, choices=options, required=required, widget=widget)


def _flag(label: str, *, initial: bool = False) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, initial=initial)


class ApplyForm(forms.Form):
    """Fields every application has: the 発効日, the files and (for 庶務担当) who it is for."""

    effective_on = forms.DateField(label="発効日(事実の発生日)", widget=DateInput(), help_text="転居日・変更日など")
    attachments = forms.FileField(
        label="添付書類",
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    payload_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, kind: Kind, max_mb: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["attachments"].required = kind.evidence_required
        self.fields[
            "attachments"
        ].help_text = f"{kind.evidence_label}。{ALLOWED_LABEL}、1ファイル{max_mb}MBまで・5個まで"

    def payload(self, data: QueryDict) -> dict[str, Any]:
        """The payload as the user typed it (the type's ``clean`` checks and normalises it)."""
        return {f: data.get(f, "") for f in self.payload_fields if f in self.fields}

    def initial_from(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        return {f: payload.get(f, "") for f in self.payload_fields}

    def field_for(self, problem_field: str) -> str | None:
        """The form field a problem names (``payload.address`` → ``address``), None for the top of the form."""
        if problem_field in ("effective_on", "attachments"):
            return problem_field
        parts = problem_field.split(".")
        if parts[0] == "payload" and len(parts) > 1 and parts[1] in self.fields:
            return parts[1]
        return None


class AddressForm(ApplyForm):
    postal_code = _text("郵便番号", help_text="例: 123-4567", inputmode="numeric", autocomplete="postal-code")
    address = _text("新しい住所", autocomplete="street-address")
    address_kana = _text("住所(フリガナ)", required=False)
    payload_fields = ("postal_code", "address", "address_kana")


class NameForm(ApplyForm):
    family_name = _text("新しい氏")
    given_name = _text("新しい名")
    family_name_kana = _text("氏(フリガナ)")
    given_name_kana = _text("名(フリガナ)")
    uses_former_name = _flag("職場で旧姓を使用する(旧姓使用)")
    former_family_name = _text("旧姓", required=False, help_text="旧姓を使用するときは必須")
    former_family_name_kana = _text("旧姓(フリガナ)", required=False)
    payload_fields = name.FIELDS


class BankForm(ApplyForm):
    bank_code = _text("金融機関コード", help_text="4桁", inputmode="numeric")
    bank_name = _text("金融機関名")
    branch_code = _text("支店コード", help_text="3桁", inputmode="numeric")
    branch_name = _text("支店名")
    account_type = _choice("預金種目", bank.ACCOUNT_TYPES)
    account_number = _text("口座番号", help_text="7桁(7桁未満は先頭に0を補います)", inputmode="numeric")
    holder_kana = _text("口座名義(カナ)", help_text="通帳のとおりカタカナで")
    payload_fields = (
        "bank_code",
        "bank_name",
        "branch_code",
        "branch_name",
        "account_type",
        "account_number",
        "holder_kana",
    )


class CommuteForm(ApplyForm):
    method = _choice("通勤方法", commute.METHODS, radio=True)
    route = forms.CharField(
        label="通勤経路", widget=forms.Textarea(attrs={"rows": 2}), help_text="例: 自宅〜A駅(徒歩)、A駅〜B駅(JR)"
    )
    distance_km = _text("片道の通勤距離(km)", help_text="0.1km単位。例: 12.3", inputmode="decimal")
    parking_fee = _yen("駐車場の月額(円)", required=False, help_text="自動車等で駐車場を借りている場合")
    payload_fields = ("method", "route", "distance_km", "parking_fee")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, LEG_ROWS + 1):
            self.fields[f"leg{i}_name"] = _text(f"交通機関{i}の区間", required=False, help_text="例: JR A駅〜B駅")
            self.fields[f"leg{i}_price"] = _yen(f"交通機関{i}の定期券の価額(円)", required=False)
            self.fields[f"leg{i}_months"] = _choice(f"交通機関{i}の定期券の期間", commute.PERIODS, required=False)

    def leg_rows(self) -> list[list[forms.BoundField]]:
        return [[self[f"leg{i}_{p}"] for p in ("name", "price", "months")] for i in range(1, LEG_ROWS + 1)]

    def payload(self, data: QueryDict) -> dict[str, Any]:
        result = super().payload(data)
        result["legs"] = [
            {
                "name": data.get(f"leg{i}_name", ""),
                "pass_price": data.get(f"leg{i}_price", ""),
                "pass_months": data.get(f"leg{i}_months", ""),
            }
            for i in range(1, LEG_ROWS + 1)
        ]
        return result

    def initial_from(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        initial = super().initial_from(payload)
        for i, leg in enumerate(payload.get("legs", [])[:LEG_ROWS], start=1):
            initial.update(
                {
                    f"leg{i}_name": leg.get("name"),
                    f"leg{i}_price": leg.get("pass_price"),
                    f"leg{i}_months": str(leg.get("pass_months", "")),
                }
            )
        return initial

    def field_for(self, problem_field: str) -> str | None:
        parts = problem_field.split(".")
        if parts[:2] == ["payload", "legs"] and len(parts) == 4 and parts[2].isdigit():
            part = {"name": "name", "pass_price": "price", "pass_months": "months"}.get(parts[3], "name")
            return f"leg{int(parts[2]) + 1}_{part}"
        if parts[:2] == ["payload", "legs"]:
            return "leg1_name"
        return super().field_for(problem_field)


class HousingForm(ApplyForm):
    housing_type = _choice("住居の種類", housing.HOUSING_TYPES, radio=True)
    postal_code = _text(
        "郵便番号",
        required=False,
        help_text="例: 123-4567(単身赴任者の留守家族の住居は省略可)",
        inputmode="numeric",
        autocomplete="postal-code",
    )
    address = _text("住居の所在地")
    rent = _yen("家賃の月額(円)", required=False, help_text="借家・借間のとき。光熱水費・共益費・敷金・礼金を除く")
    landlord = _text("貸主の氏名・名称", required=False)
    contract_start = forms.DateField(label="契約開始日", required=False, widget=DateInput())
    single_posting_family = _flag("単身赴任者の留守家族が住む住居")
    payload_fields = (
        "housing_type",
        "postal_code",
        "address",
        "rent",
        "landlord",
        "contract_start",
        "single_posting_family",
    )


class DependentsForm(ApplyForm):
    remove_reason = _text("扶養から外す理由", required=False, help_text="例: 就職により収入が限度額を超えたため")
    payload_fields = ()
    ADD_PARTS = ("name", "name_kana", "relationship", "birth_date")

    def __init__(self, *args: Any, current: Sequence[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, ADD_ROWS + 1):
            self.fields[f"add{i}_name"] = _text(f"追加{i}人目の氏名", required=False)
            self.fields[f"add{i}_name_kana"] = _text(f"追加{i}人目のフリガナ", required=False)
            self.fields[f"add{i}_relationship"] = _choice(
                f"追加{i}人目の続柄", dependents.RELATIONSHIPS, required=False
            )
            self.fields[f"add{i}_birth_date"] = forms.DateField(
                label=f"追加{i}人目の生年月日", required=False, widget=DateInput()
            )
            for flag, label, initial in (
                ("for_allowance", "扶養手当の対象", True),
                ("for_tax", "税法上の扶養", True),
                ("for_insurance", "共済の被扶養者", True),
                ("lives_together", "同居", True),
                ("has_disability", "障害者", False),
            ):
                self.fields[f"add{i}_{flag}"] = _flag(label, initial=initial)
        self.fields["remove"] = forms.MultipleChoiceField(
            label="扶養から外す親族",
            required=False,
            choices=[(str(k), v) for k, v in current],
            widget=forms.CheckboxSelectMultiple,
        )

    def add_rows(self) -> list[dict[str, Any]]:
        rows = []
        for i in range(1, ADD_ROWS + 1):
            rows.append(
                {
                    "number": i,
                    "fields": [self[f"add{i}_{p}"] for p in self.ADD_PARTS],
                    "flags": [self[f"add{i}_{f}"] for f in dependents.FLAGS],
                }
            )
        return rows

    def payload(self, data: QueryDict) -> dict[str, Any]:
        adds = []
        for i in range(1, ADD_ROWS + 1):
            row: dict[str, Any] = {p: data.get(f"add{i}_{p}", "") for p in self.ADD_PARTS}
            row.update({f: bool(data.get(f"add{i}_{f}")) for f in dependents.FLAGS})
            adds.append(row)
        reason = data.get("remove_reason", "")
        removes = [{"dependent_id": v, "reason": reason} for v in data.getlist("remove")]
        return {"add": adds, "remove": removes}

    def initial_from(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for i, row in enumerate(payload.get("add", [])[:ADD_ROWS], start=1):
            initial.update({f"add{i}_{p}": row.get(p, "") for p in (*self.ADD_PARTS, *dependents.FLAGS)})
        removes = payload.get("remove", [])
        initial["remove"] = [str(r.get("dependent_id")) for r in removes]
        initial["remove_reason"] = removes[0].get("reason", "") if removes else ""
        return initial

    def field_for(self, problem_field: str) -> str | None:
        parts = problem_field.split(".")
        if parts[:2] == ["payload", "add"] and len(parts) == 4 and parts[2].isdigit():
            return (
                f"add{int(parts[2]) + 1}_{parts[3]}"
                if parts[3] in (*self.ADD_PARTS,)
                else f"add{int(parts[2]) + 1}_name"
            )
        if parts[:2] == ["payload", "add"]:
            return "add1_name"
        if parts[:2] == ["payload", "remove"]:
            return "remove_reason" if parts[-1] == "reason" else "remove"
        return super().field_for(problem_field)


FORMS: dict[str, type[ApplyForm]] = {
    address.CODE: AddressForm,
    name.CODE: NameForm,
    bank.CODE: BankForm,
    commute.CODE: CommuteForm,
    housing.CODE: HousingForm,
    dependents.CODE: DependentsForm,
}
