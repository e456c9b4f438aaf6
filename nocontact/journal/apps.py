from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "nocontact.journal"
    label = "journal"
