"""Tests for childinfo.toolkit.rates: rates per 10,000, exact intervals and funnel limits."""

import math

import numpy as np
import pandas as pd
import pytest

import childinfo.toolkit.rates as rt
from childinfo.errors import ChildinfoError


def test_rate_per_10k_values():
    assert rt.rate_per_10k(350, 50_000) == 70.0
    assert rt.rate_per_10k(7, 1_000, per=1_000) == 7.0
    s = rt.rate_per_10k(
        pd.Series([1, 2], index=["a", "b"]), pd.Series([10_000, 40_000], index=["a", "b"])
    )
    assert s.to_dict() == {"a": 1.0, "b": 0.5}
    np.testing.assert_allclose(rt.rate_per_10k(np.array([5, 10]), 20_000), [2.5, 5.0])


@pytest.mark.parametrize(
    "events,population,match",
    [
        (5, 0, "more than 0"),
        (-1, 100, "negative"),
        (None, 100, "missing"),
        ("five", 100, "numbers"),
    ],
)
def test_rate_per_10k_bad_input(events, population, match):
    with pytest.raises(ChildinfoError, match=match):
        rt.rate_per_10k(events, population)


def test_poisson_exact_interval_matches_published_table():
    # Garwood 95% limits for 5 and 0 events: (1.6235, 11.6683) and (0, 3.6889).
    ci = rt.rate_interval([5, 0], 10_000)
    np.testing.assert_allclose(ci["lower"], [1.6235, 0.0], atol=1e-4)
    np.testing.assert_allclose(ci["upper"], [11.6683, 3.6889], atol=1e-4)
    assert ci["rate"].tolist() == [5.0, 0.0]


def test_wilson_interval_matches_hand_calculation():
    ci = rt.rate_interval(0, 10, method="wilson", per=1)
    z = 1.959963984540054
    assert ci.loc[0, "lower"] == 0
    assert ci.loc[0, "upper"] == pytest.approx(z**2 / (10 + z**2), abs=1e-9)  # 0.2775
    ci = rt.rate_interval(30, 100, method="wilson", per=100)
    assert ci.loc[0, "lower"] == pytest.approx(21.895, abs=1e-3)
    assert ci.loc[0, "upper"] == pytest.approx(39.585, abs=1e-3)
    with pytest.raises(ChildinfoError, match="events <= population"):
        rt.rate_interval(11, 10, method="wilson")
    with pytest.raises(ChildinfoError, match="method"):
        rt.rate_interval(1, 10, method="normal")
    with pytest.raises(ChildinfoError, match="level"):
        rt.rate_interval(1, 10, level=95)


def test_rates_table_adds_columns_and_names_problems():
    t = pd.DataFrame({"team": ["N", "S"], "n": [12, 3], "kids": [6_000, 2_000]})
    out = rt.rates_table(t, events="n", population="kids")
    assert out["rate"].tolist() == [20.0, 15.0]
    assert list(out.columns) == ["team", "n", "kids", "rate", "lower", "upper"]
    assert (out["lower"] < out["rate"]).all() and (out["upper"] > out["rate"]).all()
    with pytest.raises(ChildinfoError, match="'events'"):
        rt.rates_table(t)
    with pytest.raises(ChildinfoError, match="empty"):
        rt.rates_table(t.iloc[:0], events="n", population="kids")
    with pytest.raises(ChildinfoError, match="numbers"):
        rt.rates_table(t.assign(n=["12", "3"]), events="n", population="kids")


def _poisson_cdf(k, lam):
    return sum(math.exp(-lam) * lam**i / math.factorial(i) for i in range(k + 1))


def test_funnel_limits_interpolated_exact_poisson():
    # 1,000 children at 50 per 10,000: 5 expected events. Lower 95% step is at 1 event.
    limits = rt.funnel_limits([1_000], target=50)
    f1, f0 = _poisson_cdf(1, 5), _poisson_cdf(0, 5)
    expected_lower = (1 - (f1 - 0.025) / (f1 - f0)) / 1_000 * 10_000
    f10, f9 = _poisson_cdf(10, 5), _poisson_cdf(9, 5)
    expected_upper = (10 - (f10 - 0.975) / (f10 - f9)) / 1_000 * 10_000
    assert limits.loc[0, "lower_95"] == pytest.approx(expected_lower, rel=1e-9)
    assert limits.loc[0, "upper_95"] == pytest.approx(expected_upper, rel=1e-9)
    assert list(limits.columns) == [
        "population",
        "target",
        "lower_95",
        "upper_95",
        "lower_99.8",
        "upper_99.8",
    ]


def test_funnel_narrows_and_approaches_normal_for_large_units():
    grid = np.array([500, 2_000, 10_000, 100_000, 1_000_000])
    limits = rt.funnel_limits(grid, target=60)
    width = limits["upper_95"] - limits["lower_95"]
    assert (np.diff(width) < 0).all()
    big = limits.iloc[-1]
    sd = math.sqrt(60 / 10_000 * 1_000_000) / 1_000_000 * 10_000
    assert big["upper_95"] == pytest.approx(60 + 1.96 * sd, abs=0.02)
    assert (limits["lower_99.8"] <= limits["lower_95"]).all()


def test_funnel_limits_cover_chance_variation():
    rng = np.random.default_rng(1)
    pop = 8_000
    draws = rng.poisson(40 / 10_000 * pop, size=20_000) / pop * 10_000
    lim = rt.funnel_limits([pop], target=40).iloc[0]
    outside = np.mean((draws > lim["upper_95"]) | (draws < lim["lower_95"]))
    assert 0.03 < outside < 0.07


def test_funnel_limits_binomial_and_bad_input():
    b = rt.funnel_limits([2_000], target=100, method="binomial")
    p = rt.funnel_limits([2_000], target=100)
    assert b.loc[0, "upper_95"] <= p.loc[0, "upper_95"]  # binomial is a touch narrower
    for kwargs, match in [
        ({"population": []}, "non-empty"),
        ({"population": [0]}, "above 0"),
        ({"population": [10], "target": -1}, "target"),
        ({"population": [10], "method": "normal"}, "method"),
        ({"population": [10], "levels": (95,)}, "level"),
    ]:
        kwargs.setdefault("target", 10)
        with pytest.raises(ChildinfoError, match=match):
            rt.funnel_limits(**kwargs)


def test_funnel_position_bands():
    las = pd.DataFrame(
        {
            "la": ["A", "B", "C", "D", "E"],
            "events": [40, 300, 8, 90, 2],
            "population": [5_000, 60_000, 4_000, 8_000, 5_000],
        }
    )
    out = rt.funnel_position(las, target=50)
    assert out["band"].tolist() == [
        "above 95% limit",
        "within 95% limits",
        "below 95% limit",
        "above 99.8% limit",
        "below 99.8% limit",
    ]
    assert out["target"].eq(50).all()
    pooled = rt.funnel_position(las)
    assert pooled.loc[0, "target"] == pytest.approx(440 / 82_000 * 10_000)
    with pytest.raises(ChildinfoError, match="'cla'"):
        rt.funnel_position(las, events="cla")


def test_text_input_gives_a_clear_error():
    with pytest.raises(ChildinfoError, match="pd.to_numeric"):
        rt.rate_interval("a", 10)
    with pytest.raises(ChildinfoError, match="must be numbers"):
        rt.funnel_limits([100], "fifty")
    with pytest.raises(ChildinfoError, match="must be numbers"):
        rt.funnel_limits(["a"], 5)


def test_counts_too_large_for_whole_numbers_stay_as_given():
    # 1e300 is whole, but no int64 holds it: the table keeps the float, never a wrapped count.
    out = rt.rate_interval(1e300, 1e301)
    assert out["events"].iloc[0] == 1e300 and out["population"].iloc[0] == 1e301
    assert rt.rate_interval(5, 100)["events"].dtype == "int64"
