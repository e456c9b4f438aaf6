"""The readiness check: offered after the goal, never in a safety plan. The web, API and CLI call these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from nocontact import messages
from nocontact.domain import readiness
from nocontact.domain.contacts import Mode
from nocontact.domain.figures import Streak
from nocontact.errors import ServiceError
from nocontact.plans import selectors as plan_selectors
from nocontact.plans import services as plan_services
from nocontact.plans.models import Plan
from nocontact.readiness.models import ReadinessCheck

EXTEND_MAX = 365


@dataclass(frozen=True)
class Availability:
    offered: bool  # suggested now: the goal is reached
    available: bool  # can be taken now: offered, or asked for after 30 days
    safety: bool


def availability(plan: Plan, streak: Streak) -> Availability:
    safety = plan.mode == Mode.SAFETY.value
    days = streak.current_streak_days
    return Availability(
        offered=readiness.offered(safety=safety, goal_reached=streak.goal_reached, days_since_start=days),
        available=readiness.offered(
            safety=safety, goal_reached=streak.goal_reached, days_since_start=days, requested=True
        ),
        safety=safety,
    )


def require_not_safety(plan: Plan) -> None:
    if plan.mode == Mode.SAFETY.value:
        raise ServiceError(messages.READINESS_NOT_OFFERED_SAFETY, code="not_offered")


def require_available(plan: Plan, now: datetime) -> Streak:
    """The plan's streak, if the check may be taken now; otherwise a gentle refusal."""
    require_not_safety(plan)
    streak = plan_selectors.plan_streak(plan, as_of=now)
    if not availability(plan, streak).available:
        raise ServiceError(
            messages.READINESS_NOT_YET_OFFERED.format(days=readiness.ON_REQUEST_AFTER_DAYS), code="not_offered"
        )
    return streak


def check_take(*, plan: Plan, answers: Mapping[str, object], now: datetime) -> ReadinessCheck:
    streak = require_available(plan, now)
    try:
        cleaned = readiness.clean_answers(answers)
    except readiness.BadAnswers as exc:
        raise ServiceError(messages.READINESS_ANSWER_ALL, field=exc.key or None) from None
    suggestion = readiness.suggest(cleaned)
    check = ReadinessCheck(
        plan=plan, created_at=now, streak_days=streak.current_streak_days, suggested=suggestion.outcome.value
    )
    check.answers = cleaned
    check.save()
    return check


def check_choose(*, check: ReadinessCheck, outcome: str, now: datetime, extend_days: int | None = None) -> Plan:
    """Act on the person's choice. Not yet: the goal moves N days past today's streak, and the check is
    offered again when it is reached. Go slowly: the plan becomes minimal contact. Stay: nothing changes."""
    plan = check.plan
    streak = require_available(plan, now)  # refused if the plan became a safety plan since
    try:
        chosen = readiness.Outcome(outcome)
    except ValueError:
        raise ServiceError(messages.READINESS_BAD_CHOICE, field="outcome") from None
    changes: dict[str, object] = {}
    if chosen is readiness.Outcome.NOT_YET:
        if isinstance(extend_days, bool) or not isinstance(extend_days, int) or not 1 <= extend_days <= EXTEND_MAX:
            raise ServiceError(messages.READINESS_EXTEND_RANGE.format(max=EXTEND_MAX), field="extend_days")
        changes["goal_days"] = min(streak.current_streak_days + extend_days, plan_services.GOAL_MAX)
    elif chosen is readiness.Outcome.GO_SLOWLY:
        changes["mode"] = Mode.MINIMAL.value
    if changes:
        plan_services.plan_update(plan=plan, now=now, **changes)
    check.chosen = chosen.value
    check.extend_days = extend_days if chosen is readiness.Outcome.NOT_YET else None
    check.chosen_at = now
    check.save(update_fields=["chosen", "extend_days", "chosen_at"])
    return plan


def check_list(plan: Plan) -> list[ReadinessCheck]:
    checks = list(ReadinessCheck.objects.filter(plan=plan))
    for check in checks:
        check.plan = plan
    return checks


def check_get(user: object, public_id: str) -> ReadinessCheck:
    from django.shortcuts import get_object_or_404

    check = get_object_or_404(ReadinessCheck.objects.select_related("plan"), plan__user=user, public_id=public_id)
    check.plan.user = user  # type: ignore[assignment]
    return check


def comparison(checks: list[ReadinessCheck], *, discreet: bool = False) -> list[tuple[str, list[str]]]:
    """Each question with the answers given over time, newest first, in the person's own words."""
    answers = [c.answers for c in checks]
    return [
        (q.shown(discreet), [readiness.label(q.key, a.get(q.key, "")) if a.get(q.key) else "—" for a in answers])
        for q in readiness.QUESTIONS
    ]
