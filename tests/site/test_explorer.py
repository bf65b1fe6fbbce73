"""The Brackenfold explorer page in Chromium: it shows exactly what the toolkit publishes.

For a sample of views chosen through the form, the table on the page is compared cell for cell
with :func:`childinfo.toolkit.disclosure.publish_table` run here on the same counts; then a
keyboard-only walk, the page from ``file://`` with no other host, and axe at desktop and phone
widths in light and dark mode.
"""

from __future__ import annotations

import json
import random

import pytest

from childinfo.course.explorer import (
    FAMILIES,
    FIELDS,
    View,
    all_views,
    explorer_data,
    view_counts,
    view_key,
)
from childinfo.toolkit.disclosure import SHOWN_IF_SAFE, THRESHOLD, publish_table
from tests.site.test_pages import run_axe

pytestmark = pytest.mark.site

PAGE = "chapters/explore-brackenfold.html"
SUMMARY = ".childinfo-explorer-summary"
RESULTS = ".childinfo-explorer-results"


def _sample() -> list[View]:
    """Thirty views at random (the same every run), every two-way view of one family, and two
    two-way views asked for the other way round (columns first)."""
    views = all_views()
    picked = random.Random(2026).sample(views, 30)
    picked += [v for v in views if v.family == "cpp" and v.cols]
    picked += [View("cic", "sex", "age"), View("referrals", "deprivation", "source")]
    return list(dict.fromkeys(picked))


def _choose(page, view: View) -> None:
    family = next(f for f in FAMILIES if f.key == view.family)
    page.select_option("#cx-family", label=family.label)
    page.select_option("#cx-rows", value=view.rows)
    page.select_option("#cx-cols", value=view.cols or "")
    page.select_option("#cx-where", value=f"{view.where}={view.value}" if view.where else "")


def _shown(page, n: int) -> list[list[str]]:
    """The n-th results table: header row, then every body row, as text."""
    return page.eval_on_selector(
        f"{RESULTS} table:nth-of-type({n})",
        "t => [...t.rows].map(r => [...r.cells].map(c => c.textContent))",
    )


def _expected(view: View) -> list[list[str]]:
    """The toolkit's published table for the view (zeros shown where that is safe)."""
    stored = View(view.family, view.cols, view.rows) if view not in set(all_views()) else view
    published = publish_table(view_counts(stored), THRESHOLD, zeros=SHOWN_IF_SAFE)
    if stored != view:  # kept the other way round: the page turns the same published table
        published = published.T
    head = [FIELDS[view.rows].label, *map(str, published.columns)]
    body = [[str(r), *map(str, row)] for r, row in zip(published.index, published.to_numpy())]
    return [head, *body]


def test_every_sampled_view_is_publish_table_cell_for_cell(visit):
    page = visit(PAGE).page
    views = explorer_data()["views"]
    # Every view that hides its zeros (the data decide which), so the summary is checked on them.
    sample = _sample() + [v for v in all_views() if views[view_key(v)]["z"]]
    assert len(sample) >= 30
    hidden = 0
    for view in sample:
        _choose(page, view)
        shown = [[cell.replace(",", "") for cell in row] for row in _shown(page, 1)]
        assert shown == _expected(view), view
        hidden += sum(row.count("c") for row in shown)
        stored = view if view in set(all_views()) else View(view.family, view.cols, view.rows)
        says_zeros = "Zeros are hidden too" in page.inner_text(SUMMARY)
        assert says_zeros == views[view_key(stored)]["z"], view
        caption = page.inner_text(f"{RESULTS} table:nth-of-type(1) caption")
        assert FIELDS[view.rows].label.lower() in caption.lower(), caption
        if view.where:
            assert FIELDS[view.where].label.lower() in caption.lower(), caption
        rates = _shown(page, 2)
        assert [len(r) for r in rates] == [len(r) for r in shown]
        for count_row, rate_row in zip(shown[1:], rates[1:]):
            assert [c == "c" for c in count_row] == [r == "c" for r in rate_row]
    assert hidden > 0, "the sample never met a hidden cell"


def test_the_page_holds_every_view_and_no_small_count(visit):
    page = visit(PAGE).page
    data = json.loads(page.text_content("#childinfo-explorer-data"))
    assert data["threshold"] == THRESHOLD
    assert len(data["views"]) == len(all_views())
    small = [
        key
        for key, view in data["views"].items()
        for row in view["n"]
        for n in row
        if isinstance(n, int) and 1 <= n < THRESHOLD
    ]
    assert small == []


def test_keyboard_alone_walks_the_form_and_reaches_the_results(visit):
    page = visit(PAGE).page
    summary = page.locator(SUMMARY)
    assert summary.get_attribute("aria-live") == "polite"
    assert summary.get_attribute("role") == "status"
    page.focus("#cx-family")
    page.keyboard.press("ArrowDown")  # the second table
    assert FAMILIES[1].label in summary.inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "cx-rows"
    page.keyboard.press("ArrowDown")
    rows = page.evaluate("() => document.activeElement.value")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the first second field
    cols = page.eval_on_selector("#cx-cols", "s => s.value")
    assert cols and cols != rows
    assert FIELDS[cols].label.lower() in summary.inner_text().lower()
    assert page.locator(f"{RESULTS} table").count() == 2
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # keep one group: the second field goes back to none
    assert page.eval_on_selector("#cx-cols", "s => s.value") == ""
    assert "; only " in summary.inner_text()
    page.keyboard.press("Tab")  # the summary is read out, not focused: next is the results box
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('role'),"
        " document.activeElement.getAttribute('aria-label')]"
    )
    assert focused[0] == "childinfo-explorer-results" and focused[1] == "region" and focused[2]
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_it_works_from_file_with_no_other_host(site, browser):
    context = browser.new_context()
    page = context.new_page()
    other = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:", "blob:")) else other.append(r.url),
    )
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site / PAGE).as_uri())
    page.wait_for_selector(f"{RESULTS} table")
    _choose(page, View("cic", "age", "sex"))
    assert page.locator(f"{RESULTS} table").count() == 2
    assert other == [] and errors == []
    context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_nothing_with_a_wide_table_shown(visit, width, mode):
    v = visit(PAGE, viewport={"width": width, "height": 900}, mode=mode)
    page = v.page
    _choose(page, View("referrals", "source", "ethnic_group"))  # the widest table it offers
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(300)
    assert v.console_errors == [] and v.external == []
    # The page itself never scrolls sideways: the results scroll in their own box.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert run_axe(page) == []


def test_the_page_has_its_learning_record_task(visit):
    task = visit(PAGE).page.locator("section[data-practice='tour-9']")
    assert task.count() == 1
    assert task.get_attribute("data-kind") == "draft"
