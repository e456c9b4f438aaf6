from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "nocontact.safety"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nocontact.safety import account_data, signals  # noqa: F401

        account_data.register()
