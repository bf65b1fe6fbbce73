"""The run's one build of the course site (``tests/site_build.py``), served on loopback, in
Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from childinfo.course.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tests import site_build
from tests.course_structure import toc_files

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def toc_pages() -> list[str]:
    """Every HTML page the site should have: the table of contents plus Sphinx's own pages."""
    return [f"{f}.html" for f in toc_files()] + ["genindex.html", "search.html"]


@pytest.fixture(scope="session")
def site() -> Path:
    prebuilt = os.environ.get("CHILDINFO_TEST_SITE")
    if prebuilt:  # for working on the tests themselves; `make test` always builds afresh
        return Path(prebuilt)
    # tests/conftest.py started the run's one build when it collected the browser tests.
    status, html, log = site_build.wait(Path(os.environ[site_build.RUN_DIR]))
    if status != 0:
        pytest.fail(f"The site did not build (exit {status}).\n{log}", pytrace=False)
    if not (html / "index.html").exists():
        pytest.fail(
            f"The build reported success but wrote no index.html in {html}.", pytrace=False
        )
    return html


@pytest.fixture(scope="session")
def server(site: Path):
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian Chromium is not installed at /usr/bin/chromium; run `make test`, which "
            "installs it with apt-get, or `apt-get install chromium`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageVisit:
    """One page opened in Chromium, with everything that went wrong while it loaded."""

    def __init__(self, browser, base_url: str, path: str, viewport=None, mode: str | None = None):
        self.base_url = base_url
        self.path = path
        self.external: list[str] = []
        self.console_errors: list[str] = []
        self.bad_responses: list[str] = []
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        if mode:  # the theme reads the reader's light/dark choice from localStorage
            self.context.add_init_script(
                f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
            )
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.console_errors.append(f"uncaught: {exc}"))
        self.page.on("response", self._response)
        self.page.goto(base_url + path, wait_until="networkidle")

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base_url) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _response(self, response):
        if response.status >= 400:
            self.bad_responses.append(f"{response.status} {response.url}")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened: list[PageVisit] = []

    def _visit(path: str, viewport=None, mode: str | None = None) -> PageVisit:
        v = PageVisit(browser, server, path, viewport, mode)
        opened.append(v)
        return v

    yield _visit
    for v in opened:
        v.close()
