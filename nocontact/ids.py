"""Public ids: random, URL-safe, never the database's primary keys."""

import secrets


def new_public_id() -> str:
    """Twelve URL-safe characters. Never with a leading "-": on the command line such an id would read as an
    option (``--withdraw -KNS…``)."""
    while True:
        candidate = secrets.token_urlsafe(9)
        if not candidate.startswith("-"):
            return candidate
