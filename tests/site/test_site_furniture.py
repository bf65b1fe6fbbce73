"""What makes the built site read as a course (issue 16): exercise numbers and link text, the
favicon and identity, the glossary's A-Z, search ranking, printing and the labs' skip links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.conftest import toc_pages

pytestmark = pytest.mark.site

LABS = [p for p in toc_pages() if p.startswith("notebooks/lab-")]


def _text(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_exercises_are_numbered_within_their_unit(site: Path):
    page = _text(site, "notebooks/lab-01-population-to-care.html")
    numbers = re.findall(r'<span class="caption-number">Exercise ([\d.]+) </span>', page)
    if not numbers:  # sphinx-exercise writes the number in the title paragraph
        numbers = re.findall(r"Exercise (\d+\.\d+)", page)
    assert numbers[:2] == ["1.1", "1.2"], numbers


@pytest.mark.parametrize("page", ["chapters/all-exercises.html", "chapters/framework.html"])
def test_exercise_links_read_number_colon_title(site: Path, page: str):
    html = _text(site, page)
    assert not re.search(r">Exercise[A-Z]", html), "link text runs 'Exercise' into the title"
    assert re.search(r">Exercise 1\.1: [A-Z]", html), f"{page} has no 'Exercise 1.1: ...' link"


def test_favicon_logo_and_home_title(site: Path):
    home = _text(site, "index.html")
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg', home)
    assert (site / "_static" / "favicon.svg").exists()
    title = re.search(r"<title>(.*?)</title>", home, re.S).group(1)
    site_name = "Ethical and effective use of children"
    assert title.count(site_name) == 1, f"home page title repeats the site name: {title!r}"
    assert "childinfo-logo.svg" in home and "childinfo-footer" in home
    assert "By The course authors" not in home


def test_glossary_has_a_generated_a_to_z(site: Path):
    html = _text(site, "chapters/glossary.html")
    nav = re.search(r'<nav class="childinfo-az".*?</nav>', html, re.S)
    assert nav, "no A-Z index on the glossary"
    targets = re.findall(r'href="#([^"]+)"', nav.group(0))
    assert len(targets) >= 10
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert set(targets) <= ids


@pytest.mark.parametrize("page", LABS)
def test_lab_skip_link_goes_to_practitioner_tasks_only_when_present(site: Path, page: str):
    html = _text(site, page)
    has_section = 'id="practitioner-tasks"' in html
    has_link = 'href="#practitioner-tasks"' in html
    assert has_link == has_section


def test_print_styles_wrap_code(site: Path):
    css = _text(site, "_static/childinfo.css")
    block = css[css.rindex("@media print") :]
    assert "pre-wrap" in block


def test_search_ranks_the_law_page_above_the_glossary_for_article_6(visit):
    page = visit("search.html?q=Article+6").page
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    links = page.eval_on_selector_all(
        "#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))"
    )
    law = next(i for i, h in enumerate(links) if "law-and-guidance" in h)
    glossary = next((i for i, h in enumerate(links) if "glossary" in h), len(links))
    assert law < glossary, links[:8]


def test_no_page_loads_the_search_index_or_mathjax_but_where_needed(site: Path):
    for page in toc_pages():
        html = _text(site, page)
        if page != "search.html":
            assert "searchindex.js" not in html, f"{page} loads the search index"
        # Maths is drawn at build time (childinfo.course.site.maths): no page needs MathJax.
        assert "tex-chtml.js" not in html, f"{page} loads MathJax"
    lab0 = _text(site, "notebooks/lab-00-first-look.html")
    assert 'class="childinfo-math" role="img" aria-label="' in lab0


@pytest.mark.parametrize("width", [360, 1280])
def test_download_menu_opens_and_closes_without_bootstrap(visit, width):
    # Bootstrap's script is not loaded (page weight); childinfo.js opens the theme's menu.
    v = visit("notebooks/lab-06-coding-voice.html", viewport={"width": width, "height": 740})
    page = v.page
    assert page.locator('script[src*="bootstrap"]').count() == 0
    button = page.locator(".dropdown-download-buttons .dropdown-toggle")
    menu = page.locator(".dropdown-download-buttons .dropdown-menu")
    assert not menu.is_visible()
    # By keyboard: the theme's CSS also shows the menu while the mouse is over the button.
    button.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"menu off screen: {box}"
    page.keyboard.press("Escape")
    assert not menu.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.classList.contains('dropdown-toggle')")
    button.click()
    page.mouse.click(width // 2, 600)  # anywhere else on the page
    assert not menu.is_visible()
    assert v.external == [] and v.bad_responses == [] and v.console_errors == []


def test_no_page_loads_thebe_or_the_tab_script_it_does_not_use(site: Path):
    for page in toc_pages():
        html = _text(site, page)
        assert "sphinx-thebe" not in html, f"{page} loads Thebe's stylesheet"
        if "sd-tab-set" not in html:
            assert "design-tabs.js" not in html, f"{page} loads the tab script with no tabs"
