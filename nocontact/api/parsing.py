"""How the API reads a request, before any schema: a JSON object, and no NUL character anywhere.

PostgreSQL refuses a NUL character in text (SQLite takes it), so it is refused here, for every field
of every route, on both engines alike. A body that is JSON but not an object (``null``, ``42``,
``[null]``) is refused too: django-ninja would otherwise read it as an object with every field left
out, and a PUT would quietly reset what it replaces.

One route judges NUL characters itself: the pause's sync, where each pause kept on the device is saved or
refused alone, so that one bad pause never holds back the others (nocontact/api/pause_routes.py).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.errors import ValidationError
from ninja.parser import Parser

from nocontact import messages
from nocontact.textguard import nul_at


class NotAnObject(ValueError):
    """The body is JSON, but not an object."""


class HasNul(ValueError):
    """A text in the body holds a NUL character; ``where`` is its field's path."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


PER_ITEM_PATHS = ("/api/v1/pause/sync",)


class StrictParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise NotAnObject
        where = nul_at(data) if request.path not in PER_ITEM_PATHS else None
        if where is not None:
            raise HasNul(where)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in str(v) for v in values):
                raise ValidationError([{"loc": ["query", key.replace("\x00", "")], "msg": messages.TEXT_HAS_NUL}])
        return super().parse_querydict(data, list_fields, request)
