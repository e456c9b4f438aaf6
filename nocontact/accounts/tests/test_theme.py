"""Light or dark: the pages follow the device until the person chooses, and the choice reaches every page."""

from __future__ import annotations

from django.urls import reverse

from conftest import page
from nocontact.accounts.models import User


def test_pages_follow_the_device_until_a_choice_is_saved(alice_client, alice):
    assert "data-theme" not in page(alice_client.get(reverse("plans:dashboard")))

    saved = alice_client.post(reverse("accounts:theme"), {"theme": "dark"}, follow=True)
    assert "The pages now look the way you chose" in page(saved)
    for name in ("plans:dashboard", "urges:pause", "accounts:settings"):
        assert '<html lang="en" data-theme="dark">' in page(alice_client.get(reverse(name))), name
    assert 'value="dark" id="id_theme_2" checked' in page(alice_client.get(reverse("accounts:settings")))

    alice_client.post(reverse("accounts:theme"), {"theme": ""})
    assert "data-theme" not in page(alice_client.get(reverse("plans:dashboard")))


def test_a_choice_that_does_not_exist_is_refused_and_nothing_changes(alice_client, alice):
    alice_client.post(reverse("accounts:theme"), {"theme": "light"})
    refused = alice_client.post(reverse("accounts:theme"), {"theme": "sepia" * 100})
    assert refused.status_code == 400
    assert "Please choose light, dark, or to follow this device." in page(refused)
    assert User.objects.get(pk=alice.pk).theme == "light"


def test_one_persons_choice_is_not_anothers(alice_client, bob_client):
    alice_client.post(reverse("accounts:theme"), {"theme": "dark"})
    assert "data-theme" not in page(bob_client.get(reverse("plans:dashboard")))
