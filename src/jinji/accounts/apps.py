from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jinji.accounts"
    label = "accounts"
    verbose_name = "利用者と権限"
