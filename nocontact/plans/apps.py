from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "nocontact.plans"
    label = "plans"
