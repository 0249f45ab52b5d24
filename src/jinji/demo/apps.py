from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "jinji.demo"
    label = "demo"
    verbose_name = "デモ団体"

    def ready(self) -> None:
        from jinji.audit.actions import register_action_labels

        register_action_labels({"demo.seed": "デモ団体の作成", "demo.extra": "デモデータの追加"})
