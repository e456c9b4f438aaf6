"""Help lines from a data file the operator can replace. Every entry must name its official source.

The country a person is most likely in is read from their time zone: the tz database's zone.tab names the
country of each zone. It is read at run time (from the tzdata package, else from the system's zoneinfo), with a
small table of our own for the zones of the countries shipped, should neither be there.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as package_files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings

SHIPPED = Path(__file__).with_name("data") / "help_resources.json"

# Used only when no zone.tab can be read; the zones are the tz database's own, for the countries shipped.
FALLBACK_ZONES = {
    "Europe/London": "GB",
    "America/New_York": "US",
    "America/Chicago": "US",
    "America/Denver": "US",
    "America/Phoenix": "US",
    "America/Los_Angeles": "US",
    "America/Anchorage": "US",
    "Pacific/Honolulu": "US",
    "America/Toronto": "CA",
    "America/Vancouver": "CA",
    "America/Edmonton": "CA",
    "America/Winnipeg": "CA",
    "America/Halifax": "CA",
    "America/St_Johns": "CA",
    "America/Regina": "CA",
    "Australia/Sydney": "AU",
    "Australia/Melbourne": "AU",
    "Australia/Brisbane": "AU",
    "Australia/Adelaide": "AU",
    "Australia/Perth": "AU",
    "Australia/Hobart": "AU",
    "Australia/Darwin": "AU",
    "Pacific/Auckland": "NZ",
    "Europe/Dublin": "IE",
    "Europe/Berlin": "DE",
    "Europe/Vienna": "AT",
    "Europe/Zurich": "CH",
    "Europe/Paris": "FR",
    "Europe/Madrid": "ES",
    "Atlantic/Canary": "ES",
    "Europe/Rome": "IT",
    "Europe/Amsterdam": "NL",
    "Europe/Brussels": "BE",
    "Europe/Stockholm": "SE",
    "Europe/Oslo": "NO",
    "Europe/Copenhagen": "DK",
    "Europe/Lisbon": "PT",
    "Atlantic/Madeira": "PT",
    "Atlantic/Azores": "PT",
    "Asia/Tokyo": "JP",
}


class BadResources(ValueError):
    pass


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: tuple[dict[str, str], ...]
    helplines: tuple[dict[str, str], ...]


def dial(number: str) -> str:
    """The tel: address of a number as written ("0808 2000 247", "#8008"): digits, + * # only, # escaped."""
    return "tel:" + quote(re.sub(r"[^0-9+*#]", "", number), safe="+*")


def _entries(code: str, kind: str, raw: Any, needs: tuple[str, ...], number: str) -> tuple[dict[str, str], ...]:
    if not isinstance(raw, list):
        raise BadResources(f"{code}.{kind} should be a list")
    out = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) and entry[k] for k in needs):
            raise BadResources(f"{code}.{kind}[{i}] needs {', '.join(needs)}")
        if not entry["source"].startswith("https://"):
            raise BadResources(f"{code}.{kind}[{i}]: the source must be an https:// address")
        kept = {k: str(v) for k, v in entry.items()}
        kept["dial"] = dial(kept[number])
        out.append(kept)
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
            emergency=_entries(code, "emergency", raw.get("emergency", []), ("label", "number", "source"), "number"),
            helplines=_entries(code, "helplines", raw.get("helplines", []), ("name", "phone", "source"), "phone"),
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


# --- The country of a time zone ----------------------------------------------------------------------------


def zone_tab_texts() -> list[str]:
    """Each zone.tab at hand: the tzdata package's first, then the system's (Python's own search path)."""
    texts = []
    try:
        texts.append(package_files.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, OSError):
        pass
    for folder in zoneinfo.TZPATH:
        try:
            texts.append((Path(folder) / "zone.tab").read_text(encoding="utf-8"))
        except OSError:
            continue
    return texts


def parse_zone_tab(text: str) -> dict[str, str]:
    """zone.tab's lines are "CC<tab>coordinates<tab>Zone[<tab>comment]"; lines starting with # are comments."""
    zones = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 3:
            continue
        zones[fields[2].strip()] = fields[0].strip().upper()
    return zones


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, str]:
    zones = dict(FALLBACK_ZONES)
    for text in reversed(zone_tab_texts()):  # the first found wins
        zones.update(parse_zone_tab(text))
    return zones


def country_for_zone(zone: str) -> str | None:
    """The ISO 3166 code of the country a zone lies in ("Europe/Berlin" -> "DE"), or None for "UTC" and the like."""
    return zone_countries().get(zone.strip()) if zone else None
