"""The readiness check in the JSON API. Never offered in a safety plan: those answer 409 `not_offered`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from nocontact.api.schemas import ERRORS, ErrorOut, request_user
from nocontact.domain import readiness
from nocontact.plans import selectors
from nocontact.readiness import services

router = Router(tags=["readiness"])
RESPONSES = {**ERRORS, 409: ErrorOut}


class OptionOut(Schema):
    value: str
    label: str


class QuestionOut(Schema):
    key: str
    text: str
    options: list[OptionOut] = Field(description="empty: answered in the person's own words")


class ReadinessCheckOut(Schema):
    id: str
    created_at: datetime
    streak_days: int
    answers: dict[str, str]
    suggested: str
    tender: list[str] = Field(description="questions whose answers suggest going gently")
    chosen: str | None
    extend_days: int | None


class ReadinessOut(Schema):
    offered: bool = Field(description="the goal is reached: the check is suggested now")
    available: bool = Field(description="the check can be taken now (offered, or asked for after 30 days)")
    questions: list[QuestionOut]
    checks: list[ReadinessCheckOut] = Field(description="earlier checks, newest first")


class ReadinessIn(Schema):
    answers: dict[str, str] = Field(description="one answer per question key; choices by value")


class ChoiceIn(Schema):
    outcome: str = Field(description="not_yet, go_slowly or stay")
    extend_days: int | None = Field(None, description="with not_yet: days to add beyond today's streak")


class ChoiceOut(Schema):
    check: ReadinessCheckOut
    mode: str
    goal_days: int


def _check_out(check: Any) -> ReadinessCheckOut:
    answers = check.answers
    return ReadinessCheckOut(
        id=check.public_id,
        created_at=check.created_at,
        streak_days=check.streak_days,
        answers=answers,
        suggested=check.suggested,
        tender=list(readiness.suggest(answers).tender),
        chosen=check.chosen or None,
        extend_days=check.extend_days,
    )


@router.get("/plans/{plan_id}/readiness", response={200: ReadinessOut, **RESPONSES}, summary="The readiness check")
def get_readiness(request: HttpRequest, plan_id: str) -> ReadinessOut:
    plan = selectors.plan_get(request_user(request), plan_id)
    now = timezone.now()
    services.require_not_safety(plan)
    state = services.availability(plan, selectors.plan_streak(plan, as_of=now))
    return ReadinessOut(
        offered=state.offered,
        available=state.available,
        questions=[
            QuestionOut(key=q.key, text=q.text, options=[OptionOut(value=v, label=lbl) for v, lbl in q.options])
            for q in readiness.QUESTIONS
        ],
        checks=[_check_out(c) for c in services.check_list(plan)],
    )


@router.post(
    "/plans/{plan_id}/readiness", response={201: ReadinessCheckOut, **RESPONSES}, summary="Take the readiness check"
)
def take_readiness(request: HttpRequest, plan_id: str, payload: ReadinessIn) -> Status[Any]:
    plan = selectors.plan_get(request_user(request), plan_id)
    check = services.check_take(plan=plan, answers=payload.answers, now=timezone.now())
    return Status(201, _check_out(check))


@router.post("/readiness/{check_id}/choice", response={200: ChoiceOut, **RESPONSES}, summary="Choose a next step")
def choose(request: HttpRequest, check_id: str, payload: ChoiceIn) -> ChoiceOut:
    check = services.check_get(request_user(request), check_id)
    plan = services.check_choose(
        check=check, outcome=payload.outcome, now=timezone.now(), extend_days=payload.extend_days
    )
    plan.refresh_from_db(fields=["mode", "goal_days"])
    return ChoiceOut(check=_check_out(check), mode=plan.mode, goal_days=plan.goal_days)
