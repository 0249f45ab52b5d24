"""``jinji demo-logins --url URL``: print the URL and the demo logins of デモ市 (in Japanese)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jinji.demo.logins import format_logins, login_rows
from jinji.demo.seed import demo_organization


class Command(BaseCommand):
    help = "デモ市の URL とデモ用ログインの一覧を表示します"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="表示する URL")

    def handle(self, *args: Any, **options: Any) -> None:
        org = demo_organization()
        if org is None:
            raise CommandError("デモ市がありません。先に `jinji seed-demo` を実行してください。")
        rows = login_rows(organization_id=org.pk, on=timezone.localdate())
        self.stdout.write(format_logins(options["url"], rows))
