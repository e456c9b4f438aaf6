"""Where an alert may go. In hosted mode an alert address must not make the server call itself or its
neighbours: loopback, private, link-local, multicast, reserved and unspecified addresses (IPv4 and IPv6)
are refused, unless the operator allows them (NOCONTACT_ALERTS_ALLOW_PRIVATE=1).

Checked twice: when the address is saved (the host names in it are resolved then), and when an alert is
sent (every address the sender resolves is checked before it connects, so a name that resolves
differently later, or a redirect to a private address, is refused too).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class PrivateTarget(OSError):
    """An alert would have reached a private or local address."""


def guarded() -> bool:
    return bool(settings.HOSTED) and not settings.ALERTS_ALLOW_PRIVATE


def blocked_ip(text: str) -> bool:
    """Whether an address is one a hosted server must not call on a user's behalf."""
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) names a link
    except ValueError:
        return True  # not an address at all: refuse rather than guess
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is None and ip in NAT64:  # 64:ff9b::10.0.0.1 reaches 10.0.0.1 through a NAT64 gateway
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and blocked_ip(str(inner)):
            return True
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def _resolve(host: str) -> list[str]:
    """Every address a host name stands for (an address stands for itself)."""
    return [str(info[4][0]) for info in _real_getaddrinfo(host, None)]


def _hosts(url: str) -> list[str]:
    """The host names in an apprise address that name a server to connect to (not a service's token)."""
    import apprise

    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return []
    hosts = []
    if "host" in getattr(type(plugin), "template_tokens", {}):
        hosts.append(str(getattr(plugin, "host", "") or ""))
    hosts.append(str(getattr(plugin, "smtp_host", "") or ""))  # mailto://...?smtp=HOST
    return [h.strip("[]") for h in hosts if h.strip("[]")]


def refused(url: str) -> bool:
    """Whether a hosted server should refuse this alert address now (on saving it, and before sending).

    A name that does not resolve today is let through: each address is checked again when sending."""
    if not guarded():
        return False
    for host in _hosts(url):
        try:
            addresses = _resolve(host)
        except (OSError, UnicodeError):
            continue
        if any(blocked_ip(a) for a in addresses):
            return True
    return False


_real_getaddrinfo = socket.getaddrinfo
_sending = threading.local()
_install_lock = threading.Lock()


def _checked_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    results = _real_getaddrinfo(host, port, *args, **kwargs)
    if getattr(_sending, "guarded", False) and any(blocked_ip(str(info[4][0])) for info in results):
        raise PrivateTarget("alerts may not go to a private or local address")
    return results


@contextmanager
def sending() -> Iterator[None]:
    """Within this block (in this thread only), connecting to a refused address fails before connecting.

    Python's resolver is wrapped once, process-wide; the wrapper checks only inside this block, so
    the rest of the server (and its database connection) is untouched. The sender must therefore run
    in this thread: see sender()."""
    if not guarded():
        yield
        return
    with _install_lock:
        if socket.getaddrinfo is not _checked_getaddrinfo:
            socket.getaddrinfo = _checked_getaddrinfo
    _sending.guarded = True
    try:
        yield
    finally:
        _sending.guarded = False


def sender() -> Any:
    """An apprise sender that delivers in the calling thread (no worker pool), so sending() applies."""
    import apprise

    return apprise.Apprise(asset=apprise.AppriseAsset(async_mode=False, service_timeout=0))


class NotDelivered(RuntimeError):
    """The service did not take the alert (wrong details, or it is down); what it said is only logged."""


def deliver(url: str, *, title: str, body: str) -> None:
    """Send one alert, in this thread, through the same checks every alert goes through.

    Raises PrivateTarget if the address (now) points to a private or local address on a hosted server,
    NotDelivered if the service did not accept it."""
    if refused(url):
        # Checked again now: a name may resolve to a private address today that did not when saved.
        raise PrivateTarget("the alert address points to a private or local address")
    alert = sender()
    if not alert.add(url):
        raise NotDelivered("the alert address could not be read")
    try:
        with sending():
            delivered = alert.notify(title=title, body=body)
    except PrivateTarget:
        raise
    except Exception as exc:  # a plugin's own failure: the alert did not go, whatever the reason
        raise NotDelivered(type(exc).__name__) from exc
    if not delivered:
        raise NotDelivered("the notification service did not accept the alert")
