"""The course's one palette, and the stylesheet its HTML outputs use outside the site.

Colours for charts live here; colours for pages live in ``site/static/childinfo.css`` as CSS
custom properties (``--ci-*``) with the same values. Quiz and check outputs carry class names
only. On the site the stylesheet is already on the page; in JupyterLab an output brings the
notebook part of the same stylesheet (:func:`notebook_style`), so both read one file.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

STYLESHEET = Path(__file__).parent / "site" / "static" / "childinfo.css"
# Set by the course's Sphinx extension while it builds the site (see childinfo.charts).
SITE_BUILD_ENV = "CHILDINFO_SITE_BUILD"
_START, _END = "/* notebook outputs: start */", "/* notebook outputs: end */"

#: Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable by people with
#: the common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: The order categories take colours in. Yellow and sky blue come last: they are too light
#: for thin lines or text on white.
PALETTE: list[str] = [OKABE_ITO[c] for c in (
    "blue", "vermillion", "bluish green", "reddish purple", "orange", "black", "sky blue",
    "yellow")]

INK = "#1a1a1a"  # text and error bars: 17:1 on white
GREY = "#595959"  # reference lines and secondary text: 7:1 on white
MUTED = "#a6a6a6"  # bars that are not highlighted
GRID = "#e0e0e0"  # gridlines


@functools.cache
def _notebook_css() -> str:
    text = STYLESHEET.read_text(encoding="utf-8")
    start, end = text.find(_START), text.find(_END)
    return text[start + len(_START):end].strip() if 0 <= start < end else ""


def notebook_style() -> str:
    """A ``<style>`` element with the stylesheet's notebook-output rules, or ``""`` while the
    site is being built (the site's pages already link the whole stylesheet).

    Example:
        >>> import os; os.environ.pop(SITE_BUILD_ENV, None) and None
        >>> ".childinfo-check" in notebook_style()
        True
    """
    if os.environ.get(SITE_BUILD_ENV) == "1":
        return ""
    return f"<style>{_notebook_css()}</style>"
