"""Markdown for journal entries, rendered safely: no raw HTML, no scripts, no images from elsewhere."""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Raw HTML is off, so "<script>" in an entry is shown as text. Images are off too: an image
# would make the browser fetch another server's address. nh3 then allows only what this
# Markdown can produce, as a second line of defence.
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable("image")
_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "a",
}


def render_markdown(text: str) -> SafeString:
    html = _markdown.render(text)
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 just above)
