"""A small browser-less client for a running `nocontact serve`: cookies, CSRF, no redirects followed."""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class WebClient:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def _send(self, request: urllib.request.Request) -> tuple[int, str, dict[str, str]]:
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            response = self.opener.open(request, timeout=15)
        except urllib.error.HTTPError as exc:
            response = exc
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        body = response.read().decode("utf-8", errors="replace")
        return response.status if hasattr(response, "status") else response.code, body, dict(response.headers)

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        return self._send(urllib.request.Request(self.base + path))  # noqa: S310

    def post(self, path: str, data: dict[str, str] | list[tuple[str, str]]) -> tuple[int, str, dict[str, str]]:
        _, body, _ = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        if token:
            fields.append(("csrfmiddlewaretoken", token.group(1)))
        request = urllib.request.Request(  # noqa: S310
            self.base + path,
            data=urllib.parse.urlencode(fields).encode(),
            method="POST",
            headers={"Origin": self.base, "Referer": self.base + path},
        )
        return self._send(request)

    def post_form(self, page: str, action: str, data: dict[str, str]) -> tuple[int, str, dict[str, str]]:
        """Post to ``action`` with the CSRF token found on ``page`` (for forms shown on another page)."""
        _, body, _ = self.get(page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)  # type: ignore[union-attr]
        request = urllib.request.Request(  # noqa: S310
            self.base + action,
            data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
            method="POST",
            headers={"Origin": self.base, "Referer": self.base + page},
        )
        return self._send(request)

    @staticmethod
    def text(body: str) -> str:
        return html.unescape(body)


def api_call(base: str, token: str, method: str, path: str, body: object | None = None) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310
        base + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")
