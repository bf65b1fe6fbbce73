"""Printable handouts: the site's one-page-per-unit summaries as a PDF.

``childinfo handouts --site _build/html --out handouts.pdf`` opens the built site's handouts
page in Debian's Chromium (the browser the tests use) and prints it with the site's print
stylesheet, one unit per A4 page.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from childinfo.errors import ChildinfoError

CHROMIUM = Path("/usr/bin/chromium")
HANDOUTS_PAGE = "chapters/handouts.html"
# Flags that keep Chromium from calling out to Google's services on a closed network.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_handouts(site: Path, out: Path, force: bool = False) -> Path:
    """Print the site's handouts page to ``out`` (a PDF) and return its path.

    Example:
        >>> make_handouts(Path("_build/html"), Path("handouts.pdf"))   # doctest: +SKIP
        PosixPath('handouts.pdf')
    """
    site, out = Path(site), Path(out)
    if not (site / HANDOUTS_PAGE).exists():
        raise ChildinfoError(f"no handouts page at {site / HANDOUTS_PAGE}; build the site first with `make book`.")
    if out.suffix.lower() != ".pdf":
        raise ChildinfoError(f"{out} should be a .pdf file name, e.g. handouts.pdf.")
    if out.exists() and not force:
        raise ChildinfoError(f"{out} already exists; choose another name or add --force to replace it.")
    if not CHROMIUM.exists():
        raise ChildinfoError("Debian's Chromium is needed to print the handouts: `apt-get install chromium`.")
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{HANDOUTS_PAGE}", wait_until="networkidle")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
            browser.close()
    finally:
        server.shutdown()
    return out


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("handouts", help="print the one-page unit handouts to a PDF",
                                   description="Print the built site's unit handouts to a PDF.")
    parser.add_argument("--site", type=Path, default=Path("_build/html"), help="the built site (default _build/html)")
    parser.add_argument("--out", type=Path, required=True, help="the PDF to write")
    parser.add_argument("--force", action="store_true", help="replace an existing PDF")
    parser.set_defaults(func=lambda args: print(f"Handouts written to {make_handouts(args.site, args.out, args.force)}.") or 0)
