from django.apps import AppConfig


class UrgesConfig(AppConfig):
    name = "nocontact.urges"
    label = "urges"

    def ready(self) -> None:
        from nocontact.urges import account_data

        account_data.register()
