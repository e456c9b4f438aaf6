from datetime import datetime

import pytest

from nocontact.domain.feelings import OWN, BadFeeling, parse_feeling
from nocontact.domain.prompts import (
    FEELING_NOW,
    PROMPT_KEYS,
    THREE_MONTHS,
    UNSENT_MESSAGE,
    suggest_prompt,
)


@pytest.mark.parametrize(
    ("text", "name", "intensity", "own"),
    [
        ("anxiety", "anxiety", 3, ""),
        ("Anxiety:4", "anxiety", 4, ""),
        (" calm : 1 ", "calm", 1, ""),
        ("numb", OWN, 3, "numb"),
        ("weirdly okay:5", OWN, 5, "weirdly okay"),
    ],
)
def test_parse_feeling(text, name, intensity, own):
    feeling = parse_feeling(text)
    assert (feeling.name, feeling.intensity, feeling.own_words) == (name, intensity, own)


@pytest.mark.parametrize("text", ["", "   ", "anger:0", "anger:6", "anger:-1", ":3", "x" * 41])
def test_parse_feeling_refuses_the_rest(text):
    with pytest.raises(BadFeeling):
        parse_feeling(text)


def test_prompts_suit_the_moment():
    noon = datetime(2026, 3, 2, 12, 0)
    assert suggest_prompt(local_now=noon, after_urge=True) == UNSENT_MESSAGE
    assert suggest_prompt(local_now=datetime(2026, 3, 2, 23, 30)) == FEELING_NOW
    assert suggest_prompt(local_now=datetime(2026, 3, 2, 3, 0)) == FEELING_NOW
    assert suggest_prompt(local_now=noon, milestone_today=True) == THREE_MONTHS
    days = {suggest_prompt(local_now=noon.replace(day=d)) for d in range(1, 15)}
    assert len(days) > 3
    assert days <= set(PROMPT_KEYS)
