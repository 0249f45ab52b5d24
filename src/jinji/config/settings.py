"""Django settings for Jinji.

Everything that differs between installations comes from environment variables
prefixed ``JINJI_``. The embedded default is a SQLite file under ``var/``; set
``JINJI_DATABASE_URL`` (e.g. ``postgres://jinji@127.0.0.1:5432/jinji``) for PostgreSQL.

Start-up refuses to run insecurely: outside debug mode a secret key and a My Number
encryption key must be configured (see :mod:`jinji.config.checks`).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jinji.config.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JINJI_VAR_DIR", Path.cwd() / "var"))

DEBUG = env_bool("JINJI_DEBUG", default=False)
SECRET_KEY = os.environ.get("JINJI_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "JINJI_SECRET_KEY が設定されていません。`jinji gen-keys` で生成した値を環境変数に設定してください。"
    )
MYNUMBER_KEYS = env_list("JINJI_MYNUMBER_KEYS")
"""Fernet keys for the My Number vault; the first encrypts, all decrypt (key rotation)."""

ALLOWED_HOSTS = env_list("JINJI_ALLOWED_HOSTS") or (["*"] if DEBUG else ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("JINJI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "jinji.core",
    "jinji.audit",
    "jinji.accounts",
    "jinji.workflow",
    "jinji.org",
    "jinji.personnel",
    "jinji.attendance",
    "jinji.applications",
    "jinji.evaluation",
    "jinji.talent",
    "jinji.payroll",
    "jinji.web",
    "jinji.demo",
]

MIDDLEWARE = [
    "jinji.accounts.middleware.ContextIsolationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "jinji.accounts.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "jinji.core.middleware.TenantMiddleware",
    "jinji.accounts.middleware.TotpRequiredMiddleware",
    "jinji.core.requestinfo.RequestInfoMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

API_MIDDLEWARE = [
    "jinji.accounts.middleware.ContextIsolationMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "jinji.accounts.middleware.SecurityHeadersMiddleware",
    "jinji.core.requestinfo.RequestInfoMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
"""The chain of a token-authenticated REST call (see jinji.config.wsgi): no session, CSRF, messages,
locale, htmx or CSP — the token auth sets the user and the tenant itself."""

ROOT_URLCONF = "jinji.config.urls"
WSGI_APPLICATION = "jinji.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jinji.web.context_processors.navigation",
            ],
            "builtins": ["jinji.web.templatetags.jinji_tags"],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'jinji.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("JINJI_DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if "JINJI_DATABASE_URL" not in os.environ:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif env_bool("JINJI_DB_PREPARED_STATEMENTS", default=True):
    # Lets jinji.core.fastsql prepare its hot statements once per connection (the ORM's client-side
    # binding never prepares). Turn off behind a transaction-mode pooler without prepared-statement support.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["jinji.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("JINJI_PASSWORD_MIN_LENGTH", default=12)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
JINJI_LOCKOUT_THRESHOLD = env_int("JINJI_LOCKOUT_THRESHOLD", default=5)
JINJI_LOCKOUT_MINUTES = env_int("JINJI_LOCKOUT_MINUTES", default=30)
JINJI_REQUIRE_TOTP_FOR_PRIVILEGED = env_bool("JINJI_REQUIRE_TOTP", default=not DEBUG)
OTP_TOTP_ISSUER = "Jinji"

SESSION_COOKIE_AGE = env_int("JINJI_SESSION_SECONDS", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("JINJI_SECURE_COOKIES", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_SECONDS = env_int("JINJI_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
"""Sent only over HTTPS; set JINJI_HSTS_SECONDS=0 to switch off."""
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get("JINJI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

JINJI_RULES_LOCAL_TABLES = os.environ.get("JINJI_RULES_LOCAL_TABLES", "")
"""Directory with the municipality's own dated tables (給料表, 共済 rates …)."""
JINJI_APPLICATION_UPLOAD_MAX_BYTES = env_int("JINJI_APPLICATION_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
JINJI_TALENT_UPLOAD_MAX_BYTES = env_int("JINJI_TALENT_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
"""Largest evidence file (合格証書 …) a talent record accepts, in bytes."""

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JINJI_LOG_LEVEL", "WARNING")},
}
