from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nocontact.accounts"
    label = "accounts"

    def ready(self) -> None:
        from nocontact.accounts import account_data

        account_data.register()
