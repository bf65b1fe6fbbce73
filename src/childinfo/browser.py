"""Debian's Chromium, as the tests and the handouts use it: headless and quiet on a closed network.

Never a browser downloaded by a test tool: the course uses the one installed with
``apt-get install chromium``.
"""

from pathlib import Path

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
