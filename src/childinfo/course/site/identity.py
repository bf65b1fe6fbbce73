"""The course's identity on every page: logo, favicon, footer credit, search ranking.

The home page's title is set in ``templates/layout.html``.

Kept here rather than in ``_config.yml`` so the files it names travel with the extension.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"
LOGO = STATIC / "childinfo-logo.svg"
FAVICON = STATIC / "favicon.svg"
# Not in static/: Sphinx reads it into the search page only.
SCORER = STATIC.parent / "search-scorer.js"


def _identity(app: Sphinx, config) -> None:
    # Jupyter Book writes its `logo:` setting (empty here) into html_logo; an empty value
    # means "no logo", so the course's own is used.
    if not config.html_logo:
        config.html_logo = str(LOGO)
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _identity)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
