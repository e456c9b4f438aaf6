"""The safety log as CSV and PDF, for a lawyer or the police.

The CSV is the content; every PDF page carries the SHA-256 of that CSV, so a later edit to either
shows: recompute the CSV's hash (e.g. ``sha256sum``) and compare it with the pages.
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
from nocontact.safety.models import INCIDENT_CHANNEL_CHOICES, KIND_CHOICES
from nocontact.safety.selectors import incident_list

FONT = Path(__file__).with_name("fonts") / "DejaVuSans.ttf"
HEADER = ["recorded_time", "time_zone", "what", "how", "details", "entered_at_utc"]
_KINDS = dict(KIND_CHOICES)
_CHANNELS = dict(INCIDENT_CHANNEL_CHOICES)


def _rows(plan: Plan) -> list[list[str]]:
    tz = zone(plan.tz)
    rows = []
    for incident in incident_list(plan):
        rows.append(
            [
                incident.at.astimezone(tz).isoformat(timespec="minutes"),
                plan.tz,
                _KINDS.get(incident.kind, incident.kind),
                _CHANNELS.get(incident.channel, incident.channel),
                incident.details,
                incident.created_at.astimezone(zone("UTC")).isoformat(timespec="seconds"),
            ]
        )
    return rows


def log_csv(plan: Plan) -> bytes:
    """The same entries always give the same bytes, so the hash can be checked later."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(_rows(plan))
    return out.getvalue().encode("utf-8")


def content_hash(csv_bytes: bytes) -> str:
    return hashlib.sha256(csv_bytes).hexdigest()


class _LogPDF(FPDF):
    digest = ""

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font("DejaVu", size=7)
        self.multi_cell(
            0, 3.5, f"Page {self.page_no()} of {{nb}} · SHA-256 of this log's content (the CSV export): {self.digest}"
        )


def log_pdf(plan: Plan, *, now: datetime) -> bytes:
    csv_bytes = log_csv(plan)
    pdf = _LogPDF(format="A4")
    pdf.digest = content_hash(csv_bytes)
    pdf.set_title("Record of contact")
    pdf.set_creator("nocontact")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.add_page()
    pdf.set_font("DejaVu", size=15)
    pdf.cell(0, 9, "Record of contact", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    rows = _rows(plan)
    generated = now.astimezone(zone(plan.tz)).isoformat(timespec="minutes")
    intro = (
        f"Person: {plan.name}\nEntries: {len(rows)}. Times in {plan.tz}. Made on {generated}.\n"
        "Each entry was recorded by the account holder; the time it was entered is shown too."
    )
    pdf.multi_cell(0, 5, intro, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for when, _tz, what, how, details, entered in rows:
        pdf.set_font("DejaVu", size=10)
        pdf.multi_cell(0, 5.5, f"{when} · {what} · {how}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", size=9)
        if details:
            pdf.multi_cell(0, 5, details, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(0, 4.5, f"Entered {entered}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(2)
    return bytes(pdf.output())
