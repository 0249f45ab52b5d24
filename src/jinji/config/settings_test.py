"""Settings for the test suite: the real settings with fixed test secrets and a fast hasher."""

import os

os.environ.setdefault("JINJI_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghij")
# A fixed Fernet key for tests only (never used outside the suite).
os.environ.setdefault("JINJI_MYNUMBER_KEYS", "q4Vv0f3x8r0mC5dYk1s9bQ2n7tL6wE3hJ8gP0aZ4uXc=")
os.environ.setdefault("JINJI_SECURE_COOKIES", "0")
os.environ.setdefault("JINJI_REQUIRE_TOTP", "0")
if "JINJI_TEST_DATABASE_URL" in os.environ:
    os.environ["JINJI_DATABASE_URL"] = os.environ["JINJI_TEST_DATABASE_URL"]

from jinji.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
