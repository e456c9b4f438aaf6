"""The quick exit's hold and the idle lock, on every page."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib import messages as flash
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from nocontact import messages

SEEN_KEY = "_nc_seen"
EXIT_COOKIE = "nc_hold"
EXIT_SALT = "nocontact.quick-exit"
# After a quick exit, the app's addresses lead to the neutral page for this long, so Back cannot bring it up.
EXIT_HOLD_SECONDS = 600
# Once the hold is over, the next page of the app says why it was away (once), within this time.
HELD_COOKIE = "nc_held"
HELD_NOTICE_SECONDS = 7 * 24 * 3600
_PASS = ("/static/", "/healthz", "/sw.js", "/manifest.webmanifest", "/exit/")
# The API has no hold (a token is not a browser), but its session routes (the pause's) keep the idle lock.
_API = "/api/"
_SEEN_EVERY = 15  # seconds: the idle clock is written at most this often
_LAST_SEEN_EVERY = 300  # seconds: without an idle lock, "last seen" (the sessions list) is this coarse


def _locked_response(request: HttpRequest) -> HttpResponse:
    login_url = reverse("accounts:login") + "?locked=1"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = login_url
        return response
    if request.path.startswith(_API):  # the API's one error shape
        return JsonResponse({"error": {"code": "signed_out", "message": messages.IDLE_LOCKED}}, status=401)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"error": messages.IDLE_LOCKED}, status=401)
    return HttpResponseRedirect(login_url)


def _is_a_page(request: HttpRequest) -> bool:
    """A page a person will see (not a fetch made by a page), so that a notice shown on it is read."""
    accept = request.headers.get("Accept", "")
    return request.method == "GET" and not request.headers.get("HX-Request") and "json" not in accept


class SafeguardsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(_PASS):
            return self.get_response(request)
        if request.path.startswith(_API):
            return self._idle_lock(request)
        hold = request.get_signed_cookie(EXIT_COOKIE, default="", salt=EXIT_SALT, max_age=EXIT_HOLD_SECONDS)
        if hold:
            response = HttpResponseRedirect(hold)
            response["Cache-Control"] = "no-store"
            return response
        if request.COOKIES.get(HELD_COOKIE) and _is_a_page(request):
            return self._after_the_hold(request)
        return self._idle_lock(request)

    def _after_the_hold(self, request: HttpRequest) -> HttpResponse:
        """The first page after a quick exit's hold explains, in plain words, why the app was away."""
        flash.info(request, messages.EXIT_HOLD_OVER.format(minutes=EXIT_HOLD_SECONDS // 60))
        response = self._idle_lock(request)
        response.delete_cookie(HELD_COOKIE, samesite="Lax")
        return response

    def _idle_lock(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = time.time()
            seen = request.session.get(SEEN_KEY)
            if user.idle_lock_minutes and seen is not None and now - seen > user.idle_lock_minutes * 60:
                logout(request)
                return _locked_response(request)
            # Writing the clock saves the session, which also sets its "last seen" (nocontact/accounts/sessions.py).
            every = _SEEN_EVERY if user.idle_lock_minutes else _LAST_SEEN_EVERY
            if not isinstance(seen, int | float) or now - seen > every:
                request.session[SEEN_KEY] = now
        return self.get_response(request)
