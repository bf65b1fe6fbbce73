"""The course's chart builders: an accessible house style for matplotlib and Altair.

* Colour: the Okabe-Ito palette (:data:`OKABE_ITO`), designed to stay distinct for the common
  forms of colour-blindness. Charts never rely on colour alone: bands of a funnel plot also
  differ in marker shape, and reference lines in dash pattern.
* Size: text no smaller than 12 px/pt and titles at 16, lines 2 wide (:data:`FONT_SIZES`).
* Words: every chart carries alt text that states what it shows *and what it finds*
  (:func:`alt_text`, :func:`describe_rates`, :func:`describe_funnel`). Altair charts hold it
  in ``description``, which the course renderer turns into the chart's accessible name;
  matplotlib figures hold it in ``fig.alt_text`` for the caller to use as the image's alt.

This module only builds :class:`matplotlib.figure.Figure` and :class:`altair.Chart` objects;
showing them (and the offline Altair renderer) is :mod:`childinfo.course.display`' job.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import altair as alt
import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import StrMethodFormatter

from childinfo._validation import require_columns, require_frame, require_number, require_numeric
from childinfo.errors import ChildinfoError
from childinfo.toolkit import rates as _rates

# One palette for the whole course, re-exported here for the labs.
from childinfo.toolkit.styles import GREY, GRID, INK, MUTED, OKABE_ITO, PALETTE

__all__ = [
    "BAND_STYLE",
    "FONT_SIZES",
    "OKABE_ITO",
    "PALETTE",
    "alt_text",
    "altair_theme",
    "describe_funnel",
    "describe_rates",
    "enable_altair_theme",
    "funnel_plot",
    "house_style",
    "interval_chart",
    "matplotlib_rc",
    "rate_bar_chart",
]


FONT_SIZES: dict[str, int] = {"title": 16, "label": 14, "tick": 12, "annotation": 12}
FIGSIZE = (8.0, 4.5)

#: How each funnel band is drawn: colour *and* marker shape, so neither carries meaning alone.
BAND_STYLE: dict[str, tuple[str, str, str]] = {
    # band: (colour, matplotlib marker, vega-lite shape)
    "within 95% limits": (OKABE_ITO["black"], "o", "circle"),
    "above 95% limit": (OKABE_ITO["orange"], "^", "triangle-up"),
    "above 99.8% limit": (OKABE_ITO["vermillion"], "^", "triangle-up"),
    "below 95% limit": (OKABE_ITO["sky blue"], "v", "triangle-down"),
    "below 99.8% limit": (OKABE_ITO["blue"], "v", "triangle-down"),
}


# ---------------------------------------------------------------------------------------------
# House style
# ---------------------------------------------------------------------------------------------


def matplotlib_rc() -> dict:
    """The house style as matplotlib rcParams.

    Example:
        >>> matplotlib_rc()["axes.titlesize"]
        16
    """
    from cycler import cycler

    return {
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "font.size": FONT_SIZES["tick"],
        "axes.titlesize": FONT_SIZES["title"],
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": FONT_SIZES["label"],
        "xtick.labelsize": FONT_SIZES["tick"],
        "ytick.labelsize": FONT_SIZES["tick"],
        "legend.fontsize": FONT_SIZES["tick"],
        "legend.frameon": False,
        "axes.prop_cycle": cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": GREY,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": INK,
        "lines.linewidth": 2.0,
        "lines.markersize": 7,
        "savefig.bbox": "tight",
    }


@contextlib.contextmanager
def house_style() -> Iterator[None]:
    """Use the house style for the matplotlib figures made inside a ``with`` block.

    Example:
        >>> import matplotlib
        >>> with house_style():
        ...     matplotlib.rcParams["lines.linewidth"]
        2.0
    """
    with rc_context(matplotlib_rc()):
        yield


def altair_theme() -> dict:
    """The house style as an Altair/Vega-Lite theme configuration.

    Example:
        >>> altair_theme()["config"]["range"]["category"][:2]
        ['#0072B2', '#D55E00']
    """
    return {
        "config": {
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
            "view": {"continuousWidth": 560, "continuousHeight": 320, "stroke": None},
            "title": {"fontSize": FONT_SIZES["title"], "anchor": "start", "color": INK},
            "axis": {
                "labelFontSize": FONT_SIZES["tick"],
                "titleFontSize": FONT_SIZES["label"],
                "labelColor": INK,
                "titleColor": INK,
                "domainColor": GREY,
                "tickColor": GREY,
                "gridColor": GRID,
            },
            "legend": {"labelFontSize": FONT_SIZES["tick"], "titleFontSize": FONT_SIZES["label"]},
            "header": {"labelFontSize": FONT_SIZES["tick"], "titleFontSize": FONT_SIZES["label"]},
            "range": {"category": list(PALETTE)},
            "line": {"strokeWidth": 2},
            "point": {"size": 60, "filled": True},
        }
    }


def enable_altair_theme() -> str:
    """Register the house theme with Altair as ``"childinfo"`` and switch it on.

    Example:
        >>> enable_altair_theme()
        'childinfo'
    """
    alt.theme.register("childinfo", enable=True)(lambda: alt.theme.ThemeConfig(altair_theme()))
    return "childinfo"


# ---------------------------------------------------------------------------------------------
# Words: alt text that states the finding
# ---------------------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    return f"{x:,.1f}"


def alt_text(kind: str, subject: str, finding: str, *, source: str | None = None) -> str:
    """Alt text in the course's pattern: what the chart is, what it finds, where data came from.

    Describe the finding, not the ink: "Bar chart of rates; Northtown is highest" helps a
    screen-reader user; "blue bars of various heights" does not.

    Example:
        >>> alt_text("Bar chart", "children in care per 10,000 by authority",
        ...          "Northtown is highest at 95.0.", source="synthetic data")
        'Bar chart of children in care per 10,000 by authority. Northtown is highest at 95.0. Source: synthetic data.'
    """
    for name, value in (("kind", kind), ("subject", subject), ("finding", finding)):
        if not isinstance(value, str) or not value.strip():
            raise ChildinfoError(
                f"alt text needs a non-empty {name}; say what the chart shows and finds."
            )
    text = f"{kind.strip()} of {subject.strip()}. {finding.strip()}"
    if not text.endswith("."):
        text += "."
    if source:
        text += f" Source: {source.strip().rstrip('.')}."
    return text


def describe_rates(
    df: pd.DataFrame,
    *,
    label: str = "la",
    rate: str = "rate",
    reference: float | None = None,
    reference_name: str = "England",
    unit: str = "per 10,000 children",
) -> str:
    """A one-sentence finding for a set of rates: highest, lowest, spread, and the reference.

    Example:
        >>> d = pd.DataFrame({"la": ["North", "South", "East"], "rate": [95.0, 40.0, 70.0]})
        >>> describe_rates(d, reference=71)
        'North is highest at 95.0 per 10,000 children and South lowest at 40.0, a 2.4-fold difference; 1 of 3 are above the England rate of 71.0.'
    """
    require_frame(df, "the rates table")
    require_columns(df, [label, rate], "the rates table")
    if not pd.api.types.is_numeric_dtype(df[rate]):
        raise ChildinfoError(
            f"column {rate!r} must hold numbers, but its type is {df[rate].dtype}."
        )
    if reference is not None:
        require_number(reference, "reference")
    d = df.dropna(subset=[rate]).sort_values(rate, ascending=False, kind="stable")
    if d.empty:
        raise ChildinfoError(f"column {rate!r} has no values to describe.")
    if len(d) == 1:
        row = d.iloc[0]
        text = f"{row[label]} has a rate of {_fmt(row[rate])} {unit}"
    else:
        hi, lo = d.iloc[0], d.iloc[-1]
        text = (
            f"{hi[label]} is highest at {_fmt(hi[rate])} {unit} and {lo[label]} lowest at "
            f"{_fmt(lo[rate])}"
        )
        if lo[rate] > 0:
            text += f", a {hi[rate] / lo[rate]:.1f}-fold difference"
    if reference is not None:
        above = int((d[rate] > reference).sum())
        text += f"; {above} of {len(d)} are above the {reference_name} rate of {_fmt(reference)}"
    return text + "."


def describe_funnel(
    positions: pd.DataFrame, *, label: str = "la", unit: str = "authorities"
) -> str:
    """A one-sentence finding for a funnel plot, from :func:`childinfo.toolkit.rates.funnel_position`.

    Example:
        >>> from childinfo.toolkit.rates import funnel_position
        >>> las = pd.DataFrame({"la": ["A", "B", "C"], "events": [40, 300, 8],
        ...                     "population": [5_000, 60_000, 4_000]})
        >>> describe_funnel(funnel_position(las))
        'Of 3 authorities, none lie outside the 99.8% limits; 2 lie between the 95% and 99.8% limits (A above, C below), which chance alone would produce about 1 time in 20 for each; 1 is within the range expected from chance around the overall rate of 50.4.'
    """
    require_frame(positions, "the funnel positions")
    require_columns(positions, [label, "band", "target"], "the funnel positions")
    band = positions["band"]

    def names(mask, direction=True):
        rows = positions[mask]
        if direction:
            return ", ".join(f"{r[label]} {r['band'].split()[0]}" for _, r in rows.iterrows())
        return ", ".join(str(x) for x in rows[label])

    outer = band.str.contains("99.8")
    middle = band.str.contains("95% limit") & ~band.str.startswith("within")
    inside = band.str.startswith("within")
    n = len(positions)
    parts = [f"Of {n} {unit}, "]

    def lie(k):
        return f"{k} lies" if k == 1 else f"{k} lie"

    parts.append(
        "none lie outside the 99.8% limits"
        if not outer.any()
        else f"{lie(int(outer.sum()))} outside the 99.8% limits ({names(outer)}), worth a closer look"
    )
    if middle.any():
        parts.append(
            f"; {lie(int(middle.sum()))} between the 95% and 99.8% limits ({names(middle)}), "
            "which chance alone would produce about 1 time in 20 for each"
        )
    parts.append(
        f"; {int(inside.sum())} {'is' if inside.sum() == 1 else 'are'} within the range expected "
        f"from chance around the overall rate of {_fmt(positions['target'].iloc[0])}."
    )
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


def _check_backend(backend: str) -> None:
    if backend not in ("altair", "matplotlib"):
        raise ChildinfoError(f"backend must be 'altair' or 'matplotlib', got {backend!r}.")


def rate_bar_chart(
    df: pd.DataFrame,
    *,
    label: str = "la",
    rate: str = "rate",
    lower: str | None = None,
    upper: str | None = None,
    reference: float | None = None,
    reference_name: str = "England",
    title: str = "Rate per 10,000 children",
    subject: str | None = None,
    highlight: str | Sequence[str] | None = None,
    source: str | None = None,
    backend: str = "altair",
):
    """A horizontal bar chart of rates, sorted, with optional intervals and a reference line.

    Bars are sorted largest first so the order is the finding. ``lower``/``upper`` draw
    confidence intervals (from :func:`childinfo.toolkit.rates.rates_table`); ``reference`` draws a
    dashed line (e.g. the England rate); ``highlight`` colours the named bars (e.g. "your"
    authority) and greys the rest. The alt text comes from :func:`describe_rates`.

    Returns an :class:`altair.Chart` (``backend="altair"``) or a matplotlib ``Figure``.

    Example:
        >>> d = pd.DataFrame({"la": ["North", "South", "East"], "rate": [95.0, 40.0, 70.0]})
        >>> chart = rate_bar_chart(d, reference=71)
        >>> chart.to_dict()["description"][:40]
        'Bar chart of rate per 10,000 children. N'
    """
    _check_backend(backend)
    require_frame(df, "the rates table")
    require_columns(df, [label, rate, lower, upper], "the rates table")
    if (lower is None) != (upper is None):
        raise ChildinfoError("give both lower and upper (the interval's two ends), or neither.")
    if not pd.api.types.is_numeric_dtype(df[rate]):
        raise ChildinfoError(
            f"column {rate!r} must hold numbers, but its type is {df[rate].dtype}."
        )
    subject = subject or title[0].lower() + title[1:]
    finding = describe_rates(
        df, label=label, rate=rate, reference=reference, reference_name=reference_name
    )
    if lower is not None:
        finding += " Lines show 95% confidence intervals."
    description = alt_text("Bar chart", subject, finding, source=source)
    d = df.sort_values(rate, ascending=False, kind="stable").reset_index(drop=True)
    d[label] = d[label].astype(str)
    highlights = {highlight} if isinstance(highlight, str) else set(highlight or ())
    colours = [PALETTE[0] if (not highlights or v in highlights) else MUTED for v in d[label]]

    if backend == "matplotlib":
        with house_style():
            fig = Figure(figsize=(FIGSIZE[0], max(2.5, 0.45 * len(d) + 1.5)), layout="constrained")
            ax = fig.add_subplot()
            y = np.arange(len(d))
            ax.barh(y, d[rate], color=colours, height=0.7)
            if lower is not None:
                ax.errorbar(
                    d[rate],
                    y,
                    xerr=[d[rate] - d[lower], d[upper] - d[rate]],
                    fmt="none",
                    ecolor=INK,
                    elinewidth=1.5,
                    capsize=3,
                )
            if reference is not None:
                ax.axvline(
                    reference,
                    color=GREY,
                    linestyle="--",
                    linewidth=1.5,
                    label=f"{reference_name}: {_fmt(reference)}",
                )
                ax.legend(loc="lower right")
            ax.set_yticks(y, d[label])
            ax.invert_yaxis()
            ax.set_xlabel(title)
            ax.set_title(title)
        fig.alt_text = description
        return fig

    d["_colour"] = colours
    base = alt.Chart(d)
    bars = base.mark_bar().encode(
        x=alt.X(f"{rate}:Q", title=title),
        y=alt.Y(f"{label}:N", sort=None, title=None),
        color=alt.Color("_colour:N", scale=None),
        tooltip=[alt.Tooltip(f"{label}:N"), alt.Tooltip(f"{rate}:Q", format=",.1f")]
        + (
            [alt.Tooltip(f"{lower}:Q", format=",.1f"), alt.Tooltip(f"{upper}:Q", format=",.1f")]
            if lower is not None
            else []
        ),
    )
    layers = [bars]
    if lower is not None:
        layers.append(
            base.mark_rule(color=INK, strokeWidth=1.5).encode(
                x=f"{lower}:Q", x2=f"{upper}:Q", y=alt.Y(f"{label}:N", sort=None)
            )
        )
    if reference is not None:
        ref = pd.DataFrame(
            {"reference": [reference], "name": [f"{reference_name}: {_fmt(reference)}"]}
        )
        layers.append(
            alt.Chart(ref)
            .mark_rule(color=GREY, strokeDash=[6, 4], strokeWidth=2)
            .encode(x="reference:Q", tooltip=["name:N"])
        )
    chart = alt.layer(*layers) if len(layers) > 1 else bars
    return chart.properties(
        title=title, description=description, width=560, height=max(120, 24 * len(d))
    )


def funnel_plot(
    df: pd.DataFrame,
    *,
    label: str = "la",
    events: str = "events",
    population: str = "population",
    target: float | None = None,
    per: int = _rates.PER_10K,
    title: str = "Rate per 10,000 children against number of children",
    subject: str | None = None,
    unit: str = "authorities",
    source: str | None = None,
    backend: str = "altair",
):
    """A funnel plot: each unit's rate against its size, with 95% and 99.8% control limits.

    A fairer picture than a league table: small units scatter widely by chance, and the
    funnel shows how widely. Points outside the 99.8% limits are labelled. Bands differ by
    colour and by marker shape. The alt text comes from :func:`describe_funnel`.

    Returns an :class:`altair.LayerChart` (``backend="altair"``) or a matplotlib ``Figure``.

    Example:
        >>> las = pd.DataFrame({"la": ["A", "B", "C"], "events": [40, 300, 8],
        ...                     "population": [5_000, 60_000, 4_000]})
        >>> spec = funnel_plot(las).to_dict()
        >>> spec["description"].startswith("Funnel plot of")
        True
    """
    _check_backend(backend)
    positions = _rates.funnel_position(
        df, events=events, population=population, target=target, per=per
    )
    require_columns(positions, [label], "the table of units")
    tgt = float(positions["target"].iloc[0])
    pop = positions[population].astype(float)
    grid = np.geomspace(max(pop.min() * 0.8, 1), pop.max() * 1.1, 120)
    limits = _rates.funnel_limits(grid, tgt, per=per)
    subject = (
        subject
        or f"rates per 10,000 children against the number of children, for {len(positions)} {unit}"
    )
    description = alt_text(
        "Funnel plot", subject, describe_funnel(positions, label=label, unit=unit), source=source
    )
    outliers = positions[positions["band"].str.contains("99.8")]

    if backend == "matplotlib":
        with house_style():
            fig = Figure(figsize=(FIGSIZE[0] + 2.5, FIGSIZE[1]), layout="constrained")
            ax = fig.add_subplot()
            ax.axhline(tgt, color=GREY, linewidth=1.5)
            for level, style in (("95", "--"), ("99.8", ":")):
                ax.plot(
                    limits["population"], limits[f"lower_{level}"], color=GREY, linestyle=style
                )
                ax.plot(
                    limits["population"], limits[f"upper_{level}"], color=GREY, linestyle=style
                )
            for band, (colour, marker, _) in BAND_STYLE.items():
                pts = positions[positions["band"] == band]
                if len(pts):
                    ax.scatter(
                        pts[population],
                        pts["rate"],
                        color=colour,
                        marker=marker,
                        s=55,
                        zorder=3,
                        label=band,
                        edgecolors="white",
                        linewidths=0.5,
                    )
            for _, r in outliers.iterrows():
                ax.annotate(
                    str(r[label]),
                    (r[population], r["rate"]),
                    xytext=(5, 4),
                    textcoords="offset points",
                    fontsize=FONT_SIZES["annotation"],
                )
            handles, _ = ax.get_legend_handles_labels()
            handles += [
                Line2D([], [], color=GREY, linestyle="--", label="95% limits"),
                Line2D([], [], color=GREY, linestyle=":", label="99.8% limits"),
                Line2D([], [], color=GREY, label=f"overall rate {_fmt(tgt)}"),
            ]
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0))
            ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
            ax.set_xlabel("Number of children")
            ax.set_ylabel(f"Rate per {per:,}")
            ax.set_title(title)
        fig.alt_text = description
        return fig

    long = limits.melt(id_vars=["population", "target"], var_name="limit", value_name="value")
    long["level"] = np.where(long["limit"].str.endswith("99.8"), "99.8% limits", "95% limits")
    long["side"] = long["limit"].str.split("_").str[0]
    pts = positions.rename(columns={population: "_population"}).copy()
    pts[label] = pts[label].astype(str)
    bands = list(BAND_STYLE)
    x = alt.X("population:Q", title="Number of children", scale=alt.Scale(type="log"))
    lines = (
        alt.Chart(long)
        .mark_line(color=GREY, strokeWidth=1.5)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=f"Rate per {per:,}"),
            strokeDash=alt.StrokeDash(
                "level:N",
                title="Control limits",
                scale=alt.Scale(domain=["95% limits", "99.8% limits"], range=[[6, 4], [2, 2]]),
            ),
            detail="limit:N",
        )
    )
    centre = alt.Chart(pd.DataFrame({"target": [tgt]})).mark_rule(color=GREY).encode(y="target:Q")
    points = (
        alt.Chart(pts)
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=alt.X("_population:Q", scale=alt.Scale(type="log"), title="Number of children"),
            y=alt.Y("rate:Q"),
            color=alt.Color(
                "band:N",
                title="Position",
                scale=alt.Scale(domain=bands, range=[BAND_STYLE[b][0] for b in bands]),
            ),
            shape=alt.Shape(
                "band:N",
                title="Position",
                scale=alt.Scale(domain=bands, range=[BAND_STYLE[b][2] for b in bands]),
            ),
            tooltip=[
                alt.Tooltip(f"{label}:N"),
                alt.Tooltip("rate:Q", format=",.1f"),
                alt.Tooltip("_population:Q", title="children", format=","),
                alt.Tooltip("band:N"),
            ],
        )
    )
    layers = [lines, centre, points]
    if len(outliers):
        out = outliers.rename(columns={population: "_population"}).copy()
        out[label] = out[label].astype(str)
        layers.append(
            alt.Chart(out)
            .mark_text(align="left", dx=6, dy=-6, fontSize=FONT_SIZES["annotation"])
            .encode(
                x=alt.X("_population:Q", scale=alt.Scale(type="log")),
                y="rate:Q",
                text=f"{label}:N",
            )
        )
    return alt.layer(*layers).properties(
        title=title, description=description, width=560, height=340
    )


def interval_chart(
    df: pd.DataFrame,
    *,
    value: str,
    lower: str,
    upper: str,
    label: str | None = None,
    reliable: str | None = None,
    reference: float | None = None,
    reference_name: str = "overall",
    title: str = "Rate by group",
    subject: str | None = None,
    value_format: str = ".2f",
    source: str | None = None,
    backend: str = "altair",
):
    """Dots with interval lines, one row per group: for rates by group with their uncertainty.

    Made for :func:`childinfo.toolkit.fairness.group_metrics` (``value="false_positive_rate"``,
    ``lower="fpr_lower"``, ``upper="fpr_upper"``, ``reliable="reliable"``): groups too thin to
    trust are drawn as hollow dots and named in the alt text. ``label`` defaults to the index.

    Example:
        >>> m = pd.DataFrame({"fpr": [0.20, 0.42, 0.30], "lo": [0.17, 0.30, 0.05], "hi": [0.23, 0.55, 0.70],
        ...                   "ok": [True, True, False]}, index=["A", "B", "C"])
        >>> chart = interval_chart(m, value="fpr", lower="lo", upper="hi", reliable="ok",
        ...                        title="False positive rate by group")
        >>> print(chart.to_dict()["description"])  # doctest: +NORMALIZE_WHITESPACE
        Dot chart of false positive rate by group, with 95% intervals. B is highest at 0.42 (0.30 to 0.55)
        and A lowest at 0.20 (0.17 to 0.23); their intervals do not overlap. Too few children stand
        behind C's rate to trust it (hollow dot).
    """
    _check_backend(backend)
    require_frame(df, "the table of groups")
    d = df.copy()
    if label is None:
        d = d.reset_index()
        label = d.columns[0]
    require_columns(d, [label, value, lower, upper, reliable], "the table of groups")
    for col in (value, lower, upper):
        require_numeric(d[col], f"column {col!r}")
    if reference is not None:
        require_number(reference, "reference")
    d = (
        d.dropna(subset=[value])
        .sort_values(value, ascending=False, kind="stable")
        .reset_index(drop=True)
    )
    if d.empty:
        raise ChildinfoError(f"column {value!r} has no values to draw.")
    d[label] = d[label].astype(str)
    d["_trusted"] = d[reliable].astype(bool) if reliable else True

    def fmt(x):
        return format(float(x), value_format)

    hi, lo = d.iloc[0], d.iloc[-1]
    if len(d) > 1:
        overlap = not (lo[upper] < hi[lower])
        finding = (
            f"{hi[label]} is highest at {fmt(hi[value])} ({fmt(hi[lower])} to {fmt(hi[upper])}) and "
            f"{lo[label]} lowest at {fmt(lo[value])} ({fmt(lo[lower])} to {fmt(lo[upper])}); their intervals "
            + ("overlap, so the gap may be chance." if overlap else "do not overlap.")
        )
    else:
        finding = f"{hi[label]} is at {fmt(hi[value])} ({fmt(hi[lower])} to {fmt(hi[upper])})."
    thin = d.loc[~d["_trusted"], label].tolist()
    if thin:
        finding += (
            f" Too few children stand behind {', '.join(thin)}'s rate{'s' if len(thin) > 1 else ''} "
            "to trust it (hollow dot)."
        )
    subject = subject or (title[0].lower() + title[1:] + ", with 95% intervals")
    description = alt_text("Dot chart", subject, finding, source=source)

    if backend == "matplotlib":
        with house_style():
            fig = Figure(figsize=(FIGSIZE[0], max(2.5, 0.5 * len(d) + 1.5)), layout="constrained")
            ax = fig.add_subplot()
            y = np.arange(len(d))
            ax.hlines(y, d[lower], d[upper], color=INK, linewidth=2)
            trusted = d["_trusted"].to_numpy()
            ax.scatter(
                d.loc[trusted, value],
                y[trusted],
                color=PALETTE[0],
                s=70,
                zorder=3,
                label="enough children",
            )
            if (~trusted).any():
                ax.scatter(
                    d.loc[~trusted, value],
                    y[~trusted],
                    facecolors="white",
                    edgecolors=PALETTE[0],
                    linewidths=2,
                    s=70,
                    zorder=3,
                    label="too few children to trust",
                )
            if reference is not None:
                ax.axvline(
                    reference,
                    color=GREY,
                    linestyle="--",
                    linewidth=1.5,
                    label=f"{reference_name}: {fmt(reference)}",
                )
            ax.set_yticks(y, d[label])
            ax.invert_yaxis()
            ax.set_title(title)
            ax.set_xlabel(title)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.alt_text = description
        return fig

    d["_status"] = np.where(d["_trusted"], "enough children", "too few children to trust")
    base = alt.Chart(d)
    y = alt.Y(f"{label}:N", sort=None, title=None)
    rules = base.mark_rule(color=INK, strokeWidth=2).encode(
        x=alt.X(f"{lower}:Q", title=title), x2=f"{upper}:Q", y=y
    )
    dots = base.mark_point(size=90, strokeWidth=2, color=PALETTE[0], opacity=1).encode(
        x=f"{value}:Q",
        y=y,
        fill=alt.Fill(
            "_status:N",
            title=None,
            scale=alt.Scale(
                domain=["enough children", "too few children to trust"],
                range=[PALETTE[0], "white"],
            ),
        ),
        tooltip=[
            alt.Tooltip(f"{label}:N"),
            alt.Tooltip(f"{value}:Q", format=value_format),
            alt.Tooltip(f"{lower}:Q", format=value_format),
            alt.Tooltip(f"{upper}:Q", format=value_format),
            alt.Tooltip("_status:N", title="reliability"),
        ],
    )
    layers = [rules, dots]
    if reference is not None:
        ref = pd.DataFrame({"reference": [reference]})
        layers.append(
            alt.Chart(ref)
            .mark_rule(color=GREY, strokeDash=[6, 4], strokeWidth=2)
            .encode(x="reference:Q")
        )
    return alt.layer(*layers).properties(
        title=title, description=description, width=520, height=max(100, 30 * len(d))
    )
