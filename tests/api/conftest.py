from __future__ import annotations

from collections.abc import Callable

import pytest

from jinji.accounts.models import User
from jinji.accounts.tokens import api_token_issue
from tests.web.builders import Town, build_town


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


@pytest.fixture
def bearer() -> Callable[[User], dict[str, str]]:
    """Headers with a freshly issued API token for ``user``."""

    def make(user: User) -> dict[str, str]:
        issued = api_token_issue(acting_user=None, user=user, name="テスト")
        return {"Authorization": f"Bearer {issued.key}"}

    return make
