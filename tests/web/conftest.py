from __future__ import annotations

import pytest

from tests.web.builders import Town, build_town


@pytest.fixture
def town(db: None) -> Town:
    return build_town()
