from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "jinji.attendance"
    label = "attendance"
    verbose_name = "就業管理(出勤簿・打刻)"

    def ready(self) -> None:
        from jinji.attendance import corrections, events, leave_requests, overtime_orders, remote_work
        from jinji.audit.actions import register_action_labels

        register_action_labels(events.LABELS)
        corrections.register()
        leave_requests.register()
        overtime_orders.register()
        remote_work.register()
