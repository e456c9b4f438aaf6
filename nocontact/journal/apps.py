from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "nocontact.journal"
    label = "journal"

    def ready(self) -> None:
        from nocontact.journal import account_data

        account_data.register()
