"""What a reader does on a lab page with no Python behind it: charts, controls and quizzes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.site.conftest import ROOT, toc_pages

pytestmark = pytest.mark.site

LAB = "notebooks/lab-00-first-look.html"


def _bar_labels(page) -> list[str]:
    """The accessible labels Vega gives each bar: they carry the values drawn."""
    page.wait_for_selector(".childinfo-chart svg path[aria-label]", timeout=15000)
    return page.eval_on_selector_all(
        ".childinfo-chart svg path[aria-label]",
        "els => els.map(e => e.getAttribute('aria-label'))",
    )


def test_altair_chart_renders_and_its_control_changes_it(visit):
    page = visit(LAB).page
    before = _bar_labels(page)
    assert len(before) == 6, f"expected six bars, one per referral source: {before}"
    assert all(re.search(r"referrals: \d+", label) for label in before)
    page.get_by_label("2023", exact=True).check()
    page.wait_for_function(
        "before => { const els = [...document.querySelectorAll('.childinfo-chart svg path[aria-label]')];"
        " return els.length && els.map(e => e.getAttribute('aria-label')).join('|') !== before; }",
        arg="|".join(before),
    )
    after = _bar_labels(page)
    assert len(after) == 6 and after != before


def _quiz_feedback(page, n: int):
    return page.locator(".childinfo-quiz form").nth(n).locator(".childinfo-feedback")


def test_quiz_gives_feedback_by_mouse(visit):
    page = visit(LAB).page
    form = page.locator(".childinfo-quiz form").first
    feedback = _quiz_feedback(page, 0)
    assert feedback.get_attribute("aria-live") == "polite"
    assert feedback.get_attribute("role") == "status"
    form.get_by_role("button", name="Check answer").click()
    assert feedback.inner_text() == "Choose an answer first."
    form.locator("label").nth(0).click()
    form.get_by_role("button", name="Check answer").click()
    assert feedback.inner_text().startswith("Not quite.")
    form.locator("label").nth(1).click()
    form.get_by_role("button", name="Check answer").click()
    assert feedback.inner_text().startswith("Correct.")


def test_quiz_works_by_keyboard_without_grading_on_arrow_keys(visit):
    page = visit(LAB).page
    form = page.locator(".childinfo-quiz form").nth(1)
    feedback = _quiz_feedback(page, 1)
    first = form.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    page.keyboard.press("ArrowDown")
    assert form.locator("input[type=radio]").nth(1).is_checked()
    assert feedback.inner_text() == "", "moving between options must not grade them"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "keyboard focus must be visible"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Check answer"
    page.keyboard.press("Enter")
    assert feedback.inner_text().startswith("Correct.")


def test_maths_is_typeset_from_the_site_itself(visit):
    # Drawn at build time as SVG (childinfo.course.site.maths): no MathJax loads, nothing is fetched.
    v = visit(LAB)
    formula = v.page.locator(".childinfo-math[role=img]").first
    assert formula.locator("svg").count() == 1
    assert "divided by" in formula.get_attribute("aria-label")
    assert v.page.locator('script[src*="mathjax"]').count() == 0
    assert v.external == []
    assert v.bad_responses == []


def test_no_page_shows_a_widget_that_needs_a_kernel(site: Path):
    for page in toc_pages():
        text = (site / page).read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget-view+json" not in text, page
        assert "application/vnd.jupyter.widget-state+json" not in text, page
        assert "embed-amd.js" not in text, page


def test_notebook_cells_using_ipywidgets_are_kept_off_the_site():
    """The rule behind the test above, checked where authors write it: the notebooks."""
    offenders = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text())["cells"]):
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "ipywidgets" in source:
                if "remove-cell" not in cell.get("metadata", {}).get("tags", []):
                    offenders.append(f"{path.name} cell {i}")
    assert offenders == [], (
        "cells that use ipywidgets must be tagged remove-cell (they need a kernel): "
        + ", ".join(offenders)
    )
