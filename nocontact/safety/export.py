"""The safety log as CSV and PDF, for a lawyer or the police, each signed with this server's key.

The CSV holds every entry (corrections and withdrawals too, with the entries they replace), each with its
chain hash, and ends with an Ed25519 signature over everything before it. The PDF shows the same entries,
carries the SHA-256 of that CSV and the key's fingerprint on every page, and is signed the same way.
`nocontact verify-export FILE` checks either. What this proves, and what it cannot, is in docs/safety.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import datetime
from pathlib import Path

from fpdf import FPDF

from nocontact.domain.days import zone
from nocontact.plans.models import Plan
from nocontact.safety import signing
from nocontact.safety.models import INCIDENT_CHANNEL_CHOICES, KIND_CHOICES, Incident
from nocontact.safety.selectors import incident_list, status
from nocontact.safety.services import log_seal, utc_text

FONT = Path(__file__).with_name("fonts") / "DejaVuSans.ttf"
# The first eight columns are for people; the rest are what the chain hashes (see domain/safety_chain.py).
HEADER = [
    "entry",
    "recorded_time",
    "time_zone",
    "what",
    "how",
    "details",
    "entered_at_utc",
    "status",
    "action",
    "refers_to",
    "kind",
    "channel",
    "at_utc",
    "nonce",
    "chain_sha256",
]
_KINDS = dict(KIND_CHOICES)
_CHANNELS = dict(INCIDENT_CHANNEL_CHOICES)


def _entries(plan: Plan) -> list[Incident]:
    log_seal(plan=plan)
    return incident_list(plan)


def _row(plan: Plan, incident: Incident, numbers: dict[int, int]) -> list[str]:
    refers_to = numbers.get(incident.refers_to_id or 0)
    return [
        str(incident.number),
        incident.at.astimezone(zone(plan.tz)).isoformat(timespec="minutes"),
        plan.tz,
        _KINDS.get(incident.kind, incident.kind),
        _CHANNELS.get(incident.channel, incident.channel),
        incident.details,
        utc_text(incident.created_at),
        status(incident),
        incident.action,
        "" if refers_to is None else str(refers_to),
        incident.kind,
        incident.channel,
        utc_text(incident.at),
        incident.nonce,
        incident.chain_hash,
    ]


def _rows(plan: Plan, entries: list[Incident]) -> list[list[str]]:
    numbers = {incident.pk: incident.number for incident in entries}
    return [_row(plan, incident, numbers) for incident in entries]


def _csv(plan: Plan, entries: list[Incident]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(_rows(plan, entries))
    return signing.sign(out.getvalue().encode("utf-8"), mark=b"#", newline=b"\r\n")


def log_csv(plan: Plan) -> bytes:
    """The same entries always give the same bytes (Ed25519 signatures are deterministic)."""
    return _csv(plan, _entries(plan))


def content_hash(csv_bytes: bytes) -> str:
    return hashlib.sha256(csv_bytes).hexdigest()


class _LogPDF(FPDF):
    digest = ""
    key = ""

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font("DejaVu", size=7)
        self.multi_cell(
            0,
            3.5,
            f"Page {self.page_no()} of {{nb}} · Signed by this server, key {self.key} · "
            f"SHA-256 of the CSV export of these entries: {self.digest}",
        )


def _status_line(incident: Incident, tz: str) -> str:
    later: Incident | None = getattr(incident, "superseded_by", None)
    if later is None:
        return ""
    when = later.created_at.astimezone(zone(tz)).isoformat(timespec="minutes")
    verb = "Withdrawn" if later.action == "withdraw" else "Corrected"
    return f"{verb} on {when} (entry {later.number})"


def log_pdf(plan: Plan, *, now: datetime) -> bytes:
    entries = _entries(plan)
    csv_bytes = _csv(plan, entries)
    public = signing.server_public_key()
    pdf = _LogPDF(format="A4")
    pdf.digest = content_hash(csv_bytes)
    pdf.key = signing.fingerprint(public) if public else ""
    pdf.set_title("Record of contact")
    pdf.set_creator("nocontact")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    pdf.set_font("DejaVu", size=15)
    pdf.cell(0, 9, "Record of contact", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    generated = now.astimezone(zone(plan.tz)).isoformat(timespec="minutes")
    head = entries[-1].chain_hash if entries else "none"
    intro = (
        f"Person: {plan.name}\nEntries: {len(entries)}. Times in {plan.tz}. Made on {generated}.\n"
        "Each entry was recorded by the account holder; the time it was entered is shown too. Nothing is "
        "edited in place: a correction or a withdrawal is a new entry, and the entry it replaces is kept.\n"
        f"Chain hash of the last entry: {head}"
    )
    pdf.multi_cell(0, 5, intro, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for incident, row in zip(entries, _rows(plan, entries), strict=True):
        number, when, _tz, what, how, details, entered = row[:7]
        refers = row[9]
        title = f"Entry {number} · {when} · {what} · {how}"
        if incident.action == "correct":
            title = f"Entry {number} · correction of entry {refers} · {when} · {what} · {how}"
        elif incident.action == "withdraw":
            title = f"Entry {number} · entry {refers} withdrawn"
        pdf.set_font("DejaVu", size=10)
        pdf.multi_cell(0, 5.5, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=9)
        if details:
            pdf.multi_cell(0, 5, details, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(90, 90, 90)
        notes = f"Entered {entered}"
        if later := _status_line(incident, plan.tz):
            notes += f" · {later}"
        pdf.multi_cell(0, 4.5, notes, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
    return signing.sign(bytes(pdf.output()), mark=b"%", newline=b"\n")
