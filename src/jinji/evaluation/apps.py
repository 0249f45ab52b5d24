from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """人事評価: 能力評価・業績評価のサイクル、評価シート、段階、面談、苦情、給与への反映."""

    name = "jinji.evaluation"
    label = "evaluation"
    verbose_name = "人事評価"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jinji.evaluation import events

        events.register()
