"""The JSON API at /api/v1/, documented at /api/docs. One error shape for every failure:

{"error": {"code": "...", "message": "...", "fields": {...}}}
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from nocontact import messages
from nocontact.accounts.services import token_authenticate
from nocontact.api.parsing import HasNul, NotAnObject, StrictParser
from nocontact.api.schemas import invalid_fields, service_error_fields
from nocontact.errors import NotFound, ServiceError


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="nocontact API",
    version="1",
    description="Plans, the contact log and the figures derived from it. Authenticate with an API token "
    "created on your account page: `Authorization: Bearer <token>`. The pause's routes (`/api/v1/pause/...`) "
    "are for the signed-in browser session instead, with its CSRF token in `X-CSRFToken`. Bodies are JSON "
    "objects; no text may hold a "
    "NUL character. Times are from 1900 on; one without an offset is read in the plan's time zone, a time the "
    "clocks skipped (02:30 on a spring-forward night) as the same moment by the clock before the change (03:30), "
    "and one they showed twice as the first. The answer gives the instant it became. Errors: "
    '`{"error": {"code", "message", "fields"?}}`.',
    auth=TokenAuth(),
    docs_url="/docs",
    # No validator badge: it would ask a third-party server about our schema.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": False}),
    openapi_url="/openapi.json",
    urls_namespace="api",
    parser=StrictParser(),
)


def error(
    request: HttpRequest, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(ServiceError)
def on_service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    if isinstance(exc, NotFound):
        return error(request, 404, "not_found", exc.message)
    if exc.code == "not_offered":
        return error(request, 409, "not_offered", exc.message)
    return error(request, 400, exc.code, exc.message, service_error_fields(exc))


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return error(request, 422, "invalid", messages.API_INVALID, invalid_fields(exc.errors))


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    if request.path.startswith(pause_routes.PAUSE_PREFIX):  # the pause's routes take the browser's session
        return error(request, 401, "signed_out", messages.API_SIGNED_OUT)
    return error(request, 401, "unauthorized", messages.API_UNAUTHORIZED)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "not_found", messages.API_NOT_FOUND)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error(request, 413, "too_large", messages.API_TOO_BIG)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # django-ninja turns any error in reading the body into a 400; these two are the request's content.
    cause = exc.__cause__
    if isinstance(cause, NotAnObject):
        return error(request, 422, "invalid", messages.API_INVALID, {"request": [messages.API_NOT_AN_OBJECT]})
    if isinstance(cause, HasNul):
        return error(request, 422, "invalid", messages.API_INVALID, {cause.where: [messages.TEXT_HAS_NUL]})
    if exc.status_code == 403:  # the one 403 django-ninja raises: session auth without a valid CSRF token
        return error(request, 403, "csrf_failed", messages.API_CSRF_FAILED)
    code = {400: "bad_request", 405: "method_not_allowed", 429: "too_many_requests"}.get(exc.status_code, "error")
    return error(request, exc.status_code, code, str(exc))


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    import logging

    logging.getLogger("nocontact.api").exception("API error on %s %s", request.method, request.path)
    return error(request, 500, "server_error", messages.API_SERVER_ERROR)


from nocontact.api import (  # noqa: E402
    journal_routes,
    minimal_routes,
    pause_routes,
    readiness_routes,
    routes,
    safety_routes,
)

api.add_router("/v1/", routes.router)
api.add_router("/v1/", journal_routes.router)
api.add_router("/v1/", minimal_routes.router)
api.add_router("/v1/", readiness_routes.router)
api.add_router("/v1/", safety_routes.router)
api.add_router("/v1/", pause_routes.router)
