"""Rates per 10,000 children, their uncertainty, and funnel-plot limits for fair comparison.

Children's services compare authorities and teams by rates per 10,000 children aged 0 to 17
(DfE's convention), not by counts. A small authority's rate moves a lot by chance, so a
league table of rates punishes the small and lucky-or-unlucky. Two remedies are here:

* :func:`rate_interval` and :func:`rates_table` give each rate an exact confidence interval
  (Garwood's exact Poisson interval, or Wilson's interval for a proportion);
* :func:`funnel_limits` and :func:`funnel_position` give the control limits of a funnel plot
  (Spiegelhalter, 2005): how far from the overall rate a unit of a given size may fall by
  chance alone, at 95% and 99.8%.

All computation uses :mod:`scipy.stats` distributions; nothing is approximated by a normal
curve unless you ask for Wilson's interval (which is what it is).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from childinfo._validation import require_columns, require_frame
from childinfo.errors import ChildinfoError

__all__ = [
    "PER_10K",
    "funnel_limits",
    "funnel_position",
    "rate_interval",
    "rate_per_10k",
    "rates_table",
]

#: DfE publishes children's-services rates per 10,000 children aged under 18.
PER_10K = 10_000


def _arrays(events, population):
    try:
        ev = np.asarray(events, dtype=float)
        pop = np.asarray(population, dtype=float)
    except (TypeError, ValueError):
        raise ChildinfoError(
            "events and population must be numbers; convert text columns with pd.to_numeric first."
        ) from None
    if ev.ndim > 1 or pop.ndim > 1:
        raise ChildinfoError(
            "events and population must be numbers or single columns, not "
            "tables; pass one column of each (df['events'], df['population'])."
        )
    if ev.ndim and pop.ndim and ev.shape != pop.shape and 1 not in (ev.size, pop.size):
        raise ChildinfoError(
            f"events and population have different lengths ({ev.size} and {pop.size}); "
            "line them up by area first (for example with a merge)."
        )
    if ev.size == 0:
        raise ChildinfoError("events and population are empty; give at least one number.")
    if (
        not (np.isfinite(ev).all() and np.isfinite(pop[~np.isnan(pop)]).all())
        and not np.isnan(ev).any()
    ):
        raise ChildinfoError("events and population must be finite numbers, not infinity.")
    if np.isnan(ev).any() or np.isnan(pop).any():
        raise ChildinfoError(
            "events and population must not be missing; drop or fill those rows first."
        )
    if (ev < 0).any():
        raise ChildinfoError("events must not be negative.")
    if (pop <= 0).any():
        raise ChildinfoError(
            "population must be more than 0; a rate with no children behind it is 'z' (not applicable)."
        )
    return ev, pop


def rate_per_10k(events, population, *, per: int = PER_10K):
    """Events per ``per`` children: ``events / population * per``.

    Works on numbers, arrays or Series (element by element).

    Example:
        >>> rate_per_10k(350, 50_000)
        70.0
        >>> rate_per_10k(pd.Series([12, 30]), pd.Series([4_000, 60_000])).round(1).tolist()
        [30.0, 5.0]
    """
    if (
        isinstance(per, bool)
        or not isinstance(per, (int, float))
        or not np.isfinite(per)
        or per <= 0
    ):
        raise ChildinfoError(f"per must be a positive number such as 10000, got {per!r}.")
    try:
        ev, pop = _arrays(events, population)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, ChildinfoError):
            raise
        raise ChildinfoError(
            f"events and population must be numbers, got {events!r} and {population!r}."
        ) from None
    rate = ev / pop * per
    if isinstance(events, pd.Series):
        return pd.Series(rate, index=events.index, name="rate")
    return float(rate) if rate.ndim == 0 else rate


def _whole_if_whole(values: np.ndarray) -> np.ndarray:
    """Counts as whole numbers when every value is one that int64 holds exactly (below 2**53):
    a larger float would not survive the cast."""
    if (values == np.round(values)).all() and (np.abs(values) < 2**53).all():
        return values.astype("int64")
    return values


def rate_interval(
    events, population, *, per: int = PER_10K, level: float = 0.95, method: str = "poisson"
) -> pd.DataFrame:
    """A rate with its exact confidence interval.

    ``method="poisson"`` (default) treats events as a Poisson count: right for rates such as
    referrals per 10,000, where one child can be referred twice. ``method="wilson"`` treats
    them as children out of a population (a proportion): right for "children in care per
    10,000", where each child counts once. For small counts the two hardly differ; for none
    of them is the interval symmetric, which is why a normal-curve "plus or minus" misleads.

    Returns a DataFrame with ``events``, ``population``, ``rate``, ``lower``, ``upper``.

    Example:
        >>> rate_interval(5, 10_000).round(2)
           events  population  rate  lower  upper
        0       5       10000   5.0   1.62  11.67
    """
    if not 0 < level < 1:
        raise ChildinfoError(f"level must be between 0 and 1 (e.g. 0.95), got {level!r}.")
    ev, pop = _arrays(np.atleast_1d(events), np.atleast_1d(population))
    ev, pop = np.broadcast_arrays(ev, pop)
    alpha = 1 - level
    if method == "poisson":
        # Garwood: exact limits from the chi-squared (gamma) quantiles of the Poisson count.
        lo = np.where(ev > 0, stats.chi2.ppf(alpha / 2, 2 * ev) / 2, 0.0)
        hi = stats.chi2.ppf(1 - alpha / 2, 2 * ev + 2) / 2
        lower, upper = lo / pop, hi / pop
    elif method == "wilson":
        if (ev > pop).any():
            raise ChildinfoError(
                "with method='wilson' events are children out of the population, so events <= population."
            )
        z = stats.norm.ppf(1 - alpha / 2)
        p = ev / pop
        centre = (p + z**2 / (2 * pop)) / (1 + z**2 / pop)
        half = z / (1 + z**2 / pop) * np.sqrt(p * (1 - p) / pop + z**2 / (4 * pop**2))
        lower, upper = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    else:
        raise ChildinfoError(f"method must be 'poisson' or 'wilson', got {method!r}.")
    return pd.DataFrame(
        {
            "events": _whole_if_whole(ev),
            "population": _whole_if_whole(pop),
            "rate": ev / pop * per,
            "lower": lower * per,
            "upper": upper * per,
        }
    )


def rates_table(
    df: pd.DataFrame,
    *,
    events: str = "events",
    population: str = "population",
    per: int = PER_10K,
    level: float = 0.95,
    method: str = "poisson",
) -> pd.DataFrame:
    """Add ``rate``, ``lower`` and ``upper`` columns (per ``per`` children) to a table of units.

    Example:
        >>> las = pd.DataFrame({"la": ["A", "B"], "events": [40, 300], "population": [5_000, 60_000]})
        >>> rates_table(las).round(1)
          la  events  population  rate  lower  upper
        0  A      40        5000  80.0   57.2  108.9
        1  B     300       60000  50.0   44.5   56.0
    """
    require_frame(df, "the table of units")
    require_columns(df, [events, population], "the table of units")
    for col in (events, population):
        if not pd.api.types.is_numeric_dtype(df[col]):
            raise ChildinfoError(
                f"column {col!r} must hold numbers, but its type is {df[col].dtype}."
            )
    ci = rate_interval(
        df[events].to_numpy(), df[population].to_numpy(), per=per, level=level, method=method
    )
    out = df.copy()
    for col in ("rate", "lower", "upper"):
        out[col] = ci[col].to_numpy()
    return out


def _limit(p: float, expected: np.ndarray, n: np.ndarray, method: str) -> np.ndarray:
    """Spiegelhalter's interpolated exact limit for a count, as a proportion of ``n``."""
    if method == "poisson":
        dist = stats.poisson(expected)
    else:
        dist = stats.binom(np.round(n).astype(int), expected / n)
    r = dist.ppf(p)
    # Interpolate between the discrete steps so the funnel is a smooth curve.
    f_r, f_below = dist.cdf(r), dist.cdf(r - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(f_r > f_below, (f_r - p) / (f_r - f_below), 0.0)
    return np.clip(r - a, 0, None) / n


def funnel_limits(
    population: Sequence[float] | np.ndarray | pd.Series,
    target: float,
    *,
    per: int = PER_10K,
    levels: Sequence[float] = (0.95, 0.998),
    method: str = "poisson",
) -> pd.DataFrame:
    """Control limits of a funnel plot around a ``target`` rate, for each population size.

    A unit of ``population`` children whose true rate is ``target`` (per ``per``) falls
    outside the 95% limits 1 time in 20 by chance, and outside 99.8% about 1 time in 500. The
    limits narrow as the population grows: that is the funnel. Pass a grid
    (``np.linspace(...)``) to draw the curves, or the units' own populations to test them.

    Returns ``population``, ``target`` and a ``lower_XX``/``upper_XX`` pair per level
    (``lower_95``, ``upper_95``, ``lower_99.8``, ``upper_99.8``).

    Example:
        >>> funnel_limits([1_000, 100_000], target=50).round(1)
           population  target  lower_95  upper_95  lower_99.8  upper_99.8
        0        1000    50.0       5.4      93.8         0.0       127.7
        1      100000    50.0      45.6      54.4        43.2        57.0
    """
    try:
        pop = np.asarray(population, dtype=float)
        target = float(target)
    except (TypeError, ValueError):
        raise ChildinfoError("population sizes and target must be numbers.") from None
    if pop.ndim != 1 or len(pop) == 0:
        raise ChildinfoError("population must be a non-empty list of population sizes.")
    if np.isnan(pop).any() or (pop <= 0).any():
        raise ChildinfoError("every population size must be a number above 0.")
    if not np.isfinite(target) or target < 0:
        raise ChildinfoError(f"target must be a rate of 0 or more, got {target!r}.")
    if method not in ("poisson", "binomial"):
        raise ChildinfoError(f"method must be 'poisson' or 'binomial', got {method!r}.")
    expected = target / per * pop
    out = {
        "population": pop.astype("int64") if (pop == np.round(pop)).all() else pop,
        "target": np.full(len(pop), float(target)),
    }
    for level in levels:
        if not 0 < level < 1:
            raise ChildinfoError(f"each level must be between 0 and 1, got {level!r}.")
        name = f"{level * 100:g}"
        out[f"lower_{name}"] = _limit((1 - level) / 2, expected, pop, method) * per
        out[f"upper_{name}"] = _limit(1 - (1 - level) / 2, expected, pop, method) * per
    return pd.DataFrame(out)


def funnel_position(
    df: pd.DataFrame,
    *,
    events: str = "events",
    population: str = "population",
    target: float | None = None,
    per: int = PER_10K,
    method: str = "poisson",
) -> pd.DataFrame:
    """Place each unit on the funnel: its rate, the limits at its size, and a plain-words band.

    ``target`` defaults to the pooled rate of all the units (total events / total
    population). The ``band`` column reads ``"within 95% limits"``, ``"above 95% limit"``,
    ``"above 99.8% limit"``, ``"below 95% limit"`` or ``"below 99.8% limit"``. A unit outside
    the 99.8% limits is worth a question, not a conclusion: data quality and case mix come
    first.

    Example:
        >>> las = pd.DataFrame({"la": ["A", "B", "C"], "events": [40, 300, 8],
        ...                     "population": [5_000, 60_000, 4_000]})
        >>> funnel_position(las)[["la", "rate", "band"]]
          la  rate               band
        0  A  80.0    above 95% limit
        1  B  50.0  within 95% limits
        2  C  20.0    below 95% limit
    """
    require_frame(df, "the table of units")
    require_columns(df, [events, population], "the table of units")
    for col in (events, population):
        if not pd.api.types.is_numeric_dtype(df[col]):
            raise ChildinfoError(
                f"column {col!r} must hold numbers, but its type is {df[col].dtype}."
            )
    ev, pop = _arrays(df[events], df[population])
    if target is None:
        target = ev.sum() / pop.sum() * per
    limits = funnel_limits(pop, target, per=per, method=method)
    out = df.copy()
    out["rate"] = ev / pop * per
    out["target"] = target
    for col in ("lower_95", "upper_95", "lower_99.8", "upper_99.8"):
        out[col] = limits[col].to_numpy()
    rate = out["rate"].to_numpy()
    band = np.select(
        [
            rate > out["upper_99.8"],
            rate > out["upper_95"],
            rate < out["lower_99.8"],
            rate < out["lower_95"],
        ],
        ["above 99.8% limit", "above 95% limit", "below 99.8% limit", "below 95% limit"],
        default="within 95% limits",
    )
    out["band"] = band
    return out
