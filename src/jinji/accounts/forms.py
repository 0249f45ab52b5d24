"""Forms of the accounts screens (Japanese labels; errors name the field)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from jinji.accounts.models import Role
from jinji.core.errors import DomainError

GENERIC_LOGIN_ERROR = (
    "ログインIDまたはパスワードが正しくないか、アカウントが一時的にロックされています。"
    "繰り返し失敗する場合はシステム管理者に連絡してください。"
)
"""One message for every sign-in failure: it never tells whether the login ID exists or is locked."""


def apply_problems(form: forms.Form, error: DomainError, fields: Mapping[str, str]) -> None:
    """Put a service's problems on the form: ``fields`` maps the Japanese field name to the form field."""
    for problem in error.problems:
        target = fields.get(problem.field)
        message = problem.message if target else str(problem)
        form.add_error(target, message)


class LoginForm(AuthenticationForm):
    error_messages = {  # noqa: RUF012
        "invalid_login": GENERIC_LOGIN_ERROR,
        "inactive": GENERIC_LOGIN_ERROR,
    }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "ログインID"
        self.fields["password"].label = "パスワード"


class TotpTokenForm(forms.Form):
    token = forms.RegexField(
        label="確認コード",
        regex=r"^\s*\d{6,8}\s*$",
        max_length=12,
        error_messages={
            "invalid": "確認コードは認証アプリに表示された6桁の数字です",
            "required": "確認コードを入力してください",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class _NewPasswordFields(forms.Form):
    new_password1 = forms.CharField(
        label="新しいパスワード", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    new_password2 = forms.CharField(
        label="新しいパスワード(確認)", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data and data.get("new_password1") and data.get("new_password1") != data.get("new_password2"):
            self.add_error("new_password2", "新しいパスワード(確認)が一致しません")
        return data


class PasswordChangeForm(_NewPasswordFields):
    old_password = forms.CharField(
        label="現在のパスワード", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    field_order = ("old_password", "new_password1", "new_password2")


class PasswordResetForm(_NewPasswordFields):
    """システム管理者が利用者のパスワードを再設定する."""


class UserCreateForm(_NewPasswordFields):
    username = forms.CharField(label="ログインID", max_length=150)
    display_name = forms.CharField(label="表示名", max_length=100, required=False)
    email = forms.EmailField(label="メールアドレス", required=False)
    staff_number = forms.CharField(
        label="職員番号", max_length=20, required=False, help_text="職員と紐づける場合に入力"
    )
    field_order = ("username", "display_name", "email", "staff_number", "new_password1", "new_password2")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "パスワード"
        self.fields["new_password2"].label = "パスワード(確認)"


GRANTABLE_ROLES = [(value, label) for value, label in Role.choices if value != Role.STAFF]


class GrantForm(forms.Form):
    role = forms.ChoiceField(label="役割", choices=GRANTABLE_ROLES)
    org_unit = forms.TypedChoiceField(
        label="対象所属",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="所属長・庶務担当のみ指定(他は空欄=団体全体)",
    )
    include_descendants = forms.BooleanField(label="下位組織を含む", required=False, initial=True)
    valid_from = forms.DateField(label="適用開始日", widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label="適用終了日", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, unit_choices: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["org_unit"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "(団体全体)"), *unit_choices]
        self.fields["valid_from"].initial = timezone.localdate()


class GrantEndForm(forms.Form):
    end_on = forms.DateField(
        label="最終有効日",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="この日まで有効です。直ちに無効にするには前日の日付を指定します",
    )


class TokenIssueForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="用途が分かる名前(例: 給与システム連携)")
    expires_on = forms.DateField(
        label="有効期限",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="この日の終わりまで有効",
    )

    def expires_at(self) -> datetime.datetime | None:
        day: datetime.date | None = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(end)
