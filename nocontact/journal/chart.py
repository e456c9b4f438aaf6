"""The mood chart as inline SVG: drawn here, no script, no external asset.

One row per feeling, each labelled in words, with a bar per day (or week) whose height is the
average intensity and whose number is written above it, so nothing depends on colour. A week is
named by its days ("2–8 Dec"), never by a first day that could pass for a check-in's date.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from nocontact.domain.spans import span_label
from nocontact.journal.selectors import MoodChart

ROW_HEIGHT = 46
LABEL_WIDTH = 96
BAR_GAP = 2
MAX_INTENSITY = 5
BAR_MAX = 28  # a young chart (a few days) draws slim bars, not slabs


def _n(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def bucket_label(chart: MoodChart, index: int) -> str:
    """A day ('5 Dec') or a week by its days ('29 Nov – 5 Dec')."""
    return span_label(*chart.span(index), today=chart.today)


def mood_chart_svg(chart: MoodChart, *, width: int = 400) -> SafeString:
    if not chart.rows:
        return SafeString("")
    slots = len(chart.buckets)
    slot = (width - LABEL_WIDTH) / slots
    bar_width = min(slot - BAR_GAP, BAR_MAX)
    height = ROW_HEIGHT * len(chart.rows) + 24
    parts = []
    for r, row in enumerate(chart.rows):
        top = r * ROW_HEIGHT + 4
        base = top + ROW_HEIGHT - 14
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"/>',
                base - 8,
                row.label,
                LABEL_WIDTH,
                base,
                width,
                base,
            )
        )
        for i, value in enumerate(row.values):
            if value is None:
                continue
            bar = (ROW_HEIGHT - 20) * value / MAX_INTENSITY
            x = LABEL_WIDTH + i * slot + BAR_GAP / 2
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"><title>{}: {}, {}</title></rect>',
                    _n(x),
                    _n(base - bar),
                    _n(max(bar_width, 1)),
                    _n(bar),
                    row.label,
                    _n(value),
                    bucket_label(chart, i),
                )
            )
            if slot >= 14:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" class="chart-value">{}</text>', _n(x), _n(base - bar - 2), _n(value)
                    )
                )
    parts.append(
        format_html('<text x="{}" y="{}" class="chart-date">{}</text>', LABEL_WIDTH, height - 4, bucket_label(chart, 0))
    )
    if slots > 1:
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="chart-date" text-anchor="end">{}</text>',
                width,
                height - 4,
                bucket_label(chart, slots - 1),
            )
        )
    summary = ", ".join(row.label for row in chart.rows)
    return format_html(
        '<svg class="mood-chart" viewBox="0 0 {} {}" role="img" aria-label="Intensity of {} over time; '
        'the table below has the same numbers">{}</svg>',
        width,
        height,
        summary,
        format_html_join("", "{}", ((p,) for p in parts)),
    )
