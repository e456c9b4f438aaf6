from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "nocontact.safety"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nocontact.safety import signals  # noqa: F401
