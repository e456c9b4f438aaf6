from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "nocontact.readiness"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nocontact.readiness import account_data

        account_data.register()
