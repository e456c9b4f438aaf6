"""What each app offers the whole account: its part of the export, its clean-up on erasing, and a few facts.

Every app registers its own pieces in its ``AppConfig.ready()``; the export (``user_export``), erasing
everything (``account_erase``) and the journal's prompt (``fact``) are assembled from what is registered, so
no app has to import another's internals. This module imports no app.

- An *export section* is one top-level key of the JSON export, made from the account
  (``export_section("journal", fn)``); a *plan section* is one key of each plan's object
  (``plan_section("safety_log", fn)``). The keys keep the order below, so the file reads the same every time.
- An *eraser* runs inside the transaction that deletes the account, just before the row goes. The cascade
  removes every row that points at the account; erasers remove what it cannot reach (sessions, queued jobs,
  login-throttling records) or what an app wants said plainly.
- A *fact* answers a question one app asks about another's data, by name ("paused within the hour").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

# The order of the export's keys: the document's shape, named here once. A section registered under another
# name comes after these, in the order the apps registered it.
EXPORT_ORDER = (
    "user",
    "plans",
    "journal",
    "moods",
    "urges",
    "support_circle",
    "things_that_help",
    "api_tokens",
)
PLAN_ORDER = ("boundaries", "contacts", "safety_log", "readiness_checks", "imports")

ExportFn = Callable[[Any], Any]

_export: dict[str, ExportFn] = {}
_plan: dict[str, ExportFn] = {}
_erasers: dict[str, Callable[[Any], None]] = {}
_facts: dict[str, Callable[..., Any]] = {}


def _put(table: dict[str, ExportFn], name: str, fn: ExportFn) -> None:
    # Registering the same function again is fine (ready() can run more than once); another module's is not.
    if name in table and table[name].__module__ != fn.__module__:
        raise ValueError(f"Two apps export the section {name!r}.")
    table[name] = fn


def export_section(name: str, fn: ExportFn) -> None:
    """Register ``fn(user)`` as the export's top-level key ``name``."""
    _put(_export, name, fn)


def plan_section(name: str, fn: ExportFn) -> None:
    """Register ``fn(plan)`` as the key ``name`` of each plan in the export."""
    _put(_plan, name, fn)


def eraser(fn: Callable[[Any], None]) -> None:
    """Register ``fn(user)`` to run when the account is erased, before its row is deleted."""
    _erasers[f"{fn.__module__}.{fn.__qualname__}"] = fn


def provide(name: str, fn: Callable[..., Any]) -> None:
    """Register the answer to a question other apps may ask (see ``fact``)."""
    _facts[name] = fn


def fact(name: str, *args: Any, default: Any = None, **kwargs: Any) -> Any:
    """Ask a registered question; ``default`` when no installed app answers it."""
    fn = _facts.get(name)
    return default if fn is None else fn(*args, **kwargs)


def iso(moment: datetime | None) -> str | None:
    """A moment as the export writes it (None stays None)."""
    return moment.isoformat() if moment else None


def _ordered(table: dict[str, ExportFn], order: tuple[str, ...]) -> list[tuple[str, ExportFn]]:
    known = [(name, table[name]) for name in order if name in table]
    return known + [(name, fn) for name, fn in table.items() if name not in order]


def plan_sections(plan: Any) -> dict[str, Any]:
    """Every app's part of one plan in the export."""
    return {name: fn(plan) for name, fn in _ordered(_plan, PLAN_ORDER)}


def user_export(user: Any, *, now: datetime) -> dict[str, Any]:
    """Everything a user has, as plain data: for `nocontact export --json` and the account page's download."""
    document: dict[str, Any] = {"format": "nocontact-export", "version": 1, "exported_at": iso(now)}
    for name, fn in _ordered(_export, EXPORT_ORDER):
        document[name] = fn(user)
    return document


def account_erase(user: Any) -> None:
    """Let every app clean up what is the user's; the caller deletes the account in the same transaction."""
    for fn in _erasers.values():
        fn(user)
