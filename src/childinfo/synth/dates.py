"""Dates as integer day numbers (days since 1970-01-01), which keeps the simulation vectorised."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from childinfo.synth.columns import formatted

EPOCH = dt.date(1970, 1, 1)


def day(d: dt.date) -> int:
    return (d - EPOCH).days


def to_datetime64(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype="int64").astype("datetime64[D]")


def add_working_days(days: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Move each date forward by ``n`` working days (Monday to Friday)."""
    d = to_datetime64(days)
    out = np.busday_offset(d, np.asarray(n, dtype="int64"), roll="forward")
    return out.astype("int64")


def next_weekday(days: np.ndarray) -> np.ndarray:
    """Roll weekend dates forward to the Monday."""
    return np.busday_offset(to_datetime64(days), 0, roll="forward").astype("int64")


def weekday(days: np.ndarray) -> np.ndarray:
    """0 = Monday ... 6 = Sunday."""
    return (np.asarray(days, dtype="int64") + 3) % 7


# Share of weekend dates that stay at the weekend for referrals, contacts and early help: most
# come from schools, health and other services during the working week; police and out-of-hours
# concerns keep some at weekends. The course's own assumption (no published figure), giving about
# 9% of referrals at weekends.
WEEKEND_KEPT = 0.3


def mostly_weekdays(
    rng: np.random.Generator,
    days: np.ndarray,
    not_before: np.ndarray | None = None,
    keep_weekend: float = WEEKEND_KEPT,
) -> np.ndarray:
    """Move most weekend dates to a random weekday of the same week (Monday to Friday before it),
    never earlier than ``not_before`` (e.g. a child's birth)."""
    days = np.asarray(days, dtype="int64").copy()
    wd = weekday(days)
    moved = days - wd + rng.integers(0, 5, len(days))
    ok = (wd >= 5) & (rng.random(len(days)) >= keep_weekend)
    if not_before is not None:
        ok &= moved >= np.asarray(not_before, dtype="int64")
    days[ok] = moved[ok]
    return days


def per_day(func, days: np.ndarray) -> np.ndarray:
    """``func(days)``, worked out once per distinct day and looked up when there are many rows."""
    days = np.asarray(days, dtype="int64")
    if len(days) > 10_000:
        lo, hi = int(days.min()), int(days.max())
        if hi - lo < 100_000:  # a table over the range of days is small
            return func(np.arange(lo, hi + 1))[days - lo]
    return func(days)


def age_years(dob: np.ndarray, at: np.ndarray | int) -> np.ndarray:
    """Whole years of age at a date (birthdays handled via month/day)."""
    if np.ndim(at) == 0:
        return per_day(lambda d: _age_years(d, at), dob)
    return _age_years(dob, at)


def _age_years(dob: np.ndarray, at: np.ndarray | int) -> np.ndarray:
    b = to_datetime64(dob)
    a = to_datetime64(np.broadcast_to(at, np.shape(dob)))
    by, ay = b.astype("datetime64[Y]").astype(int), a.astype("datetime64[Y]").astype(int)
    bdoy = (b - b.astype("datetime64[Y]")).astype(int)
    adoy = (a - a.astype("datetime64[Y]")).astype(int)
    # Compare month/day via day-of-year, correcting for leap years well enough for ages.
    bm = b.astype("datetime64[M]").astype(int) % 12
    am = a.astype("datetime64[M]").astype(int) % 12
    bd = (b - b.astype("datetime64[M]")).astype(int)
    ad = (a - a.astype("datetime64[M]")).astype(int)
    del bdoy, adoy
    before = (am < bm) | ((am == bm) & (ad < bd))
    return ay - by - before.astype(int)


def birthday(dob: np.ndarray, years: int | np.ndarray) -> np.ndarray:
    """Day number of the birthday at ``years`` of age (29 Feb rolls to 1 Mar)."""
    if np.ndim(years) == 0:  # the calendar arithmetic once per distinct day of birth
        return per_day(lambda d: _birthday(d, years), dob)
    return _birthday(dob, years)


def _birthday(dob: np.ndarray, years: int | np.ndarray) -> np.ndarray:
    b = to_datetime64(dob)
    y = b.astype("datetime64[Y]").astype(int) + 1970 + np.asarray(years)
    m = b.astype("datetime64[M]").astype(int) % 12 + 1
    d = (b - b.astype("datetime64[M]")).astype(int) + 1
    ym = ((y - 1970) * 12 + (m - 1)).astype("datetime64[M]")
    out = ym.astype("datetime64[D]") + (d - 1)
    return out.astype("int64")


def iso(days: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """ISO strings, with empty strings for missing (sentinel) days, as a pandas string array
    (each distinct day formatted once; see ``columns.formatted``)."""
    days = np.asarray(days, dtype="int64")
    text = formatted(
        days, lambda d: d.astype("datetime64[D]").astype(str), missing=days < -(10**6)
    )
    return pd.array(text, dtype="str")


MISSING = -(10**9)  # sentinel for "no date"
