"""The Brackenfold explorer: its suppression agrees with the toolkit, and its page works.

``test_js_suppression_agrees_with_the_toolkit`` loads the explorer's script into a blank page
in Chromium (no site build) and compares it with :mod:`childinfo.toolkit.disclosure` on many tables.
The ``site`` tests open the built page, over HTTP and from ``file://``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from childinfo.course.site.explorer import THRESHOLD, explorer_data
from childinfo.errors import ChildinfoError
from childinfo.toolkit import disclosure
from tests.site.conftest import AXE, ROOT

SCRIPT = ROOT / "src" / "childinfo" / "site" / "static" / "childinfo-explorer.js"
PAGE = "chapters/explore-brackenfold.html"


def _tables() -> list[list[list[int]]]:
    """Hand-picked awkward tables, then random ones full of small counts and zeros."""
    fixed = [
        [[2, 9], [14, 8], [30, 25]],  # the toolkit's own example
        [[3], [40], [12]],  # one column: only column totals
        [[3, 40, 12]],  # one row: only row totals
        [[0, 3, 7], [5, 0, 9], [8, 6, 0]],  # zeros beside small counts
        [[1, 1], [1, 1]],  # everything small
        [[4, 0], [0, 30]],  # a small cell whose line is otherwise zero
        [[20, 30], [40, 50]],  # nothing to hide
        [[2, 3, 4, 50], [60, 70, 80, 90], [1, 100, 100, 100]],
    ]
    rng = np.random.default_rng(2026)
    randoms = []
    for _ in range(60):
        shape = (int(rng.integers(1, 7)), int(rng.integers(1, 6)))
        kind = rng.random(shape)
        values = np.where(
            kind < 0.2,
            0,
            np.where(kind < 0.55, rng.integers(1, 6, shape), rng.integers(6, 80, shape)),
        )
        randoms.append(values.tolist())
    return fixed + randoms


def _toolkit(values: list[list[int]]):
    counts = pd.DataFrame(values)
    try:
        primary = disclosure.primary_suppression(counts, THRESHOLD)
        mask = disclosure.secondary_suppression(counts, primary)
    except ChildinfoError:
        return "unsafe"
    return mask.to_numpy().tolist()


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><title>explorer</title>")
    page.add_script_tag(path=str(SCRIPT))
    yield page
    context.close()


def test_js_suppression_agrees_with_the_toolkit(blank):
    tables = _tables()
    got = blank.evaluate(
        """([tables, threshold]) => tables.map(values => {
             const x = window.ChildinfoExplorer;
             const primary = x.primarySuppression(values, threshold);
             try { return x.secondarySuppression(values, primary); }
             catch (e) { return "unsafe"; }
           })""",
        [tables, THRESHOLD],
    )
    disagree = [(t, js, _toolkit(t)) for t, js in zip(tables, got) if js != _toolkit(t)]
    assert not disagree, f"{len(disagree)} of {len(tables)} tables differ, e.g. {disagree[0]}"

    # The set is not trivial: secondary suppression was needed, and some tables are unsafe.
    def n_primary(t):
        return int(disclosure.primary_suppression(pd.DataFrame(t), THRESHOLD).to_numpy().sum())

    outcomes = [_toolkit(t) for t in tables]
    assert sum(m != "unsafe" and np.sum(m) > n_primary(t) for t, m in zip(tables, outcomes)) >= 10


def test_embedded_data_holds_counts_not_children():
    data = explorer_data()
    assert data["threshold"] == THRESHOLD
    for table in data["tables"]:
        assert max(len(key.split("|")) for key in table["cubes"]) <= 3
        for key, entries in table["cubes"].items():
            assert all(len(e) == (len(key.split("|")) if key else 0) + 1 for e in entries)
        # Every grouping adds up to the same total.
        total = table["cubes"][""][0][0]
        assert all(sum(e[-1] for e in entries) == total for entries in table["cubes"].values())
    assert data["population"][""][0][0] > 50_000


# --- The built page ---------------------------------------------------------------------------


def _choose(page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).select_option(label=option)


def _cells(page, n: int) -> list[list[str]]:
    return page.eval_on_selector(
        f".childinfo-explorer-table:nth-of-type({n})",
        "t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent))",
    )


@pytest.mark.site
def test_explorer_counts_rates_and_suppression_match_the_toolkit(visit):
    page = visit(PAGE).page
    _choose(page, "Table", "Children in care on 31 March 2023")
    _choose(page, "Group rows by", "Age on 31 March 2023")
    _choose(page, "Then split columns by", "Sex")
    summary = page.locator(".childinfo-explorer-summary")
    assert summary.get_attribute("aria-live") == "polite"
    expected_title = "Children in care on 31 March 2023, by age on 31 March 2023 and sex"
    assert expected_title in summary.inner_text()
    # Expected, from the same embedded counts, through the toolkit's own publish_table.
    data = explorer_data()
    table = next(t for t in data["tables"] if t["key"] == "cic")
    fields = data["fields"]
    counts = pd.DataFrame(0, index=fields["age"]["values"], columns=fields["sex"]["values"])
    for s, a, n in table["cubes"]["sex|age"]:
        counts.iloc[a, s] += n
    published = disclosure.publish_table(counts, THRESHOLD)
    shown = _cells(page, 1)
    expected = [
        [label, *[v if v == "c" else f"{int(v):,}" for v in row]]
        for label, row in zip(published.index, published.to_numpy().tolist())
    ]
    assert shown == expected
    # Rates: per 10,000 children of the same age and sex, from the population counts.
    pop = pd.DataFrame(0, index=counts.index, columns=counts.columns)
    for s, a, n in data["population"]["sex|age"]:
        pop.iloc[a, s] += n
    rates = _cells(page, 2)
    for i, row in enumerate(rates[:-1]):
        for j, text in enumerate(row[1:3]):
            if published.iat[i, j] == "c":
                assert text == "c"
            else:
                assert text == f"{10_000 * counts.iat[i, j] / pop.iat[i, j]:.1f}"


@pytest.mark.site
def test_explorer_filter_and_keyboard(visit):
    page = visit(PAGE).page
    page.get_by_label("Table", exact=True).focus()
    page.keyboard.press("ArrowDown")  # the second table, by keyboard alone
    assert "Children in need" in page.locator(".childinfo-explorer-summary").inner_text()
    _choose(page, "Group rows by", "Ethnic group")
    page.get_by_label("Only include", exact=True).select_option(label="Girls")
    text = page.locator(".childinfo-explorer-summary").inner_text()
    assert "only sex: Girls" in text
    table = page.locator("table.childinfo-explorer-table").first
    assert table.locator("caption").inner_text().startswith("Counts of children")
    assert table.locator("th[scope=col]").count() >= 2
    assert table.locator("th[scope=row]").count() >= 6


@pytest.mark.site
def test_explorer_works_from_file_and_passes_axe(site, browser):
    context = browser.new_context()
    page = context.new_page()
    external = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else external.append(r.url),
    )
    page.goto((site / PAGE).as_uri())
    page.wait_for_selector("table.childinfo-explorer-table")
    assert "Referrals" in page.locator(".childinfo-explorer-summary").inner_text()
    assert not external, external
    page.add_script_tag(path=str(AXE))
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        result = page.evaluate(
            "async () => (await axe.run(document.querySelector('.childinfo-explorer'), "
            "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']})).violations"
            ".map(v => v.id + ': ' + v.nodes.length)"
        )
        assert result == [], f"at {width}px: {result}"
    context.close()


@pytest.mark.site
def test_explorer_page_has_a_note_for_the_learning_record(visit):
    page = visit(PAGE).page
    task = page.locator("section[data-practice='tour-9']")
    assert task.count() == 1
    assert task.get_attribute("data-kind") == "draft"
