from django.apps import AppConfig
from django.core import checks


class PersonnelConfig(AppConfig):
    name = "jinji.personnel"
    label = "personnel"
    verbose_name = "人事"

    def ready(self) -> None:
        from jinji.personnel.checks import mynumber_keys_configured

        checks.register(mynumber_keys_configured, checks.Tags.security)
        from jinji.personnel import workflow_hooks  # noqa: F401
