"""One error type for the services: the web, the API and the CLI each show it their way."""

from __future__ import annotations


class ServiceError(Exception):
    """Input the user can fix. ``field`` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class NotFound(ServiceError):
    def __init__(self, message: str) -> None:
        super().__init__(message, code="not_found")
