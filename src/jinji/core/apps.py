from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jinji.core"
    label = "core"
    verbose_name = "基盤"

    def ready(self) -> None:
        from jinji.core import checks  # noqa: F401  (registers start-up checks)
