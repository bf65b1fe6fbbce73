"""Every page of the built site: offline, error-free, accessible, with working links."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.site.conftest import AXE, toc_pages

PAGES = toc_pages()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Outside the tags above but failing on the default theme: run them explicitly too.
AXE_EXTRA_RULES = ["region", "label-content-name-mismatch"]

pytestmark = pytest.mark.site


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, extra]) => {
            const rules = Object.fromEntries(extra.map(r => [r, {enabled: true}]));
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules});
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


@pytest.mark.parametrize("path", PAGES)
def test_page_is_offline_clean_and_accessible(visit, path):
    v = visit(path)
    page = v.page
    assert v.external == [], f"{path} tried to reach other hosts: {v.external}"
    assert v.bad_responses == [], f"{path} got error responses: {v.bad_responses}"
    assert v.console_errors == [], f"{path} logged console errors: {v.console_errors}"
    no_alt = page.eval_on_selector_all(
        "img", "imgs => imgs.filter(i => !i.hasAttribute('alt')).map(i => i.src)"
    )
    assert no_alt == [], f"{path} has images without alt text: {no_alt}"
    violations = run_axe(page)
    assert violations == [], f"{path} has accessibility violations: {violations}"


# The light desktop view is checked above with everything else; these are the other three.
VIEWS = {
    "desktop-dark": ({"width": 1280, "height": 900}, "dark"),
    "phone-light": ({"width": 360, "height": 740}, "light"),
    "phone-dark": ({"width": 360, "height": 740}, "dark"),
}


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible_on_a_phone_and_in_dark_mode(visit, path, view):
    viewport, mode = VIEWS[view]
    page = visit(path, viewport=viewport, mode=mode).page
    assert page.evaluate("() => document.documentElement.dataset.theme") == mode
    # Charts and late layout settle before axe measures contrast and scroll regions.
    page.evaluate("() => document.fonts.ready")
    page.wait_for_timeout(300)
    violations = run_axe(page)
    assert violations == [], f"{path} ({view}) has accessibility violations: {violations}"


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
    broken = []
    for page in PAGES:
        source = site / page
        parsed.setdefault(source, _parse(source))
        for link in parsed[source].links:
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
                ids = parsed.setdefault(target, _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page}: {link} (no element with that id)")
    assert broken == [], "broken links:\n" + "\n".join(broken)


@pytest.mark.parametrize("path", PAGES)
def test_page_reads_on_a_phone_without_sideways_scrolling(visit, path):
    page = visit(path, viewport={"width": 360, "height": 740}).page
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


def test_search_works_offline(visit):
    v = visit("search.html?q=synthetic")
    v.page.wait_for_selector("#search-results ul.search li", timeout=15000)
    hits = v.page.locator("#search-results ul.search li").count()
    assert hits > 0
    assert v.external == []
