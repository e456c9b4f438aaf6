"""Background tasks: run by `nocontact worker`, or by the worker inside `nocontact serve`."""

from __future__ import annotations

import logging

from django_tasks import task

from nocontact import messages

log = logging.getLogger("nocontact.alerts")


class AlertNotSent(RuntimeError):
    pass


@task()
def send_alert(person_id: int) -> bool:
    """Tell one trusted person that a friend could use a call. Neutral words only: no names, no journal text."""
    from nocontact.urges import alerts
    from nocontact.urges.models import SupportPerson

    person = (
        SupportPerson.objects.select_related("user")
        .filter(pk=person_id, alert_on_pause=True)
        .exclude(notify_url_encrypted="")
        .first()
    )
    if person is None:
        return False  # removed, or alerts turned off, since this was queued
    # Discreet mode: words that say nothing about the app, for e-mail subjects and lock screens alike.
    discreet = person.user.discreet
    default = messages.SUPPORT_DEFAULT_MESSAGE_DISCREET if discreet else messages.SUPPORT_DEFAULT_MESSAGE
    title = messages.ALERT_TITLE_DISCREET if discreet else messages.ALERT_TITLE
    body = person.message or default
    if discreet and body == messages.SUPPORT_DEFAULT_MESSAGE:
        body = default  # the ordinary default, typed in as the form shows it, reads neutrally too
    try:
        alerts.deliver(person.notify_url, title=title, body=body)
    except alerts.PrivateTarget:
        log.warning("An alert address points to a private or local address; the alert was not sent.")
        raise AlertNotSent("the alert address points to a private or local address") from None
    except alerts.NotDelivered:
        # Raising marks the task failed in the database, where an operator can see it.
        log.warning("An alert to a support person could not be delivered.")
        raise AlertNotSent("the notification service did not accept the alert") from None
    return True
