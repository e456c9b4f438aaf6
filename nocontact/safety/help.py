"""Help lines from a data file the operator can replace. Every entry must name its official source."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

SHIPPED = Path(__file__).with_name("data") / "help_resources.json"


class BadResources(ValueError):
    pass


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: tuple[dict[str, str], ...]
    helplines: tuple[dict[str, str], ...]


def _entries(code: str, kind: str, raw: Any, needs: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    if not isinstance(raw, list):
        raise BadResources(f"{code}.{kind} should be a list")
    out = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k] for k in needs):
            raise BadResources(f"{code}.{kind}[{i}] needs {', '.join(needs)}")
        if not entry["source"].startswith("https://"):
            raise BadResources(f"{code}.{kind}[{i}]: the source must be an https:// address")
        out.append({k: str(v) for k, v in entry.items()})
    return tuple(out)


def parse(data: Any) -> dict[str, Country]:
    if not isinstance(data, dict) or not isinstance(data.get("countries"), dict):
        raise BadResources('the file needs a "countries" object')
    countries = {}
    for code, raw in data["countries"].items():
        if not (isinstance(code, str) and len(code) == 2 and code.isupper()) or not isinstance(raw, dict):
            raise BadResources(f"{code!r} should be a two-letter country code holding an object")
        countries[code] = Country(
            code=code,
            name=str(raw.get("name") or code),
            emergency=_entries(code, "emergency", raw.get("emergency", []), ("label", "number", "source")),
            helplines=_entries(code, "helplines", raw.get("helplines", []), ("name", "phone", "source")),
        )
    return dict(sorted(countries.items(), key=lambda item: item[1].name))


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Country]:
    try:
        return parse(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as exc:
        raise BadResources(f"{path}: {exc}") from exc


def resources() -> dict[str, Country]:
    return _load(settings.HELP_RESOURCES or str(SHIPPED))
