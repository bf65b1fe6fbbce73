"""The trainer's kit: decks, printables and the zipped site all open offline and accessibly.

Everything is opened from ``file://``, as from a USB stick: no request may leave for another
host, no console error, and axe-core finds no WCAG 2.2 AA violation.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from childinfo.course.kit import make_kit
from childinfo.errors import ChildinfoError
from tests.site.test_pages import run_axe

pytestmark = pytest.mark.site
UNITS = range(0, 11)
PLANS = ("ninety-minutes", "half-day", "full-day")
# A deck's head bar its title: what, with a slide's own markup, decides how the slide looks.
HEAD = "() => [...document.head.children].filter(e => e.tagName !== 'TITLE').map(e => e.outerHTML)"
# The slide on screen as written, without the state reveal.js gives it (position, visibility).
SLIDE = """() => { const s = Reveal.getCurrentSlide();
    const own = [...s.attributes].filter(a => !/^(style|hidden|aria-hidden|data-index-[hv])$/
        .test(a.name));
    const state = /\\b(present|past|future|stack)\\b/g;
    return own.map(a => `${a.name}=${a.value.replace(state, "")}`).join(" ") + s.innerHTML; }"""


@pytest.fixture(scope="module")
def kit(site, browser, tmp_path_factory) -> Path:
    return make_kit(tmp_path_factory.mktemp("kit") / "kit", site, browser=browser)


def _open(browser, path: Path):
    """Open a local file in a fresh context, noting requests elsewhere and console errors."""
    external, errors = [], []
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.wait_for_timeout(300)
    return context, page, external, errors


def test_the_kit_has_a_deck_per_unit_and_per_plan(kit):
    decks = sorted(p.name for p in (kit / "slides").glob("*.html"))
    assert len(decks) >= 13
    assert {f"unit-{n:02d}.html" for n in UNITS} | {f"plan-{k}.html" for k in PLANS} <= set(decks)


def test_every_deck_opens_offline_with_speaker_notes_and_no_violation(kit, browser):
    checked: set[str] = set()  # slides already under axe, by their content
    for deck in sorted((kit / "slides").glob("*.html")):
        context, page, external, errors = _open(browser, deck)
        assert external == [] and errors == [], (deck.name, external, errors)
        assert page.evaluate("() => typeof Reveal !== 'undefined' && Reveal.isReady()"), deck.name
        assert page.locator("aside.notes").count() >= 1, f"{deck.name} has no speaker notes"
        # axe checks the slide on screen (reveal hides the rest), so visit every slide. A plan's
        # deck repeats its units' slides: one seen before under the same head (styles, scripts)
        # is not checked again, but each deck's first slide is, for the page around the slides.
        head = page.evaluate(HEAD)
        for i in range(page.evaluate("() => Reveal.getTotalSlides()")):
            page.evaluate(f"() => Reveal.slide({i})")
            content = str(head) + page.evaluate(SLIDE)
            if i and content in checked:
                continue
            checked.add(content)
            page.wait_for_timeout(100)
            violations = run_axe(page)
            assert violations == [], f"{deck.name}, slide {i + 1}: {violations}"
        context.close()


def test_a_unit_deck_carries_the_units_own_blocks_and_the_labs_charts(kit, site):
    text = (kit / "slides" / "unit-02.html").read_text(encoding="utf-8")
    assert 'id="childinfo-chart-' in text
    for heading in (
        "Questions",
        "Learning objectives",
        "Discussion",
        "Key points",
        "For your CPD record",
        "Brackenfold",
    ):
        assert heading in text, heading
    # Speaker notes come from the unit's instructor note.
    assert "Running the lab in a room" in text


def test_every_pdf_renders_and_holds_its_title(kit, tmp_path):
    pdfs = sorted((kit / "print").glob("*.pdf"))
    assert len(pdfs) >= 11 + 8
    for pdf in pdfs:
        png = tmp_path / pdf.stem
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-png", str(pdf), str(png)], check=True
        )
        assert list(tmp_path.glob(f"{pdf.stem}*.png")), f"{pdf.name} did not render"
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = " ".join(text.split()).replace("’", "'")
        assert "children's information" in flat, pdf.name
        if "unit-" in pdf.stem:
            n = int(re.search(r"unit-(\d+)", pdf.stem)[1])
            assert f"unit {n}" in flat.lower(), pdf.name


def test_the_zipped_site_opens_from_index_html_offline(kit, browser, tmp_path):
    with zipfile.ZipFile(kit / "site.zip") as zf:
        zf.extractall(tmp_path / "site")
    for page_path in ("index.html", "chapters/framework.html", "chapters/workshop-full-day.html"):
        context, page, external, errors = _open(browser, tmp_path / "site" / page_path)
        assert external == [] and errors == [], (page_path, external, errors)
        assert run_axe(page) == [], page_path
        context.close()


def test_readme_records_the_version_and_the_checksums_cover_every_file(kit):
    readme = (kit / "README.txt").read_text(encoding="utf-8")
    assert re.search(r"Course version: \d{4}-\d{2}-\d{2}, commit \S+", readme)
    listed = {line.split("  ", 1)[1] for line in (kit / "SHA256SUMS").read_text().splitlines()}
    files = {p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file()}
    assert listed == files - {"SHA256SUMS"}
    result = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=kit)
    assert result.returncode == 0


def test_an_existing_kit_is_not_replaced_without_force(kit, site):
    with pytest.raises(ChildinfoError, match="--force"):
        make_kit(kit, site)
    assert not list(kit.parent.glob(".kit.partial-*")), "a half-written kit was left behind"
