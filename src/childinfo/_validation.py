"""Input checks shared by the toolkit modules.

Each helper raises :class:`~childinfo.errors.ChildinfoError` with a message that names the
problem and the fix, so a lab shows one plain sentence instead of a pandas traceback.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

from childinfo.errors import ChildinfoError


def shown(value: object) -> str:
    """A short one-line picture of ``value`` for an error message (never a whole table)."""
    if isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        return f"a {type(value).__name__} of {len(value)} rows"
    text = " ".join(repr(value).split())
    return text if len(text) <= 40 else text[:37] + "..."


def require_frame(df: object, name: str = "table", *, allow_empty: bool = False) -> pd.DataFrame:
    """Return ``df`` if it is a non-empty DataFrame, else raise a ChildinfoError."""
    if not isinstance(df, pd.DataFrame):
        raise ChildinfoError(
            f"{name} must be a pandas DataFrame, but got {type(df).__name__}; "
            "load it with pandas (for example pd.read_csv) first."
        )
    if not allow_empty and df.empty:
        raise ChildinfoError(
            f"{name} is empty (no rows); check the filter or file that produced it."
        )
    return df


def require_columns(df: pd.DataFrame, columns: Iterable[str], name: str = "table") -> None:
    """Raise a ChildinfoError naming any of ``columns`` that ``df`` lacks."""
    wanted = [c for c in columns if c is not None]
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        have = ", ".join(map(str, list(df.columns)[:12]))
        raise ChildinfoError(
            f"{name} has no column(s) {', '.join(map(repr, missing))}; it has: {have}. "
            "Pass the right column name as a parameter or rename the column."
        )


def as_list(columns: str | Iterable[str], what: str = "columns") -> list[str]:
    """Accept one column name or several, and return a non-empty list of them."""
    if isinstance(columns, str):
        return [columns]
    if not isinstance(columns, Iterable) or isinstance(columns, (pd.DataFrame, bytes)):
        raise ChildinfoError(
            f"{what} must be a name or a list of names, got {shown(columns)}; e.g. ['age']."
        )
    cols = list(columns)
    if not cols:
        raise ChildinfoError(f"give at least one name in {what}.")
    return cols


def as_series(values: object, name: str = "values") -> pd.Series:
    """One column of values (a Series, list, array, generator or single value) as a Series."""
    if isinstance(values, pd.DataFrame):
        raise ChildinfoError(
            f"{name} must be one column, but got a whole table; pass one column, e.g. df['dob']."
        )
    if isinstance(values, Iterator):
        values = list(values)  # a generator can be read only once
    try:
        return pd.Series(values)
    except (TypeError, ValueError) as exc:
        raise ChildinfoError(
            f"{name} must be a list or column of values, got {shown(values)} ({exc})."
        ) from None


def require_number(
    value: object,
    name: str,
    *,
    whole: bool = False,
    low: float | None = None,
    high: float | None = None,
    strict: bool = False,
) -> float:
    """Return ``value`` if it is a finite (whole) number in [low, high], else raise.

    With ``strict`` the ends themselves are excluded: (low, high).
    """
    ok = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )
    ok = ok and math.isfinite(value) and (not whole or float(value).is_integer())
    if ok and low is not None:
        ok = value > low if strict else value >= low
    if ok and high is not None:
        ok = value < high if strict else value <= high
    if not ok:
        kind = "a whole number" if whole else "a number"
        if low is not None and high is not None:
            where = f" between {low} and {high}" + (" (not either end)" if strict else "")
        elif low is not None:
            where = f" {'above' if strict else 'of at least'} {low}"
        elif high is not None:
            where = f" {'below' if strict else 'of at most'} {high}"
        else:
            where = ""
        raise ChildinfoError(f"{name} must be {kind}{where}, got {shown(value)}.")
    return value


def require_numeric(series: pd.Series, name: str) -> pd.Series:
    """Return ``series`` if it holds numbers (missing values allowed), else raise."""
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        raise ChildinfoError(
            f"{name} must hold numbers, but its type is {series.dtype}; "
            "convert it with pd.to_numeric first."
        )
    return series


def require_binary(series: pd.Series, name: str) -> pd.Series:
    """Return ``series`` as 0/1 integers if it only holds 0/1 or True/False, else raise."""
    values = pd.Series(series)
    if values.isna().any():
        raise ChildinfoError(f"{name} has missing values; drop or fill them before this step.")
    uniq = set(pd.unique(values.astype(object)))
    if not uniq <= {0, 1, True, False}:
        shown = ", ".join(map(repr, sorted(map(str, uniq))[:6]))
        raise ChildinfoError(
            f"{name} must be 0/1 or True/False, but it holds {shown}; recode it as a yes/no flag."
        )
    return values.astype(int)


def parse_date(value: object, name: str = "date") -> pd.Timestamp:
    """One date given as a date or text (``YYYY-MM-DD`` or ``DD/MM/YYYY``), else raise."""
    if isinstance(value, (str, pd.Timestamp)) or hasattr(value, "year"):
        out = parse_dates([value], name, strict=False).iloc[0]
        if not pd.isna(out):
            return out
    raise ChildinfoError(f"{name} must be a date such as '2023-03-31', got {shown(value)}.")


def parse_dates(values, name: str = "dates", *, strict: bool = True) -> pd.Series:
    """Read dates given as datetimes or text (``YYYY-MM-DD`` or DfE's ``DD/MM/YYYY``).

    Unreadable values become missing (NaT). With ``strict``, raise if *no* value could be
    read, which usually means the wrong column was passed.
    """
    series = pd.Series(values)
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    text = series.astype("string").str.strip()
    iso = pd.to_datetime(text, errors="coerce", format="ISO8601")
    uk = pd.to_datetime(text, errors="coerce", format="%d/%m/%Y")
    out = iso.fillna(uk)
    given = text.notna() & (text != "")
    if strict and given.any() and out[given].isna().all():
        raise ChildinfoError(
            f"{name} holds no dates I can read (tried YYYY-MM-DD and DD/MM/YYYY), e.g. {text[given].iloc[0]!r}."
        )
    return out
