"""Statistical disclosure control for published tables and record-level extracts.

Published tables
    :func:`primary_suppression` hides small counts. The threshold is a parameter because the
    UK has no single rule: see :data:`COMMON_THRESHOLDS`. :func:`secondary_suppression` then
    hides further cells so that row and column totals cannot give a hidden cell back, and
    :func:`suppressed_cell_bounds` plays the intruder, working out what the published figures
    still reveal about each hidden cell. :func:`publish_table` does all three and writes the
    DfE symbols (:data:`SYMBOLS`); :func:`round_to_base` and :func:`format_percentage` follow
    the published-statistics conventions.

Record-level extracts
    :func:`equivalence_classes`, :func:`k_anonymity`, :func:`records_below_k` and
    :func:`l_diversity` measure re-identification risk; :func:`dob_to_month`,
    :func:`postcode_to_sector`, :func:`postcode_to_district` and :func:`age_band` are the
    generalisations real pipelines apply before data leave the authority.

Why hand-written: the usual tools are tau-Argus (Java) and sdcMicro (R); pyCANON, the Python
k-anonymity package, pins pandas 2 and numpy 2.0 and cannot be installed beside this course's
pandas 3. The pieces here are small, and the linear programme behind the intruder check uses
:func:`scipy.optimize.linprog`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from childinfo._validation import as_list, parse_dates, require_columns, require_frame
from childinfo.errors import ChildinfoError

__all__ = [
    "COMMON_THRESHOLDS",
    "SYMBOLS",
    "age_band",
    "dob_to_month",
    "equivalence_classes",
    "format_percentage",
    "k_anonymity",
    "l_diversity",
    "postcode_to_district",
    "postcode_to_sector",
    "primary_suppression",
    "publish_table",
    "records_below_k",
    "round_to_base",
    "secondary_suppression",
    "suppressed_cell_bounds",
]

#: The symbols DfE statistics use in published tables (explore-education-statistics).
SYMBOLS: dict[str, str] = {
    "c": "confidential: suppressed to protect individuals (small count, or to stop a total revealing one)",
    "z": "not applicable: the figure cannot exist (for example a rate with no children to count)",
    "k": "rounds to zero but is not zero (for example a percentage below 0.5%)",
    "x": "older DfE tables: suppressed, typically a count of 1 to 5",
    "u": "low reliability",
    ":": "not available",
}

#: Thresholds in common UK use. ``threshold`` here is the smallest count that may be published:
#: counts from 1 to ``threshold - 1`` are suppressed.
COMMON_THRESHOLDS: dict[str, int] = {
    "OECD threshold rule, lower choice (publish 3 or more)": 3,
    "OECD threshold rule, common choice (publish 5 or more)": 5,
    "DfE practice: suppress 1 to 5 (publish 6 or more)": 6,
    "ONS Longitudinal Study output checking (publish 10 or more)": 10,
}


# ---------------------------------------------------------------------------------------------
# Tables of counts
# ---------------------------------------------------------------------------------------------


def _counts_frame(counts: pd.DataFrame | pd.Series, name: str = "counts") -> pd.DataFrame:
    """Return counts as a DataFrame of non-negative whole numbers, or raise a clear error."""
    if isinstance(counts, pd.Series):
        counts = counts.to_frame(name=counts.name if counts.name is not None else "count")
    frame = require_frame(counts, name)
    bad = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
           or pd.api.types.is_bool_dtype(frame[c])]
    if bad:
        raise ChildinfoError(
            f"{name} must hold counts, but column(s) {', '.join(map(repr, bad))} are not numbers; "
            "put labels in the index (df.set_index(...)) and keep only counts in the columns."
        )
    values = frame.to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ChildinfoError(f"{name} has missing values; a table of counts needs a number in every cell (use 0).")
    if (values < 0).any() or (values != np.round(values)).any():
        raise ChildinfoError(f"{name} must hold whole, non-negative counts; found negative or fractional values.")
    return frame


def _mask_frame(mask: pd.DataFrame | pd.Series, like: pd.DataFrame) -> pd.DataFrame:
    if isinstance(mask, pd.Series):
        mask = mask.to_frame(name=like.columns[0])
    if not isinstance(mask, pd.DataFrame) or mask.shape != like.shape:
        raise ChildinfoError(
            f"the suppression mask must be a True/False table the same shape as the counts {like.shape}; "
            "make it with primary_suppression(counts, threshold)."
        )
    return mask.astype(bool)


def _which_totals(shape: tuple[int, int], row_totals: bool, column_totals: bool) -> tuple[bool, bool]:
    # A row total of a one-column table *is* the cell, so it can never be published alongside
    # suppression; the same for column totals of a one-row table.
    return (row_totals and shape[1] > 1, column_totals and shape[0] > 1)


def primary_suppression(
    counts: pd.DataFrame | pd.Series, threshold: int, *, suppress_zeros: bool = False
) -> pd.DataFrame:
    """Mark the cells whose count is too small to publish.

    A cell is suppressed when ``1 <= count < threshold``. Zeros are published unless
    ``suppress_zeros`` is set, which is the usual convention (a zero describes nobody), but think
    about it: "no child in this ward was adopted" can itself be a disclosure in some tables.
    There is no single UK threshold; see :data:`COMMON_THRESHOLDS`.

    Returns a True/False DataFrame the shape of ``counts`` (True = suppress).

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 0]}, index=["under 5", "5 to 9"])
        >>> primary_suppression(t, threshold=6)
                  boys  girls
        under 5   True  False
        5 to 9   False  False
    """
    frame = _counts_frame(counts)
    if not isinstance(threshold, (int, np.integer)) or isinstance(threshold, bool) or threshold < 1:
        raise ChildinfoError(
            f"threshold must be a whole number of at least 1 (the smallest count you may publish), got {threshold!r}."
        )
    small = (frame >= 1) & (frame < threshold)
    if suppress_zeros:
        small = small | (frame == 0)
    return small.astype(bool)


def _constraints(values: np.ndarray, mask: np.ndarray, rows: bool, cols: bool, grand: bool = True):
    """Equations linking the hidden cells to the published totals: A @ hidden = b."""
    hidden = np.argwhere(mask)
    eqs, rhs = [], []
    published = np.where(mask, 0.0, values)
    if rows:
        for i in range(values.shape[0]):
            eqs.append((hidden[:, 0] == i).astype(float))
            rhs.append(values[i].sum() - published[i].sum())
    if cols:
        for j in range(values.shape[1]):
            eqs.append((hidden[:, 1] == j).astype(float))
            rhs.append(values[:, j].sum() - published[:, j].sum())
    if grand:
        # The grand total adds an equation only when neither margin already gives it.
        eqs.append(np.ones(len(hidden)))
        rhs.append(values.sum() - published.sum())
    return hidden, np.array(eqs).reshape(len(eqs), len(hidden)), np.array(rhs)


def _bounds(values, mask, rows, cols, only=None, lowest=0.0, grand=True):
    """Smallest and largest value each hidden cell could take, given what is published."""
    hidden, a_eq, b_eq = _constraints(values, mask, rows, cols, grand)
    if len(b_eq) == 0:  # no totals published: nothing constrains a hidden cell from above
        return {tuple(h): (int(lowest), np.inf) for h in hidden
                if only is None or tuple(h) in only}
    out = {}
    targets = range(len(hidden)) if only is None else [k for k, h in enumerate(hidden) if tuple(h) in only]
    for k in targets:
        c = np.zeros(len(hidden))
        c[k] = 1.0
        lo = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=(lowest, None), method="highs")
        if lo.status != 0:
            raise ChildinfoError(
                "no table fits the published figures with every hidden cell at least 1: a hidden "
                "cell is 0, so do not use assume_nonzero for this table."
            )
        hi = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=(lowest, None), method="highs")
        upper = np.inf if hi.status == 3 else -hi.fun
        out[tuple(hidden[k])] = (round(lo.fun), upper if np.isinf(upper) else round(upper))
    return out


def _pinned(values, mask, rows, cols, only=None, grand=True) -> list[tuple[int, int]]:
    return [cell for cell, (lo, hi) in _bounds(values, mask, rows, cols, only, grand=grand).items() if lo == hi]


def secondary_suppression(
    counts: pd.DataFrame | pd.Series,
    primary: pd.DataFrame | pd.Series,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool = True,
) -> pd.DataFrame:
    """Add suppressions so that the published totals cannot reveal a suppressed cell.

    If a row has one hidden cell, its value is the row total minus the others. Hiding a second
    cell is not always enough either: two blocks of hidden cells joined by one cell still give
    that cell away. So this function first makes sure every row and column with a hidden cell
    has at least two, then checks each hidden cell the way an intruder would (a linear
    programme over the published totals, see :func:`suppressed_cell_bounds`) and hides more
    until no hidden cell can be pinned to a single value. It chooses the smallest non-zero
    cells first, so that as little as possible is lost.

    ``row_totals``, ``column_totals`` and ``grand_total`` say which totals you will publish.
    Returns the full mask: primary and secondary suppressions.

    Raises ChildinfoError if even hiding every cell leaves a cell revealed by the totals
    (then merge categories or do not publish the totals).

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14, 30], "girls": [9, 8, 25]},
        ...                  index=["under 5", "5 to 9", "10 to 17"])
        >>> mask = secondary_suppression(t, primary_suppression(t, threshold=6))
        >>> int(mask.to_numpy().sum())   # the 2, the 9 beside it, and the 14 and 8 below
        4
    """
    frame = _counts_frame(counts)
    mask_df = _mask_frame(primary, frame)
    values = frame.to_numpy(dtype=float)
    mask = mask_df.to_numpy().copy()
    rows, cols = _which_totals(values.shape, row_totals, column_totals)
    nrow, ncol = values.shape

    def cost(cell):
        i, j = cell
        v = values[i, j]
        crossing = mask[i, :].sum() + mask[:, j].sum()
        # Prefer non-zero cells (hiding a zero protects nothing), then small values, then cells
        # whose other line already has a suppression (fewer new lines touched).
        return (v == 0, v, -crossing, i, j)

    def cheapest(cells):
        cells = [c for c in cells if not mask[c]]
        return min(cells, key=cost) if cells else None

    for _ in range(nrow * ncol + 1):
        if not mask.any():
            break
        # Step 1: no published line may hold exactly one hidden cell.
        lonely = None
        if rows:
            for i in range(nrow):
                if mask[i].sum() == 1:
                    lonely = [(i, j) for j in range(ncol)]
                    break
        if lonely is None and cols:
            for j in range(ncol):
                if mask[:, j].sum() == 1:
                    lonely = [(i, j) for i in range(nrow)]
                    break
        if lonely is not None:
            pick = cheapest(lonely)
            if pick is None:  # pragma: no cover - a line of length 1 is excluded by _which_totals
                break
            mask[pick] = True
            continue
        # Step 2: the intruder's check. Add the cheapest cell that un-pins a pinned cell.
        pinned = _pinned(values, mask, rows, cols, grand=grand_total)
        if not pinned:
            return pd.DataFrame(mask, index=frame.index, columns=frame.columns)
        target = pinned[0]
        candidates = sorted(zip(*np.where(~mask)), key=cost)
        chosen = None
        for cand in candidates:
            trial = mask.copy()
            trial[cand] = True
            if not _pinned(values, trial, rows, cols, only={target}, grand=grand_total):
                chosen = cand
                break
        if chosen is None:
            # No single cell frees it: widen the pattern along the pinned cell's lines and retry.
            i, j = target
            chosen = cheapest([(i, k) for k in range(ncol)] + [(k, j) for k in range(nrow)])
            if chosen is None:
                chosen = cheapest(list(zip(*np.where(~mask))))
        if chosen is None:
            break
        mask[chosen] = True
    if mask.any() and _pinned(values, mask, rows, cols, grand=grand_total):
        raise ChildinfoError(
            "even with every cell suppressed, the published totals still reveal a small count; "
            "merge small categories, or do not publish the row or column totals."
        )
    return pd.DataFrame(mask, index=frame.index, columns=frame.columns)


def suppressed_cell_bounds(
    counts: pd.DataFrame | pd.Series,
    mask: pd.DataFrame | pd.Series,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool = True,
    assume_nonzero: bool = False,
) -> pd.DataFrame:
    """What an intruder can work out about each suppressed cell from the published figures.

    Solves two linear programmes per hidden cell (smallest and largest value consistent with the
    published cells and totals, counts never negative). A cell whose ``lower`` equals its
    ``upper`` has been disclosed. Set ``assume_nonzero`` when the intruder knows zeros are
    always published as 0, so every hidden cell is at least 1: a stronger intruder, who can
    sometimes pin cells that look safe.

    Returns one row per suppressed cell: ``row``, ``column``, ``value`` (the true count, for
    teaching), ``lower``, ``upper`` and ``disclosed``.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> only_primary = primary_suppression(t, threshold=6)
        >>> suppressed_cell_bounds(t, only_primary)[["row", "column", "lower", "upper", "disclosed"]]
               row column  lower  upper  disclosed
        0  under 5   boys      2      2       True
    """
    frame = _counts_frame(counts)
    mask_df = _mask_frame(mask, frame)
    values = frame.to_numpy(dtype=float)
    m = mask_df.to_numpy()
    rows, cols = _which_totals(values.shape, row_totals, column_totals)
    records = []
    if m.any():
        lowest = 1.0 if assume_nonzero else 0.0
        for (i, j), (lo, hi) in _bounds(values, m, rows, cols, lowest=lowest, grand=grand_total).items():
            records.append({
                "row": frame.index[i], "column": frame.columns[j], "value": int(values[i, j]),
                "lower": lo, "upper": hi, "disclosed": lo == hi,
            })
    return pd.DataFrame(records, columns=["row", "column", "value", "lower", "upper", "disclosed"])


def round_to_base(values, base: int = 10):
    """Round counts to the nearest multiple of ``base``, halves rounding up (DfE style).

    Python's ``round`` sends halves to the even number (``round(25, -1) == 20``); published
    statistics round 25 up to 30, so this does not use it. Works on a number, Series or
    DataFrame; missing values stay missing.

    Example:
        >>> round_to_base(83_845)
        83850
        >>> round_to_base(pd.Series([4, 5, 15, 25]), base=10).tolist()
        [0, 10, 20, 30]
    """
    if not isinstance(base, (int, np.integer)) or base < 1:
        raise ChildinfoError(f"base must be a whole number of at least 1, got {base!r}.")
    if isinstance(values, (pd.Series, pd.DataFrame)):
        frame = values.to_frame() if isinstance(values, pd.Series) else values
        bad = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
        if bad:
            raise ChildinfoError(f"round_to_base needs numbers; column(s) {bad} are not numeric.")
        rounded = np.floor(values / base + 0.5) * base
        return rounded.astype("Int64") if isinstance(values, pd.Series) else rounded.astype("Int64")
    if not isinstance(values, (int, float, np.integer, np.floating)) or isinstance(values, bool):
        raise ChildinfoError(f"round_to_base needs a number, Series or DataFrame, got {type(values).__name__}.")
    return int(np.floor(values / base + 0.5) * base)


def format_percentage(
    numerator, denominator, *, decimals: int = 1, suppressed: bool = False
) -> str:
    """Format a percentage the way DfE tables do, with ``k``, ``z`` and ``c`` where they apply.

    ``z`` when the denominator is 0 (no children, so no percentage can exist); ``c`` when
    ``suppressed`` (the count behind it is hidden: a percentage of a published total would give
    it back); ``k`` when it is not zero but rounds to zero at ``decimals`` places.

    Example:
        >>> format_percentage(3, 1000)
        '0.3'
        >>> format_percentage(3, 10_000)
        'k'
        >>> format_percentage(0, 0)
        'z'
    """
    try:
        num, den = float(numerator), float(denominator)
    except (TypeError, ValueError):
        raise ChildinfoError(
            f"format_percentage needs two numbers, got {numerator!r} and {denominator!r}."
        ) from None
    if num < 0 or den < 0 or num > den and den > 0:
        raise ChildinfoError(
            f"a percentage needs 0 <= numerator <= denominator, got {numerator!r} of {denominator!r}."
        )
    if suppressed:
        return "c"
    if den == 0:
        return "z"
    pct = 100.0 * num / den
    # Round half up on the decimal string so 0.05 is '0.1', not banker's '0.0'.
    rounded = np.floor(pct * 10**decimals + 0.5) / 10**decimals
    if num > 0 and rounded == 0:
        return "k"
    return f"{rounded:.{decimals}f}"


def publish_table(
    counts: pd.DataFrame | pd.Series,
    threshold: int,
    *,
    symbol: str = "c",
    totals: bool = True,
    suppress_zeros: bool = False,
) -> pd.DataFrame:
    """Suppress a table of counts for publication and write it out as text with DfE symbols.

    Applies :func:`primary_suppression` and :func:`secondary_suppression`, then adds a
    ``Total`` row and column (the true totals, which are what DfE publishes) when ``totals``
    is set. Use ``symbol="x"`` to mimic older DfE tables.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14, 30], "girls": [9, 8, 25]},
        ...                  index=["under 5", "5 to 9", "10 to 17"])
        >>> publish_table(t, threshold=6)
                 boys girls Total
        under 5     c     c    11
        5 to 9      c     c    22
        10 to 17   30    25    55
        Total      46    42    88
    """
    if symbol not in SYMBOLS:
        raise ChildinfoError(f"symbol must be one of {', '.join(SYMBOLS)}, got {symbol!r}.")
    frame = _counts_frame(counts)
    mask = secondary_suppression(
        frame, primary_suppression(frame, threshold, suppress_zeros=suppress_zeros),
        row_totals=totals, column_totals=totals, grand_total=totals,
    )
    text = frame.astype("int64").astype(str).mask(mask, symbol)
    if totals:
        if frame.shape[1] > 1:
            text["Total"] = frame.sum(axis=1).astype("int64").astype(str)
        if frame.shape[0] > 1:
            total_row = frame.sum(axis=0).astype("int64").astype(str)
            if frame.shape[1] > 1:
                total_row["Total"] = str(int(frame.to_numpy().sum()))
            text.loc["Total"] = total_row
    return text


# ---------------------------------------------------------------------------------------------
# Record-level extracts
# ---------------------------------------------------------------------------------------------


def equivalence_classes(df: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> pd.DataFrame:
    """Count the records that share each combination of quasi-identifiers, smallest first.

    Quasi-identifiers are fields that are not names but that, together, can single someone
    out: date of birth, sex, postcode, ethnicity. A missing value counts as a value of its own
    (an intruder sees the blank too).

    Example:
        >>> d = pd.DataFrame({"sex": ["F", "F", "M"], "age": [7, 7, 7]})
        >>> equivalence_classes(d, ["sex", "age"])
          sex  age  size
        0   M    7     1
        1   F    7     2
    """
    qis = as_list(quasi_identifiers, "quasi_identifiers")
    require_frame(df, "extract")
    require_columns(df, qis, "extract")
    sizes = df.groupby(qis, dropna=False, sort=True).size().rename("size").reset_index()
    return sizes.sort_values("size", kind="stable").reset_index(drop=True)


def k_anonymity(df: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> int:
    """The k for which ``df`` is k-anonymous: the size of its smallest equivalence class.

    k = 1 means at least one record is unique on the quasi-identifiers, so anyone who knows
    those facts about a child can find that child's record.

    Example:
        >>> d = pd.DataFrame({"sex": ["F", "F", "M", "M"], "age": [7, 7, 9, 9]})
        >>> k_anonymity(d, ["sex", "age"])
        2
    """
    return int(equivalence_classes(df, quasi_identifiers)["size"].min())


def records_below_k(df: pd.DataFrame, quasi_identifiers: str | Sequence[str], k: int) -> pd.DataFrame:
    """The records whose equivalence class has fewer than ``k`` members (the ones at risk).

    Example:
        >>> d = pd.DataFrame({"sex": ["F", "F", "M"], "age": [7, 7, 9]})
        >>> records_below_k(d, ["sex", "age"], k=2)
          sex  age
        2   M    9
    """
    qis = as_list(quasi_identifiers, "quasi_identifiers")
    require_frame(df, "extract")
    require_columns(df, qis, "extract")
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise ChildinfoError(f"k must be a whole number of at least 1, got {k!r}.")
    size = df.groupby(qis, dropna=False)[qis[0]].transform("size")
    return df[size < k]


def l_diversity(
    df: pd.DataFrame, quasi_identifiers: str | Sequence[str], sensitive: str
) -> int:
    """Distinct l-diversity: the fewest different sensitive values in any equivalence class.

    k-anonymity is not enough: if every 7-year-old girl in the extract has the same category
    of abuse, knowing a child is a 7-year-old girl reveals it. l = 1 means some class has a
    single sensitive value.

    Example:
        >>> d = pd.DataFrame({"sex": ["F", "F", "M", "M"], "category": ["N", "N", "N", "P"]})
        >>> l_diversity(d, "sex", "category")
        1
    """
    qis = as_list(quasi_identifiers, "quasi_identifiers")
    require_frame(df, "extract")
    require_columns(df, [*qis, sensitive], "extract")
    if sensitive in qis:
        raise ChildinfoError(f"{sensitive!r} is listed as both a quasi-identifier and the sensitive field.")
    return int(df.groupby(qis, dropna=False)[sensitive].nunique(dropna=False).min())


def dob_to_month(dates) -> pd.Series:
    """Generalise dates of birth to the first day of their month.

    This is what the LIIA pipelines do before sharing 903 data: the month keeps ages right to
    within a month, the day is the part that makes a child unique. Accepts dates or text in
    ``YYYY-MM-DD`` or ``DD/MM/YYYY``; unreadable values become missing.

    Example:
        >>> dob_to_month(["2015-03-17", "25/12/2019"]).dt.strftime("%Y-%m-%d").tolist()
        ['2015-03-01', '2019-12-01']
    """
    return parse_dates(dates, "dates of birth").dt.to_period("M").dt.to_timestamp()


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])([A-Z]{2})$")


def _postcode_parts(postcodes) -> pd.DataFrame:
    series = pd.Series(postcodes, dtype="string")
    clean = series.str.upper().str.replace(r"\s+", "", regex=True)
    # Re-insert the single space before the inward code (always 3 characters).
    return clean.str.extract(_POSTCODE)


def postcode_to_sector(postcodes) -> pd.Series:
    """Generalise full UK postcodes to their sector (``"LS1 4"`` from ``"ls14ap"``).

    A sector holds a few thousand addresses, a full postcode about 15. Spacing and case are
    tidied; invalid or partial postcodes become missing (count them: that is a quality issue).

    Example:
        >>> postcode_to_sector(["LS1 4AP", "sw1a1aa", "not known"]).tolist()
        ['LS1 4', 'SW1A 1', <NA>]
    """
    parts = _postcode_parts(postcodes)
    return (parts[0] + " " + parts[1]).astype("string").rename("postcode_sector")


def postcode_to_district(postcodes) -> pd.Series:
    """Generalise full UK postcodes to their district, the outward code (``"LS1"``).

    Example:
        >>> postcode_to_district(["LS1 4AP", "SW1A 1AA"]).tolist()
        ['LS1', 'SW1A']
    """
    return _postcode_parts(postcodes)[0].astype("string").rename("postcode_district")


def age_band(ages, bands: Iterable[int] = (0, 1, 5, 10, 16, 18)) -> pd.Series:
    """Put ages in whole years into bands, labelled the way DfE tables label them.

    ``bands`` are the lower edges; the default gives DfE's children-looked-after bands
    ``under 1``, ``1 to 4``, ``5 to 9``, ``10 to 15``, ``16 to 17`` (18 and over is missing).

    Example:
        >>> age_band([0, 4, 12, 17]).tolist()
        ['under 1', '1 to 4', '10 to 15', '16 to 17']
    """
    edges = sorted(bands)
    if len(edges) < 2:
        raise ChildinfoError("bands needs at least two edges, e.g. (0, 5, 18).")
    series = pd.Series(ages)
    if not pd.api.types.is_numeric_dtype(series):
        raise ChildinfoError("ages must be numbers of whole years; compute them from date of birth first.")
    labels = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        labels.append(f"under {hi}" if lo == 0 else (f"{lo}" if hi - lo == 1 else f"{lo} to {hi - 1}"))
    return pd.cut(series, bins=edges, right=False, labels=labels).astype("string")
