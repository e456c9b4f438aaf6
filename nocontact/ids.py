"""Public ids: random, URL-safe, never the database's primary keys."""

import secrets


def new_public_id() -> str:
    return secrets.token_urlsafe(9)
