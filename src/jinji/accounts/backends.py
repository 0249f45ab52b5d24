"""Authentication backend with lockout after repeated failures (filled in by the accounts work)."""

from django.contrib.auth.backends import ModelBackend


class LockoutModelBackend(ModelBackend):
    pass
