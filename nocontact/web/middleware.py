from __future__ import annotations

from collections.abc import Callable
from functools import cache
from urllib.parse import unquote

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase

from nocontact import messages

# What a view or decorator can set to change one response's policy (django-csp's own attributes).
_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


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


@cache
def _constant_policy() -> str | None:
    """The policy, when the settings make it the same for every response; None when they do not (a
    report-only policy, excluded paths, or DEBUG, where django-csp leaves Django's error pages alone)."""
    policy = settings.CONTENT_SECURITY_POLICY or {}
    if (
        settings.DEBUG
        or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        or policy.get("EXCLUDE_URL_PREFIXES")
    ):
        return None
    return build_policy()


@receiver(setting_changed)
def _forget_policy(*, setting: str, **kwargs: object) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _constant_policy.cache_clear()


class ConstantCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, building the policy once instead of twice per response.

    Our policy is the same for every response: no nonces and no per-view changes. Settings that make it
    vary (see ``_constant_policy``), and a request or response that carries a nonce or a change of its
    own, go through django-csp unchanged."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        policy = _constant_policy()
        if (
            policy is None
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in _PER_RESPONSE)
        ):
            return super().process_response(request, response)
        if HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = policy
        # As django-csp does: asking for a nonce after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
