from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nocontact.accounts.models import ApiToken, User


def token_list_for_user(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_get_for_user(user: User, public_id: str) -> ApiToken:
    return get_object_or_404(ApiToken, user=user, public_id=public_id)
