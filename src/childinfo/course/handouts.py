"""Printable handouts: the site's one-page-per-unit summaries as a PDF.

``childinfo handouts --site _build/html --out handouts.pdf`` opens the built site's handouts
page in Debian's Chromium (the browser the tests use) and prints it with the site's print
stylesheet, one unit per A4 page.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from childinfo.course.browser import CHROMIUM, CHROMIUM_ARGS, serve
from childinfo.errors import ChildinfoError
from childinfo.outputs import check_file, new_file

HANDOUTS_PAGE = "chapters/handouts.html"
# The page's title, which Chromium writes into the PDF's metadata (plain or as UTF-16 hex):
# how --force recognises a PDF this command printed.
HANDOUTS_TITLE = "Handouts: one page per unit"


def is_handouts(path: Path) -> bool:
    """Whether ``path`` is a handouts PDF this command printed."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return False
    utf16 = HANDOUTS_TITLE.encode("utf-16-be").hex().upper().encode()
    return data.startswith(b"%PDF-") and (HANDOUTS_TITLE.encode() in data or utf16 in data.upper())


def make_handouts(site: Path, out: Path, force: bool = False, browser=None) -> Path:
    """Print the site's handouts page to ``out`` (a PDF) and return its path.

    ``browser`` is an already-running Playwright Chromium to reuse (the tests pass theirs);
    without one, Debian's Chromium is started and closed here.

    Example:
        >>> make_handouts(Path("_build/html"), Path("handouts.pdf"))   # doctest: +SKIP
        PosixPath('handouts.pdf')
    """
    site, out = Path(site), Path(out)
    if not (site / HANDOUTS_PAGE).exists():
        raise ChildinfoError(
            f"no handouts page at {site / HANDOUTS_PAGE}; build the site first with `make book`."
        )
    if out.suffix.lower() != ".pdf":
        raise ChildinfoError(f"{out} should be a .pdf file name, e.g. handouts.pdf.")
    check_file(out, force, is_handouts, "handouts PDF")
    if not CHROMIUM.exists():
        raise ChildinfoError(
            "Debian's Chromium is needed to print the handouts: `apt-get install chromium`."
        )
    # Printed beside the target and moved into place when complete (see childinfo.outputs).
    with serve(site) as base, new_file(out, force, is_handouts, "handouts PDF") as partial:
        url = base + HANDOUTS_PAGE
        if browser is not None:
            _print(browser, url, partial)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                own = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                _print(own, url, partial)
                own.close()
    return out


def _print(browser, url: str, out: Path) -> None:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.pdf(
        path=str(out),
        format="A4",
        print_background=True,
        margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
    )
    page.close()


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "handouts",
        help="print the one-page unit handouts to a PDF",
        description="Print the built site's unit handouts to a PDF.",
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=Path("_build/html"),
        help="the built site (default _build/html)",
    )
    parser.add_argument("--out", type=Path, required=True, help="the PDF to write")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a handouts PDF this command made earlier (never another file)",
    )
    parser.set_defaults(
        func=lambda args: (
            print(f"Handouts written to {make_handouts(args.site, args.out, args.force)}.") or 0
        )
    )
