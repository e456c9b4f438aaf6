"""Importing chat and call history into a plan's log. The web page and the CLI call these.

Only times, channels, directions and call details are kept; message text never leaves the parser.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from nocontact import crypto, messages
from nocontact.accounts.models import User
from nocontact.domain.contacts import Mode
from nocontact.domain.days import BadTimeZone, local_date, zone
from nocontact.domain.figures import ContactEvent, Figures, compute_figures
from nocontact.domain.imports import sources
from nocontact.domain.imports.guard import MB, Limits
from nocontact.domain.imports.records import ImportFailed
from nocontact.domain.imports.summary import ANSWERED_WITHIN_HOURS, BOTH, INCOMING, Matched, Summary, match
from nocontact.errors import ServiceError
from nocontact.imports import isolated
from nocontact.imports.models import ImportBatch
from nocontact.imports.spool import SealedSpool
from nocontact.plans import selectors
from nocontact.plans import services as plan_services
from nocontact.plans.models import Contact, Plan
from nocontact.plans.tally import log_changed
from nocontact.wipe import checkpoint_after_delete

CHUNK = 2000
# An imported entry within this many seconds of one the person logged by hand, on the same channel and in the
# same direction, is that entry: it is counted as already logged and not written again.
ALREADY_LOGGED_SECONDS = 5 * 60
Raw = tuple[int, str, str, "int | None", "bool | None", str]  # at, channel, direction, seconds, answered, who
Entry = tuple[int, str, str, "int | None", "bool | None", str]  # the same, with a key in place of who


@dataclass
class Analysis:
    summary: Summary
    raw: Callable[[], Iterator[Raw]]
    tz: str
    file_name: str
    file_sha256: str

    def entries(self) -> Iterator[Entry]:
        return keyed(self.raw())


def keyed(raw: Iterable[Raw]) -> Iterator[Entry]:
    """A key per entry, the same however often (and from however much of the history) it is imported:
    who, when, how and which way, and its place among their entries at the very same second."""
    previous: tuple[int, str, str, str] | None = None
    ordinal = 0
    for at, channel, direction, seconds, answered, who in raw:
        same = (at, channel, direction, who)
        ordinal = ordinal + 1 if same == previous else 0
        previous = same
        # A message of theirs that the person answered is written as `both`, but keyed as the incoming message
        # it is in the file, so that imports made before conversations were recognised still match it.
        way = INCOMING if direction == BOTH and channel != "call" else direction
        key = hashlib.sha256(f"{at}|{channel}|{way}|{ordinal}|{who}".encode()).hexdigest()[:32]
        yield at, channel, direction, seconds, answered, key


def file_digest(opener: Any) -> str:
    digest = hashlib.sha256()
    with opener() as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def limits() -> Limits:
    """The reader's limits, from the settings (docs/configuration.md)."""
    size = settings.IMPORT_MAX_FIELD_MB * MB
    return Limits(depth=settings.IMPORT_MAX_DEPTH, field=size, record=size)


def analyse(
    *,
    name: str,
    opener: Any,
    person: str,
    tz_name: str,
    fmt: str = "auto",
    me: str | None = None,
    date_order: str | None = None,
    group_counts: bool = False,
    answered_within_hours: int = ANSWERED_WITHIN_HOURS,
    spool: SealedSpool | None = None,
) -> Analysis:
    """Read an export and find the contact between the user and ``person``. Nothing is written.

    With ``spool`` (a web upload) the file is read in a child process under the memory and time limits
    of the settings; otherwise (the command line, the person's own machine) here."""
    try:
        tz = zone(tz_name)
    except BadTimeZone:
        raise ServiceError(messages.PLAN_BAD_TZ.format(tz=tz_name), field="tz") from None
    try:
        if spool is not None:
            matched = _read_isolated(
                spool, name, person, tz.key, fmt, me, date_order, group_counts, answered_within_hours
            )
        else:
            collected = sources.read(
                sources.Blob(name, opener), fmt=fmt, tz=tz, date_order=date_order or None, limits=limits()
            )
            matched = match(
                collected,
                person=person,
                me=me or None,
                group_counts=group_counts,
                message_channel=sources.MESSAGE_CHANNEL.get(collected.format, "message"),
                answered_within_hours=answered_within_hours,
            )
    except ImportFailed as exc:
        # The code and field say which of the import's choices answers it; each edge says how, in its words.
        message = messages.IMPORT_FAILED.format(reason=str(exc))
        raise ServiceError(message, code=exc.code, field=exc.field or "file") from None
    except UnicodeDecodeError as exc:
        raise ServiceError(messages.IMPORT_FAILED.format(reason=f"unreadable text ({exc.reason})")) from None
    return Analysis(matched.summary, matched.entries, tz.key, name.rsplit("/", 1)[-1][:200], file_digest(opener))


def _read_isolated(
    spool: SealedSpool,
    name: str,
    person: str,
    tz: str,
    fmt: str,
    me: str | None,
    date_order: str | None,
    group_counts: bool,
    answered_within_hours: int,
) -> Matched:
    request = isolated.Request(
        name=name,
        person=person,
        tz=tz,
        fmt=fmt,
        me=me or None,
        date_order=date_order or None,
        group_counts=group_counts,
        message_channels=sources.MESSAGE_CHANNEL,
        answered_within_hours=answered_within_hours,
    )
    memory, seconds = settings.IMPORT_MEMORY_MB, settings.IMPORT_TIMEOUT_SECONDS
    try:
        return isolated.read_and_match(spool, request, limits=limits(), memory_mb=memory, seconds=seconds)
    except isolated.ReaderStopped as stopped:
        text = {
            "memory": messages.IMPORT_STOPPED_MEMORY.format(memory=memory),
            "time": messages.IMPORT_STOPPED_TIME.format(seconds=seconds),
        }.get(stopped.reason, messages.IMPORT_STOPPED)
        raise ServiceError(text, code="import_failed") from None


def _iso(at: int | None, tz_name: str) -> str | None:
    return None if at is None else datetime.fromtimestamp(at, UTC).astimezone(zone(tz_name)).isoformat()


def report(analysis: Analysis, *, imported: int, already_logged: int = 0) -> dict[str, Any]:
    """The CLI's JSON contract, and what the preview page shows."""
    s, tz = analysis.summary, analysis.tz
    return {
        "format": s.format,
        "messages_total": s.messages_total,
        "person": s.person,
        "sent": s.sent,
        "received": s.received,
        "calls_outgoing": s.calls_outgoing,
        "calls_incoming": s.calls_incoming,
        "calls_missed": s.calls_missed,
        "first_contact": _iso(s.first_contact, tz),
        "last_contact": _iso(s.last_contact, tz),
        "last_sent": _iso(s.last_sent, tz),
        "last_received": _iso(s.last_received, tz),
        "skipped": s.skipped,
        "skipped_rows": list(s.skipped_where),
        "imported": imported,
        "conversations": s.conversations,
        "already_logged": already_logged,
    }


# --- Writing ----------------------------------------------------------------------------------------


def _contacts(plan: Plan, batch: ImportBatch, entries: Iterable[Entry]) -> Iterator[Contact]:
    tz = zone(plan.tz)
    for at, channel, direction, seconds, answered, key in entries:
        moment = datetime.fromtimestamp(at, UTC)
        yield Contact(
            plan=plan,
            batch=batch,
            at=moment,
            local_date=local_date(moment, tz),
            channel=channel,
            direction=direction,
            import_key=key,
            call_seconds=seconds,
            answered=answered,
        )


class HandLogged:
    """What the person logged by hand in a plan (no import), to recognise the same contact in a file: each
    entry logged by hand stands for one imported entry at most."""

    def __init__(self, plan: Plan) -> None:
        self.times: dict[tuple[str, str], list[int]] = {}
        rows = Contact.objects.filter(plan=plan, import_key="").values_list("at", "channel", "direction")
        for at, channel, direction in rows.iterator():
            self.times.setdefault((channel, direction), []).append(int(at.timestamp()))
        for times in self.times.values():
            times.sort()
        self.matched = 0

    def take(self, entry: Entry) -> bool:
        """True (and that hand entry used up) when this entry was already logged by hand."""
        times = self.times.get((entry[1], entry[2]))
        if not times:
            return False
        at = entry[0]
        i = bisect_left(times, at - ALREADY_LOGGED_SECONDS)
        if i < len(times) and times[i] <= at + ALREADY_LOGGED_SECONDS:
            del times[i]
            self.matched += 1
            return True
        return False


def already_logged(*, plan: Plan, entries: Iterable[Entry]) -> int:
    """How many of these entries the person has already logged by hand."""
    hand = HandLogged(plan)
    for entry in entries:
        hand.take(entry)
    return hand.matched


def _write(plan: Plan, batch: ImportBatch, entries: Iterable[Entry], now: datetime) -> tuple[int, int]:
    """Insert what is new, in chunks; entries already in the log (same key, or logged by hand) are left as
    they are. The number added, and how many were already logged by hand."""
    future = int(now.timestamp())
    hand = HandLogged(plan)
    buffer: list[Contact] = []
    for contact in _contacts(plan, batch, (e for e in entries if e[0] <= future and not hand.take(e))):
        buffer.append(contact)
        if len(buffer) >= CHUNK:
            Contact.objects.bulk_create(buffer, ignore_conflicts=True)
            buffer.clear()
    if buffer:
        Contact.objects.bulk_create(buffer, ignore_conflicts=True)
    return Contact.objects.filter(batch=batch).count(), hand.matched


def _seal(plan: Plan, batch: ImportBatch, raw: Iterable[Raw]) -> str:
    """The entries, one JSON line each, compressed as they go, then encrypted: a few bytes per entry."""
    packer = zlib.compressobj(6)
    chunks = [packer.compress(json.dumps(list(e), separators=(",", ":")).encode() + b"\n") for e in raw]
    chunks.append(packer.flush())
    return crypto.encrypt_text(
        plan.user,
        table="import",
        field="pending",
        row=batch.public_id,
        text=base64.b64encode(b"".join(chunks)).decode(),
    )


def _unseal(batch: ImportBatch) -> Iterator[Raw]:
    text = crypto.decrypt_text(
        batch.plan.user, table="import", field="pending", row=batch.public_id, token=batch.pending_encrypted
    )
    unpacker = zlib.decompressobj()
    rest = b""
    packed = base64.b64decode(text)
    for start in range(0, len(packed), 65536):
        rest += unpacker.decompress(packed[start : start + 65536])
        *lines, rest = rest.split(b"\n")
        for line in lines:
            yield tuple(json.loads(line))
    rest += unpacker.flush()
    for line in rest.split(b"\n"):
        if line:
            yield tuple(json.loads(line))


def _new_batch(plan: Plan, analysis: Analysis, now: datetime, status: str) -> ImportBatch:
    batch = ImportBatch(
        plan=plan,
        created_at=now,
        format=analysis.summary.format,
        file_sha256=analysis.file_sha256,
        status=status,
    )
    batch.file_name = analysis.file_name
    batch.summary = report(
        analysis, imported=0, already_logged=already_logged(plan=plan, entries=analysis.entries())
    ) | {"answered_within_hours": analysis.summary.answered_within_hours}
    return batch


def preview(*, plan: Plan, analysis: Analysis, now: datetime) -> ImportBatch:
    """Keep the analysis (encrypted) until the person says import, or cancels."""
    batch = _new_batch(plan, analysis, now, ImportBatch.PREVIEW)
    batch.pending_encrypted = _seal(plan, batch, analysis.raw())
    batch.save()
    return batch


def apply(*, batch: ImportBatch, now: datetime) -> ImportBatch:
    if batch.status != ImportBatch.PREVIEW:
        raise ServiceError(messages.IMPORT_ALREADY)
    entries = keyed(_unseal(batch))
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.PREVIEW:
            raise ServiceError(messages.IMPORT_ALREADY)
        batch.added, matched = _write(batch.plan, batch, entries, now)
        log_changed(batch.plan_id)
        batch.status, batch.pending_encrypted, batch.finished_at = ImportBatch.DONE, "", now
        batch.summary = {**batch.summary, "imported": batch.added, "already_logged": matched}
        batch.save(update_fields=["added", "status", "pending_encrypted", "finished_at", "summary_encrypted"])
    return batch


def import_into(*, user: User, plan_name: str, analysis: Analysis, now: datetime) -> tuple[ImportBatch, Plan]:
    """The CLI's import: into the plan called ``plan_name``, created (strict, from the last contact) if missing."""
    plan = Plan.objects.filter(user=user, name__iexact=" ".join(plan_name.split())).first()
    if plan is None:
        last = analysis.summary.last_contact
        start = datetime.fromtimestamp(last, UTC) if last is not None else now
        plan = plan_services.plan_create(
            user=user, name=plan_name, started_at=min(start, now), tz=analysis.tz, now=now, mode=Mode.STRICT.value
        )
    plan.user = user
    with transaction.atomic():
        batch = _new_batch(plan, analysis, now, ImportBatch.DONE)
        batch.save()
        batch.added, matched = _write(plan, batch, analysis.entries(), now)
        log_changed(plan.pk)
        batch.finished_at = now
        batch.summary = {**batch.summary, "imported": batch.added, "already_logged": matched}
        batch.save(update_fields=["added", "finished_at", "summary_encrypted"])
    return batch, plan


def cancel(*, batch: ImportBatch) -> None:
    if batch.status == ImportBatch.PREVIEW:
        batch.delete()
        checkpoint_after_delete()


def undo(*, batch: ImportBatch, now: datetime) -> int:
    """Take a whole import back out of the log."""
    if batch.status != ImportBatch.DONE:
        raise ServiceError(messages.IMPORT_NOT_UNDOABLE)
    with transaction.atomic():
        removed, _ = Contact.objects.filter(batch=batch).delete()
        log_changed(batch.plan_id)
        batch.status, batch.finished_at = ImportBatch.UNDONE, now
        batch.save(update_fields=["status", "finished_at"])
        checkpoint_after_delete()
    return removed


# --- What would change --------------------------------------------------------------------------------


def figures_after(*, plan: Plan, entries: Iterable[Entry], now: datetime) -> tuple[Figures, Figures, int]:
    """The plan's figures now, as they would be with these entries, and how many entries are new."""
    before = selectors.plans_figures([plan], as_of=now)[plan.pk]
    existing = set(
        Contact.objects.filter(plan=plan).exclude(import_key="").values_list("import_key", flat=True).iterator()
    )
    hand = HandLogged(plan)
    fresh = [e for e in entries if e[5] not in existing and e[0] <= int(now.timestamp()) and not hand.take(e)]
    start = plan.started_at
    events = [
        ContactEvent(c.at, c.channel, c.direction, c.permitted)
        for c in Contact.objects.filter(plan=plan, at__gt=start).only("at", "channel", "direction", "permitted")
    ]
    events += [ContactEvent(datetime.fromtimestamp(e[0], UTC), e[1], e[2]) for e in fresh if e[0] > start.timestamp()]
    after = compute_figures(
        events,
        start=plan.started_at,
        as_of=now,
        tz=zone(plan.tz),
        count_indirect=plan.count_indirect,
        goal_days=plan.goal_days,
    )
    return before, after, len(fresh)


def pending_entries(batch: ImportBatch) -> Iterator[Entry]:
    """A previewed import's entries, keyed as they would be written."""
    return keyed(_unseal(batch))
