"""Tests for childinfo.toolkit.plots: palette, house style, alt text and chart builders."""

import altair as alt
import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure

import childinfo.toolkit.plots as pl
from childinfo.errors import ChildinfoError
from childinfo.toolkit.rates import funnel_position, rates_table

matplotlib.use("Agg")

LAS = pd.DataFrame(
    {
        "la": ["A", "B", "C", "D", "E"],
        "events": [40, 300, 8, 90, 2],
        "population": [5_000, 60_000, 4_000, 8_000, 5_000],
    }
)


def test_palette_is_okabe_ito():
    assert len(pl.PALETTE) == 8 and set(pl.PALETTE) == set(pl.OKABE_ITO.values())
    assert pl.PALETTE[:3] == ["#0072B2", "#D55E00", "#009E73"]
    assert pl.OKABE_ITO["vermillion"] == "#D55E00"


def test_house_style_sizes():
    rc = pl.matplotlib_rc()
    assert rc["axes.labelsize"] == 14 and rc["xtick.labelsize"] == 12
    assert min(pl.FONT_SIZES.values()) >= 12
    with pl.house_style():
        assert matplotlib.rcParams["axes.titlesize"] == 16
    theme = pl.altair_theme()["config"]
    assert theme["axis"]["labelFontSize"] == 12
    assert pl.enable_altair_theme() == "childinfo"
    assert alt.theme.active == "childinfo"
    alt.theme.enable("default")


def test_alt_text_pattern_and_errors():
    assert pl.alt_text("Line chart", "referrals by month", "Referrals peaked in March") == (
        "Line chart of referrals by month. Referrals peaked in March."
    )
    with pytest.raises(ChildinfoError, match="finding"):
        pl.alt_text("Bar chart", "rates", " ")


def test_describe_rates():
    d = pd.DataFrame({"la": ["North", "South", "East"], "rate": [95.0, 0.0, 70.0]})
    assert (
        pl.describe_rates(d)
        == "North is highest at 95.0 per 10,000 children and South lowest at 0.0."
    )
    one = pl.describe_rates(d.iloc[:1], reference=100, reference_name="regional")
    assert (
        one
        == "North has a rate of 95.0 per 10,000 children; 0 of 1 are above the regional rate of 100.0."
    )
    with pytest.raises(ChildinfoError, match="'rate'"):
        pl.describe_rates(d.rename(columns={"rate": "r"}))


def test_describe_funnel_names_outliers():
    text = pl.describe_funnel(funnel_position(LAS, target=50))
    assert text.startswith(
        "Of 5 authorities, 2 lie outside the 99.8% limits (D above, E below), worth a closer look; "
    )
    assert "2 lie between the 95% and 99.8% limits (A above, C below)" in text
    assert text.endswith(
        "1 is within the range expected from chance around the overall rate of 50.0."
    )


def test_rate_bar_chart_altair():
    r = rates_table(LAS)
    chart = pl.rate_bar_chart(
        r, lower="lower", upper="upper", reference=55, highlight="D", source="synthetic"
    )
    spec = chart.to_dict()
    assert spec["description"].startswith(
        "Bar chart of rate per 10,000 children. D is highest at 112.5"
    )
    assert spec["description"].endswith("Lines show 95% confidence intervals. Source: synthetic.")
    assert len(spec["layer"]) == 3
    values = next(iter(spec["datasets"].values()))
    assert [v["la"] for v in values] == ["D", "A", "B", "C", "E"]  # sorted, largest first
    assert [v["_colour"] for v in values][:2] == [pl.PALETTE[0], "#a6a6a6"]


def test_rate_bar_chart_matplotlib():
    r = rates_table(LAS)
    fig = pl.rate_bar_chart(r, lower="lower", upper="upper", reference=55, backend="matplotlib")
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["D", "A", "B", "C", "E"]
    assert [round(p.get_width(), 1) for p in ax.patches] == [112.5, 80.0, 50.0, 20.0, 4.0]
    assert ax.title.get_fontsize() == 16
    assert fig.alt_text.startswith("Bar chart of")


def test_rate_bar_chart_bad_input():
    r = rates_table(LAS)
    with pytest.raises(ChildinfoError, match="both lower and upper"):
        pl.rate_bar_chart(r, lower="lower")
    with pytest.raises(ChildinfoError, match="backend"):
        pl.rate_bar_chart(r, backend="plotly")
    with pytest.raises(ChildinfoError, match="'authority'"):
        pl.rate_bar_chart(r, label="authority")
    with pytest.raises(ChildinfoError, match="numbers"):
        pl.rate_bar_chart(r.assign(rate=r["rate"].astype(str)))
    with pytest.raises(ChildinfoError, match="empty"):
        pl.rate_bar_chart(r.iloc[:0])


def test_funnel_plot_altair():
    spec = pl.funnel_plot(LAS, target=50).to_dict()
    assert spec["description"].startswith(
        "Funnel plot of rates per 10,000 children against the number of children, for 5 authorities. Of 5"
    )
    assert len(spec["layer"]) == 4  # limits, centre line, points, labels of the 99.8% outliers
    points = spec["layer"][2]["encoding"]
    assert points["shape"]["field"] == "band" and points["color"]["field"] == "band"
    labelled = [d for d in spec["datasets"].values() if d and "band" in d[0] and len(d) == 2]
    assert sorted(v["la"] for v in labelled[0]) == ["D", "E"]


def test_funnel_plot_matplotlib():
    fig = pl.funnel_plot(LAS, target=50, backend="matplotlib")
    ax = fig.axes[0]
    assert len(ax.lines) == 5  # centre line and four limit curves
    assert sorted(t.get_text() for t in ax.texts) == ["D", "E"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "overall rate 50.0" and "above 99.8% limit" in legend
    assert "2 lie outside the 99.8% limits" in fig.alt_text


def test_funnel_plot_bad_input():
    with pytest.raises(ChildinfoError, match="'events'"):
        pl.funnel_plot(LAS.drop(columns="events"))
    with pytest.raises(ChildinfoError, match="'team'"):
        pl.funnel_plot(LAS, label="team")


GROUPS = pd.DataFrame(
    {
        "fpr": [0.20, 0.42, 0.30],
        "lo": [0.17, 0.30, 0.05],
        "hi": [0.23, 0.55, 0.70],
        "ok": [True, True, False],
    },
    index=pd.Index(["A", "B", "C"], name="group"),
)


def test_interval_chart_altair_marks_thin_groups():
    spec = pl.interval_chart(
        GROUPS, value="fpr", lower="lo", upper="hi", reliable="ok", reference=0.3
    ).to_dict()
    assert "their intervals do not overlap" in spec["description"]
    assert spec["description"].endswith(
        "Too few children stand behind C's rate to trust it (hollow dot)."
    )
    values = next(iter(spec["datasets"].values()))
    assert [(v["group"], v["_status"]) for v in values] == [
        ("B", "enough children"),
        ("C", "too few children to trust"),
        ("A", "enough children"),
    ]
    assert len(spec["layer"]) == 3


def test_interval_chart_matplotlib_and_overlap_wording():
    close = GROUPS.assign(lo=[0.17, 0.15, 0.05])
    fig = pl.interval_chart(close, value="fpr", lower="lo", upper="hi", backend="matplotlib")
    assert "overlap, so the gap may be chance." in fig.alt_text and "hollow" not in fig.alt_text
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["B", "C", "A"]
    with pytest.raises(ChildinfoError, match="'upper'"):
        pl.interval_chart(GROUPS, value="fpr", lower="lo", upper="upper")
