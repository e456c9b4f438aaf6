from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from conftest import page
from nocontact import crypto
from nocontact.accounts.backends import BACKEND
from nocontact.domain.feelings import FEELINGS, make_feeling
from nocontact.errors import ServiceError
from nocontact.journal import selectors, services
from nocontact.journal.models import JournalEntry, MoodCheckIn, MoodFeeling

TODAY = date(2026, 3, 10)
NOON = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def entry(alice):
    return services.entry_create(user=alice, text="I walked by the river.", today=TODAY, tags=["River", "#walk"])


def test_tags_are_cleaned_and_text_is_required(alice):
    e = services.entry_create(user=alice, text="  hello\n", today=TODAY, tags="One, two  #Three one")
    assert e.tags == ["one", "two", "three"]
    for bad in ["", "   ", None, 42]:
        with pytest.raises(ServiceError, match="Write something first"):
            services.entry_create(user=alice, text=bad, today=TODAY)
    with pytest.raises(ServiceError, match="split it"):
        services.entry_create(user=alice, text="x" * 100_001, today=TODAY)
    with pytest.raises(ServiceError, match="Tags are"):
        services.entry_create(user=alice, text="x", today=TODAY, tags=["y" * 41])
    with pytest.raises(ServiceError, match="after today"):
        services.entry_create(user=alice, text="x", today=TODAY, sealed_until=TODAY)
    assert JournalEntry.objects.count() == 1


def test_search_needs_every_word_in_text_or_tags(alice, entry):
    services.entry_create(user=alice, text="A quiet evening.", today=TODAY, tags=["home"])
    assert [e.public_id for e in selectors.entry_search(alice, "RIVER walked", today=TODAY)] == [entry.public_id]
    assert [e.text for e in selectors.entry_search(alice, "home", today=TODAY)] == ["A quiet evening."]
    assert selectors.entry_search(alice, "river evening", today=TODAY) == []
    assert selectors.entry_search(alice, "   ", today=TODAY) == []


def test_bob_never_finds_alices_words(alice, bob, entry):
    assert selectors.entry_search(bob, "river", today=TODAY) == []
    assert selectors.entry_list(bob) == []


def test_a_sealed_letter_stays_closed_until_its_day(alice_client, alice):
    with time_machine.travel(NOON, tick=False):
        response = alice_client.post(
            reverse("journal:entry_create"),
            {"text": "Dear me, in a month: you made it.", "entry_date": "2026-03-10", "sealed_until": "2026-04-09"},
        )
        letter = JournalEntry.objects.get()
        assert response["Location"] == reverse("journal:entry_detail", args=[letter.public_id])
        listing = page(alice_client.get(reverse("journal:list")))
        assert "sealed until 9 April 2026" in listing
        assert "you made it" not in listing
        assert "you made it" not in page(alice_client.get(response["Location"]))
        assert "you made it" not in page(alice_client.post(reverse("journal:list"), {"q": "made"}))
        assert alice_client.get(reverse("journal:entry_edit", args=[letter.public_id])).status_code == 302
    with time_machine.travel(datetime(2026, 4, 9, 8, 0, tzinfo=UTC), tick=False):
        alice_client.force_login(alice, backend=BACKEND)  # a month on
        assert "you made it" in page(alice_client.get(reverse("journal:entry_detail", args=[letter.public_id])))
        assert "you made it" in page(alice_client.post(reverse("journal:list"), {"q": "made"}))


@time_machine.travel(NOON, tick=False)
def test_write_from_a_prompt_then_read_it_back_rendered_safely(alice_client):
    form = alice_client.get(reverse("journal:entry_create"), {"prompt": "unsent_message"})
    assert "The message you won't send" in page(form)
    response = alice_client.post(
        reverse("journal:entry_create"),
        {
            "text": "I **miss** you.\n\n<script>alert('x')</script>\n\n![x](https://tracker.example/p.png)",
            "entry_date": "2026-03-10",
            "prompt": "unsent_message",
            "tags": "night",
            "mood": "sadness",
        },
        follow=True,
    )
    body = page(response)
    raw = response.content.decode()
    assert "<strong>miss</strong>" in raw
    assert "<script>alert" not in raw  # shown as text, never run
    assert "<img" not in raw  # images are off: they would fetch another server
    assert "The message you won't send" in body
    assert "#night" in body
    entry = JournalEntry.objects.get()
    assert entry.prompt == "unsent_message"
    assert entry.mood == "sadness"


@time_machine.travel(NOON, tick=False)
def test_edit_and_delete_for_good(alice_client, entry):
    edit = reverse("journal:entry_edit", args=[entry.public_id])
    assert "I walked by the river." in page(alice_client.get(edit))
    alice_client.post(edit, {"text": "Changed my mind.", "entry_date": "2026-03-09", "tags": ""})
    entry.refresh_from_db()
    assert (entry.text, entry.entry_date, entry.tags) == ("Changed my mind.", date(2026, 3, 9), [])
    alice_client.post(reverse("journal:entry_delete", args=[entry.public_id]))
    assert not JournalEntry.objects.exists()


@time_machine.travel(NOON, tick=False)
def test_mood_check_in_with_several_feelings_and_own_words(alice_client, alice):
    response = alice_client.post(
        reverse("journal:mood"),
        {"f_grief": "4", "f_calm": "2", "own": "strangely light", "own_intensity": "3", "note": "after the walk"},
    )
    assert response.status_code == 302
    checkin = MoodCheckIn.objects.get()
    checkin.user = alice
    assert checkin.note == "after the walk"
    feelings = {(f.name, f.intensity) for f in checkin.feelings.all()}
    assert feelings == {("grief", 4), ("calm", 2), ("own", 3)}
    own = MoodFeeling.objects.get(name="own")
    assert "light" not in own.own_words_encrypted
    assert own.own_words == "strangely light"
    chart = page(alice_client.get(reverse("journal:mood")))
    assert '<svg class="mood-chart"' in chart
    for label in ("grief", "calm", "strangely light"):
        assert f">{label}</text>" in chart
    empty = alice_client.post(reverse("journal:mood"), {"note": "nothing chosen"})
    assert empty.status_code == 400
    assert "at least one feeling" in page(empty)
    assert MoodCheckIn.objects.count() == 1


def test_each_feeling_is_one_row_of_strengths_with_nothing_chosen(alice_client):
    html = page(alice_client.get(reverse("journal:mood")))
    assert "<select" not in html
    assert html.count('type="radio" name="f_grief"') == 5
    assert html.count('type="radio" name="own_intensity"') == 5
    assert "checked" not in html
    assert "<legend>Loneliness</legend>" in html


def test_wrong_input_on_the_check_in_is_explained_and_nothing_typed_is_lost(alice_client):
    mood = reverse("journal:mood")
    tampered = alice_client.post(mood, {"f_grief": "9", "f_calm": "2", "note": "a long day"})
    body = page(tampered)
    assert tampered.status_code == 400
    assert "Grief: Choose how strong it is with one of the numbers, 1 to 5." in body
    assert 'href="#id_f_grief_0"' in body  # the summary leads to the row
    assert 'name="f_calm" value="2" id="id_f_calm_1" checked' in body  # what she chose stays chosen
    assert "a long day</textarea>" in body

    unknown = alice_client.post(mood, {"f_jealousy": "4", "f_calm": "2"})
    assert unknown.status_code == 400
    assert "This page doesn't offer “jealousy”" in page(unknown)

    no_words = alice_client.post(mood, {"own_intensity": "4", "f_calm": "2", "f_hope": "x"})
    assert no_words.status_code == 400
    summary = page(no_words)
    assert "add the feeling in your own words too" in summary
    assert summary.index("Hope: Choose how strong") < summary.index("add the feeling in your own words")  # top down

    colon = alice_client.post(mood, {"own": "tired: very", "own_intensity": "4"})
    assert colon.status_code == 400
    assert "without a colon" in page(colon)
    assert "1 to :5" not in page(colon)  # the command line's way of writing it stays there
    assert 'value="tired: very"' in page(colon)

    too_many = alice_client.post(mood, {f"f_{f}": "1" for f in FEELINGS[:9]})
    assert too_many.status_code == 400
    assert "at most 8 feelings" in page(too_many)
    assert not MoodCheckIn.objects.exists()


def test_quick_check_in_from_the_dashboard(alice_client, alice_plan):
    dash = page(alice_client.get(reverse("plans:dashboard")))
    assert 'name="feeling" value="loneliness"' in dash
    response = alice_client.post(
        reverse("journal:mood_quick"), {"feeling": "loneliness", "intensity": "5"}, follow=True
    )
    assert "Thank you for checking in." in page(response)
    assert MoodFeeling.objects.get().intensity == 5
    alice_client.post(reverse("journal:mood_quick"), {"feeling": "made up", "intensity": "5"})
    alice_client.post(reverse("journal:mood_quick"), {"feeling": "calm", "intensity": "9"})
    assert MoodCheckIn.objects.count() == 1


def test_the_chart_groups_by_day_then_by_week(alice):
    alice.date_joined = datetime(2025, 1, 1, tzinfo=UTC)
    alice.save()
    for day, intensity in [(1, 2), (1, 4), (5, 5)]:
        at = datetime(2026, 3, day, 12, tzinfo=UTC)
        services.checkin_create(user=alice, feelings=[make_feeling("anxiety", intensity)], at=at)
    days = selectors.mood_chart(alice, now=NOON, weeks=4)
    assert days.bucket_days == 1
    assert len(days.buckets) == 28
    values = dict(zip(days.buckets, days.rows[0].values, strict=True))
    assert values[date(2026, 3, 1)] == 3.0
    assert values[date(2026, 3, 5)] == 5.0
    assert values[date(2026, 3, 2)] is None
    weeks = selectors.mood_chart(alice, now=NOON, weeks=26)
    assert weeks.bucket_days == 7
    assert len(weeks.buckets) == 26
    assert [v for v in weeks.rows[0].values if v is not None] in ([3.0, 5.0], [3.7])


@time_machine.travel(NOON, tick=False)
def test_the_chart_starts_when_the_person_did_and_names_each_week_by_its_days(alice_client, alice):
    alice.date_joined = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    alice.save()
    services.checkin_create(user=alice, feelings=[make_feeling("anxiety", 4)], at=NOON)
    days = selectors.mood_chart(alice, now=NOON, weeks=4)
    assert days.buckets == (date(2026, 3, 8), date(2026, 3, 9), TODAY)  # no empty weeks before she began
    body = page(alice_client.get(reverse("journal:mood")))
    assert ">8 Mar</text>" in body
    assert ">10 Mar</text>" in body
    assert "<title>anxiety: 4, 10 Mar</title>" in body
    months = page(alice_client.get(reverse("journal:mood") + "?range=months"))
    assert "<title>anxiety: 4, 4–10 Mar</title>" in months  # a week, by its days: not "4 Mar", a day she never wrote
    assert ">4–10 Mar</text>" in months
    # a check-in brought from before the account began (a restored backup) keeps its place
    services.checkin_create(user=alice, feelings=[make_feeling("calm", 2)], at=datetime(2026, 2, 1, 12, tzinfo=UTC))
    assert selectors.mood_chart(alice, now=NOON, weeks=26).buckets[0] == date(2026, 1, 28)


def test_a_journal_ciphertext_moved_between_rows_or_users_does_not_open(alice, bob, entry):
    other = services.entry_create(user=alice, text="Second.", today=TODAY)
    JournalEntry.objects.filter(pk=other.pk).update(text_encrypted=entry.text_encrypted)
    with pytest.raises(crypto.DecryptionError):
        _ = selectors.entry_get(alice, other.public_id).text
    bobs = services.entry_create(user=bob, text="Bob's.", today=TODAY)
    JournalEntry.objects.filter(pk=bobs.pk).update(text_encrypted=entry.text_encrypted, tags_encrypted="")
    with pytest.raises(crypto.DecryptionError):
        _ = selectors.entry_get(bob, bobs.public_id).text


ROUTES = [
    ("get", "journal:entry_detail"),
    ("get", "journal:entry_edit"),
    ("post", "journal:entry_edit"),
    ("post", "journal:entry_delete"),
]


@pytest.mark.parametrize(("method", "name"), ROUTES)
def test_bob_gets_404_on_alices_entries(bob_client, entry, method, name):
    url = reverse(name, args=[entry.public_id])
    response = bob_client.post(url, {"text": "mine now"}) if method == "post" else bob_client.get(url)
    assert response.status_code == 404
    assert "river" not in page(response)
    assert JournalEntry.objects.get(pk=entry.pk).text_encrypted == entry.text_encrypted


@pytest.mark.parametrize("name", ["journal:list", "journal:entry_create", "journal:mood"])
def test_anonymous_is_sent_to_log_in(client, db, name):
    assert client.get(reverse(name))["Location"].startswith(reverse("accounts:login"))


def test_bobs_journal_and_mood_pages_show_nothing_of_alices(bob_client, alice, entry):
    services.checkin_create(user=alice, feelings=[make_feeling("alice-only words")], at=NOON)
    assert "river" not in page(bob_client.get(reverse("journal:list")))
    assert "alice-only" not in page(bob_client.get(reverse("journal:mood")))


def test_a_milestone_day_suggests_looking_ahead(alice_client, alice, now):
    from datetime import timedelta

    from nocontact.plans.services import plan_create

    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        plan_create(
            user=alice,
            name="Sam",
            started_at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
            tz="UTC",
            now=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        )
        alice_client.force_login(alice, backend=BACKEND)
        assert "Write: three months from now" in page(alice_client.get(reverse("journal:list")))  # day 7
    with time_machine.travel(datetime(2026, 3, 11, 12, 0, tzinfo=UTC) + timedelta(hours=0), tick=False):
        assert "three months from now" not in page(alice_client.get(reverse("journal:list"))).split("Write freely")[0]


def test_right_after_a_pause_the_journal_suggests_the_unsent_message(alice_client, alice):
    from nocontact.urges.services import urge_record

    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        alice_client.force_login(alice, backend=BACKEND)
        assert "Write: the message you won't send" not in page(alice_client.get(reverse("journal:list")))
        urge_record(
            user=alice,
            key="k-journal01",
            started_at=datetime(2026, 3, 10, 11, 30, tzinfo=UTC),
            outcome="passed",
            now=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        )
        assert "Write: the message you won't send" in page(alice_client.get(reverse("journal:list")))
