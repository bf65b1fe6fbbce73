"""The course's one palette.

Colours for charts live here; colours for pages live in ``course/site/static/childinfo.css`` as
CSS custom properties (``--ci-*``) with the same values.
"""

from __future__ import annotations

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
PALETTE: list[str] = [
    OKABE_ITO[c]
    for c in (
        "blue",
        "vermillion",
        "bluish green",
        "reddish purple",
        "orange",
        "black",
        "sky blue",
        "yellow",
    )
]

INK = "#1a1a1a"  # text and error bars: 17:1 on white
GREY = "#595959"  # reference lines and secondary text: 7:1 on white
MUTED = "#a6a6a6"  # bars that are not highlighted
GRID = "#e0e0e0"  # gridlines
