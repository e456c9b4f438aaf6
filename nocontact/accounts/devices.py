"""Devices: which browser, in plain words ("Firefox on Android"), from a User-Agent header; and the trusted
device's cookie, how it is known in the database, found and forgotten (the PIN that opens it is the safety
app's: nocontact/safety/services.py).

Only the short description is kept (for the sessions, trusted devices and the access log); the
full header, which can single out one device, is never stored. Of the device's secret only its digest is.
"""

from __future__ import annotations

import hashlib

from nocontact.accounts.models import TrustedDevice, User

DEVICE_COOKIE = "nc_device"  # the trusted device's secret; only its digest is stored

# Order matters: several browsers name others in their header (Edge says Chrome and Safari too).
_BROWSERS = [
    ("Edg/", "Edge"),
    ("EdgA/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("nocontact", "the command line"),
    ("curl/", "a script"),
    ("python", "a script"),
]
_SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "a Mac"),
    ("Mac OS X", "a Mac"),
    ("Linux", "Linux"),
]
UNKNOWN = "An unknown browser"


def describe(user_agent: str | None) -> str:
    """A browser and system in plain words, at most 60 characters."""
    text = (user_agent or "")[:512]
    browser = next((name for marker, name in _BROWSERS if marker.lower() in text.lower()), "")
    system = next((name for marker, name in _SYSTEMS if marker in text), "")
    if browser and system:
        return f"{browser} on {system}"
    if browser:
        return browser[0].upper() + browser[1:]
    if system:
        return f"A browser on {system}"
    return UNKNOWN


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def device_digest(raw: str) -> str:
    """How a device cookie is known in the database (empty for no cookie)."""
    return digest(raw) if raw else ""


def device_get(raw: str) -> TrustedDevice | None:
    if not raw or len(raw) > 100:
        return None
    return TrustedDevice.objects.select_related("user").filter(digest=digest(raw), user__is_active=True).first()


def device_forget(*, user: User, raw: str = "") -> None:
    """Forget one device (by its secret) or, without one, every device of this user."""
    devices = TrustedDevice.objects.filter(user=user)
    if raw:
        devices = devices.filter(digest=digest(raw))
    devices.delete()


def device_forget_by_id(*, user: User, public_id: str) -> bool:
    """Forget one of the person's trusted devices, named on the account page. False if there is none."""
    return TrustedDevice.objects.filter(user=user, public_id=public_id).delete()[0] > 0
