"""Fragments that depend on nothing but constants, rendered once per process.

The feeling buttons and the intensity scale look the same on every page for everyone; rendering their
loops again for each request is most of a page's template time. (The quick log's <option>s are built the
same way, once, in plans/views.py.) Their HTML
stays in templates; only the result is kept. Nothing per person or per request may go in (no CSRF
token, no user): the arguments are the whole input. In DEBUG, they are rendered afresh each time so
that template edits show at once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=64)
def _kept(template_name: str, constants: tuple[tuple[str, Any], ...]) -> SafeString:
    return mark_safe(render_to_string(template_name, dict(constants)))  # noqa: S308 - our own template's output


def render_once(template_name: str, **constants: Any) -> SafeString:
    """``template_name`` rendered with ``constants`` (hashable values: tuples, strings, numbers)."""
    if settings.DEBUG:
        return _kept.__wrapped__(template_name, tuple(sorted(constants.items())))
    return _kept(template_name, tuple(sorted(constants.items())))
