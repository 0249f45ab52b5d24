from django.apps import AppConfig


class TalentConfig(AppConfig):
    """人材育成・確保: 資格, スキル, 研修, 役割 (DX推進員 …), 人材検索, 自己申告, 採用, 資格手当."""

    name = "jinji.talent"
    label = "talent"
    verbose_name = "人材育成・確保"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jinji.talent import events
        from jinji.talent.personnel_hooks import register_with_personnel

        events.register()
        register_with_personnel()
