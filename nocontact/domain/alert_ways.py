"""The ways an alert can reach someone in the support circle: plain fields in, the sender's address out.

Pure: no Django, no apprise. The addresses are apprise's own formats, as its plugins (2.3) read them:

- e-mail   ``mailtos://LOGIN:PASSWORD@DOMAIN[:PORT]?to=THEM&from=LOGIN[&smtp=SERVER][&mode=ssl]``
  (``email/base.py``: the login is the sender's whole address; with no server, apprise knows the big
  providers' own and otherwise tries the domain)
- ntfy     ``ntfys://HOST[:PORT]/TOPIC`` over https, ``ntfy://`` over plain http (``ntfy.py``)
- Signal   ``signals://HOST[:PORT]/+FROM/+TO`` for a signal-cli REST server, ``signal://`` over http
  (``signal_api.py``)
- Telegram ``tgram://BOT_TOKEN/CHAT_ID`` (``telegram.py``)
- Matrix   ``matrixs://USER:PASSWORD@HOST[:PORT]/TARGET`` (``matrix/base.py``: a user ``@sam:server``, a
  room ``#room:server`` or ``!id:server``)
- SMS      ``twilio://ACCOUNT_SID:AUTH_TOKEN@+FROM/+TO``, through Twilio (``twilio.py``)
- other    any address apprise understands, typed as it is (checked by the service, which has apprise).

`recognise` reads a stored address back as a way and its fields only if building those fields gives the very
same address again; anything else stays "other", and keeps working as it is.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote, unquote, urlsplit

WAYS = ("email", "ntfy", "signal", "telegram", "matrix", "sms", "other")
# Each way's fields, in the order a person fills them in.
FIELDS: dict[str, tuple[str, ...]] = {
    "email": ("to", "sender", "password", "server"),
    "ntfy": ("server", "topic"),
    "signal": ("server", "sender", "to"),
    "telegram": ("bot", "chat"),
    "matrix": ("to", "server", "sender", "password"),
    "sms": ("to", "sender", "account", "secret"),
    "other": ("address",),
}
OPTIONAL = {("email", "server")}
FIELD_MAX = 200
ADDRESS_MAX = 500

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}\.?$", re.I)
_EMAIL = re.compile(rf"^[a-z0-9.!#$%&'*+/=?^_`{{|}}~-]{{1,64}}@((?:{_LABEL}\.)+{_LABEL})$", re.I)
_TOPIC = re.compile(r"^[a-z0-9_-]{1,64}$", re.I)
_BOT = re.compile(r"^[0-9]+:[a-z0-9_-]+$", re.I)
_CHAT = re.compile(r"^(-?[0-9]{1,32}|@?[a-z_-][a-z0-9_-]+)$", re.I)
_MATRIX_TARGET = re.compile(r"^[@#!][a-z0-9._=+/-]+:[a-z0-9.-]+(:[0-9]{1,5})?$", re.I)
_MATRIX_USER = re.compile(r"^@?[a-z0-9._=+/-]+(:[a-z0-9.-]+)?$", re.I)
_TWILIO_ACCOUNT = re.compile(r"^AC[a-f0-9]{32}$", re.I)
_TWILIO_SECRET = re.compile(r"^[a-z0-9]{16,64}$", re.I)


class WayProblem(ValueError):
    """A field that cannot make an address: ``field`` names it, ``problem`` says what (messages words it)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def _q(text: str) -> str:
    return quote(text, safe="")


def _server(field: str, text: str) -> tuple[bool, str, str]:
    """A server as a person writes it (``ntfy.sh``, ``https://x.org``, ``http://10.0.0.2:8080/``): whether it
    is reached over https, its host, and its port ("" for the usual one)."""
    secure = True
    rest = text
    lowered = text.lower()
    if lowered.startswith(("https://", "http://")):
        secure = lowered.startswith("https://")
        rest = text.split("://", 1)[1]
    rest = rest.rstrip("/")
    if not rest or "/" in rest or "@" in rest or "?" in rest or "#" in rest:
        raise WayProblem(field, "server")
    try:
        parts = urlsplit("//" + rest)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        raise WayProblem(field, "server") from None
    if rest.startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise WayProblem(field, "server") from None
        host = f"[{host}]"
    elif not _HOSTNAME.match(host):
        raise WayProblem(field, "server")
    if port == 0:
        raise WayProblem(field, "server")
    return secure, host.lower(), str(port or "")


def _host(field: str, text: str) -> tuple[bool, str]:
    """Whether a server is reached over https, and its ``host[:port]`` for an address."""
    secure, host, port = _server(field, text)
    return secure, host + (f":{port}" if port else "")


def _phone(field: str, text: str) -> str:
    """A phone number as ``+`` and its digits: 10 to 14 of them, with the country code (apprise's rule)."""
    digits = re.sub(r"[\s().-]", "", text)
    if digits.startswith("00"):
        digits = digits[2:]
    digits = digits.removeprefix("+")
    if not digits.isdigit() or not 10 <= len(digits) <= 14:
        raise WayProblem(field, "phone")
    return "+" + digits


def _email(field: str, text: str) -> str:
    if not _EMAIL.match(text):
        raise WayProblem(field, "email")
    return text


def _build_email(f: Mapping[str, str]) -> str:
    to = _email("to", f["to"])
    sender = _email("sender", f["sender"])
    domain = sender.rsplit("@", 1)[1].lower()
    query = f"to={_q(to)}&from={_q(sender)}"
    port = ""
    if f["server"]:
        _, host, port = _server("server", f["server"])
        query += f"&smtp={host}"
        if port == "465":
            query += "&mode=ssl"
    return f"mailtos://{_q(sender)}:{_q(f['password'])}@{domain}{':' + port if port else ''}?{query}"


def _build_ntfy(f: Mapping[str, str]) -> str:
    secure, host = _host("server", f["server"])
    topic = f["topic"]
    if not _TOPIC.match(topic):
        raise WayProblem("topic", "topic")
    return f"{'ntfys' if secure else 'ntfy'}://{host}/{topic}"


def _build_signal(f: Mapping[str, str]) -> str:
    secure, host = _host("server", f["server"])
    return f"{'signals' if secure else 'signal'}://{host}/{_phone('sender', f['sender'])}/{_phone('to', f['to'])}"


def _build_telegram(f: Mapping[str, str]) -> str:
    bot = f["bot"].removeprefix("bot")
    if not _BOT.match(bot):
        raise WayProblem("bot", "bot")
    if not _CHAT.match(f["chat"]):
        raise WayProblem("chat", "chat")
    return f"tgram://{bot}/{f['chat'].removeprefix('@')}"


def _build_matrix(f: Mapping[str, str]) -> str:
    if not _MATRIX_TARGET.match(f["to"]):
        raise WayProblem("to", "matrix")
    secure, host = _host("server", f["server"])
    if not _MATRIX_USER.match(f["sender"]):
        raise WayProblem("sender", "matrix_user")
    user = f["sender"].removeprefix("@").split(":", 1)[0]
    return f"{'matrixs' if secure else 'matrix'}://{_q(user)}:{_q(f['password'])}@{host}/{_q(f['to'])}"


def _build_sms(f: Mapping[str, str]) -> str:
    to, sender = _phone("to", f["to"]), _phone("sender", f["sender"])
    if not _TWILIO_ACCOUNT.match(f["account"]):
        raise WayProblem("account", "sms_account")
    if not _TWILIO_SECRET.match(f["secret"]):
        raise WayProblem("secret", "sms_secret")
    return f"twilio://{f['account']}:{f['secret']}@{sender}/{to}"


def _build_other(f: Mapping[str, str]) -> str:
    if "://" not in f["address"] or any(c.isspace() for c in f["address"]):
        raise WayProblem("address", "address")
    return f["address"]


_BUILDERS = {
    "email": _build_email,
    "ntfy": _build_ntfy,
    "signal": _build_signal,
    "telegram": _build_telegram,
    "matrix": _build_matrix,
    "sms": _build_sms,
    "other": _build_other,
}


def build(way: str, fields: Mapping[str, str]) -> str:
    """The address for one way from its fields (stripped here). Raises WayProblem naming the field at fault."""
    if way not in _BUILDERS:
        raise WayProblem("way", "way")
    cleaned: dict[str, str] = {}
    for name in FIELDS[way]:
        value = str(fields.get(name) or "").strip()
        if len(value) > (ADDRESS_MAX if way == "other" else FIELD_MAX):
            raise WayProblem(name, "too_long")
        if not value and (way, name) not in OPTIONAL:
            raise WayProblem(name, "missing")
        cleaned[name] = value
    address = _BUILDERS[way](cleaned)
    if len(address) > ADDRESS_MAX:
        raise WayProblem(FIELDS[way][0], "too_long")
    return address


def _guesses(address: str) -> tuple[str, dict[str, str]] | None:
    """Fields that might make this address (checked by rebuilding it in `recognise`)."""
    try:
        parts = urlsplit(address)
        host = parts.netloc.rsplit("@", 1)[-1]
        path = [unquote(p) for p in parts.path.split("/")[1:]]
        query = dict(parse_qsl(parts.query))
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    http = "" if scheme.endswith("s") else "http://"
    if scheme == "mailtos":
        smtp = query.get("smtp", "")
        port = f":{parts.port}" if parts.port else ""
        server = smtp + port if smtp else ""
        return "email", {"to": query.get("to", ""), "sender": user, "password": password, "server": server}
    if scheme in ("ntfy", "ntfys") and len(path) == 1:
        return "ntfy", {"server": http + host, "topic": path[0]}
    if scheme in ("signal", "signals") and len(path) == 2:
        return "signal", {"server": http + host, "sender": path[0], "to": path[1]}
    if scheme == "tgram" and len(path) == 1:
        return "telegram", {"bot": parts.netloc, "chat": path[0]}
    if scheme in ("matrix", "matrixs") and len(path) == 1:
        return "matrix", {"to": path[0], "server": http + host, "sender": user, "password": password}
    if scheme == "twilio" and len(path) == 1:
        return "sms", {"to": path[0], "sender": host, "account": user, "secret": password}
    return None


def recognise(address: str) -> tuple[str, dict[str, str]]:
    """The way and fields an address was made from, if it reads back exactly; else ("other", the address)."""
    guess = _guesses(address)
    if guess is not None:
        way, fields = guess
        try:
            if build(way, fields) == address:
                return way, fields
        except WayProblem:
            pass
    return "other", {"address": address}
