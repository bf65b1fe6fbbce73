"""Pages for the three kinds of user: trainers, self-paced learners and readers."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from childinfo.course.handouts import make_handouts
from tests.course_structure import EXERCISE, ROOT, _cells, _source, front_matter, unit_chapters

pytestmark = pytest.mark.site

UNITS = unit_chapters()
UNIT_TITLES = [
    re.search(r"^# (.+)$", p.read_text(), re.M).group(1).replace("'", "’") for p in UNITS
]


def page(site: Path, path: str):
    return lxml.html.fromstring((site / path).read_text(encoding="utf-8"))


def in_article(tree, tag: str, cls: str | None = None) -> list:
    """Elements inside the page's article, optionally with a CSS class."""
    test = f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]" if cls else ""
    return tree.xpath(f"//article//{tag}{test}")


def test_there_are_ten_units():
    assert [front_matter(p.read_text())["unit"] for p in UNITS] == list(range(1, 11))


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("chapters/instructor-notes.html", "div.instructor-note"),
        ("chapters/key-points.html", "div.keypoints"),
        ("chapters/cpd-log.html", "div.cpd-reflection"),
        ("chapters/handouts.html", "section.unit-summary"),
    ],
)
def test_collected_pages_hold_one_block_per_unit(site, path, selector):
    found = in_article(page(site, path), *selector.split("."))
    assert len(found) == len(UNITS), f"{path}: {len(found)} blocks for {len(UNITS)} units"


def test_exercise_index_links_every_lab_exercise(site):
    labels = set()
    for notebook in (ROOT / "notebooks").glob("lab-*.ipynb"):
        for cell in _cells(notebook):
            if cell["cell_type"] == "markdown":
                labels.update(EXERCISE.findall(_source(cell)))
    links = {
        a.get("href").split("#")[-1]
        for a in in_article(page(site, "chapters/all-exercises.html"), "a")
        if "#" in (a.get("href") or "")
    }
    assert labels and labels <= links, (
        f"exercises missing from the index: {sorted(labels - links)}"
    )


def test_full_day_plan_runs_from_half_past_nine_to_half_past_four(site):
    rows = in_article(page(site, "chapters/workshop-full-day.html"), "tbody/tr")
    times = [row.xpath("td")[0].text_content().strip() for row in rows]
    assert times[0].startswith("9:30") and times[-1].endswith("16:30")


def test_self_paced_route_lists_every_unit_with_its_minutes(site):
    rows = in_article(page(site, "chapters/self-paced-route.html"), "tbody/tr")
    assert len(rows) == len(UNITS)
    for row, unit in zip(rows, UNITS):
        meta = front_matter(unit.read_text())
        cells = [td.text_content().strip() for td in row.xpath("td")]
        assert cells[2] == str(meta["teaching_minutes"]) and cells[3] == str(
            meta["exercise_minutes"]
        )


def test_cpd_log_download_has_every_units_prompt(site):
    from docx import Document

    path = site / "_downloads" / "cpd-reflection-log.docx"
    text = "\n".join(p.text for p in Document(path).paragraphs)
    for title in UNIT_TITLES:
        assert title in text.replace("'", "’"), f"{title} missing from the CPD log"


def test_handouts_print_one_page_per_unit(site, browser, tmp_path):
    pdf = make_handouts(site, tmp_path / "handouts.pdf", browser=browser).read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == len(UNITS)


def test_pages_print_without_navigation(visit):
    p = visit(UNITS[0].relative_to(ROOT).with_suffix(".html").as_posix()).page
    p.emulate_media(media="print")
    hidden = p.evaluate(
        "() => ['.bd-sidebar-primary', '.bd-header', '.bd-sidebar-secondary']"
        ".map(s => document.querySelector(s)).filter(Boolean)"
        ".map(e => getComputedStyle(e).display)"
    )
    assert hidden and all(d == "none" for d in hidden)


def test_every_lab_page_offers_its_notebook_for_download(site):
    for notebook in sorted((ROOT / "notebooks").glob("lab-*.ipynb")):
        html = (site / "notebooks" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        assert f"_sources/notebooks/{notebook.name}" in html, (
            f"{notebook.stem} has no .ipynb download"
        )
        assert (site / "_sources" / "notebooks" / notebook.name).exists()
