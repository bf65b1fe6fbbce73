"""Every page of the built site: offline, error-free, accessible in light and dark mode at
1280 and 360 px, navigable, with working links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.conftest import AXE, toc_pages
from tests.site.navigation import DESKTOP, PHONE, check_desktop_sidebar, check_phone_drawers

PAGES = toc_pages()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Outside the tags above but failing on the default theme: run them explicitly too.
AXE_EXTRA_RULES = ["region", "label-content-name-mismatch"]

pytestmark = pytest.mark.site


def run_axe(page) -> list[dict]:
    # Loaded once per page load: a deck checked slide by slide reuses it.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, extra]) => {
            const rules = Object.fromEntries(extra.map(r => [r, {enabled: true}]));
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }""",
        [AXE_TAGS, AXE_EXTRA_RULES],
    )


def test_every_built_page_is_in_the_table_of_contents(site: Path):
    skip = {"_static", "_vendor", "_sources", "_images", "reports", "_downloads"}
    built = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not skip.intersection(p.relative_to(site).parts)
    }
    assert built == set(PAGES), (
        f"pages built but not visited, or listed but not built: {built ^ set(PAGES)}"
    )


def _go_dark(page, path: str) -> None:
    """Switch to dark mode with the theme's own button, as a reader does (light, auto, dark)."""
    button = page.locator(".bd-header-article .theme-switch-button")
    for _ in range(3):
        if page.evaluate("() => document.documentElement.dataset.theme") == "dark":
            break
        button.click()
    assert page.evaluate("() => document.documentElement.dataset.mode") == "dark", path
    # The reader moves on: the button's tooltip goes, and charts and late layout settle before
    # axe measures contrast.
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_function("() => !document.querySelector('.tooltip')", timeout=3000)
    page.wait_for_timeout(300)


def _axe_in_both_modes(page, path: str, width: int) -> None:
    page.evaluate("() => document.fonts.ready")
    light = run_axe(page)
    _go_dark(page, path)
    dark = run_axe(page)
    assert (light, dark) == ([], []), (
        f"{path} at {width}px has accessibility violations:\nlight: {light}\ndark: {dark}"
    )


# Each page is opened once at each width, and everything checked there on that one load.
@pytest.mark.parametrize("path", PAGES)
def test_page_on_a_desktop_is_offline_clean_accessible_and_navigable(visit, path):
    v = visit(path, viewport=DESKTOP)
    page = v.page
    assert v.external == [], f"{path} tried to reach other hosts: {v.external}"
    assert v.bad_responses == [], f"{path} got error responses: {v.bad_responses}"
    assert v.console_errors == [], f"{path} logged console errors: {v.console_errors}"
    no_alt = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !i.hasAttribute('alt')).map(i => i.src)"
    )
    assert no_alt == [], f"{path} has images without alt text: {no_alt}"
    _axe_in_both_modes(page, path, 1280)
    check_desktop_sidebar(page, path)


@pytest.mark.parametrize("path", PAGES)
def test_page_on_a_phone_fits_is_accessible_and_navigable(visit, path):
    v = visit(path, viewport=PHONE)
    page = v.page
    assert v.console_errors == [], f"{path} logged console errors at 360px: {v.console_errors}"
    # Measure once fonts and late layout (theme scripts, charts) have settled.
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(500)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    widest = page.evaluate(
        """() => { const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w + 1)
              .map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 5); }"""
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than a 360px phone screen: {widest}"
    _axe_in_both_modes(page, path, 360)
    check_phone_drawers(page, path)


def test_the_theme_remembers_a_readers_dark_choice_on_the_next_page(visit):
    page = visit("index.html").page
    _go_dark(page, "index.html")
    page.goto(page.url.rsplit("/", 1)[0] + "/chapters/glossary.html", wait_until="networkidle")
    assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"


class _Targets(HTMLParser):
    """Collects ids, and the links and resources a page points at."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) and tag in {"a", "link", "script", "img", "source"}:
                self.links.append(a[key])


def _parse(path: Path) -> _Targets:
    parser = _Targets()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_internal_links_and_anchors_resolve(site: Path):
    parsed: dict[Path, _Targets] = {}

    def targets(path: Path) -> _Targets:  # each page parsed once, however many links reach it
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    broken = []
    for page in PAGES:
        source = site / page
        for link in targets(source).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # links out of the site are for readers to follow, not loaded
            target = (source.parent / unquote(parts.path)).resolve() if parts.path else source
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page}: {link} (no such file)")
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in targets(target).ids:
                    broken.append(f"{page}: {link} (no element with that id)")
    assert broken == [], "broken links:\n" + "\n".join(broken)


def test_search_works_offline(visit):
    v = visit("search.html?q=synthetic")
    v.page.wait_for_selector("#search-results ul.search li", timeout=15000)
    hits = v.page.locator("#search-results ul.search li").count()
    assert hits > 0
    assert v.external == []
