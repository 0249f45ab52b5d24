from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "jinji.org"
    label = "org"
    verbose_name = "組織"
