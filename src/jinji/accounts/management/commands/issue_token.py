"""``jinji issue-token --user U --name N [--expires 2027-03-31]``: issue an API token from the console."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from jinji.accounts.models import User
from jinji.accounts.tokens import api_token_issue
from jinji.core.errors import DomainError


class Command(BaseCommand):
    help = "APIトークンを発行し、一度だけ表示します(データベースにはハッシュのみ保存)。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="ログインID")
        parser.add_argument("--name", required=True, help="トークンの名称(用途)")
        parser.add_argument("--expires", help="有効期限の日付 YYYY-MM-DD(その日の終わりまで有効)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"--user: ログインID「{options['user']}」の利用者が見つかりません")
        expires_at = None
        if options.get("expires"):
            try:
                day = datetime.date.fromisoformat(options["expires"])
            except ValueError as exc:
                raise CommandError(
                    f"--expires: 日付は YYYY-MM-DD で指定してください(値: {options['expires']})"
                ) from exc
            expires_at = timezone.make_aware(
                datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
            )
        try:
            issued = api_token_issue(acting_user=None, user=user, name=options["name"], expires_at=expires_at)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(issued.key)
        self.stderr.write(
            f"利用者「{user.username}」のAPIトークン「{issued.token.name}」を発行しました。この値は再表示できません。"
        )
