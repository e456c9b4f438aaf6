"""{% url %} with remembered answers gives exactly what Django's own tag gives."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from nocontact.fragments import render_once


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_every_template_uses_the_remembered_tag():
    node = engines["django"].from_string("{% url 'web:home' %}").template.nodelist[0]
    assert type(node).__name__ == "RememberedURLNode"


@pytest.mark.parametrize(
    ("source", "name", "args", "kwargs"),
    [
        ("{% url 'web:home' %}", "web:home", [], {}),
        ("{% url 'plans:plan_detail' pid %}", "plans:plan_detail", ["Ab12cd34Ef56"], {}),
        ("{% url 'plans:plan_detail' public_id=pid %}", "plans:plan_detail", [], {"public_id": "Ab12cd34Ef56"}),
        ("{% url name pid %}", "safety:log", ["Ab12cd34Ef56"], {}),
    ],
)
def test_it_gives_what_reverse_gives(source, name, args, kwargs):
    expected = reverse(name, args=args, kwargs=kwargs)
    assert render(source, pid="Ab12cd34Ef56", name="safety:log") == expected
    assert render(source, pid="Ab12cd34Ef56", name="safety:log") == expected  # remembered, still the same


def test_different_arguments_give_different_addresses():
    assert render("{% url 'plans:plan_detail' pid %}", pid="first1") != render(
        "{% url 'plans:plan_detail' pid %}", pid="second2"
    )


def test_it_escapes_and_stores_like_djangos_tag():
    assert render("{% url 'plans:plan_detail' pid %}", pid="a&b") == reverse("plans:plan_detail", args=["a&b"]).replace(
        "&", "&amp;"
    )
    assert render("{% url 'plans:plan_detail' pid as there %}[{{ there }}]", pid="xyz") == (
        f"[{reverse('plans:plan_detail', args=['xyz'])}]"
    )


def test_an_unknown_name_fails_loudly_unless_stored():
    with pytest.raises(NoReverseMatch):
        render("{% url 'nowhere' %}")
    assert render("{% url 'nowhere' as there %}[{{ there }}]") == "[]"


def test_an_app_mounted_under_a_prefix_gets_prefixed_addresses():
    plain = render("{% url 'web:home' %}")
    try:
        set_script_prefix("/mounted/")
        assert render("{% url 'web:home' %}") == "/mounted/"
    finally:
        set_script_prefix("/")
    assert render("{% url 'web:home' %}") == plain == "/"


def test_objects_other_than_strings_and_numbers_are_reversed_afresh():
    class Id:
        def __str__(self) -> str:
            return "fromobject"

    assert render("{% url 'plans:plan_detail' pid %}", pid=Id()) == reverse("plans:plan_detail", args=["fromobject"])


def test_fixed_fragments_are_rendered_once_and_follow_template_edits_in_debug(settings, tmp_path):
    first = render_once("journal/_mood_choices.html", feelings=("calm",), intensities=(1, 2), default=2)
    assert 'value="calm"' in first
    assert "Calm" in first
    assert 'value="2" checked' in first
    assert render_once("journal/_mood_choices.html", feelings=("calm",), intensities=(1, 2), default=2) is first
    settings.DEBUG = True
    assert render_once("journal/_mood_choices.html", feelings=("calm",), intensities=(1, 2), default=2) is not first


def test_the_url_tag_still_parses_like_djangos():
    engine = Engine(builtins=["nocontact.web.templatetags.remembered_url"])
    with pytest.raises(Exception, match="takes at least one argument"):
        engine.from_string("{% url %}")
    assert engine.from_string("{% url 'web:home' %}").render(Context()) == "/"
