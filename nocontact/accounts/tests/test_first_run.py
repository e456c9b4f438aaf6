"""Issue 22: after sign-up, three short screens (what counts, how the days are counted, where the pause is),
each one skippable, in neutral words in discreet mode."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

FORBIDDEN = re.compile(r"\b(contact|ex|urge|safety)\b", re.IGNORECASE)


def _words(html: str) -> str:
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_the_welcome_page_leads_to_the_three_screens_or_straight_to_a_plan(alice_client):
    html = alice_client.get(reverse("accounts:welcome")).content.decode()
    assert f'href="{reverse("accounts:first_run")}"' in html
    assert f'href="{reverse("plans:plan_create")}"' in html


@pytest.mark.parametrize(
    ("step", "heading"),
    [("1", "What counts as contact"), ("2", "How the days are counted"), ("3", "When the urge comes")],
)
def test_each_screen_says_one_thing_and_can_be_skipped(alice_client, step, heading):
    html = alice_client.get(reverse("accounts:first_run"), {"step": step}).content.decode()
    assert f'<h1 id="step-title">{heading}</h1>' in html
    assert f"{step} of 3" in _words(html)
    assert f'href="{reverse("plans:plan_create")}"' in html  # Skip, or on the last screen: the first plan
    if step == "3":
        assert "Start my first plan" in html
        assert 'href="?step=4"' not in html
    else:
        assert f'href="?step={int(step) + 1}"' in html


def test_the_days_screen_says_a_slip_takes_nothing_away(alice_client):
    words = _words(alice_client.get(reverse("accounts:first_run"), {"step": "2"}).content.decode())
    assert "Every day you kept before stays in your history" in words


@pytest.mark.parametrize("step", ["0", "9", "two", ""])
def test_a_step_out_of_range_shows_the_nearest_screen(alice_client, step):
    answer = alice_client.get(reverse("accounts:first_run"), {"step": step})
    assert answer.status_code == 200
    assert 'id="step-title"' in answer.content.decode()


@pytest.mark.parametrize("step", ["1", "2", "3"])
def test_in_discreet_mode_the_screens_use_neutral_words(alice, alice_client, step):
    alice.discreet = True
    alice.save(update_fields=["discreet"])
    words = _words(alice_client.get(reverse("accounts:first_run"), {"step": step}).content.decode())
    assert not FORBIDDEN.findall(words), words
