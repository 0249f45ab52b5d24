"""Audit action codes recorded by the accounts app, with their Japanese labels."""

from __future__ import annotations

LOGIN_SUCCEEDED = "accounts.login"
LOGIN_FAILED = "accounts.login_failed"
LOGIN_REFUSED_LOCKED = "accounts.login_refused_locked"
ACCOUNT_LOCKED = "accounts.account_locked"
LOGOUT = "accounts.logout"
PASSWORD_CHANGED = "accounts.password_changed"  # noqa: S105 - an action code
PASSWORD_RESET = "accounts.password_reset"  # noqa: S105 - an action code
TOTP_SETUP_STARTED = "accounts.totp_setup_started"
TOTP_ENABLED = "accounts.totp_enabled"
TOTP_VERIFIED = "accounts.totp_verified"
TOTP_FAILED = "accounts.totp_failed"
TOTP_RESET = "accounts.totp_reset"
ACCESS_DENIED = "accounts.access_denied"
API_AUTH_FAILED = "accounts.api_auth_failed"
USER_CREATED = "accounts.user_created"
USER_ACTIVATED = "accounts.user_activated"
USER_DEACTIVATED = "accounts.user_deactivated"
USER_UNLOCKED = "accounts.user_unlocked"
ROLE_GRANTED = "accounts.role_granted"
ROLE_GRANT_ENDED = "accounts.role_grant_ended"
API_TOKEN_ISSUED = "accounts.api_token_issued"  # noqa: S105 - an action code
API_TOKEN_REVOKED = "accounts.api_token_revoked"  # noqa: S105 - an action code

LABELS = {
    LOGIN_SUCCEEDED: "ログイン",
    LOGIN_FAILED: "ログイン失敗",
    LOGIN_REFUSED_LOCKED: "ロック中のログイン拒否",
    ACCOUNT_LOCKED: "アカウントロック",
    LOGOUT: "ログアウト",
    PASSWORD_CHANGED: "パスワード変更",
    PASSWORD_RESET: "パスワード再設定(管理者)",
    TOTP_SETUP_STARTED: "二要素認証の設定開始",
    TOTP_ENABLED: "二要素認証の有効化",
    TOTP_VERIFIED: "二要素認証の確認",
    TOTP_FAILED: "二要素認証の失敗",
    TOTP_RESET: "二要素認証の解除(管理者)",
    ACCESS_DENIED: "権限のない画面へのアクセス",
    API_AUTH_FAILED: "APIトークン認証の失敗",
    USER_CREATED: "利用者の作成",
    USER_ACTIVATED: "利用者の有効化",
    USER_DEACTIVATED: "利用者の無効化",
    USER_UNLOCKED: "ロック解除",
    ROLE_GRANTED: "権限の付与",
    ROLE_GRANT_ENDED: "権限の終了",
    API_TOKEN_ISSUED: "APIトークンの発行",
    API_TOKEN_REVOKED: "APIトークンの失効",
}
