from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "boligsocial.accounts"
    label = "accounts"
    verbose_name = "Accounts"
