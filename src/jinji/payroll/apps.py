from django.apps import AppConfig


class PayrollConfig(AppConfig):
    name = "jinji.payroll"
    label = "payroll"
    verbose_name = "給与"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from jinji.payroll.approval import register_approval

        register_approval()
