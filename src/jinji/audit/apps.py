from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jinji.audit"
    label = "audit"
    verbose_name = "監査ログ"
