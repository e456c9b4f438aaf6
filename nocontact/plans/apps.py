from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "nocontact.plans"
    label = "plans"

    def ready(self) -> None:
        from nocontact.plans import account_data

        account_data.register()
