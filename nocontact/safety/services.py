"""Writes for safety: the safety log, the safeguards, trusted devices with a PIN, and erasing everything."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F

from nocontact import messages
from nocontact.accounts.models import TrustedDevice, User
from nocontact.domain.contacts import Mode
from nocontact.errors import ServiceError
from nocontact.plans.models import Plan
from nocontact.plans.services import clean_past, clean_text
from nocontact.safety.models import INCIDENT_CHANNEL_CHOICES, KIND_CHOICES, Incident

DETAILS_MAX = 10_000
IDLE_MIN, IDLE_MAX = 1, 240
PIN_MIN, PIN_MAX = 4, 12
PIN_TRIES = 5
DEVICE_COOKIE = "nc_device"  # the trusted device's secret; only its digest is stored


# --- The safety log -----------------------------------------------------------------------------


def _clean_incident(*, at: datetime, kind: Any, channel: Any, details: Any, now: datetime) -> dict[str, Any]:
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise ServiceError(messages.BAD_DATETIME.format(text=at), field="at")
    at = clean_past(at, now, message=messages.CONTACT_IN_FUTURE, field="at")
    if kind not in dict(KIND_CHOICES):
        raise ServiceError(messages.INCIDENT_BAD_KIND, field="kind")
    if channel not in dict(INCIDENT_CHANNEL_CHOICES):
        raise ServiceError(
            messages.CONTACT_BAD_CHANNEL.format(choices=", ".join(dict(INCIDENT_CHANNEL_CHOICES))), field="channel"
        )
    too_long = messages.INCIDENT_DETAILS_TOO_LONG.format(max=DETAILS_MAX)
    details = clean_text(details, limit=DETAILS_MAX, message=too_long, field="details")
    return {"at": at, "kind": kind, "channel": channel, "details": details}


def incident_record(*, plan: Plan, at: datetime, kind: str, channel: str, details: str = "", now: datetime) -> Incident:
    """Record an entry: safety plans only. (Entries kept from before a mode change can still be corrected.)"""
    if plan.mode != Mode.SAFETY.value:
        raise ServiceError(messages.INCIDENT_NOT_SAFETY)
    data = _clean_incident(at=at, kind=kind, channel=channel, details=details, now=now)
    incident = Incident(plan=plan, at=data["at"], kind=data["kind"], channel=data["channel"])
    incident.set_details(data["details"])
    incident.save()
    return incident


def incident_update(
    *, incident: Incident, at: datetime, kind: str, channel: str, details: str, now: datetime
) -> Incident:
    data = _clean_incident(at=at, kind=kind, channel=channel, details=details, now=now)
    incident.at, incident.kind, incident.channel = data["at"], data["kind"], data["channel"]
    incident.set_details(data["details"])
    incident.save()
    return incident


def incident_delete(*, incident: Incident) -> None:
    incident.delete()


# --- Safeguards --------------------------------------------------------------------------------


def _clean_exit_url(raw: Any) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise ServiceError(messages.EXIT_URL_BAD, field="exit_url")
    url = raw.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or len(url) > 300:
        raise ServiceError(messages.EXIT_URL_BAD, field="exit_url")
    return url


def exit_url_for(user: Any) -> str:
    """Where the quick exit leads: the person's own choice, or the server's neutral page."""
    return getattr(user, "exit_url", "") or settings.QUICK_EXIT_URL


def safeguards_update(
    *, user: User, discreet: bool, quick_exit: bool, exit_url: str, idle_lock_minutes: int | None
) -> User:
    if idle_lock_minutes is not None and (
        isinstance(idle_lock_minutes, bool)
        or not isinstance(idle_lock_minutes, int)
        or not IDLE_MIN <= idle_lock_minutes <= IDLE_MAX
    ):
        raise ServiceError(messages.IDLE_RANGE.format(min=IDLE_MIN, max=IDLE_MAX), field="idle_lock_minutes")
    user.discreet = bool(discreet)
    user.quick_exit = bool(quick_exit)
    user.exit_url = _clean_exit_url(exit_url)
    user.idle_lock_minutes = idle_lock_minutes
    user.save(update_fields=["discreet", "quick_exit", "exit_url", "idle_lock_minutes"])
    return user


def safety_warning_seen(*, user: User, now: datetime) -> None:
    if user.safety_warned_at is None:
        user.safety_warned_at = now
        user.save(update_fields=["safety_warned_at"])


# --- Trusted devices and the PIN ---------------------------------------------------------------


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _clean_pin(pin: Any) -> str:
    if not isinstance(pin, str) or not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise ServiceError(messages.PIN_SHAPE.format(min=PIN_MIN, max=PIN_MAX), field="pin")
    return pin


def device_digest(raw: str) -> str:
    """How a device cookie is known in the database (empty for no cookie)."""
    return _digest(raw) if raw else ""


def device_trust(*, user: User, pin: str, replacing: str = "", device: str = "", now: datetime | None = None) -> str:
    """Trust this device: returns the raw device secret for its cookie. Only digests are stored."""
    from nocontact.accounts.services import access_record

    pin = _clean_pin(pin)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        if replacing:
            TrustedDevice.objects.filter(user=user, digest=_digest(replacing)).delete()
        TrustedDevice.objects.create(user=user, digest=_digest(raw), pin_hash=make_password(pin), device=device[:60])
        if now is not None:
            access_record(user=user, kind="device_trusted", now=now, device=device)
    return raw


def device_get(raw: str) -> TrustedDevice | None:
    if not raw or len(raw) > 100:
        return None
    return TrustedDevice.objects.select_related("user").filter(digest=_digest(raw), user__is_active=True).first()


def device_forget(*, user: User, raw: str = "") -> None:
    """Forget one device (by its secret) or, without one, every device of this user."""
    devices = TrustedDevice.objects.filter(user=user)
    if raw:
        devices = devices.filter(digest=_digest(raw))
    devices.delete()


def device_forget_by_id(*, user: User, public_id: str) -> bool:
    """Forget one of the person's trusted devices, named on the account page. False if there is none."""
    return TrustedDevice.objects.filter(user=user, public_id=public_id).delete()[0] > 0


def device_failed(*, device: TrustedDevice) -> bool:
    """A wrong PIN, or a wrong password typed on this trusted device: count it. True if the device is now
    forgotten (after PIN_TRIES of them), so that it no longer gets past the password throttling either."""
    with transaction.atomic():
        TrustedDevice.objects.filter(pk=device.pk).update(failures=F("failures") + 1)
        return TrustedDevice.objects.filter(pk=device.pk, failures__gte=PIN_TRIES).delete()[0] > 0


def pin_unlock(*, raw: str, pin: str, now: datetime, device: str = "") -> User:
    """The user of this trusted device, if the PIN is right. Too many wrong PINs forget the device."""
    from nocontact.accounts.services import access_record

    trusted = device_get(raw)
    if trusted is None:
        raise ServiceError(messages.PIN_DEVICE_UNKNOWN)
    if not isinstance(pin, str) or not check_password(pin, trusted.pin_hash):
        access_record(user=trusted.user, kind="pin_failed", now=now, device=device)
        if device_failed(device=trusted):
            raise ServiceError(messages.PIN_DEVICE_FORGOTTEN)
        raise ServiceError(messages.PIN_WRONG, field="pin")
    TrustedDevice.objects.filter(pk=trusted.pk).update(failures=0, last_used_at=now)
    return trusted.user
