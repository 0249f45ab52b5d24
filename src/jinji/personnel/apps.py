from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "jinji.personnel"
    label = "personnel"
    verbose_name = "人事"
