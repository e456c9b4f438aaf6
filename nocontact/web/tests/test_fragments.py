"""Fragments that depend only on constants are rendered once per process."""

from __future__ import annotations

from nocontact.fragments import render_once


def test_fixed_fragments_are_rendered_once_and_follow_template_edits_in_debug(settings):
    first = render_once("journal/_mood_choices.html", feelings=("calm",), intensities=(1, 2), default=2)
    assert 'value="calm"' in first
    assert "Calm" in first
    assert 'value="2" checked' in first
    assert render_once("journal/_mood_choices.html", feelings=("calm",), intensities=(1, 2), default=2) is first
    settings.DEBUG = True
    assert render_once("journal/_mood_choices.html", feelings=("calm",), intensities=(1, 2), default=2) is not first
