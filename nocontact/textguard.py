"""The last guard against a NUL character in stored text, for any model saved one at a time.

PostgreSQL refuses a NUL character in text, and SQLite keeps it: the same input would be a crash on
one engine and stored on the other. The forms (Django's CharField), the API's parser and the command
line's standard input refuse it first, with the field named; this catches whatever else reaches a
model's save() (the pause page's offline sync, for one) as a ServiceError the view already shows.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from nocontact import messages
from nocontact.errors import ServiceError


def nul_at(value: Any, path: str = "") -> str | None:
    """The path of the first string (or key) holding a NUL character, or None."""
    if isinstance(value, str):
        return (path or "request") if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return path or "request"
            found = nul_at(item, here)
            if found is not None:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_at(item, f"{path}.{index}" if path else str(index))
            if found is not None:
                return found
    return None


def refuse_nul_on_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname, None)
            if isinstance(value, str) and "\x00" in value:
                raise ServiceError(messages.TEXT_HAS_NUL, field=field.name)
