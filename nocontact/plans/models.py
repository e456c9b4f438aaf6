"""Plans and the contact log. Figures are derived from the log; the one count kept (PlanTally) is a cache of it."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower

from nocontact import crypto
from nocontact.accounts.models import User
from nocontact.domain.contacts import Channel, Direction, Mode
from nocontact.ids import new_public_id
from nocontact.plans.slips import CAN_BE_SLIP, OWN_INDIRECT, PERMITTED

MODE_CHOICES = [
    (Mode.STRICT.value, "Strict no contact"),
    (Mode.MINIMAL.value, "Minimal contact, with boundaries"),
    (Mode.SAFETY.value, "Safety: no contact for my safety"),
]
CHANNEL_CHOICES = [
    (Channel.CALL.value, "Call"),
    (Channel.TEXT.value, "Text message"),
    (Channel.MESSAGE.value, "Direct message or chat app"),
    (Channel.SOCIAL.value, "Like, reaction or comment"),
    (Channel.IN_PERSON.value, "In person"),
    (Channel.VIA_FRIEND.value, "Asked a mutual friend about them"),
    (Channel.CHECKED_PROFILE.value, "Looked at their profile or stories"),
]
DIRECTION_CHOICES = [
    (Direction.OUTGOING.value, "I reached out"),
    (Direction.INCOMING.value, "They reached out, I didn't answer"),
    (Direction.BOTH.value, "We were in touch (a conversation, or I answered)"),
]


class Plan(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="plans")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name = models.CharField(max_length=80)
    mode = models.CharField(max_length=10, choices=MODE_CHOICES, default=Mode.STRICT.value)
    started_at = models.DateTimeField()
    goal_days = models.PositiveIntegerField(default=30)
    reason_encrypted = models.TextField(blank=True, default="")
    tz = models.CharField(max_length=64, default="UTC")
    count_indirect = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint("user", Lower("name"), name="plan_name_unique_per_user"),
        ]

    def __str__(self) -> str:
        return self.name

    reason = crypto.Encrypted(table="plan")


class Contact(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contacts")
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    at = models.DateTimeField()
    # Derived from ``at`` in the plan's time zone, kept so the database can group by day.
    local_date = models.DateField()
    channel = models.CharField(max_length=20, choices=CHANNEL_CHOICES)
    direction = models.CharField(max_length=10, choices=DIRECTION_CHOICES)
    permitted = models.BooleanField(default=False)
    # Outside the agreed boundaries. With permitted, it was necessary (the note says why).
    strayed = models.BooleanField(default=False)
    note_encrypted = models.TextField(blank=True, default="")
    # Imported entries: their batch (undone together), a key that makes re-importing add nothing twice,
    # and for calls how long they lasted and whether they were answered.
    batch = models.ForeignKey(
        "imports.ImportBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    import_key = models.CharField(max_length=32, blank=True, default="")
    call_seconds = models.PositiveIntegerField(null=True, blank=True)
    answered = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "import_key"], condition=~models.Q(import_key=""), name="contact_import_once"
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "at"], name="contact_plan_at"),
            # Only the user's own, unpermitted contact: the rows that can be slips. The figures read
            # these, so their cost follows the number of slips, not the size of the log. The channel is
            # in the index too (whether indirect contact counts is the plan's choice), so the figures
            # read the index alone: no table lookup per slip (2,000 slips: 0.7 ms instead of 4.1 ms).
            models.Index(
                fields=["plan", "local_date", "at", "channel"],
                name="contact_slip_days",
                condition=CAN_BE_SLIP,  # both conditions come from the one definition: plans/slips.py
            ),
            models.Index(
                fields=["plan", "at"],
                name="contact_own_indirect",
                condition=OWN_INDIRECT,
            ),
            # Contact inside a minimal plan's boundaries: what its count reads, from the index alone (the
            # column is there so that SQLite needs no table lookup: 37,000 entries on a busy machine, 5.3 ms
            # instead of 8.9).
            models.Index(fields=["plan", "at", "permitted"], name="contact_permitted", condition=PERMITTED),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.direction} at {self.at:%Y-%m-%d %H:%M}"

    note = crypto.Encrypted(table="contact", owner="plan.user")


class PlanTally(models.Model):
    """What the dashboard would otherwise count in a plan's whole log on every visit, kept with the log's version.

    Every write to a plan's log moves ``version`` on, in the same transaction (plans/tally.py). The count
    is trusted only while ``counted`` equals ``version``: it was taken in a snapshot of the log at that
    version. Nothing here is ever the only copy of anything; deleting every row loses nothing."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, primary_key=True, related_name="tally")
    version = models.PositiveBigIntegerField(default=1)
    counted = models.PositiveBigIntegerField(default=0)
    permitted = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"tally of plan {self.plan_id} at version {self.version}"
