from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "nocontact.imports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nocontact.imports import account_data

        account_data.register()
