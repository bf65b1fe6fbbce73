"""String columns held as codes (pandas ``Categorical``) or Arrow strings, so that a million-row
table never passes through a million Python string objects on its way to pandas or Parquet.

Simulation code indexes and compares these columns like numpy arrays (``col[rows]``,
``col == "M"``); ``frame`` turns them into ordinary pandas string columns at the end.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa


def coded(codes: np.ndarray, vocab) -> pd.Categorical:
    """A categorical column: ``vocab[codes]`` without materialising the strings.

    Example:
        >>> list(coded(np.array([1, 0, 1]), ["F", "M"]))
        ['M', 'F', 'M']
    """
    vocab = np.asarray(vocab, dtype=object)
    uniq, inverse = np.unique(vocab, return_inverse=True)  # Categorical needs distinct categories
    return pd.Categorical.from_codes(
        inverse[np.asarray(codes)], categories=pd.Index(uniq, dtype=object)
    )


def concat(a, b):
    """Join two columns of the same kind (categorical, Arrow or numpy) end to end."""
    if isinstance(a, pd.Categorical):
        b = np.asarray(b, dtype=object)
        cats = pd.Index(list(a.categories) + sorted(set(b) - set(a.categories)), dtype=object)
        return pd.Categorical.from_codes(
            np.concatenate([a.codes, cats.get_indexer(b)]), categories=cats
        )
    if isinstance(a, (pa.Array, pa.ChunkedArray)):
        a = a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a
        return pa.concat_arrays([a, pa.array(np.asarray(b, dtype=object), a.type)])
    if isinstance(a, pd.api.extensions.ExtensionArray):
        return pd.concat([pd.Series(a), pd.Series(b, dtype=a.dtype)], ignore_index=True).array
    return np.concatenate([a, b])


def to_arrow(values) -> pa.Array:
    """An Arrow array for a column; a categorical becomes a dictionary-encoded string array
    (its codes and vocabulary, not one string per row)."""
    if isinstance(values, pd.Categorical):
        vocab = pa.array(np.asarray(values.categories, dtype=object), pa.string())
        return pa.DictionaryArray.from_arrays(pa.array(values.codes, mask=values.codes < 0), vocab)
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    if hasattr(values, "__arrow_array__"):  # pandas Arrow-backed arrays, without a copy
        return values.__arrow_array__()
    return pa.array(values)


def to_column(values):
    """A pandas column: string columns become pandas ``str`` arrays backed by Arrow."""
    if isinstance(values, (pd.Categorical, pa.Array, pa.ChunkedArray)):
        return pd.array(to_arrow(values).cast(pa.string()), dtype="str")
    return values


def frame(columns: dict) -> pd.DataFrame:
    """A DataFrame from a dict of columns of any kind this module knows.

    Example:
        >>> frame({"sex": coded(np.array([0, 1]), ["F", "M"]), "n": [1, 2]}).dtypes["sex"]
        <StringDtype(na_value=nan)>
    """
    return pd.DataFrame({name: to_column(values) for name, values in columns.items()})


def take(values, rows: np.ndarray):
    """``values[rows]`` for any column kind (Arrow arrays use ``take`` for an index array)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)) and not isinstance(rows, slice):
        return values.take(pa.array(np.asarray(rows, dtype=np.int64)))
    return values[rows]


def distinct_ints(values: np.ndarray) -> tuple[np.ndarray, int]:
    """The distinct values of an array of integers in a small range, and its minimum (a presence
    table indexed by value, rather than sorting a million numbers)."""
    lo = int(values.min())
    return np.flatnonzero(np.bincount(values - lo)) + lo, lo


def formatted(values: np.ndarray, fmt, missing: np.ndarray | None = None) -> pa.Array:
    """Strings for integers in a small range, each distinct value formatted once and looked up
    (an Arrow ``take``). ``fmt`` is a format string (``"{:03d}"``) or a function from an array of
    the distinct values to their strings; rows where ``missing`` is true get ``""``.

    Example:
        >>> formatted(np.array([7, 3, 7]), "{:03d}").to_pylist()
        ['007', '003', '007']
    """
    values = np.asarray(values, dtype=np.int64)
    missing = np.zeros(len(values), bool) if missing is None else np.asarray(missing, bool)
    present = values[~missing]
    if not len(present):
        return pa.array([""] * len(values), pa.string())
    uniq, lo = distinct_ints(present)
    strings = [fmt.format(int(u)) for u in uniq] if isinstance(fmt, str) else list(fmt(uniq))
    table = np.full(
        int(uniq[-1]) - lo + 2, "", dtype=object
    )  # the last slot is the "" for missing
    table[uniq - lo] = strings
    index = np.where(missing, len(table) - 1, values - lo)
    return pa.array(table, pa.string()).take(pa.array(index))
