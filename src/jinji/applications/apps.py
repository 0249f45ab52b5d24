from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "jinji.applications"
    label = "applications"
    verbose_name = "庶務事務(届出・手当認定)"

    def ready(self) -> None:
        from jinji.applications import events
        from jinji.applications.kinds import register_all
        from jinji.applications.panels import register_panels
        from jinji.audit.actions import register_action_labels

        register_action_labels(events.LABELS)
        register_all()
        register_panels()
