from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nocontact.accounts.models import AccessEvent, AccountSession, ApiToken, TrustedDevice, User


def token_list_for_user(user: User) -> list[ApiToken]:
    tokens = list(ApiToken.objects.filter(user=user))
    for token in tokens:
        token.user = user  # the owner is at hand: its key opens the names without a query per token
    return tokens


def token_get_for_user(user: User, public_id: str) -> ApiToken:
    token = get_object_or_404(ApiToken, user=user, public_id=public_id)
    token.user = user
    return token


def session_list_for_user(user: User, *, now: datetime) -> list[AccountSession]:
    """The person's live sessions, most recently seen first."""
    return list(
        AccountSession.objects.filter(user=user, expire_date__gt=now)
        .only("session_key", "created_at", "last_seen_at", "device", "expire_date")
        .order_by("-last_seen_at")
    )


def device_list_for_user(user: User) -> QuerySet[TrustedDevice]:
    return TrustedDevice.objects.filter(user=user).order_by("-created_at")


def access_list_for_user(user: User, *, now: datetime) -> QuerySet[AccessEvent]:
    """The access log as shown: newest first, the last 50 of the last 90 days."""
    from nocontact.accounts.services import ACCESS_DAYS, ACCESS_KEEP

    return AccessEvent.objects.filter(user=user, at__gte=now - timedelta(days=ACCESS_DAYS)).order_by("-at", "-pk")[
        :ACCESS_KEEP
    ]
