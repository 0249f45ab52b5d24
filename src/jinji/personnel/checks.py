"""Start-up check: refuse to run without a usable My Number encryption key."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error


def mynumber_keys_configured(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """jinji.E010: JINJI_MYNUMBER_KEYS missing or not a valid Fernet key stops start-up."""
    from jinji.personnel.mynumber import key_problems

    return [
        Error(
            problem,
            hint="`jinji gen-keys` で生成した JINJI_MYNUMBER_KEYS を環境変数に設定してください"
            "(鍵を入れ替えるときは、新しい鍵を先頭に、古い鍵をカンマ区切りで後ろに残します)。",
            id="jinji.E010",
        )
        for problem in key_problems()
    ]
