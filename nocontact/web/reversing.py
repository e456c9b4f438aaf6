"""URL reversal, remembered.

Django's ``reverse`` walks the URL resolver on every call (about 20 µs), and a page like the dashboard
reverses thirty addresses. The answer depends only on the URLconf, which does not change while a process
runs, the script prefix (the path the app is mounted under) and the arguments, so it is remembered per
process. It is derived from code, never from anyone's data, so another process needs nothing from it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse

# Enough for every fixed address and the per-plan ones of a few hundred active people per process.
_SIZE = 4096


@lru_cache(maxsize=_SIZE)
def _remembered(
    prefix: str, view_name: str, args: tuple[str, ...], kwargs: tuple[tuple[str, str], ...], current_app: str | None
) -> str:
    del prefix  # part of the key only: reverse() reads it itself
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def _plain(value: Any) -> bool:
    return type(value) in (str, int)


def reverse_remembered(
    view_name: str,
    args: list[Any] | tuple[Any, ...] = (),
    kwargs: dict[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """``reverse()``, remembered for plain string and integer arguments (anything else is reversed afresh)."""
    kwargs = kwargs or {}
    if not all(_plain(a) for a in args) or not all(_plain(v) for v in kwargs.values()):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    return _remembered(
        get_script_prefix(),
        view_name,
        tuple(str(a) for a in args),
        tuple(sorted((k, str(v)) for k, v in kwargs.items())),
        current_app,
    )
