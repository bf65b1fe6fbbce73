"""Debian's Chromium, as the tests and the handouts use it: headless and quiet on a closed network,
and :func:`serve`, the loopback web server they open the built site from.

Never a browser downloaded by a test tool: the course uses the one installed with
``apt-get install chromium``.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from childinfo.errors import ChildinfoError

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's services, which a
# closed conference-room network (or CI) refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request (the tests' and the handouts' output stays readable)."""

    def log_message(self, format, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection it no longer needs is not an error worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: str | Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on 127.0.0.1 for as long as the ``with`` block runs.

    Yields the base URL, ending in ``/``. The port is one the system picks as free, every request
    gets its own thread (a browser opens several connections at once), nothing is logged, and
    the server is stopped and its port released when the block ends, however it ends. Only this
    machine can reach it.

    Example:
        >>> with serve("_build/html") as url:   # doctest: +SKIP
        ...     page.goto(url + "index.html")
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ChildinfoError(
            f"{directory} is not a folder, so there is nothing to serve; build the site first."
        )
    httpd = _QuietServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory))
    )
    thread = threading.Thread(
        target=httpd.serve_forever, name=f"childinfo.course.browser.serve {directory}", daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
