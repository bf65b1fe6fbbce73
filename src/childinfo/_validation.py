"""Input checks shared by the toolkit modules.

Each helper raises :class:`~childinfo.errors.ChildinfoError` with a message that names the
problem and the fix, so a lab shows one plain sentence instead of a pandas traceback.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from childinfo.errors import ChildinfoError


def require_frame(df: object, name: str = "table", *, allow_empty: bool = False) -> pd.DataFrame:
    """Return ``df`` if it is a non-empty DataFrame, else raise a ChildinfoError."""
    if not isinstance(df, pd.DataFrame):
        raise ChildinfoError(
            f"{name} must be a pandas DataFrame, but got {type(df).__name__}; "
            "load it with pandas (for example pd.read_csv) first."
        )
    if not allow_empty and df.empty:
        raise ChildinfoError(f"{name} is empty (no rows); check the filter or file that produced it.")
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
    cols = list(columns)
    if not cols:
        raise ChildinfoError(f"give at least one name in {what}.")
    return cols


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
