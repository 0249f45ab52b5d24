"""Start-up checks: refuse to run insecurely rather than run with a weak configuration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=False)
def secrets_configured(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if not settings.SECRET_KEY or (not settings.DEBUG and len(settings.SECRET_KEY) < 40):
        problems.append(
            Error(
                "JINJI_SECRET_KEY が未設定か短すぎます(40文字以上)。",
                hint="jinji gen-keys で生成した値を環境変数に設定してください。",
                id="jinji.E001",
            )
        )
    return problems


@register(Tags.compatibility)
def local_rules_tables_valid(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """A municipality's own tables must load and pass the schema checks before Jinji starts."""
    from jinji.core.rules_tables import local_table_problems

    return [
        Error(problem, hint="表ファイルを修正するか JINJI_RULES_LOCAL_TABLES を見直してください。", id="jinji.E002")
        for problem in local_table_problems()
    ]
