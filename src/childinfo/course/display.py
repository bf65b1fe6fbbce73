"""Show Altair charts so they stay live on the static course site with no third-party request.

Altair's own HTML output loads vega, vega-lite and vega-embed from a CDN. On the course site
those libraries are served by the site itself (from ``_vendor/``, copied there by
:mod:`childinfo.course.site`), so a chart works in a conference room without Wi-Fi. The
Vega-Lite specification is compiled to Vega when the book is built (``vl-convert-python``, which
carries its own Vega-Lite and needs no network), and the page draws it with Vega alone: neither
the Vega-Lite compiler (249 KB) nor vega-embed (60 KB) reaches the reader. Tooltips are Vega's
own (the hovered mark's fields, shown as the browser's tooltip).

The labs call :func:`use_course_renderer` once (``childinfo.setup_lab()`` does it for them).
While the book is being built, the renderer emits HTML that loads the site's own copies; in
JupyterLab it leaves Altair's normal renderer in charge, which needs no network either.
"""

from __future__ import annotations

import functools
import html
import json
import math
import os
import uuid
from pathlib import Path

import altair as alt

from childinfo.errors import ChildinfoError

#: Set by the course's Sphinx extension while it builds the site; kernels inherit it.
SITE_BUILD_ENV = "CHILDINFO_SITE_BUILD"
RENDERER_NAME = "childinfo"

# Paths under the site root. The page finds the root from the data-content_root attribute
# Sphinx writes on <html>, so the same output works at any folder depth.
VENDOR_SCRIPTS = ("_vendor/vega/vega.min.js",)

# SVG output, which carries the chart's ARIA description for screen readers.
VIEW_OPTIONS = {"renderer": "svg", "hover": True}

_LOADER = """
(function () {
  var root = document.documentElement.dataset.content_root || "./";
  // With require.js on the page, the Vega bundles would register as anonymous AMD modules
  // instead of globals; hide `define` while they load.
  function withoutAmd(load) {
    var saved = window.define;
    window.define = undefined;
    return load().finally(function () { window.define = saved; });
  }
  var scripts = %(scripts)s;
  window.childinfoVega = window.childinfoVega || withoutAmd(function () {
   return scripts.reduce(function (ready, src) {
    return ready.then(function () {
      return new Promise(function (resolve, reject) {
        var existing = document.querySelector('script[data-childinfo-src="' + src + '"]');
        if (existing) { resolve(); return; }
        var tag = document.createElement("script");
        tag.src = root + src;
        tag.dataset.childinfoSrc = src;
        tag.onload = resolve;
        tag.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(tag);
      });
    });
   }, Promise.resolve());
  });
  var el = document.getElementById(%(div_id)s);
  window.childinfoVega.then(function () {
    // Vega names its container "Vega visualization": give it a box of its own inside the
    // figure, which keeps the chart's own name.
    var box = el.appendChild(document.createElement("div"));
    var options = Object.assign({container: box}, %(options)s);
    return new vega.View(vega.parse(%(spec)s), options).runAsync();
  }).catch(function (error) {
    el.textContent = "This chart could not be drawn: " + error.message;
  });
})();
"""


def chart_html(chart: alt.TopLevelMixin, description: str | None = None) -> str:
    """Return HTML that draws ``chart`` with the site's own copies of the Vega libraries.

    ``description`` (or the chart's own ``description``) becomes the accessible name of the
    chart's container, so a screen reader hears the finding before the marks.

    Example:
        >>> import altair as alt, pandas as pd
        >>> c = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x")
        >>> "_vendor/vega/vega.min.js" in chart_html(c, "Two bars")
        True
    """
    return spec_html(chart.to_dict(), description)


# Smallest text a chart may carry on the site, in CSS pixels (issue 16: legible on a phone).
MIN_FONT_PX = 12
# Compositions Vega-Lite cannot size to a container; they scroll in a labelled box instead.
_COMPOSED = ("hconcat", "vconcat", "concat", "facet", "repeat")


def responsive(spec: dict) -> dict:
    """Return a copy of ``spec`` that takes the width of its column, with text of at least
    :data:`MIN_FONT_PX`, so a chart fits a 360 px phone as well as a desktop.

    Example:
        >>> spec = {"mark": "bar", "width": 560, "config": {"axis": {"labelFontSize": 10}}}
        >>> out = responsive(spec)
        >>> out["width"], out["config"]["axis"]["labelFontSize"]
        ('container', 12)
    """
    out = dict(spec)
    if not any(key in out for key in _COMPOSED):
        out["width"] = "container"
        out["autosize"] = {"type": "fit-x", "contains": "padding"}
    config = {
        key: dict(value) if isinstance(value, dict) else value
        for key, value in (out.get("config") or {}).items()
    }
    for part, keys in (
        ("axis", ("labelFontSize", "titleFontSize")),
        ("legend", ("labelFontSize", "titleFontSize")),
        ("header", ("labelFontSize", "titleFontSize")),
    ):
        section = config.setdefault(part, {})
        for key in keys:
            section[key] = max(section.get(key, 0), MIN_FONT_PX)
    out["config"] = config
    return out


def to_vega(spec: dict) -> dict:
    """Compile a Vega-Lite specification to Vega with the Vega-Lite version Altair writes.

    Example:
        >>> to_vega({"mark": "bar", "data": {"values": [{"x": 1}]}})["$schema"].endswith("v6.json")
        True
    """
    try:
        import vl_convert
    except ImportError:
        raise ChildinfoError(
            "Drawing charts for the course site needs vl-convert-python: "
            "install the book's dependencies with `pip install -e .[book]`."
        ) from None
    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return vl_convert.vegalite_to_vega(spec, vl_version=version)


# Significant digits kept in a chart's inline data: finer than any screen or any tooltip the
# course formats, and a funnel plot's 480 control-limit points are a fifth smaller.
DATA_DIGITS = 6


def rounded(value: object) -> object:
    """``value`` with every float in it kept to :data:`DATA_DIGITS` significant digits.

    Example:
        >>> rounded({"rate": 443.06601683650865, "n": 100, "rows": [0.1 + 0.2]})
        {'rate': 443.066, 'n': 100, 'rows': [0.3]}
    """
    if isinstance(value, float) and math.isfinite(value):
        return float(f"{value:.{DATA_DIGITS}g}")
    if isinstance(value, dict):
        return {key: rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [rounded(item) for item in value]
    return value


def spec_html(spec: dict, description: str | None = None) -> str:
    """Like :func:`chart_html`, for a Vega-Lite specification already turned into a dict."""
    label = description or spec.get("description") or "Chart"
    spec = responsive(spec)
    if "datasets" in spec:
        spec["datasets"] = rounded(spec["datasets"])
    spec = to_vega(spec)
    div_id = f"childinfo-chart-{uuid.uuid4().hex[:12]}"
    script = _LOADER % {
        "scripts": json.dumps(list(VENDOR_SCRIPTS)),
        "div_id": json.dumps(div_id),
        "spec": json.dumps(spec),
        "options": json.dumps(VIEW_OPTIONS),
    }
    return (
        f'<div class="childinfo-chart" id="{div_id}" role="figure" '
        f'aria-label="{html.escape(label, quote=True)}"></div>\n<script>{script}</script>'
    )


def _site_renderer(spec: dict, **_: object) -> dict:
    return {"text/html": spec_html(spec)}


def use_course_renderer() -> str:
    """Make Altair charts display in the way that suits where the notebook is running.

    Returns the name of the renderer now active: ``"childinfo"`` during a site build,
    otherwise Altair's ``"default"``.

    Example:
        >>> use_course_renderer() in {"childinfo", "default"}
        True
    """
    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, _site_renderer)
    name = RENDERER_NAME if os.environ.get(SITE_BUILD_ENV) == "1" else "default"
    alt.renderers.enable(name)
    return name


# Quiz and check outputs carry class names only. On the site the stylesheet is already on the
# page; in JupyterLab an output brings the notebook part of the same stylesheet, so both read
# one file.
STYLESHEET = Path(__file__).parent / "site" / "static" / "childinfo.css"
_START, _END = "/* notebook outputs: start */", "/* notebook outputs: end */"


@functools.cache
def _notebook_css() -> str:
    text = STYLESHEET.read_text(encoding="utf-8")
    start, end = text.find(_START), text.find(_END)
    return text[start + len(_START) : end].strip() if 0 <= start < end else ""


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


def data_note(la) -> str:
    """The line a lab shows when it loads its data, naming the authority it reads, so a
    workshop table running the lab on another authority is never told it is reading Brackenfold.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> data_note(NS(config=NS(name="Quillmere", year=2023), children=[0] * 1200))
        'This lab reads **Quillmere**, a synthetic authority: 1,200 children, year to 31 March 2023.'
    """
    return (
        f"This lab reads **{la.config.name}**, a synthetic authority: "
        f"{len(la.children):,} children, year to 31 March {la.config.year}."
    )


def show_figure(fig, alt: str | None = None) -> None:
    """Show a matplotlib figure with its alt text, worked out from the data.

    The text goes in the PNG output's metadata (``{"image/png": {"alt": ...}}``); on the site the
    course's myst-nb plugin (:mod:`childinfo.course.site.figure_alt`) puts it on the image, so no
    alt text is typed into a notebook by hand. ``alt`` defaults to the toolkit's ``fig.alt_text``.

    Example:
        >>> import matplotlib; matplotlib.use("Agg")
        >>> import matplotlib.pyplot as plt
        >>> fig, ax = plt.subplots()
        >>> show_figure(fig)
        Traceback (most recent call last):
        childinfo.errors.ChildinfoError: this figure has no alt text; pass alt="..." describing what it shows
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    text = alt if alt is not None else getattr(fig, "alt_text", None)
    if not text or not str(text).strip():
        raise ChildinfoError(
            'this figure has no alt text; pass alt="..." describing what it shows'
        )
    display(fig, metadata={"image/png": {"alt": " ".join(str(text).split())}})
    plt.close(fig)  # shown once: the inline backend would otherwise show it again
