from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jinji.web"
    label = "web"
    verbose_name = "画面"
