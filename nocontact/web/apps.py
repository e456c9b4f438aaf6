from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nocontact.web"
    label = "web"
