"""Tests for childinfo.toolkit.fairness: a simple risk model audited by group with fairlearn."""

import numpy as np
import pandas as pd
import pytest

import childinfo.toolkit.fairness as fr
from childinfo.errors import ChildinfoError

Y = [1, 0, 1, 0, 1, 1, 0, 0]
FLAG = [1, 0, 0, 1, 1, 1, 0, 1]
G = ["A", "A", "B", "B", "A", "A", "B", "B"]


def test_group_metrics_exact_values_and_intervals():
    m = fr.group_metrics(Y, FLAG, G)
    assert m.index.tolist() == ["A", "B", "overall"]
    b = m.loc["B"]
    assert (b["n"], b["negatives"], b["positives"]) == (4, 3, 1)
    assert b["false_positive_rate"] == pytest.approx(2 / 3)
    # Wilson 95% interval for 2 of 3: (0.2077, 0.9385)
    assert (round(b["fpr_lower"], 4), round(b["fpr_upper"], 4)) == (0.2077, 0.9385)
    a = m.loc["A"]
    assert a["false_positive_rate"] == 0.0 and a["negatives"] == 1
    assert m.loc["overall", "selection_rate"] == 0.625
    assert not m["reliable"].any()
    assert fr.group_metrics(Y, FLAG, G, min_group_size=1)["reliable"].tolist() == [
        True,
        True,
        True,
    ]


def test_rate_with_empty_denominator_is_missing_not_zero():
    m = fr.group_metrics([0, 0, 1, 1], [1, 0, 1, 0], ["A", "A", "B", "B"])
    assert np.isnan(m.loc["A", "false_negative_rate"]) and np.isnan(
        m.loc["B", "false_positive_rate"]
    )
    assert m.loc["A", "false_positive_rate"] == 0.5


def test_missing_group_labels_are_kept_as_not_recorded():
    m = fr.group_metrics([1, 0, 1], [1, 1, 0], ["A", None, "A"])
    assert m.index.tolist() == ["A", "not recorded", "overall"]


@pytest.mark.parametrize(
    "args,match",
    [
        (([1, 0, 2], [1, 0, 1], ["A"] * 3), "0/1"),
        (([1, 0], [1, 0, 1], ["A"] * 3), "same length"),
        (([], [], []), "no rows"),
        (([1, None], [1, 0], ["A", "A"]), "missing"),
    ],
)
def test_group_metrics_bad_input(args, match):
    with pytest.raises(ChildinfoError, match=match):
        fr.group_metrics(*args)


def test_disparity_summary_values():
    d = fr.disparity_summary(Y, FLAG, G)
    assert d.loc["false_positive_rate", "gap"] == 0.67
    assert d.loc["false_positive_rate", "highest"] == "B"
    assert d.loc["demographic_parity_difference", "gap"] == 0.25
    assert d.loc["equalized_odds_difference", "gap"] == 1.0


@pytest.fixture(scope="module")
def surveilled():
    """Need is the same in both groups; group B is watched more, so more of its need is recorded."""
    rng = np.random.default_rng(11)
    n = 3000
    group = rng.choice(["A", "B", "C"], n, p=[0.69, 0.3, 0.01])  # C is a thin group
    need = rng.random(n) < 0.2
    watched = np.where(group == "B", 0.9, 0.5)
    prior = rng.poisson(np.where(need, 1.5, 0.4) * np.where(group == "B", 1.8, 1.0))
    recorded = (need & (rng.random(n) < watched)) | (rng.random(n) < 0.03)
    source = np.where(rng.random(n) < np.where(group == "B", 0.5, 0.2), "police", "school")
    return pd.DataFrame(
        {
            "group": group,
            "prior_referrals": prior,
            "source": source,
            "rereferred": recorded.astype(int),
        }
    )


def test_fit_risk_model_and_audit(surveilled):
    m = fr.fit_risk_model(
        surveilled,
        ["prior_referrals", "source"],
        "rereferred",
        keep=["group"],
        threshold=0.25,
        seed=1,
    )
    assert len(m.test) == 900 and set(m.test.columns) == {"group", "outcome", "score", "flagged"}
    assert 0.6 < m.auc < 0.95
    assert m.test["flagged"].tolist() == (m.test["score"] >= 0.25).astype(int).tolist()
    audit = fr.group_metrics(m.test["outcome"], m.test["flagged"], m.test["group"])
    # The model learned the extra surveillance: group B is flagged far more often.
    assert audit.loc["B", "selection_rate"] > audit.loc["A", "selection_rate"] + 0.15
    assert audit.loc["B", "false_positive_rate"] > audit.loc["A", "false_positive_rate"]
    assert audit.loc["B", "base_rate"] > audit.loc["A", "base_rate"]
    assert (
        audit.loc["A", "reliable"]
        and audit.loc["B", "reliable"]
        and not audit.loc["C", "reliable"]
    )
    # The thin group's interval is wide: its rate says little.
    width = audit["fpr_upper"] - audit["fpr_lower"]
    assert width["C"] > 3 * width["A"]
    cal = fr.calibration_by_group(m.test["outcome"], m.test["score"], m.test["group"], bins=4)
    assert set(cal["group"]) == {"A", "B", "C"} and cal["n"].sum() == 900
    trade = fr.threshold_tradeoff(
        m.test["outcome"], m.test["score"], m.test["group"], thresholds=[0.1, 0.25, 0.5]
    )
    for _, part in trade.groupby("group"):
        assert part["selection_rate"].is_monotonic_decreasing


def test_fit_risk_model_bad_input(surveilled):
    with pytest.raises(ChildinfoError, match="'outcome_12m'"):
        fr.fit_risk_model(surveilled, ["prior_referrals"], "outcome_12m")
    with pytest.raises(ChildinfoError, match="cannot also be a feature"):
        fr.fit_risk_model(surveilled, ["rereferred"], "rereferred")
    with pytest.raises(ChildinfoError, match="only one value"):
        fr.fit_risk_model(surveilled.assign(rereferred=0), ["prior_referrals"], "rereferred")
    with pytest.raises(ChildinfoError, match="missing values"):
        fr.fit_risk_model(surveilled.assign(source=None), ["source"], "rereferred")
    with pytest.raises(ChildinfoError, match="0/1"):
        fr.fit_risk_model(surveilled.assign(rereferred="yes"), ["source"], "rereferred")


def test_calibration_exact_and_errors():
    cal = fr.calibration_by_group([0, 1, 1, 0], [0.1, 0.9, 0.6, 0.4], ["A"] * 4, bins=2)
    assert cal[["band", "n", "mean_score", "observed_rate"]].values.tolist() == [
        ["0.0 - 0.5", 2, 0.25, 0.0],
        ["0.5 - 1.0", 2, 0.75, 1.0],
    ]
    with pytest.raises(ChildinfoError, match="probabilities"):
        fr.calibration_by_group([0, 1], [0.1, 1.5], ["A", "A"])
    with pytest.raises(ChildinfoError, match="threshold"):
        fr.threshold_tradeoff([0, 1], [0.1, 0.9], ["A", "A"], thresholds=[50])


def test_chance_range_exact_and_simulated():
    r = fr.chance_range(0.2, [10, 100, 1000])
    assert r[["size", "lower", "upper"]].values.tolist() == [
        [10, 0.0, 0.5],
        [100, 0.12, 0.28],
        [1000, 0.176, 0.225],
    ]
    rng = np.random.default_rng(5)
    observed = rng.binomial(40, 0.3, 20_000) / 40
    lim = fr.chance_range(0.3, [40]).iloc[0]
    inside = np.mean((observed >= lim["lower"]) & (observed <= lim["upper"]))
    assert 0.94 <= inside <= 0.99
    with pytest.raises(ChildinfoError, match="whole numbers"):
        fr.chance_range(0.2, [0])
    with pytest.raises(ChildinfoError, match="proportion"):
        fr.chance_range(20, [10])
