from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jinji.accounts"
    label = "accounts"
    verbose_name = "利用者と権限"

    def ready(self) -> None:
        from django.http import HttpRequest

        from jinji.accounts import events
        from jinji.accounts.models import Role, User
        from jinji.accounts.scope import has_role
        from jinji.audit.access import register_viewer_check
        from jinji.audit.actions import register_action_labels

        def audit_viewer(request: HttpRequest) -> bool:
            user = request.user
            return isinstance(user, User) and has_role(user, {Role.AUDITOR, Role.SYSADMIN})

        register_viewer_check(audit_viewer)
        register_action_labels(events.LABELS)
