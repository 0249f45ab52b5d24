from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "jinji.workflow"
    label = "workflow"
    verbose_name = "ワークフロー"

    def ready(self) -> None:
        from jinji.audit.actions import register_action_labels
        from jinji.workflow import events
        from jinji.workflow.resolvers import register_builtin_resolvers

        register_action_labels(events.LABELS)
        register_builtin_resolvers()
