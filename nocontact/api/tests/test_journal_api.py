from __future__ import annotations

import json

import pytest

from nocontact.journal.models import JournalEntry, MoodCheckIn


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_journal_round_trip(api):
    created = post(api, "/api/v1/journal", {"text": "Wrote instead of texting.", "tags": ["Night"], "mood": "calm"})
    assert created.status_code == 201
    entry = created.json()
    assert (entry["text"], entry["tags"], entry["mood"], entry["sealed"]) == (
        "Wrote instead of texting.",
        ["night"],
        "calm",
        False,
    )
    found = api.get("/api/v1/journal", {"q": "texting"}).json()
    assert [e["id"] for e in found] == [entry["id"]]
    assert api.get("/api/v1/journal", {"q": "nothing like it"}).json() == []
    patched = api.patch(
        f"/api/v1/journal/{entry['id']}", data=json.dumps({"text": "Changed."}), content_type="application/json"
    )
    assert patched.json()["text"] == "Changed."
    assert api.delete(f"/api/v1/journal/{entry['id']}").status_code == 204
    assert api.get(f"/api/v1/journal/{entry['id']}").status_code == 404


def test_a_sealed_letter_has_no_text_in_the_api(api):
    letter = post(api, "/api/v1/journal", {"text": "For later.", "sealed_until": "2999-01-01"}).json()
    assert letter["sealed"] is True
    assert letter["text"] is None
    assert letter["tags"] is None
    assert api.get("/api/v1/journal", {"q": "later"}).json() == []


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"text": ""}, 400, "text"),
        ({"text": "x", "mood": "ecstatic"}, 400, "mood"),
        ({"text": "x", "tags": ["y" * 41]}, 400, "tags"),
        ({"text": "x", "sealed_until": "2000-01-01"}, 400, "sealed_until"),
        ({"text": 5}, 422, "text"),
        ({"tags": []}, 422, "text"),
    ],
)
def test_bad_entries_get_the_error_shape(api, body, status, field):
    response = post(api, "/api/v1/journal", body)
    assert response.status_code == status
    assert field in response.json()["error"]["fields"]
    assert not JournalEntry.objects.exists()


def test_mood_check_ins(api):
    created = post(
        api,
        "/api/v1/moods",
        {"feelings": [{"name": "Anxiety", "intensity": 4}, {"name": "oddly hopeful"}], "note": "ok"},
    )
    assert created.status_code == 201
    body = created.json()
    assert [(f["name"], f["words"], f["intensity"]) for f in body["feelings"]] == [
        ("anxiety", "anxiety", 4),
        ("own", "oddly hopeful", 3),
    ]
    assert api.get("/api/v1/moods").json()[0]["note"] == "ok"
    for bad in ({"feelings": []}, {"feelings": [{"name": "anger", "intensity": 7}]}):
        response = post(api, "/api/v1/moods", bad)
        assert response.status_code == 400
        assert set(response.json()) == {"error"}
    assert MoodCheckIn.objects.count() == 1


def test_bob_gets_404_and_sees_nothing(api, bob_api):
    entry = post(api, "/api/v1/journal", {"text": "Alice's words."}).json()
    url = f"/api/v1/journal/{entry['id']}"
    for response in (
        bob_api.get(url),
        bob_api.patch(url, data=json.dumps({"text": "mine"}), content_type="application/json"),
        bob_api.delete(url),
    ):
        assert response.status_code == 404
    assert bob_api.get("/api/v1/journal", {"q": "words"}).json() == []
    assert JournalEntry.objects.count() == 1
