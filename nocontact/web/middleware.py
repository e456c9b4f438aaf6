from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase

from nocontact import messages

# Powerful browser features this app never uses: a page here can't turn them on, nor can anything it shows.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "interest-cohort",
        "browsing-topics",
    )
)


class HardeningMiddleware:
    """First in the chain, so it sees every answer last.

    - A NUL character in the address (path or query) is refused with a 400: PostgreSQL can't store or
      compare it, and no address here needs one. The API gets its one JSON error shape.
    - HEAD answers carry no body (keep-alive clients would read it as the next answer).
    - Permissions-Policy and Cross-Origin-Resource-Policy on every answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            response: HttpResponseBase
            if request.path.startswith("/api/"):
                body = {"error": {"code": "invalid", "message": messages.TEXT_HAS_NUL}}
                response = JsonResponse(body, status=400)
            else:
                raise SuspiciousOperation("NUL character in the address")
        else:
            response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                close = getattr(response, "close", None)
                response.streaming_content = []  # type: ignore[attr-defined]
                if close is not None:
                    close()
                # Without a length the server would answer chunked, and the closing chunk is a body.
                response.headers.setdefault("Content-Length", "0")
            else:
                response.content = b""  # type: ignore[attr-defined]
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class NoStoreMiddleware:
    """Pages for a signed-in person are never kept in shared or browser caches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response
