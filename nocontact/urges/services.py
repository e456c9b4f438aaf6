"""Writes for the pause: urges (idempotent), the support circle, things that help, and alerts."""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from nocontact import crypto, messages
from nocontact.accounts.models import User
from nocontact.domain.contacts import DIRECT_CHANNELS
from nocontact.domain.urges import (
    HELPED,
    OUTCOMES,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TRIGGERS,
    URGE_FEELINGS,
)
from nocontact.errors import ServiceError
from nocontact.plans.models import Plan
from nocontact.plans.services import contact_log
from nocontact.urges.models import Helper, SupportPerson, Urge
from nocontact.wipe import checkpoint_after_delete

UNSENT_MAX = 20_000
log = logging.getLogger("nocontact.alerts")


def _bad(what: str, field: str) -> ServiceError:
    return ServiceError(messages.URGE_BAD.format(what=what), field=field)


def _strength(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not STRENGTH_MIN <= value <= STRENGTH_MAX:
        raise _bad(f"strength should be {STRENGTH_MIN} to {STRENGTH_MAX}", field)
    return value


def urge_record(
    *,
    user: User,
    key: str,
    started_at: datetime,
    outcome: str,
    now: datetime,
    plan: Plan | None = None,
    ended_at: datetime | None = None,
    strength_before: Any = None,
    strength_after: Any = None,
    feeling: str = "",
    feeling_words: str = "",
    trigger: str = "",
    unsent: str = "",
    helped: Any = (),
    channel: str = "message",
) -> tuple[Urge, bool]:
    """Store one pause. Sending the same ``key`` again returns the first record, unchanged (False)."""
    if not isinstance(key, str) or not 8 <= len(key) <= 64:
        raise _bad("the pause's key is missing", "key")
    existing = Urge.objects.filter(user=user, key=key).first()
    if existing is not None:
        return existing, False
    if outcome not in OUTCOMES:
        raise ServiceError(messages.URGE_NEEDS_OUTCOME, field="outcome")
    if feeling and feeling not in URGE_FEELINGS:
        raise _bad("that feeling isn't one of the list (use your own words instead)", "feeling")
    if trigger and trigger not in TRIGGERS:
        raise _bad("what contact would give isn't one of the list", "trigger")
    helped_list = list(helped or [])
    if not all(h in HELPED for h in helped_list):
        raise _bad("what helped isn't one of the list", "helped")
    if not isinstance(unsent, str) or len(unsent) > UNSENT_MAX:
        raise _bad(f"the unsent message is longer than {UNSENT_MAX} characters", "unsent")
    if not isinstance(feeling_words, str) or len(feeling_words) > 200:
        raise _bad("the feeling in your own words is too long", "feeling_words")
    if started_at > now or (ended_at is not None and (ended_at < started_at or ended_at > now)):
        raise _bad("the times don't fit together", "started_at")
    if outcome == "contacted" and plan is None:
        raise ServiceError(messages.URGE_CONTACTED_NEEDS_PLAN, field="plan")
    if channel not in DIRECT_CHANNELS:
        raise _bad("the channel isn't one of the list", "channel")
    urge = Urge(
        user=user,
        key=key,
        plan=plan,
        started_at=started_at,
        ended_at=ended_at,
        strength_before=_strength(strength_before, "strength_before"),
        strength_after=_strength(strength_after, "strength_after"),
        feeling=feeling,
        trigger=trigger,
        helped=helped_list,
        outcome=outcome,
        pause_seconds=int(((ended_at or started_at) - started_at).total_seconds()),
    )
    urge.unsent = unsent.strip()
    urge.feeling_words = " ".join(feeling_words.split())
    try:
        with transaction.atomic():
            if outcome == "contacted" and plan is not None:
                urge.contact = contact_log(
                    plan=plan, at=ended_at or now, channel=channel, direction="outgoing", now=now
                )
            urge.save()
    except IntegrityError:
        # The same pause arrived twice at once: the other request stored it.
        return Urge.objects.get(user=user, key=key), False
    return urge, True


def _clean_person(name: Any, phone: Any, email: Any) -> tuple[str, str, str]:
    name = " ".join(str(name or "").split())[:80]
    phone = str(phone or "").strip()[:40]
    email = str(email or "").strip()[:254]
    if not name or not (phone or email):
        raise ServiceError(messages.SUPPORT_BAD, field="name")
    return name, phone, email


def _clean_notify_url(url: Any) -> str:
    cleaned = str(url or "").strip()
    if not cleaned:
        return ""
    import apprise

    from nocontact.urges import alerts

    if len(cleaned) > 500 or apprise.Apprise.instantiate(cleaned) is None:
        raise ServiceError(messages.SUPPORT_BAD_URL, field="notify_url")
    if alerts.refused(cleaned):
        raise ServiceError(messages.SUPPORT_PRIVATE_URL, field="notify_url")
    return cleaned


def support_person_save(
    *,
    user: User,
    name: str,
    preferred: str,
    phone: str = "",
    email: str = "",
    message: str = "",
    notify_url: str = "",
    alert_on_pause: bool = False,
    person: SupportPerson | None = None,
) -> SupportPerson:
    name, phone, email = _clean_person(name, phone, email)
    if preferred not in ("call", "text", "email"):
        raise ServiceError(messages.SUPPORT_BAD, field="preferred")
    person = person or SupportPerson(user=user)
    person.name, person.phone, person.email, person.preferred = name, phone, email, preferred
    person.message = " ".join(str(message or "").split())[:300]
    person.notify_url = _clean_notify_url(notify_url)
    person.alert_on_pause = bool(alert_on_pause) and bool(person.notify_url)
    person.save()
    return person


def support_person_delete(*, person: SupportPerson) -> None:
    person.delete()
    checkpoint_after_delete()


def helper_add(*, user: User, text: str) -> Helper:
    text = " ".join(str(text or "").split())
    if not text or len(text) > 120:
        raise ServiceError(messages.HELPER_BAD, field="text")
    helper = Helper(user=user)
    helper.text = text
    helper.save()
    return helper


def helper_delete(*, helper: Helper) -> None:
    helper.delete()
    checkpoint_after_delete()


def alert_circle(*, user: User) -> int:
    """Queue a neutral alert to each person who asked for one. Returns how many were queued."""
    from nocontact.urges.tasks import send_alert

    count = 0
    for person in SupportPerson.objects.filter(user=user, alert_on_pause=True).exclude(notify_url_encrypted=""):
        send_alert.enqueue(person.pk)
        count += 1
    return count


def alert_test(*, person: SupportPerson) -> str:
    """Send a calm test through the way real alerts go, now, and say how it went: "sent", "private" (a hosted
    server does not send to its own network) or "not_sent". What a service answered is only logged."""
    from nocontact.urges import alerts

    if not person.notify_url:
        return "not_sent"
    body = messages.ALERT_TEST_BODY_DISCREET if person.user.discreet else messages.ALERT_TEST_BODY
    try:
        alerts.deliver(person.notify_url, title=messages.ALERT_TEST_TITLE, body=body)
    except alerts.PrivateTarget:
        return "private"
    except alerts.NotDelivered as exc:
        log.info("A test alert to a support person did not go through (%s).", exc)
        return "not_sent"
    return "sent"


def offline_key(*, user: User) -> tuple[str, str]:
    """The key the pause uses on this person's devices, and a tag that names its data there.

    Both are derived from the person's own data key, so they stay the same across sign-ins (what was kept
    offline opens again) and differ for everyone else (the next account on the browser cannot read it).
    """
    secret = crypto.user_key(user)
    key = hmac.new(secret, b"nocontact offline pause key v1", hashlib.sha256).digest()
    tag = hmac.new(secret, b"nocontact offline pause tag v1", hashlib.sha256).hexdigest()[:16]
    return base64.b64encode(key).decode("ascii"), tag
