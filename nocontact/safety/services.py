"""Writes for safety: the safety log (append-only, chained by hash), the safeguards, trusted devices with a PIN,
and erasing everything."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F

from nocontact import messages
from nocontact.accounts.devices import device_get, digest
from nocontact.accounts.models import TrustedDevice, User
from nocontact.domain.contacts import Mode
from nocontact.domain.safety_chain import GENESIS, Action, ChainEntry, link
from nocontact.errors import NotFound, ServiceError
from nocontact.plans.models import Plan
from nocontact.plans.services import clean_past, clean_text
from nocontact.safety.models import INCIDENT_CHANNEL_CHOICES, KIND_CHOICES, Incident

DETAILS_MAX = 10_000
IDLE_MIN, IDLE_MAX = 1, 240
PIN_MIN, PIN_MAX = 4, 12
PIN_TRIES = 5


# --- The safety log -----------------------------------------------------------------------------


def _clean_incident(*, at: datetime, kind: Any, channel: Any, details: Any, now: datetime) -> dict[str, Any]:
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise ServiceError(messages.BAD_DATETIME.format(text=at), field="at")
    # Stored and chained in UTC: clean_past refuses times before 1900, which covers 0001-01-01T00:00+14:00
    # (a time with no UTC form).
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


def chain_entry(incident: Incident) -> ChainEntry:
    """An entry's content as the chain hashes it, and as the CSV export writes it."""
    target = incident.refers_to
    return ChainEntry(
        entry=incident.number,
        action=incident.action,
        refers_to=None if target is None else target.number,
        at_utc=utc_text(incident.at),
        kind=incident.kind,
        channel=incident.channel,
        details=incident.details,
        entered_at_utc=utc_text(incident.created_at),
        nonce=incident.nonce,
    )


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def _locked_log(plan: Plan) -> list[Incident]:
    """Lock the plan (one writer per log at a time), seal any entries from before the chain, and return the log.

    Call inside a transaction.
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    incidents = list(Incident.objects.filter(plan=plan).select_related("refers_to").order_by("number", "pk"))
    previous = GENESIS
    for incident in incidents:
        incident.plan = plan
        if not incident.chain_hash:
            incident.new_nonce()
            incident.chain_hash = link(previous, chain_entry(incident))
            Incident.objects.filter(pk=incident.pk).update(
                chain_hash=incident.chain_hash, nonce_encrypted=incident.nonce_encrypted
            )
        previous = incident.chain_hash
    return incidents


def log_seal(*, plan: Plan) -> None:
    """Give entries written before the log was chained their chain hashes (the export needs them)."""
    if Incident.objects.filter(plan=plan, chain_hash="").exists():
        with transaction.atomic():
            _locked_log(plan)


def _append(
    *, plan: Plan, data: dict[str, Any], action: str, refers_to: Incident | None, log: list[Incident], now: datetime
) -> Incident:
    last = log[-1] if log else None
    incident = Incident(
        plan=plan,
        at=data["at"],
        kind=data["kind"],
        channel=data["channel"],
        created_at=now,
        number=(last.number if last else 0) + 1,
        action=action,
        refers_to=refers_to,
    )
    incident.details = data["details"]
    incident.new_nonce()
    incident.chain_hash = link(last.chain_hash if last else GENESIS, chain_entry(incident))
    incident.save()
    return incident


def incident_record(*, plan: Plan, at: datetime, kind: str, channel: str, details: str = "", now: datetime) -> Incident:
    """Record an entry: safety plans only. (Entries kept from before a mode change can still be corrected.)"""
    if plan.mode != Mode.SAFETY.value:
        raise ServiceError(messages.INCIDENT_NOT_SAFETY)
    data = _clean_incident(at=at, kind=kind, channel=channel, details=details, now=now)
    with transaction.atomic():
        log = _locked_log(plan)
        return _append(plan=plan, data=data, action=Action.RECORD, refers_to=None, log=log, now=now)


def _in_log(log: list[Incident], incident: Incident) -> Incident:
    """The entry as the locked log holds it now (it may have gone with its plan meanwhile)."""
    current = next((entry for entry in log if entry.pk == incident.pk), None)
    if current is None:
        raise NotFound(messages.INCIDENT_NOT_FOUND)
    return current


def _later(log: list[Incident], incident: Incident) -> Incident | None:
    return next((later for later in log if later.refers_to_id == incident.pk), None)


def incident_correct(
    *, incident: Incident, at: datetime, kind: str, channel: str, details: str, now: datetime
) -> Incident:
    """Correct an entry: a new entry that supersedes it. The original stays in the log, shown as corrected.

    Returns the correction (or the entry itself, if nothing changed).
    """
    data = _clean_incident(at=at, kind=kind, channel=channel, details=details, now=now)
    plan = incident.plan
    with transaction.atomic():
        log = _locked_log(plan)
        current = _in_log(log, incident)
        if current.action == Action.WITHDRAW:
            raise ServiceError(messages.INCIDENT_IS_WITHDRAWAL, code="superseded")
        later = _later(log, current)
        if later is not None:
            withdrawn = later.action == Action.WITHDRAW
            raise ServiceError(
                messages.INCIDENT_WITHDRAWN if withdrawn else messages.INCIDENT_CORRECTED_SINCE, code="superseded"
            )
        same = (current.at, current.kind, current.channel, current.details) == (
            data["at"],
            data["kind"],
            data["channel"],
            data["details"],
        )
        if same:
            return current
        return _append(plan=plan, data=data, action=Action.CORRECT, refers_to=current, log=log, now=now)


def incident_withdraw(*, incident: Incident, now: datetime) -> Incident:
    """Withdraw what an entry records: a new entry marks it withdrawn; it stays in the log, and in exports.

    Withdrawing any version of an entry withdraws its newest version; withdrawing twice changes nothing.
    Returns the withdrawal.
    """
    plan = incident.plan
    with transaction.atomic():
        log = _locked_log(plan)
        current = _in_log(log, incident)
        if current.action == Action.WITHDRAW:
            return current
        later = _later(log, current)
        while later is not None:
            if later.action == Action.WITHDRAW:
                return later
            current, later = later, _later(log, later)
        data = {"at": current.at, "kind": current.kind, "channel": current.channel, "details": ""}
        return _append(plan=plan, data=data, action=Action.WITHDRAW, refers_to=current, log=log, now=now)


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


def _clean_pin(pin: Any) -> str:
    if not isinstance(pin, str) or not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise ServiceError(messages.PIN_SHAPE.format(min=PIN_MIN, max=PIN_MAX), field="pin")
    return pin


def device_trust(*, user: User, pin: str, replacing: str = "", device: str = "", now: datetime | None = None) -> str:
    """Trust this device: returns the raw device secret for its cookie. Only digests are stored."""
    from nocontact.accounts.services import access_record

    pin = _clean_pin(pin)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        if replacing:
            TrustedDevice.objects.filter(user=user, digest=digest(replacing)).delete()
        TrustedDevice.objects.create(user=user, digest=digest(raw), pin_hash=make_password(pin), device=device[:60])
        if now is not None:
            access_record(user=user, kind="device_trusted", now=now, device=device)
    return raw


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
