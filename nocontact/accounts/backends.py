"""How a signed-in request finds its person: Django's ModelBackend, under a name of our own.

Each session stores the dotted path of the backend that signed it in, so this name stays: sessions
begun before keep working whatever the class does inside.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

# Stored in each session: the login views and tests name it through this constant.
BACKEND = "nocontact.accounts.backends.AccountBackend"


class AccountBackend(ModelBackend):
    """Django's ModelBackend, unchanged."""
