from django.apps import AppConfig


class BoundariesConfig(AppConfig):
    name = "nocontact.boundaries"
    label = "boundaries"

    def ready(self) -> None:
        from nocontact.boundaries import account_data

        account_data.register()
