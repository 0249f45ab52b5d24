"""``jinji import-employees FILE [--dry-run] --organization CODE --user USERNAME``.

Imports 職員 (or, with ``--kind``, 組織 / 任用・所属履歴) from CSV or .xlsx through the same
services as the web import screen: all rows or nothing, every problem listed with its row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.personnel.imports import Encoding, ImportKind, ImportPreview, import_apply, import_preview

MAX_LISTED = 200


class Command(BaseCommand):
    help = "職員・組織・任用履歴を CSV / Excel(.xlsx)から取り込みます(全件成功か、何も変更しないか)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="取り込むファイル(.csv / .xlsx)")
        parser.add_argument("--organization", required=True, help="団体コード")
        parser.add_argument("--user", required=True, help="取込を行う利用者(人事担当)のユーザー名")
        parser.add_argument("--dry-run", action="store_true", help="検証して変更内容を表示するだけで、書き込まない")
        parser.add_argument("--kind", choices=[k.value for k in ImportKind], default=ImportKind.EMPLOYEES.value)
        parser.add_argument("--encoding", choices=[e.value for e in Encoding], default=Encoding.AUTO.value)

    def _user(self, organization: str, username: str) -> User:
        user = User.objects.filter(username=username, organization__code=organization, is_active=True).first()
        if user is None:
            raise CommandError(f"団体 {organization} に利用者 {username} がいません")
        return user

    def _report(self, preview: ImportPreview, verbosity: int) -> None:
        self.stdout.write(
            f"{preview.filename}: {preview.source or '読み込めません'}、{len(preview.rows):,} 行"
            f"(新規 {preview.creates:,}、更新 {preview.updates:,}、変更なし {preview.unchanged:,})"
        )
        for warning in preview.warnings:
            self.stdout.write(f"  注意: {warning}")
        if verbosity > 1:
            for row in preview.rows:
                changes = "、".join(f"{k}: {a}→{b}" for k, (a, b) in row.changes.items())
                self.stdout.write(f"  {row.row}行目 {row.key} {row.action.label} {changes}".rstrip())
        for problem in preview.problems[:MAX_LISTED]:
            self.stderr.write(f"  {problem}")
        if len(preview.problems) > MAX_LISTED:
            self.stderr.write(f"  …ほか {len(preview.problems) - MAX_LISTED:,} 件")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"ファイル {path} がありません")
        user = self._user(options["organization"], options["user"])
        request = {
            "acting_user": user,
            "file_bytes": path.read_bytes(),
            "filename": path.name,
            "kind": options["kind"],
            "encoding": options["encoding"],
        }
        try:
            preview = import_preview(**request)
            self._report(preview, options["verbosity"])
            if preview.problems:
                raise CommandError(f"{len(preview.problems):,} 件の問題があるため取り込みませんでした")
            if options["dry_run"]:
                self.stdout.write("試行(--dry-run)のため書き込みませんでした")
                return
            result = import_apply(**request)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"取り込みました: 新規 {result.created:,}、更新 {result.updated:,}、変更なし {result.unchanged:,}"
            )
        )
