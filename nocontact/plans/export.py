"""Everything a user has, as plain data: for `nocontact export --json` and the download on the account page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from nocontact.accounts.models import User
from nocontact.journal import selectors as journal_selectors
from nocontact.plans import selectors, services


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _contacts(plan: Any) -> Iterator[dict[str, Any]]:
    for contact in selectors.contact_list(plan).order_by("at", "pk").iterator(chunk_size=2000):
        contact.plan = plan
        yield {
            "id": contact.public_id,
            "at": _iso(contact.at),
            "channel": contact.channel,
            "direction": contact.direction,
            "permitted": contact.permitted,
            "slip": services.contact_is_slip(contact),
            "note": contact.note,
            "imported": contact.batch_id is not None,
            "call_seconds": contact.call_seconds,
            "answered": contact.answered,
            "created_at": _iso(contact.created_at),
            "updated_at": _iso(contact.updated_at),
        }


def _boundaries(plan: Any) -> dict[str, Any] | None:
    from nocontact.boundaries.selectors import boundaries_of

    row = boundaries_of(plan)
    if row is None:
        return None
    return {
        "topics": row.topics,
        "own_topics": row.own_topics,
        "channels": row.channels,
        "days": row.days,
        "start_hour": row.start_hour,
        "end_hour": row.end_hour,
    }


def _safety_log(plan: Any) -> list[dict[str, Any]]:
    from nocontact.safety.selectors import incident_list, status
    from nocontact.safety.services import log_seal

    log_seal(plan=plan)  # entries from before the chain get their hashes, as in the signed export
    entries = incident_list(plan)
    numbers = {incident.pk: incident.number for incident in entries}
    rows = []
    for incident in entries:
        rows.append(
            {
                "id": incident.public_id,
                "entry": incident.number,
                "action": incident.action,
                "refers_to": numbers.get(incident.refers_to_id or 0),
                "status": status(incident),
                "chain_hash": incident.chain_hash,
                "at": _iso(incident.at),
                "kind": incident.kind,
                "channel": incident.channel,
                "details": incident.details,
                "created_at": _iso(incident.created_at),
            }
        )
    return rows


def _readiness(plan: Any) -> list[dict[str, Any]]:
    from nocontact.readiness.services import check_list

    return [
        {
            "at": _iso(c.created_at),
            "streak_days": c.streak_days,
            "answers": c.answers,
            "suggested": c.suggested,
            "chosen": c.chosen or None,
            "extend_days": c.extend_days,
        }
        for c in check_list(plan)
    ]


def _urges(user: User) -> list[dict[str, Any]]:
    from nocontact.urges.selectors import urge_list

    return [
        {
            "at": _iso(u.started_at),
            "ended_at": _iso(u.ended_at),
            "plan": u.plan.name if u.plan else None,
            "strength_before": u.strength_before,
            "strength_after": u.strength_after,
            "feeling": u.feeling,
            "feeling_words": u.feeling_words,
            "trigger": u.trigger,
            "unsent": u.unsent,
            "helped": u.helped,
            "outcome": u.outcome,
            "pause_seconds": u.pause_seconds,
        }
        for u in urge_list(user)
    ]


def user_export(user: User, *, now: datetime) -> dict[str, Any]:
    plans = []
    for plan in selectors.plan_list(user):
        plans.append(
            {
                "id": plan.public_id,
                "name": plan.name,
                "mode": plan.mode,
                "since": _iso(plan.started_at),
                "goal_days": plan.goal_days,
                "tz": plan.tz,
                "count_indirect": plan.count_indirect,
                "reason": plan.reason,
                "created_at": _iso(plan.created_at),
                "boundaries": _boundaries(plan),
                "contacts": list(_contacts(plan)),
                "safety_log": _safety_log(plan),
                "readiness_checks": _readiness(plan),
                "imports": [
                    {
                        "at": _iso(b.created_at),
                        "file_name": b.file_name,
                        "format": b.format,
                        "status": b.status,
                        "added": b.added,
                        "summary": b.summary,
                    }
                    for b in plan.imports.all()
                ],
            }
        )
    return {
        "format": "nocontact-export",
        "version": 1,
        "exported_at": _iso(now),
        "user": {"username": user.username, "date_joined": _iso(user.date_joined)},
        "plans": plans,
        "journal": [
            {
                "id": e.public_id,
                "date": e.entry_date.isoformat(),
                "sealed_until": e.sealed_until.isoformat() if e.sealed_until else None,
                "text": e.text,
                "tags": e.tags,
                "mood": e.mood,
                "prompt": e.prompt,
                "created_at": _iso(e.created_at),
            }
            for e in journal_selectors.entry_list(user)
        ],
        "moods": [
            {
                "at": _iso(c.at),
                "note": c.note,
                "feelings": [
                    {
                        "name": f.name,
                        "words": f.own_words if f.name == "own" else f.name,
                        "intensity": f.intensity,
                    }
                    for f in c.feelings.all()
                ],
            }
            for c in journal_selectors.checkin_list(user)
        ],
        "urges": _urges(user),
        "support_circle": [
            {
                "name": p.name,
                "phone": p.phone,
                "email": p.email,
                "preferred": p.preferred,
                "message": p.message,
                "alert_on_pause": p.alert_on_pause,
            }
            for p in user.support_people.all()
        ],
        "things_that_help": [h.text for h in user.helpers.all()],
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.prefix,
                "created_at": _iso(t.created_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in user.api_tokens.all()
        ],
    }
