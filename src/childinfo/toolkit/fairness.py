"""Auditing a risk model by group: who it flags, who it misses, and how sure we can be.

The labs fit a deliberately simple model (:func:`fit_risk_model`, scikit-learn's logistic
regression) that predicts a *recorded* outcome, such as a re-referral within 12 months. A
recorded outcome is not the same as harm: it also measures who gets looked at, so a group
that is watched more closely has a higher base rate in the data.

The audit uses fairlearn's :class:`~fairlearn.metrics.MetricFrame`:

* :func:`group_metrics`: per group, the base rate, the selection rate (share flagged), the
  false positive rate (families flagged who would not go on to the outcome: an *allocation*
  harm, unwarranted intrusion) and the false negative rate (children missed: a
  *quality-of-service* harm), each with a Wilson interval and a flag when the group is too thin
  for the number to mean much;
* :func:`disparity_summary`: the gaps between groups, with fairlearn's demographic parity and
  equalised odds differences;
* :func:`calibration_by_group`: whether a score of 0.3 means a 30% rate in every group;
* :func:`threshold_tradeoff`: how moving the threshold trades one group's errors against
  another's. No threshold removes every gap when base rates differ; choosing one is a value
  judgement to make in the open, not a technical fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from fairlearn.metrics import (
    MetricFrame,
    count,
    demographic_parity_difference,
    equalized_odds_difference,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
)
from scipy import stats
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from childinfo._validation import (
    as_list,
    as_series,
    require_binary,
    require_columns,
    require_frame,
    require_number,
)
from childinfo.errors import ChildinfoError
from childinfo.toolkit.rates import rate_interval

__all__ = [
    "MIN_GROUP_SIZE",
    "RiskModel",
    "calibration_by_group",
    "chance_range",
    "disparity_summary",
    "fit_risk_model",
    "group_metrics",
    "threshold_tradeoff",
]

#: Below this many children in the denominator, a group's rate is flagged as unreliable.
MIN_GROUP_SIZE = 30


@dataclass
class RiskModel:
    """A fitted model and its held-out predictions.

    Attributes:
        pipeline: the scikit-learn pipeline (encoding + logistic regression).
        test: the held-out rows with ``outcome``, ``score`` (predicted probability) and
            ``flagged`` (score at or above ``threshold``), plus any ``keep`` columns.
        threshold: the score at which a child is flagged.
        auc: area under the ROC curve on the held-out rows.

    Example:
        >>> d = pd.DataFrame({"prior": [0, 1, 2, 3] * 25, "outcome": [0, 0, 1, 1] * 25})
        >>> m = fit_risk_model(d, ["prior"], "outcome", threshold=0.5)
        >>> m.auc, int(m.test["flagged"].sum())
        (1.0, 15)
    """

    pipeline: Pipeline
    test: pd.DataFrame
    threshold: float
    auc: float


def fit_risk_model(
    df: pd.DataFrame,
    features: Sequence[str],
    outcome: str,
    *,
    keep: Sequence[str] = (),
    threshold: float = 0.5,
    test_size: float = 0.3,
    seed: int = 0,
) -> RiskModel:
    """Fit a logistic-regression risk model and score a held-out set.

    Text and category features are one-hot encoded; numbers are standardised. ``keep``
    names columns to carry into ``test`` untouched, such as ethnicity for the audit. Leaving a
    characteristic out of ``features`` does not stop the model using it: postcode, school
    and referral source can stand in for it.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> d = pd.DataFrame({"prior_referrals": rng.poisson(1, 400),
        ...                   "source": rng.choice(["police", "school", "health"], 400)})
        >>> d["rereferred"] = (rng.random(400) < 0.15 + 0.1 * d["prior_referrals"]).astype(int)
        >>> m = fit_risk_model(d, ["prior_referrals", "source"], "rereferred", threshold=0.3)
        >>> len(m.test), sorted(m.test.columns)
        (120, ['flagged', 'outcome', 'score'])
    """
    require_frame(df, "the training table")
    features = as_list(features, "features")
    keep = list(keep)
    require_columns(df, [*features, outcome, *keep], "the training table")
    if outcome in features:
        raise ChildinfoError(f"{outcome!r} is the outcome; it cannot also be a feature.")
    y = require_binary(df[outcome], f"the outcome {outcome!r}")
    if y.nunique() < 2:
        raise ChildinfoError(
            f"the outcome {outcome!r} has only one value; a model needs both 0s and 1s."
        )
    if not 0 < threshold < 1:
        raise ChildinfoError(f"threshold is a probability between 0 and 1, got {threshold!r}.")
    X = df[features]
    if X.isna().any().any():
        gaps = [c for c in features if X[c].isna().any()]
        raise ChildinfoError(
            f"feature(s) {', '.join(map(repr, gaps))} have missing values; decide how to treat them "
            "(a 'not recorded' category is often more honest than dropping rows) and fill them first."
        )
    numeric = [
        c
        for c in features
        if pd.api.types.is_numeric_dtype(X[c]) and not pd.api.types.is_bool_dtype(X[c])
    ]
    infinite = [c for c in numeric if not np.isfinite(X[c].to_numpy(dtype=float)).all()]
    if infinite:
        raise ChildinfoError(
            f"feature(s) {', '.join(map(repr, infinite))} hold infinite values; "
            "replace them (they usually come from dividing by zero)."
        )
    if (
        isinstance(test_size, bool)
        or not isinstance(test_size, (int, float))
        or not 0 < test_size < 1
    ):
        raise ChildinfoError(
            f"test_size is the share held out for testing, between 0 and 1 "
            f"(e.g. 0.3), got {test_size!r}."
        )
    smallest = int(y.value_counts().min())
    if smallest * min(test_size, 1 - test_size) < 1 or len(df) < 10:
        raise ChildinfoError(
            f"too few rows to fit and test a model ({len(df)} rows, {smallest} in the rarer "
            "outcome); use at least 10 rows with both outcomes on each side of the split."
        )
    categorical = [c for c in features if c not in numeric]
    prep = ColumnTransformer(
        [
            ("num", StandardScaler(), numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ]
    )
    pipeline = Pipeline([("prep", prep), ("model", LogisticRegression(max_iter=1000))])
    idx_train, idx_test = train_test_split(
        np.arange(len(df)), test_size=test_size, random_state=seed, stratify=y
    )
    Xc = X.astype({c: str for c in categorical})
    pipeline.fit(Xc.iloc[idx_train], y.iloc[idx_train])
    score = pipeline.predict_proba(Xc.iloc[idx_test])[:, 1]
    test = df.iloc[idx_test][keep].copy() if keep else pd.DataFrame(index=df.index[idx_test])
    test["outcome"] = y.iloc[idx_test].to_numpy()
    test["score"] = score
    test["flagged"] = (score >= threshold).astype(int)
    auc = float(roc_auc_score(test["outcome"], score))
    return RiskModel(pipeline=pipeline, test=test, threshold=threshold, auc=round(auc, 4))


def _inputs(y_true, y_pred, groups):
    for name, values in (("y_true", y_true), ("y_pred", y_pred), ("groups", groups)):
        if values is None or isinstance(values, (str, bytes, dict)) or np.ndim(values) != 1:
            raise ChildinfoError(
                f"{name} must be one value per child (a list or Series), "
                f"not {type(values).__name__}."
            )
    yt = require_binary(pd.Series(np.asarray(y_true)), "y_true (the recorded outcome)")
    yp = require_binary(pd.Series(np.asarray(y_pred)), "y_pred (flagged or not)")
    g = pd.Series(np.asarray(groups, dtype=object)).astype("string").fillna("not recorded")
    if not len(yt) == len(yp) == len(g):
        raise ChildinfoError(
            f"y_true, y_pred and groups must be the same length, got {len(yt)}, {len(yp)} and {len(g)}."
        )
    if len(yt) == 0:
        raise ChildinfoError("there are no rows to audit.")
    if len(yt) < 2:
        raise ChildinfoError(
            f"there are {len(yt)} rows to audit; a group rate needs at least two "
            "children (and far more to be worth reading)."
        )
    return yt, yp, g


def _wilson(k, n):
    if n == 0:
        return (np.nan, np.nan)
    ci = rate_interval(k, n, per=1, method="wilson")
    return float(ci["lower"].iloc[0]), float(ci["upper"].iloc[0])


def group_metrics(y_true, y_pred, groups, *, min_group_size: int = MIN_GROUP_SIZE) -> pd.DataFrame:
    """Per-group rates of a yes/no prediction, with intervals and a reliability flag.

    Columns: ``n``, ``base_rate`` (share with the recorded outcome), ``selection_rate`` (share
    flagged), ``false_positive_rate`` with ``fpr_lower``/``fpr_upper``, ``false_negative_rate``
    with ``fnr_lower``/``fnr_upper``, the denominators ``negatives`` and ``positives``, and
    ``reliable`` (both denominators at least ``min_group_size``). The last row is ``overall``.

    Example:
        >>> y = [1, 0, 1, 0, 1, 1, 0, 0]
        >>> flagged = [1, 0, 0, 1, 1, 1, 0, 1]
        >>> g = ["A", "A", "B", "B", "A", "A", "B", "B"]
        >>> m = group_metrics(y, flagged, g)
        >>> m[["n", "base_rate", "false_positive_rate", "false_negative_rate"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
                 n  base_rate  false_positive_rate  false_negative_rate
        group
        A        4       0.75                 0.00                 0.00
        B        4       0.25                 0.67                 1.00
        overall  8       0.50                 0.50                 0.25
        >>> m["reliable"].any()   # 4 children per group: far too few to trust any of these rates
        np.False_
    """
    yt, yp, g = _inputs(y_true, y_pred, groups)
    mf = MetricFrame(
        metrics={
            "n": count,
            "base_rate": lambda t, p: float(np.mean(t)),
            "selection_rate": selection_rate,
            "false_positive_rate": false_positive_rate,
            "false_negative_rate": false_negative_rate,
        },
        y_true=yt.to_numpy(),
        y_pred=yp.to_numpy(),
        sensitive_features=g.rename("group").to_numpy(),
    )
    table = mf.by_group.copy()
    table.index = table.index.astype(str)
    table.index.name = "group"
    table.loc["overall"] = mf.overall
    frame = pd.DataFrame({"group": g.to_numpy(), "t": yt.to_numpy(), "p": yp.to_numpy()})
    stats = {}
    for name, part in [*frame.groupby("group"), ("overall", frame)]:
        neg, pos = part[part["t"] == 0], part[part["t"] == 1]
        stats[str(name)] = {
            "negatives": len(neg),
            "positives": len(pos),
            "fp": int(neg["p"].sum()),
            "fn": int((pos["p"] == 0).sum()),
        }
    s = pd.DataFrame(stats).T.reindex(table.index)
    table["n"] = table["n"].astype(int)
    fpr_ci = [_wilson(fp, n) for fp, n in zip(s["fp"], s["negatives"])]
    fnr_ci = [_wilson(fn, n) for fn, n in zip(s["fn"], s["positives"])]
    table["fpr_lower"], table["fpr_upper"] = zip(*fpr_ci)
    table["fnr_lower"], table["fnr_upper"] = zip(*fnr_ci)
    table["negatives"] = s["negatives"].astype(int)
    table["positives"] = s["positives"].astype(int)
    table["reliable"] = (table["negatives"] >= min_group_size) & (
        table["positives"] >= min_group_size
    )
    # An empty denominator means the rate does not exist for that group, not that it is 0.
    table.loc[table["negatives"] == 0, "false_positive_rate"] = np.nan
    table.loc[table["positives"] == 0, "false_negative_rate"] = np.nan
    return table


def disparity_summary(y_true, y_pred, groups) -> pd.DataFrame:
    """The largest gap between groups in each rate, and which groups are at each end.

    Also reports fairlearn's ``demographic_parity_difference`` (the selection-rate gap) and
    ``equalized_odds_difference`` (the larger of the FPR and FNR gaps). A gap of 0 in one
    measure usually forces a gap in another when base rates differ: say which one you chose
    to close and why.

    Example:
        >>> y = [1, 0, 1, 0, 1, 1, 0, 0]
        >>> flagged = [1, 0, 0, 1, 1, 1, 0, 1]
        >>> g = ["A", "A", "B", "B", "A", "A", "B", "B"]
        >>> disparity_summary(y, flagged, g)  # doctest: +NORMALIZE_WHITESPACE
                                        gap highest lowest
        measure
        base_rate                      0.50       A      B
        selection_rate                 0.25       A      B
        false_positive_rate            0.67       B      A
        false_negative_rate            1.00       B      A
        demographic_parity_difference  0.25     NaN    NaN
        equalized_odds_difference      1.00     NaN    NaN
    """
    yt, yp, g = _inputs(y_true, y_pred, groups)
    table = group_metrics(yt, yp, g).drop(index="overall")
    rows = []
    for m in ("base_rate", "selection_rate", "false_positive_rate", "false_negative_rate"):
        col = table[m].dropna()
        rows.append(
            {
                "measure": m,
                "gap": round(float(col.max() - col.min()), 2) if len(col) else np.nan,
                "highest": col.idxmax() if len(col) else np.nan,
                "lowest": col.idxmin() if len(col) else np.nan,
            }
        )
    rows.append(
        {
            "measure": "demographic_parity_difference",
            "gap": round(float(demographic_parity_difference(yt, yp, sensitive_features=g)), 2),
            "highest": np.nan,
            "lowest": np.nan,
        }
    )
    rows.append(
        {
            "measure": "equalized_odds_difference",
            "gap": round(float(equalized_odds_difference(yt, yp, sensitive_features=g)), 2),
            "highest": np.nan,
            "lowest": np.nan,
        }
    )
    return pd.DataFrame(rows).set_index("measure")


def calibration_by_group(y_true, y_score, groups, *, bins: int = 5) -> pd.DataFrame:
    """Mean predicted score against the observed rate, in score bands, for each group.

    If a group's observed rate sits below its predicted score, the model over-states that
    group's risk: its families are flagged on weaker evidence. Bands are equal-width on
    [0, 1]; ``n`` shows how many children stand behind each point, and thin bands are noise.

    Example:
        >>> y = [0, 0, 1, 1, 0, 1, 0, 1]
        >>> s = [0.1, 0.2, 0.8, 0.9, 0.3, 0.7, 0.6, 0.9]
        >>> g = ["A", "A", "A", "A", "B", "B", "B", "B"]
        >>> calibration_by_group(y, s, g, bins=2)
          group       band  n  mean_score  observed_rate
        0     A  0.0 - 0.5  2        0.15           0.00
        1     A  0.5 - 1.0  2        0.85           1.00
        2     B  0.0 - 0.5  1        0.30           0.00
        3     B  0.5 - 1.0  3        0.73           0.67
    """
    yt = require_binary(as_series(y_true, "y_true"), "y_true (the recorded outcome)")
    score = pd.to_numeric(as_series(y_score, "y_score"), errors="coerce")
    if score.isna().any() or (score < 0).any() or (score > 1).any():
        raise ChildinfoError(
            "y_score must be probabilities between 0 and 1 with no gaps (use predict_proba)."
        )
    g = as_series(groups, "groups").astype("string").fillna("not recorded")
    if not len(yt) == len(score) == len(g) or yt.empty:
        raise ChildinfoError(
            "y_true, y_score and groups must be the same length, with at least one child."
        )
    if not isinstance(bins, int) or isinstance(bins, bool):
        raise ChildinfoError("bins must be a whole number from 1 to 100.")
    require_number(bins, "bins", whole=True, low=1, high=100)
    edges = np.linspace(0, 1, bins + 1)
    labels = [f"{a:.1f} - {b:.1f}" for a, b in zip(edges[:-1], edges[1:])]
    band = pd.cut(score, edges, labels=labels, include_lowest=True)
    frame = pd.DataFrame({"group": g, "band": band.astype(str), "y": yt, "score": score})
    out = (
        frame.groupby(["group", "band"], sort=True)
        .agg(n=("y", "size"), mean_score=("score", "mean"), observed_rate=("y", "mean"))
        .reset_index()
    )
    out["mean_score"] = out["mean_score"].round(2)
    out["observed_rate"] = out["observed_rate"].round(2)
    return out


def threshold_tradeoff(
    y_true, y_score, groups, thresholds: Sequence[float] = (0.2, 0.3, 0.4, 0.5, 0.6)
) -> pd.DataFrame:
    """Selection, false positive and false negative rates by group at several thresholds.

    Lowering the threshold flags more families: fewer children missed (lower FNR), more
    families intruded on (higher FPR), and the burden may fall unevenly between groups.

    Example:
        >>> y = [0, 0, 1, 1, 0, 1, 0, 1]
        >>> s = [0.1, 0.2, 0.8, 0.9, 0.3, 0.7, 0.6, 0.9]
        >>> g = ["A", "A", "A", "A", "B", "B", "B", "B"]
        >>> threshold_tradeoff(y, s, g, thresholds=[0.5, 0.75])[["threshold", "group", "selection_rate", "false_positive_rate"]]
           threshold group  selection_rate  false_positive_rate
        0       0.50     A            0.50                  0.0
        1       0.50     B            0.75                  0.5
        2       0.75     A            0.50                  0.0
        3       0.75     B            0.25                  0.0
    """
    try:
        score = np.asarray(y_score, dtype=float)
    except (TypeError, ValueError):
        raise ChildinfoError("y_score must be numbers (the model's scores from 0 to 1).") from None
    if score.ndim != 1 or np.isnan(score).any() or ((score < 0) | (score > 1)).any():
        raise ChildinfoError(
            "y_score must be one score from 0 to 1 per child, with none missing; "
            "a missing score is not 'not flagged': drop or score those rows."
        )
    thresholds = (
        [thresholds] if isinstance(thresholds, (int, float)) else as_list(thresholds, "thresholds")
    )
    if not thresholds:
        raise ChildinfoError("give at least one threshold, e.g. [0.3, 0.5].")
    rows = []
    for t in thresholds:
        if isinstance(t, bool) or not isinstance(t, (int, float, np.number)) or not 0 < t < 1:
            raise ChildinfoError(f"each threshold must be between 0 and 1, got {t!r}.")
        m = group_metrics(
            y_true, (score >= t).astype(int), groups, min_group_size=MIN_GROUP_SIZE
        ).drop(index="overall")
        part = m[
            ["selection_rate", "false_positive_rate", "false_negative_rate", "reliable"]
        ].reset_index()
        part.insert(0, "threshold", t)
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


def chance_range(true_rate: float, sizes: Sequence[int], *, level: float = 0.95) -> pd.DataFrame:
    """How far a rate can stray by chance alone in groups of different sizes.

    If every group truly had a false positive rate of ``true_rate``, a group with ``size``
    families in the denominator would still show an observed rate anywhere in
    ``[lower, upper]`` in ``level`` of samples (exact binomial quantiles). A thin group can
    look twice as badly served as a large one with nothing different about how it is treated.

    Example:
        >>> chance_range(0.2, [10, 100, 1000])
           size  true_rate  lower  upper
        0    10        0.2  0.000  0.500
        1   100        0.2  0.120  0.280
        2  1000        0.2  0.176  0.225
    """
    require_number(true_rate, "true_rate (a proportion)", low=0, high=1)
    require_number(level, "level", low=0, high=1, strict=True)
    n = pd.to_numeric(as_series(sizes, "sizes"), errors="coerce").to_numpy(dtype=float)
    if n.size == 0 or not np.isfinite(n).all() or (n < 1).any() or (n != np.round(n)).any():
        raise ChildinfoError(
            "sizes must be whole numbers of at least 1 (the number in each group's denominator)."
        )
    alpha = 1 - level
    lower = stats.binom.ppf(alpha / 2, n, true_rate) / n
    upper = stats.binom.ppf(1 - alpha / 2, n, true_rate) / n
    return pd.DataFrame(
        {
            "size": n.astype(int),
            "true_rate": true_rate,
            "lower": np.round(lower, 3),
            "upper": np.round(upper, 3),
        }
    )
