"""Instructor notes are folded away for learners; a remembered "Trainer view" switch shows them."""

from __future__ import annotations

import pytest

from tests.site.test_pages import run_axe

pytestmark = pytest.mark.site
UNIT = "chapters/unit-02-categories-hide-needs.html"


def _notes_visible(page) -> list[bool]:
    return page.evaluate(
        "() => [...document.querySelectorAll('div.instructor-note')]"
        ".map(n => n.offsetParent !== null)"
    )


def test_notes_are_folded_away_until_the_switch_is_pressed_and_it_is_remembered(visit):
    v = visit(UNIT)
    page = v.page
    assert _notes_visible(page) and not any(_notes_visible(page))
    switch = page.get_by_role("button", name="Trainer view")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.focus()
    page.keyboard.press("Enter")  # keyboard only
    assert all(_notes_visible(page)) and switch.get_attribute("aria-pressed") == "true"
    assert "shown" in page.locator("[aria-live]").first.text_content()
    page.reload(wait_until="networkidle")
    assert all(_notes_visible(page)), "the trainer view was not remembered"
    page.get_by_role("button", name="Trainer view").press("Space")
    page.reload(wait_until="networkidle")
    assert not any(_notes_visible(page))
    assert v.console_errors == [] and run_axe(page) == []


def test_the_collected_instructor_notes_always_show(visit):
    page = visit("chapters/instructor-notes.html").page
    assert _notes_visible(page) and all(_notes_visible(page))
    assert page.get_by_role("button", name="Trainer view").count() == 0


def test_the_framework_page_has_the_diagram_with_a_text_version(visit):
    page = visit("chapters/framework.html").page
    svg = page.locator("svg.childinfo-framework")
    assert svg.count() == 1 and svg.get_attribute("role") == "img"
    assert page.get_by_text("Text version of the diagram").count() == 1
    name = "The Children's Information Project framework"
    assert page.get_by_role("img", name=name).count() == 1
