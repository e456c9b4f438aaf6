from django.apps import AppConfig


class UrgesConfig(AppConfig):
    name = "nocontact.urges"
    label = "urges"
