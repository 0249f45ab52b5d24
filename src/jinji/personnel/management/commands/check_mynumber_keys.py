"""``jinji check-mynumber-keys [--rotate]``: can the configured keys open every stored 個人番号?"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jinji.personnel.mynumber import MyNumberKeyError, key_problems, stored_numbers_check


class Command(BaseCommand):
    help = (
        "個人番号の暗号鍵(JINJI_MYNUMBER_KEYS)で保存済みの番号をすべて復号できるか確認します。"
        "--rotate で先頭の鍵に再暗号化します。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rotate", action="store_true", help="古い鍵で暗号化された番号を先頭の鍵で暗号化し直す")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = key_problems()
        if problems:
            raise CommandError(" / ".join(problems))
        try:
            result = stored_numbers_check(rotate=bool(options["rotate"]))
        except MyNumberKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"保存件数 {result.total} 件 / 復号できない {result.undecryptable} 件 / "
            f"古い鍵のもの {result.needing_rotation} 件 / 再暗号化 {result.rotated} 件"
        )
        if result.undecryptable:
            raise CommandError(
                f"{result.undecryptable} 件の個人番号を現在の鍵で復号できません。"
                "登録時の鍵を JINJI_MYNUMBER_KEYS に(2番目以降でよいので)加えてください。"
            )
        if result.needing_rotation and not options["rotate"]:
            self.stdout.write("古い鍵で暗号化された番号があります。--rotate で先頭の鍵に入れ替えられます。")
        self.stdout.write(self.style.SUCCESS("鍵の確認が完了しました。"))
