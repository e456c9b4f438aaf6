"""Which browser, in plain words ("Firefox on Android"), from a User-Agent header.

Only this short description is kept (for the sessions, trusted devices and the access log); the
full header, which can single out one device, is never stored.
"""

from __future__ import annotations

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
