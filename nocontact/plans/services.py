"""Writes for plans and the contact log. The web pages, the API and the CLI all call these."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction

from nocontact import messages
from nocontact.accounts.models import User
from nocontact.accounts.services import safety_defaults_apply, time_zone_default
from nocontact.domain.contacts import Channel, Direction, Mode, is_slip
from nocontact.domain.days import BadTimeZone, DateOutOfRange, check_not_too_early, local_date, zone
from nocontact.errors import ServiceError
from nocontact.plans.models import Contact, Plan
from nocontact.plans.tally import log_changed
from nocontact.wipe import checkpoint_after_delete

NAME_MAX = 80
REASON_MAX = 4000
NOTE_MAX = 4000
GOAL_MIN, GOAL_MAX = 1, 3650
CONTACT_BATCH = 2000


def refuse_nul(text: str, *, field: str) -> str:
    """PostgreSQL can't store a NUL character in text; refuse it on every engine alike."""
    if "\x00" in text:
        raise ServiceError(messages.TEXT_HAS_NUL, field=field)
    return text


def _clean_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ServiceError(messages.PLAN_NAME_REQUIRED, field="name")
    refuse_nul(name, field="name")
    cleaned = " ".join(name.split())
    if len(cleaned) > NAME_MAX:
        raise ServiceError(messages.PLAN_NAME_TOO_LONG.format(max=NAME_MAX), field="name")
    return cleaned


def _clean_mode(mode: Any) -> str:
    try:
        return Mode(mode).value
    except ValueError:
        raise ServiceError(messages.PLAN_BAD_MODE, field="mode") from None


def _clean_goal(goal_days: Any) -> int:
    if isinstance(goal_days, bool) or not isinstance(goal_days, int) or not GOAL_MIN <= goal_days <= GOAL_MAX:
        raise ServiceError(messages.PLAN_GOAL_RANGE.format(min=GOAL_MIN, max=GOAL_MAX), field="goal_days")
    return goal_days


def _clean_tz(tz: Any) -> str:
    try:
        return zone(tz if isinstance(tz, str) else "").key
    except BadTimeZone:
        raise ServiceError(messages.PLAN_BAD_TZ.format(tz=tz), field="tz") from None


def clean_past(moment: datetime, now: datetime, *, message: str, field: str) -> datetime:
    """An aware moment that has already happened, from 1900 on (shared with the safety log)."""
    if moment.tzinfo is None:
        raise ValueError("services take aware datetimes")
    try:
        moment = check_not_too_early(moment)
    except DateOutOfRange:
        raise ServiceError(messages.DATETIME_OUT_OF_RANGE, field=field) from None
    if moment > now:
        raise ServiceError(message, field=field)
    return moment


def clean_text(text: Any, *, limit: int, message: str, field: str) -> str:
    """Optional text, trimmed, within a limit (shared with the safety log)."""
    if text is None:
        return ""
    if not isinstance(text, str):
        raise ServiceError(message, field=field)
    cleaned = str(text).strip()
    if len(cleaned) > limit:
        raise ServiceError(message, field=field)
    return refuse_nul(cleaned, field=field)


def _name_taken(user: User, name: str, exclude: int | None = None) -> bool:
    qs = Plan.objects.filter(user=user, name__iexact=name)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.exists()


def plan_create(
    *,
    user: User,
    name: str,
    started_at: datetime,
    tz: str,
    now: datetime,
    goal_days: int = 30,
    mode: str = Mode.STRICT.value,
    count_indirect: bool = False,
    reason: str = "",
) -> Plan:
    plan = Plan(
        user=user,
        name=_clean_name(name),
        mode=_clean_mode(mode),
        started_at=clean_past(started_at, now, message=messages.PLAN_START_IN_FUTURE, field="started_at"),
        goal_days=_clean_goal(goal_days),
        tz=_clean_tz(tz),
        count_indirect=bool(count_indirect),
    )
    plan.reason = clean_text(
        reason, limit=REASON_MAX, message=messages.PLAN_REASON_TOO_LONG.format(max=REASON_MAX), field="reason"
    )
    taken = ServiceError(messages.PLAN_NAME_TAKEN.format(name=plan.name), field="name")
    if _name_taken(user, plan.name):
        raise taken
    try:
        with transaction.atomic():
            plan.save()
            log_changed(plan.pk)
            time_zone_default(user=user, tz=plan.tz)
            if plan.mode == Mode.SAFETY.value:
                safety_defaults_apply(user=user)
    except IntegrityError:
        raise taken from None
    return plan


PLAN_FIELDS = {"name", "mode", "started_at", "goal_days", "tz", "count_indirect", "reason"}


def plan_update(*, plan: Plan, now: datetime, **changes: Any) -> Plan:
    """Change some of a plan's fields. A new time zone re-dates every entry in its log."""
    unknown = set(changes) - PLAN_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    if "name" in changes:
        plan.name = _clean_name(changes["name"])
        if _name_taken(plan.user, plan.name, exclude=plan.pk):
            raise ServiceError(messages.PLAN_NAME_TAKEN.format(name=plan.name), field="name")
    if "mode" in changes:
        plan.mode = _clean_mode(changes["mode"])
        if plan.mode == Mode.SAFETY.value:
            safety_defaults_apply(user=plan.user)
    if "started_at" in changes:
        plan.started_at = clean_past(
            changes["started_at"], now, message=messages.PLAN_START_IN_FUTURE, field="started_at"
        )
    if "goal_days" in changes:
        plan.goal_days = _clean_goal(changes["goal_days"])
    if "count_indirect" in changes:
        plan.count_indirect = bool(changes["count_indirect"])
    if "reason" in changes:
        plan.reason = clean_text(
            changes["reason"],
            limit=REASON_MAX,
            message=messages.PLAN_REASON_TOO_LONG.format(max=REASON_MAX),
            field="reason",
        )
    old_tz = Plan.objects.values_list("tz", flat=True).get(pk=plan.pk)
    if "tz" in changes:
        plan.tz = _clean_tz(changes["tz"])
    try:
        with transaction.atomic():
            plan.save()
            log_changed(plan.pk)  # its start may have moved: what counts since then has too
            if plan.tz != old_tz:
                _redate_contacts(plan)
    except IntegrityError:
        raise ServiceError(messages.PLAN_NAME_TAKEN.format(name=plan.name), field="name") from None
    return plan


def _redate_contacts(plan: Plan) -> None:
    tz = zone(plan.tz)
    batch: list[Contact] = []
    for contact in Contact.objects.filter(plan=plan).only("pk", "at", "local_date").iterator(chunk_size=CONTACT_BATCH):
        contact.local_date = local_date(contact.at, tz)
        batch.append(contact)
        if len(batch) >= CONTACT_BATCH:
            Contact.objects.bulk_update(batch, ["local_date"])
            batch.clear()
    if batch:
        Contact.objects.bulk_update(batch, ["local_date"])


def plan_delete(*, plan: Plan) -> None:
    with transaction.atomic():
        plan.delete()
        checkpoint_after_delete()


def _clean_channel(channel: Any) -> str:
    try:
        return Channel(channel).value
    except ValueError:
        choices = ", ".join(c.value for c in Channel)
        raise ServiceError(messages.CONTACT_BAD_CHANNEL.format(choices=choices), field="channel") from None


def _clean_direction(direction: Any) -> str:
    try:
        return Direction(direction).value
    except ValueError:
        raise ServiceError(messages.CONTACT_BAD_DIRECTION, field="direction") from None


def _clean_permitted(plan: Plan, permitted: Any) -> bool:
    wanted = bool(permitted)
    if wanted and plan.mode != Mode.MINIMAL.value:
        raise ServiceError(messages.CONTACT_PERMITTED_NEEDS_MINIMAL, field="permitted")
    return wanted


def _clean_strayed(plan: Plan, strayed: Any, permitted: bool, note: str) -> bool:
    """Outside the boundaries: a slip, unless it was necessary (permitted), and then the note says why."""
    went_outside = bool(strayed)
    if went_outside and plan.mode != Mode.MINIMAL.value:
        raise ServiceError(messages.CONTACT_PERMITTED_NEEDS_MINIMAL, field="strayed")
    if went_outside and permitted and not note:
        raise ServiceError(messages.NECESSARY_NEEDS_WHY, field="note")
    return went_outside


def contact_log(
    *,
    plan: Plan,
    at: datetime,
    channel: str,
    direction: str,
    now: datetime,
    permitted: bool = False,
    strayed: bool = False,
    note: str = "",
) -> Contact:
    at = clean_past(at, now, message=messages.CONTACT_IN_FUTURE, field="at")
    note = clean_text(note, limit=NOTE_MAX, message=messages.CONTACT_NOTE_TOO_LONG.format(max=NOTE_MAX), field="note")
    allowed = _clean_permitted(plan, permitted)
    contact = Contact(
        plan=plan,
        at=at,
        local_date=local_date(at, zone(plan.tz)),
        channel=_clean_channel(channel),
        direction=_clean_direction(direction),
        permitted=allowed,
        strayed=_clean_strayed(plan, strayed, allowed, note),
    )
    contact.note = note
    with transaction.atomic():
        contact.save()
        log_changed(plan.pk)
    return contact


CONTACT_FIELDS = {"at", "channel", "direction", "permitted", "strayed", "note"}


def contact_update(*, contact: Contact, now: datetime, **changes: Any) -> Contact:
    unknown = set(changes) - CONTACT_FIELDS
    if unknown:
        raise TypeError(f"unknown contact fields: {sorted(unknown)}")
    plan = contact.plan
    if "at" in changes:
        contact.at = clean_past(changes["at"], now, message=messages.CONTACT_IN_FUTURE, field="at")
        contact.local_date = local_date(contact.at, zone(plan.tz))
    if "channel" in changes:
        contact.channel = _clean_channel(changes["channel"])
    if "direction" in changes:
        contact.direction = _clean_direction(changes["direction"])
    if "permitted" in changes:
        # Keep an entry permitted from before a mode change; only new permission needs minimal mode.
        if bool(changes["permitted"]) and not contact.permitted:
            _clean_permitted(plan, True)
        contact.permitted = bool(changes["permitted"])
    if "note" in changes:
        contact.note = clean_text(
            changes["note"],
            limit=NOTE_MAX,
            message=messages.CONTACT_NOTE_TOO_LONG.format(max=NOTE_MAX),
            field="note",
        )
    if "strayed" in changes:
        note = changes.get("note", contact.note)
        contact.strayed = bool(changes["strayed"]) and (
            contact.strayed or _clean_strayed(plan, True, contact.permitted, note)
        )
    with transaction.atomic():
        contact.save()
        log_changed(plan.pk)
    return contact


def contact_delete(*, contact: Contact) -> None:
    with transaction.atomic():
        log_changed(contact.plan_id)
        contact.delete()
    checkpoint_after_delete()


def contact_is_slip(contact: Contact) -> bool:
    return bool(contact.at > contact.plan.started_at) and is_slip(
        channel=contact.channel,
        direction=contact.direction,
        permitted=contact.permitted,
        count_indirect=contact.plan.count_indirect,
    )


def contact_logged_message(contact: Contact) -> str:
    if contact_is_slip(contact):
        return messages.SLIP_LOGGED
    if contact.direction == Direction.INCOMING.value:
        return messages.INCOMING_LOGGED
    return messages.CONTACT_LOGGED


# --- Taking a quick entry back ------------------------------------------------------------------------
UNDO_WINDOW = timedelta(minutes=10)


def contact_undo(*, contact: Contact, now: datetime) -> None:
    """Remove an entry just written by mistake: only for a short while, and never an imported one."""
    if contact.batch_id is not None or now - contact.created_at > UNDO_WINDOW:
        raise ServiceError(messages.CONTACT_UNDO_EXPIRED)
    with transaction.atomic():
        log_changed(contact.plan_id)
        contact.delete()
