from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nocontact.web"
    label = "web"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from nocontact.textguard import refuse_nul_on_save

        pre_save.connect(refuse_nul_on_save, dispatch_uid="nocontact.refuse_nul_on_save")
