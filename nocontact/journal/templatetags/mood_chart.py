from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from nocontact.journal.chart import mood_chart_svg
from nocontact.journal.selectors import MoodChart, MoodRow

register = template.Library()


@register.simple_tag(name="mood_chart")
def mood_chart_tag(chart: MoodChart) -> SafeString:
    return mood_chart_svg(chart)


@register.filter
def mood_stats(row: MoodRow) -> tuple[int, str]:
    """How many spans the feeling appears in, and its average intensity over them."""
    values = [v for v in row.values if v is not None]
    return len(values), f"{sum(values) / len(values):.1f}" if values else "—"
