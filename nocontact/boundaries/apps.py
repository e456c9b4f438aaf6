from django.apps import AppConfig


class BoundariesConfig(AppConfig):
    name = "nocontact.boundaries"
    label = "boundaries"
