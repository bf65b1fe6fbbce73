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
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

# The HiGHS solver that scipy bundles (what linprog and milp call), used directly so that one
# model serves many objectives; the scipy version is pinned in requirements.lock.
from scipy.optimize._highspy import _core as highs

from childinfo._validation import (
    as_list,
    as_series,
    parse_dates,
    require_columns,
    require_frame,
    require_number,
    shown,
)
from childinfo.errors import ChildinfoError

__all__ = [
    "COMMON_THRESHOLDS",
    "SHOWN_IF_SAFE",
    "SYMBOLS",
    "THRESHOLD",
    "ZEROS",
    "age_band",
    "dob_to_month",
    "equivalence_classes",
    "format_percentage",
    "k_anonymity",
    "l_diversity",
    "postcode_to_district",
    "postcode_to_sector",
    "primary_suppression",
    "publish_linked_tables",
    "Published",
    "publish_table",
    "publish_table_and_mask",
    "published_table_bounds",
    "records_below_k",
    "round_to_base",
    "secondary_suppression",
    "small_count_phrase",
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

#: The course's one threshold, in the one convention: the smallest count that may be published
#: (DfE practice: counts from 1 to 5 are suppressed). Labs, figures and checks read it from here.
THRESHOLD: int = 6

#: What a table does with zeros, and so what an intruder knows (GSS guidance on zeros):
#: ``"shown"`` publishes 0, so every hidden figure is at least 1; ``"hidden"`` suppresses zeros
#: with the small counts, so a hidden figure may be 0; ``"structural"`` marks cells that cannot
#: happen ``z``: known to be 0, never hidden, and again every hidden figure is at least 1.
ZEROS: tuple[str, ...] = ("shown", "hidden", "structural")

#: For the publishing functions only: zeros ``"shown"`` where the table can still be protected,
#: else ``"hidden"`` for the whole table. Shown zeros can leave a small total with no cell beside
#: it to hide (every other cell in its row is 0); hiding the zeros is then the one safe way to
#: publish the table as it stands. The explorer publishes every view this way.
SHOWN_IF_SAFE: str = "shown-if-safe"


def small_count_phrase(threshold: int = THRESHOLD) -> str:
    """How the course words a suppressed count in prose.

    Example:
        >>> small_count_phrase()
        'fewer than 6'
    """
    return f"fewer than {_check_threshold(threshold)}"


# ---------------------------------------------------------------------------------------------
# Tables of counts
# ---------------------------------------------------------------------------------------------


def _counts_frame(counts: pd.DataFrame | pd.Series, name: str = "counts") -> pd.DataFrame:
    """Return counts as a DataFrame of non-negative whole numbers, or raise a clear error."""
    if isinstance(counts, pd.Series):
        counts = counts.to_frame(name=counts.name if counts.name is not None else "count")
    frame = require_frame(counts, name)
    bad = [
        c
        for c in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c])
    ]
    if bad:
        raise ChildinfoError(
            f"{name} must hold counts, but column(s) {', '.join(map(repr, bad))} are not numbers; "
            "put labels in the index (df.set_index(...)) and keep only counts in the columns."
        )
    values = frame.to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ChildinfoError(
            f"{name} has missing values; a table of counts needs a number in every cell (use 0)."
        )
    if np.isinf(values).any():
        raise ChildinfoError(f"{name} has infinite values; a table of counts needs whole numbers.")
    if (values < 0).any() or (values != np.round(values)).any():
        raise ChildinfoError(
            f"{name} must hold whole, non-negative counts; found negative or fractional values."
        )
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


def _which_totals(
    shape: tuple[int, int], row_totals: bool, column_totals: bool
) -> tuple[bool, bool]:
    # A row total of a one-column table *is* the cell, so it can never be published alongside
    # suppression; the same for column totals of a one-row table.
    return (row_totals and shape[1] > 1, column_totals and shape[0] > 1)


def _check_threshold(threshold) -> int:
    if (
        not isinstance(threshold, (int, np.integer))
        or isinstance(threshold, bool)
        or threshold < 1
    ):
        raise ChildinfoError(
            "threshold must be a whole number of at least 1 (the smallest count you may "
            f"publish), got {shown(threshold)}."
        )
    return int(threshold)


def _check_zeros(zeros, suppress_zeros: bool = False, *, publishing: bool = False) -> str:
    if zeros is None:
        return "hidden" if suppress_zeros else "shown"
    choices = (*ZEROS, SHOWN_IF_SAFE) if publishing else ZEROS
    if zeros not in choices:
        raise ChildinfoError(
            f"zeros must be one of {', '.join(map(repr, choices))}, got {zeros!r}."
        )
    if suppress_zeros and zeros != "hidden":
        raise ChildinfoError("suppress_zeros=True means zeros='hidden'; give only one of them.")
    return zeros


def primary_suppression(
    counts: pd.DataFrame | pd.Series,
    threshold: int,
    *,
    suppress_zeros: bool = False,
    zeros: str | None = None,
) -> pd.DataFrame:
    """Mark the cells whose count is too small to publish.

    A cell is suppressed when ``1 <= count < threshold``. What happens to zeros is a choice
    (``zeros``, see :data:`ZEROS`): ``"shown"`` (the default, and DfE practice) publishes them as
    0; ``"hidden"`` (or ``suppress_zeros=True``) hides them like small counts, because "no child
    in this ward was adopted" can itself be a disclosure; ``"structural"`` publishes them as
    ``z``, for cells that cannot happen. There is no single UK threshold; see
    :data:`COMMON_THRESHOLDS`.

    Returns a True/False DataFrame the shape of ``counts`` (True = suppress).

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 0]}, index=["under 5", "5 to 9"])
        >>> primary_suppression(t, threshold=6)
                  boys  girls
        under 5   True  False
        5 to 9   False  False
    """
    frame = _counts_frame(counts)
    threshold = _check_threshold(threshold)
    zeros = _check_zeros(zeros, suppress_zeros)
    small = (frame >= 1) & (frame < threshold)
    if zeros == "hidden":
        small = small | (frame == 0)
    return small.astype(bool)


# ---------------------------------------------------------------------------------------------
# The intruder's model. Every figure a table set publishes (a cell, a row or column total, the
# grand total, in any of several linked tables) is the sum of some cells of the finest table,
# its "support". The intruder knows each published figure exactly, that counts are whole
# numbers that are never negative, and, when zeros are shown, that every hidden figure is at
# least 1. An integer programme then gives the smallest and largest value each hidden figure
# could take. Two figures with the same support are the same figure: they are hidden together,
# which keeps linked tables consistent.
# ---------------------------------------------------------------------------------------------


class _Figures:
    """The published figures of a set of tables, as sums over the finest table's cells."""

    def __init__(self, base: np.ndarray):
        self.base = base.astype(float).ravel()
        self.keys: dict[tuple[int, ...], int] = {}
        self.supports: list[np.ndarray] = []
        self.values: list[float] = []
        self.is_total: list[bool] = []
        self.labels: list[list[tuple]] = []
        # (a figure, the figures that partition it): a row total and its cells, and so on.
        self.lines: list[tuple[int, list[int]]] = []

    def add(self, support, label, total: bool) -> int:
        key = tuple(sorted(int(s) for s in support))
        k = self.keys.get(key)
        if k is None:
            k = self.keys[key] = len(self.supports)
            self.supports.append(np.array(key, dtype=int))
            self.values.append(float(self.base[list(key)].sum()))
            self.is_total.append(total)
            self.labels.append([])
        self.is_total[k] = self.is_total[k] and total
        self.labels[k].append(label)
        return k

    def finish(self) -> None:
        self.values = np.array(self.values)
        self.is_total = np.array(self.is_total, dtype=bool)
        a = np.zeros((len(self.supports), len(self.base)))
        for k, s in enumerate(self.supports):
            a[k, s] = 1.0
        self.a = a
        self.sizes = a.sum(axis=1)


def _add_table(
    figs: _Figures,
    groups: list[np.ndarray],
    ncol: int,
    view,
    row_labels,
    col_labels,
    rows: bool,
    cols: bool,
    grand: bool,
) -> None:
    """Register one table whose rows are groups of the finest table's rows."""

    def support(rs, cs):
        return [r * ncol + c for r in rs for c in cs]

    every_col = range(ncol)
    grid = [
        [
            figs.add(support(rs, [c]), (view, row_labels[g], col_labels[c]), False)
            for c in every_col
        ]
        for g, rs in enumerate(groups)
    ]
    row_keys, col_keys = [], []
    if rows:
        for g, rs in enumerate(groups):
            row_keys.append(figs.add(support(rs, every_col), (view, row_labels[g], "Total"), True))
            figs.lines.append((row_keys[-1], grid[g]))
    all_rows = np.concatenate(groups)
    if cols:
        for c in every_col:
            col_keys.append(figs.add(support(all_rows, [c]), (view, "Total", col_labels[c]), True))
            figs.lines.append((col_keys[-1], [row[c] for row in grid]))
    if grand:
        k = figs.add(support(all_rows, every_col), (view, "Total", "Total"), True)
        for parts in (row_keys, col_keys):
            if len(parts) > 1:
                figs.lines.append((k, parts))


class _System:
    """The intruder's equations for one state of suppression, with known cells taken out.

    A base cell is known when it is published on its own or lies inside a published zero;
    removing those first keeps each programme small.
    """

    def __init__(self, figs: _Figures, hidden: np.ndarray, lowest: float, shown=None):
        shown = ~hidden if shown is None else shown
        known = np.full(len(figs.base), np.nan)
        for k in np.flatnonzero(shown & (figs.sizes == 1)):
            known[figs.supports[k]] = figs.values[k]
        for k in np.flatnonzero(shown & (figs.values == 0)):
            known[figs.supports[k]] = 0.0
        fixed = ~np.isnan(known)
        self.values = figs.values
        self.const = figs.a[:, fixed] @ known[fixed]
        self.af = figs.a[:, ~fixed]
        live = self.af.sum(axis=1) > 0
        eq = shown & live
        # Sparse: HiGHS wants them so, and converting a dense matrix on every solve was slow.
        self.a_eq, self.b_eq = sparse.csr_array(self.af[eq]), figs.values[eq] - self.const[eq]
        ge = hidden & live & (lowest - self.const > 0)
        self.a_ub, self.b_ub = sparse.csr_array(-self.af[ge]), -(lowest - self.const[ge])
        if (hidden & ~live & (self.const < lowest)).any():
            raise ChildinfoError(_INCONSISTENT)
        self._highs = None

    def _relaxation(self) -> highs._Highs:
        """The linear relaxation as one HiGHS model: each figure only changes the objective, so
        every solve after the first starts from the last one's basis (scipy's linprog would
        rebuild and presolve the whole model each time, which was most of the run time)."""
        if self._highs is None:
            n = self.af.shape[1]
            rows = sparse.vstack([self.a_eq, -self.a_ub], format="csr")
            lp = highs.HighsLp()
            lp.num_col_, lp.num_row_ = n, rows.shape[0]
            lp.col_cost_ = np.zeros(n)
            lp.col_lower_, lp.col_upper_ = np.zeros(n), np.full(n, highs.kHighsInf)
            lp.row_lower_ = np.concatenate([self.b_eq, -self.b_ub])
            lp.row_upper_ = np.concatenate([self.b_eq, np.full(len(self.b_ub), highs.kHighsInf)])
            lp.a_matrix_.format_ = highs.MatrixFormat.kRowwise
            lp.a_matrix_.start_ = rows.indptr
            lp.a_matrix_.index_ = rows.indices
            lp.a_matrix_.value_ = rows.data
            h = highs._Highs()
            h.setOptionValue("output_flag", False)
            h.passModel(lp)
            self._highs = h
        return self._highs

    def bounds(self, k: int, exact: bool):
        """Smallest and largest value of figure ``k``; ``exact`` solves the integer programme."""
        return self._bound(k, 1.0, exact), self._bound(k, -1.0, exact)

    def unsafe(self, k: int, exact: bool, threshold: int) -> bool:
        """:func:`_unsafe` for figure ``k``, solving for its lower bound only when needed."""
        hi = self._bound(k, -1.0, exact)
        if hi > self.values[k] and hi >= threshold:
            # The true value is possible, so the lower bound is below hi: neither known
            # exactly nor known to be small, whatever the lower bound is.
            return False
        return _unsafe(self._bound(k, 1.0, exact), hi, threshold)

    def _bound(self, k: int, sign: float, exact: bool) -> float:
        """The smallest (``sign`` 1) or largest (-1) whole value figure ``k`` could take."""
        c = self.af[k]
        if not c.any():
            return int(self.const[k])
        h = self._relaxation()
        h.changeColsCost(len(c), np.arange(len(c), dtype=np.int32), sign * c)
        h.run()
        status = h.getModelStatus()
        if status == highs.HighsModelStatus.kUnboundedOrInfeasible:
            h.setOptionValue("presolve", "off")  # presolve may not tell which; the solver does
            h.run()
            status = h.getModelStatus()
        if status == highs.HighsModelStatus.kUnbounded:
            return np.inf
        if status != highs.HighsModelStatus.kOptimal:
            raise ChildinfoError(_INCONSISTENT)
        x = np.asarray(h.getSolution().col_value)
        fun = float(sign * c @ x)
        if exact:
            whole = np.round(x)
            if np.abs(x - whole).max(initial=0) < 1e-6:
                # A whole-number optimum of the relaxation is the integer programme's optimum
                # too (the integer one can do no better), so there is nothing more to solve.
                fun = sign * c @ whole
            else:
                cons = [LinearConstraint(self.a_eq, self.b_eq, self.b_eq)]
                if len(self.b_ub):
                    cons.append(LinearConstraint(self.a_ub, -np.inf, self.b_ub))
                res = milp(
                    sign * c,
                    constraints=cons,
                    integrality=np.ones(len(c)),
                    bounds=Bounds(0, np.inf),
                )
                if res.status != 0:
                    raise ChildinfoError(_INCONSISTENT)
                fun = res.fun
        value = sign * fun + self.const[k]
        # The relaxation's bounds are rounded inwards: counts are whole numbers.
        return int(np.ceil(value - 1e-6)) if sign > 0 else int(np.floor(value + 1e-6))


_INCONSISTENT = (
    "no table fits the published figures: a hidden cell is 0 but zeros were said "
    "to be shown; pass zeros='hidden' (or hide no zeros)."
)


def _solve_bounds(
    figs: _Figures, hidden: np.ndarray, k: int, lowest: float, shown=None, exact: bool = True
):
    """Smallest and largest whole value figure ``k`` could take, given the published figures.

    ``shown`` defaults to every figure not ``hidden``; a figure in neither was not published.
    """
    return _System(figs, hidden, lowest, shown).bounds(k, exact)


def _unsafe(lo, hi, threshold: int) -> bool:
    """Exactly known, or known to be a small count (1 to threshold - 1)."""
    return lo == hi or (lo >= 1 and hi <= threshold - 1)


def _protect(
    figs: _Figures, hidden: np.ndarray, threshold: int, zeros: str, may_hide: np.ndarray
) -> np.ndarray:
    """Hide further figures until no hidden figure is unsafe (secondary suppression).

    Hiding a figure only ever widens what the intruder must allow, so a figure found safe stays
    safe and each is checked once. For an unsafe figure, try the cheapest figures that share a
    published line with it (a line: any figure that contains both); take the first that makes it
    safe, or else the cheapest, and look again. A line is itself a candidate, after its cells.
    """
    lowest = 0.0 if zeros == "hidden" else 1.0
    hidden = hidden.copy()
    # Shown zeros can never be hidden: the intruder knows every hidden figure is at least 1.
    allowed = may_hide & ((figs.values > 0) | (zeros == "hidden"))
    # First the cheap necessary condition on each published line: at least two hidden parts,
    # and enough hidden in it that one part could be threshold or more.
    changed = True
    while changed:
        changed = False
        for e, parts in figs.lines:
            if hidden[e]:
                continue
            parts = [j for j in parts if j != e]
            n = sum(hidden[j] for j in parts)
            if n == 0:
                continue
            room = sum(figs.values[j] for j in parts if hidden[j]) - lowest * (n - 1)
            if n >= 2 and room >= threshold:
                continue
            options = sorted(
                (j for j in parts if allowed[j] and not hidden[j]),
                key=lambda j: (figs.is_total[j], figs.values[j], j),
            )
            pick = options[0] if options else (e if allowed[e] else None)
            if pick is not None:
                hidden[pick] = changed = True
    # The linear relaxation is fast and never narrower than the integer answer, so search with
    # it, then confirm every hidden figure with the integer programme and repair if needed.
    for exact in (False, True):
        safe: set[int] = set()
        while True:
            system = _System(figs, hidden, lowest)
            target = None
            for k in np.flatnonzero(hidden):
                if k in safe:
                    continue
                if system.unsafe(k, exact, threshold):
                    target = k
                    break
                safe.add(k)
            if target is None:
                break
            hidden[_complement(figs, hidden, allowed, target, threshold, lowest, exact)] = True
    return hidden


def _complement(figs, hidden, allowed, target, threshold, lowest, exact) -> int:
    """The figure to hide next to protect ``target``: see :func:`_protect`."""
    a, sizes = figs.a, figs.sizes
    inside = a @ a[target]
    lines = [e for e in np.flatnonzero(inside == sizes[target]) if e != target]
    lines.sort(key=lambda e: sizes[e])
    seen, candidates = set(), []
    for e in lines:
        within = np.flatnonzero(((a @ a[e]) == sizes) & (inside == 0) & allowed & ~hidden)
        order = sorted(within, key=lambda j: (figs.is_total[j], figs.values[j], j))
        # The line itself comes after its cells: hiding a total is the last resort.
        for j in [*order, e] if allowed[e] and not hidden[e] else order:
            if j not in seen:
                seen.add(j)
                candidates.append(j)
    if not candidates:
        raise _NoCellToHide(
            f"no further cell can be hidden to protect {_describe(figs, target)}; merge small "
            f"categories, do not publish that total, or publish with zeros='hidden' (or "
            f"{SHOWN_IF_SAFE!r})."
        )
    for j in candidates[:6]:
        trial = hidden.copy()
        trial[j] = True
        if not _System(figs, trial, lowest).unsafe(target, exact, threshold):
            return j
    return candidates[0]


def _describe(figs: _Figures, k: int) -> str:
    view, row, col = figs.labels[k][0]
    where = f"{row} / {col}"
    return where if view is None else f"{where} in the table by {', '.join(view)}"


def _bounds_frame(
    figs: _Figures, hidden: np.ndarray, threshold: int, zeros: str, with_view: bool = False
) -> pd.DataFrame:
    lowest = 0.0 if zeros == "hidden" else 1.0
    system = _System(figs, hidden, lowest)
    records = []
    for k in np.flatnonzero(hidden):
        lo, hi = system.bounds(k, exact=True)
        for view, row, col in figs.labels[k]:
            rec = {
                "row": row,
                "column": col,
                "value": int(figs.values[k]),
                "lower": lo,
                "upper": hi,
                "disclosed": lo == hi,
                "safe": not _unsafe(lo, hi, threshold),
            }
            if with_view:
                rec = {"table": view, **rec}
            records.append(rec)
    columns = ["row", "column", "value", "lower", "upper", "disclosed", "safe"]
    out = pd.DataFrame(records, columns=(["table"] if with_view else []) + columns)
    # Whole numbers; an upper bound is empty (<NA>) when no published figure limits the cell
    # from above (a table without totals), rather than an infinity in a table of counts.
    out["lower"] = out["lower"].astype("int64")
    out["upper"] = pd.array(
        [pd.NA if np.isinf(v) else int(v) for v in out["upper"]], dtype="Int64"
    )
    return out


def _single(frame: pd.DataFrame, rows: bool, cols: bool, grand: bool) -> _Figures:
    values = frame.to_numpy(dtype=float)
    figs = _Figures(values)
    groups = [np.array([i]) for i in range(values.shape[0])]
    grand = grand and (values.shape[0] > 1 or values.shape[1] > 1 or rows or cols)
    _add_table(
        figs,
        groups,
        values.shape[1],
        None,
        list(frame.index),
        list(frame.columns),
        rows,
        cols,
        grand,
    )
    figs.finish()
    return figs


def _cell_keys(figs: _Figures, shape) -> np.ndarray:
    """The figure number of each cell of a single table, row by row."""
    ncol = shape[1]
    return np.array([figs.keys[(i * ncol + j,)] for i in range(shape[0]) for j in range(ncol)])


def _guess_threshold(values: np.ndarray, mask: np.ndarray) -> int:
    # Without a threshold, the largest hidden primary count tells us the least it can be.
    small = values[mask]
    return int(small.max()) + 1 if small.size else 1


def secondary_suppression(
    counts: pd.DataFrame | pd.Series,
    primary: pd.DataFrame | pd.Series,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool = True,
    threshold: int | None = None,
    zeros: str = "shown",
) -> pd.DataFrame:
    """Add suppressions so that the published totals cannot reveal a suppressed cell.

    If a row has one hidden cell, its value is the row total minus the others. Hiding a second
    cell is not always enough: when zeros are shown, an intruder knows every hidden cell is at
    least 1, so a row ``1, 1, 0`` with total 2 gives both ones back. This function plays the
    intruder (an integer programme over the published cells and totals, see
    :func:`suppressed_cell_bounds`) and hides more cells, the smallest non-zero ones on the same
    row or column first, until no hidden cell can be worked out exactly or shown to be a small
    count (1 to ``threshold - 1``). ``threshold`` defaults to one more than the largest count in
    ``primary``; ``zeros`` says what the intruder knows (see :data:`ZEROS`).

    ``row_totals``, ``column_totals`` and ``grand_total`` say which totals you will publish; here
    they are always shown (:func:`publish_table` can also hide a small total).
    Returns the full mask: primary and secondary suppressions.

    Raises ChildinfoError if no choice of cells protects the table (then merge categories, do
    not publish a total, or use :func:`publish_table`).

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14, 30], "girls": [9, 8, 25]},
        ...                  index=["under 5", "5 to 9", "10 to 17"])
        >>> mask = secondary_suppression(t, primary_suppression(t, threshold=6), threshold=6)
        >>> int(mask.to_numpy().sum())   # the 2, the 9 beside it, and the 14 and 8 below
        4
    """
    frame = _counts_frame(counts)
    mask_df = _mask_frame(primary, frame)
    zeros = _check_zeros(zeros)
    values = frame.to_numpy(dtype=float)
    m = mask_df.to_numpy()
    threshold = _guess_threshold(values, m) if threshold is None else _check_threshold(threshold)
    rows, cols = _which_totals(values.shape, row_totals, column_totals)
    figs = _single(frame, rows, cols, grand_total)
    cells = _cell_keys(figs, values.shape)
    hidden = np.zeros(len(figs.values), dtype=bool)
    hidden[cells[m.ravel()]] = True
    may_hide = np.zeros_like(hidden)
    may_hide[cells] = True
    may_hide &= ~figs.is_total
    if (hidden & figs.is_total).any():
        raise ChildinfoError(
            "a suppressed cell is also a published total (a one-row or one-column table); "
            "do not publish that total, or use publish_table, which can hide it."
        )
    hidden = _protect(figs, hidden, threshold, zeros, may_hide)
    return pd.DataFrame(
        hidden[cells].reshape(values.shape), index=frame.index, columns=frame.columns
    )


def suppressed_cell_bounds(
    counts: pd.DataFrame | pd.Series,
    mask: pd.DataFrame | pd.Series,
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    grand_total: bool = True,
    assume_nonzero: bool | None = None,
    zeros: str | None = None,
    threshold: int | None = None,
) -> pd.DataFrame:
    """What an intruder can work out about each suppressed cell from the published figures.

    Solves two integer programmes per hidden cell (smallest and largest value consistent with
    the published cells and totals, counts whole and never negative). What the intruder knows
    about zeros matters: with ``zeros="shown"`` every hidden cell is at least 1 (a zero would
    have been published as 0), which can pin cells that look safe. The default is
    ``zeros="hidden"`` (the weaker intruder) unless ``assume_nonzero`` is set; pass the
    ``zeros`` you published with.

    Returns one row per suppressed cell: ``row``, ``column``, ``value`` (the true count, for
    teaching), ``lower``, ``upper`` (empty when nothing published limits the cell from above, as
    in a table without totals), ``disclosed`` (known exactly) and ``safe`` (neither known
    exactly nor known to be a small count from 1 to ``threshold - 1``; ``threshold`` defaults to
    :data:`THRESHOLD`).

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> only_primary = primary_suppression(t, threshold=6)
        >>> suppressed_cell_bounds(t, only_primary)[["row", "column", "lower", "upper", "disclosed"]]
               row column  lower  upper  disclosed
        0  under 5   boys      2      2       True
    """
    frame = _counts_frame(counts)
    mask_df = _mask_frame(mask, frame)
    if zeros is None:
        zeros = "shown" if assume_nonzero else "hidden"
    zeros = _check_zeros(zeros)
    values = frame.to_numpy(dtype=float)
    m = mask_df.to_numpy()
    threshold = _check_threshold(THRESHOLD if threshold is None else threshold)
    rows, cols = _which_totals(values.shape, row_totals, column_totals)
    figs = _single(frame, rows, cols, grand_total)
    cells = _cell_keys(figs, values.shape)
    hidden = np.zeros(len(figs.values), dtype=bool)
    hidden[cells[m.ravel()]] = True
    out = _bounds_frame(figs, hidden, threshold, zeros)
    return out[(out["row"] != "Total") & (out["column"] != "Total")].reset_index(drop=True)


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
    if not isinstance(base, (int, np.integer)) or isinstance(base, bool):
        raise ChildinfoError(f"base must be a whole number of at least 1, got {shown(base)}.")
    require_number(base, "base", whole=True, low=1)
    if isinstance(values, (pd.Series, pd.DataFrame)):
        frame = values.to_frame() if isinstance(values, pd.Series) else values
        bad = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
        if bad:
            raise ChildinfoError(f"round_to_base needs numbers; column(s) {bad} are not numeric.")
        rounded = np.floor(values / base + 0.5) * base
        return (
            rounded.astype("Int64") if isinstance(values, pd.Series) else rounded.astype("Int64")
        )
    if not isinstance(values, (int, float, np.integer, np.floating)) or isinstance(values, bool):
        raise ChildinfoError(
            f"round_to_base needs a number, Series or DataFrame, got {type(values).__name__}."
        )
    if not np.isfinite(values):
        raise ChildinfoError(
            f"round_to_base needs a finite number, got {values!r}; drop missing values first."
        )
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
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)):
        raise ChildinfoError(
            f"decimals must be a whole number from 0 to 6, got {shown(decimals)}."
        )
    require_number(decimals, "decimals", whole=True, low=0, high=6)
    if not (np.isfinite(num) and np.isfinite(den)):
        raise ChildinfoError(
            f"format_percentage needs two finite numbers, got {numerator!r} and {denominator!r}; "
            "drop missing values first."
        )
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


def _text(figs: _Figures, hidden: np.ndarray, k: int, symbol: str, zeros: str) -> str:
    if hidden[k]:
        return symbol
    value = int(figs.values[k])
    return "z" if value == 0 and zeros == "structural" else str(value)


def _primary_figures(figs: _Figures, threshold: int, zeros: str) -> np.ndarray:
    small = (figs.values >= 1) & (figs.values < threshold)
    return small | ((figs.values == 0) & (zeros == "hidden"))


def publish_table(
    counts: pd.DataFrame | pd.Series,
    threshold: int,
    *,
    symbol: str = "c",
    totals: bool = True,
    suppress_zeros: bool = False,
    zeros: str | None = None,
) -> pd.DataFrame:
    """Suppress a table of counts for publication and write it out as text with DfE symbols.

    Every figure is checked, totals included: a count from 1 to ``threshold - 1`` is hidden
    (primary suppression), then further cells, and a total only when no cell will do, until an
    intruder who knows the method, the threshold and what happens to zeros (``zeros``, see
    :data:`ZEROS`; ``suppress_zeros=True`` means ``"hidden"``) can neither work out a hidden
    figure exactly nor show it is a small count. ``zeros=SHOWN_IF_SAFE`` shows zeros unless that
    leaves a small total nothing beside it to hide, and then hides them (:data:`SHOWN_IF_SAFE`).
    ``totals`` adds a ``Total`` row and column. Use ``symbol="x"`` to mimic older DfE tables;
    structural zeros are written ``z``.

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
    return publish_table_and_mask(
        counts, threshold, symbol=symbol, totals=totals, suppress_zeros=suppress_zeros, zeros=zeros
    ).table


class Published(NamedTuple):
    """A published table and which of its figures were hidden (see :func:`publish_table_and_mask`)."""

    #: the table as published, text: counts, the ``symbol`` where a figure is hidden, totals
    table: pd.DataFrame
    #: True where ``table`` hides a figure: the same rows and columns, totals included
    hidden: pd.DataFrame


def publish_table_and_mask(
    counts: pd.DataFrame | pd.Series,
    threshold: int,
    *,
    symbol: str = "c",
    totals: bool = True,
    suppress_zeros: bool = False,
    zeros: str | None = None,
) -> Published:
    """:func:`publish_table`, with a True/False table saying which figures it hid.

    Use ``hidden`` to count or list what was suppressed, or to compare a choice of cells with
    the toolkit's, rather than searching the text table for the symbol.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14, 30], "girls": [9, 8, 25]},
        ...                  index=["under 5", "5 to 9", "10 to 17"])
        >>> table, hidden = publish_table_and_mask(t, threshold=6)
        >>> int(hidden.to_numpy().sum()), hidden.loc["under 5"].tolist()
        (4, [True, True, False])
    """
    if symbol not in SYMBOLS:
        raise ChildinfoError(f"symbol must be one of {', '.join(SYMBOLS)}, got {symbol!r}.")
    frame = _counts_frame(counts)
    threshold = _check_threshold(threshold)
    zeros = _check_zeros(zeros, suppress_zeros, publishing=True)
    return _publish(frame, [None], threshold, symbol, totals, zeros)[None]


def _views(frame: pd.DataFrame, views) -> list:
    levels = [n for n in frame.index.names]
    out = []
    for view in as_list(views, "views"):
        if view is None:
            out.append(None)
            continue
        names = (view,) if isinstance(view, str) else tuple(as_list(view, "each view"))
        unknown = [n for n in names if n not in levels]
        if not names or unknown or len(set(names)) != len(names):
            raise ChildinfoError(
                f"each table in views must name one or more of the row levels {levels}, got "
                f"{view!r}; set the levels with counts.set_index([...]) first."
            )
        out.append(names)
    if not out:
        raise ChildinfoError("views is empty; name at least one table, e.g. [['ethnicity']].")
    return out


def _linked(frame: pd.DataFrame, views, totals: bool):
    """The figures of every view, and where each view's cells and totals sit among them."""
    values = frame.to_numpy(dtype=float)
    figs = _Figures(values)
    layouts = []
    for view in views:
        if view is None:
            keys = list(frame.index)
            groups = [np.array([i]) for i in range(len(frame))]
        else:
            codes = frame.index.to_frame(index=False)[list(view)]
            grouped = codes.groupby(list(view), sort=True, dropna=False).indices
            keys = [k if len(view) > 1 else (k[0] if isinstance(k, tuple) else k) for k in grouped]
            groups = [np.asarray(v) for v in grouped.values()]
        nrow, ncol = len(groups), values.shape[1]
        rows, cols = _which_totals((nrow, ncol), totals, totals)
        grand = totals and (nrow > 1 or ncol > 1)
        _add_table(figs, groups, ncol, view, keys, list(frame.columns), rows, cols, grand)
        layouts.append((view, keys, rows, cols, grand))
    figs.finish()
    return figs, layouts


def _suppress_linked(frame, views, threshold, zeros, totals):
    figs, layouts = _linked(frame, views, totals)
    hidden = _primary_figures(figs, threshold, zeros)
    # Cells first; a total is hidden only when it is small itself or no cell can protect it.
    may_hide = np.ones(len(figs.values), dtype=bool)
    hidden = _protect(figs, hidden, threshold, zeros, may_hide)
    return figs, layouts, hidden


def publish_linked_tables(
    counts: pd.DataFrame,
    views,
    threshold: int,
    *,
    symbol: str = "c",
    totals: bool = True,
    zeros: str = "shown",
) -> dict:
    """Suppress a set of linked tables together, so that no table gives back another's cells.

    Tables that share margins leak through each other: publish children in need by ethnicity
    and age, and also by ethnicity alone, and a cell hidden in one can be the difference of
    figures shown in the other. ``counts`` is the finest table, its rows indexed by the
    variables (``counts.set_index(["ethnicity", "age"])``) and its columns the categories
    shared by every table; ``views`` lists the tables to publish, each as the row variables it
    keeps (``[("ethnicity", "age"), ("ethnicity",), ("age",)]``). A figure that appears in
    several tables is hidden in all of them. Returns a dict from each view (a tuple) to its
    published text table, as :func:`publish_table` writes it.

    Example:
        >>> t = pd.DataFrame({"ethnicity": ["A", "A", "B", "B"], "age": ["0-9", "10-17"] * 2,
        ...                   "N1": [3, 20, 25, 30], "N2": [12, 15, 22, 40]})
        >>> out = publish_linked_tables(t.set_index(["ethnicity", "age"]),
        ...                             [("ethnicity", "age"), ("ethnicity",)], threshold=6)
        >>> out[("ethnicity", "age")]
                         N1  N2 Total
        ethnicity age
        A         0-9     c   c    15
                  10-17   c   c    35
        B         0-9    25  22    47
                  10-17  30  40    70
        Total            78  89   167
        >>> out[("ethnicity",)].loc["A"].tolist()   # 23 = 3 + 20, but neither can be told
        ['23', '27', '50']
    """
    if symbol not in SYMBOLS:
        raise ChildinfoError(f"symbol must be one of {', '.join(SYMBOLS)}, got {symbol!r}.")
    frame = _counts_frame(counts)
    threshold = _check_threshold(threshold)
    zeros = _check_zeros(zeros, publishing=True)
    views = _views(frame, views)
    published = _publish(frame, views, threshold, symbol, totals, zeros)
    return {view: both.table for view, both in published.items()}


class _NoCellToHide(ChildinfoError):
    """A small figure has no cell left beside it to hide (see :data:`SHOWN_IF_SAFE`)."""


def _publish(frame, views, threshold, symbol, totals, zeros) -> dict[object, Published]:
    if zeros != SHOWN_IF_SAFE:
        return _publish_linked(frame, views, threshold, symbol, totals, zeros)
    try:
        return _publish_linked(frame, views, threshold, symbol, totals, "shown")
    except _NoCellToHide:
        return _publish_linked(frame, views, threshold, symbol, totals, "hidden")


def _publish_linked(frame, views, threshold, symbol, totals, zeros) -> dict[object, Published]:
    figs, layouts, hidden = _suppress_linked(frame, views, threshold, zeros, totals)
    out = {}
    for view, keys, rows, cols, grand in layouts:
        ncol = frame.shape[1]
        where = {}
        for k, labels in enumerate(figs.labels):
            for v, r, c in labels:
                if v == view:
                    where[(r, c)] = k
        names = list(frame.columns) + (["Total"] if rows else [])
        grid = [[where[(r, c)] for c in names] for r in keys]
        body = [[_text(figs, hidden, k, symbol, zeros) for k in row] for row in grid]
        index = (
            pd.MultiIndex.from_tuples(keys, names=list(view))
            if view and len(view) > 1
            else pd.Index(keys, name=view[0] if view else frame.index.name)
        )
        columns = pd.Index(names, name=frame.columns.name)
        text = pd.DataFrame(body, index=index, columns=columns)
        mask = pd.DataFrame([[bool(hidden[k]) for k in row] for row in grid], index, columns)
        if cols or (grand and ncol == 1 and len(keys) > 1):
            total_row = [
                where[("Total", c)] if ("Total", c) in where else where[("Total", "Total")]
                for c in names
            ]
            label = ("Total",) + ("",) * (len(view) - 1) if view and len(view) > 1 else "Total"
            # Appended as a frame: pandas' setting-with-enlargement fails on one string column.
            if isinstance(index, pd.MultiIndex):
                key = label if isinstance(label, tuple) else (label,)
                key += ("",) * (index.nlevels - len(key))
                at = pd.MultiIndex.from_tuples([key], names=index.names)
            else:
                at = pd.Index([label], name=index.name)
            row_text = [_text(figs, hidden, k, symbol, zeros) for k in total_row]
            text = pd.concat([text, pd.DataFrame([row_text], index=at, columns=columns)])
            row_mask = [bool(hidden[k]) for k in total_row]
            mask = pd.concat([mask, pd.DataFrame([row_mask], index=at, columns=columns)])
        out[view] = Published(text, mask.astype(bool))
    return out


def published_table_bounds(
    published: pd.DataFrame | dict,
    counts: pd.DataFrame,
    *,
    views=None,
    zeros: str = "shown",
    threshold: int | None = None,
    symbol: str = "c",
) -> pd.DataFrame:
    """Play the intruder against tables as published: what each hidden figure could be.

    ``published`` is a table written by :func:`publish_table` (or a learner's version of one,
    ``Total`` row and column optional), or the dict :func:`publish_linked_tables` returns, with
    ``views`` as passed there. The intruder reads only what is shown (cells, and totals where
    present), knows counts are whole and never negative and, with ``zeros="shown"`` or
    ``"structural"``, that every hidden figure is at least 1. ``counts`` supplies the true
    values only for the ``value`` column, for teaching.

    Returns one row per hidden figure: ``table`` (the view; ``None`` for a single table),
    ``row``, ``column``, ``value``, ``lower``, ``upper``, ``disclosed`` and ``safe``.
    """
    frame = _counts_frame(counts)
    zeros = _check_zeros(zeros)
    single = not isinstance(published, dict)
    views = [None] if single else _views(frame, views if views is not None else list(published))
    tables = {None: published} if single else published
    # Build the figures as if every total were shown; figures absent from a table are unknown.
    figs, _ = _linked(frame, views, True)
    shown = np.zeros(len(figs.values), dtype=bool)
    hidden = np.zeros(len(figs.values), dtype=bool)
    for k, labels in enumerate(figs.labels):
        for view, row, col in labels:
            text = tables.get(view)
            if not isinstance(text, pd.DataFrame):
                raise ChildinfoError(f"no published table for {view!r}; pass one per view.")
            if row == "Total" and view and len(view) > 1:
                row = ("Total",) + ("",) * (len(view) - 1)
            if row in text.index and col in text.columns:
                cell = text.loc[row, col]
                if isinstance(cell, (pd.Series, pd.DataFrame)):
                    raise ChildinfoError(f"the published table repeats the row {row!r}.")
                if str(cell).strip().lower() == symbol.lower():
                    hidden[k] = True
                else:
                    shown[k] = True
    hidden &= ~shown
    threshold = _check_threshold(THRESHOLD if threshold is None else threshold)
    lowest = 0.0 if zeros == "hidden" else 1.0
    system = _System(figs, hidden, lowest, shown)
    records = []
    for k in np.flatnonzero(hidden):
        lo, hi = system.bounds(k, exact=True)
        for view, row, col in figs.labels[k]:
            records.append(
                {
                    "table": view,
                    "row": row,
                    "column": col,
                    "value": int(figs.values[k]),
                    "lower": lo,
                    "upper": hi,
                    "disclosed": lo == hi,
                    "safe": not _unsafe(lo, hi, threshold),
                }
            )
    return pd.DataFrame(
        records, columns=["table", "row", "column", "value", "lower", "upper", "disclosed", "safe"]
    )


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


def records_below_k(
    df: pd.DataFrame, quasi_identifiers: str | Sequence[str], k: int
) -> pd.DataFrame:
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
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
        raise ChildinfoError(f"k must be a whole number of at least 1, got {shown(k)}.")
    require_number(k, "k", whole=True, low=1)
    size = df.groupby(qis, dropna=False)[qis[0]].transform("size")
    return df[size < k]


def l_diversity(df: pd.DataFrame, quasi_identifiers: str | Sequence[str], sensitive: str) -> int:
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
        raise ChildinfoError(
            f"{sensitive!r} is listed as both a quasi-identifier and the sensitive field."
        )
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
    return (
        parse_dates(as_series(dates, "dates"), "dates of birth")
        .dt.to_period("M")
        .dt.to_timestamp()
    )


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])([A-Z]{2})$")


def _postcode_parts(postcodes) -> pd.DataFrame:
    series = as_series(postcodes, "postcodes").astype("string")
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
    bands = list(as_list(bands, "bands"))
    if not all(isinstance(e, (int, np.integer)) and not isinstance(e, bool) for e in bands):
        raise ChildinfoError(
            f"bands must be whole-number ages, e.g. (0, 5, 18); got {shown(bands)}."
        )
    edges = sorted(bands)
    if len(set(edges)) != len(edges):
        raise ChildinfoError(f"bands repeats an edge ({edges}); give each lower edge once.")
    if len(edges) < 2:
        raise ChildinfoError("bands needs at least two edges, e.g. (0, 5, 18).")
    series = as_series(ages, "ages")
    if not pd.api.types.is_numeric_dtype(series):
        raise ChildinfoError(
            "ages must be numbers of whole years; compute them from date of birth first."
        )
    labels = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        labels.append(
            f"under {hi}" if lo == 0 else (f"{lo}" if hi - lo == 1 else f"{lo} to {hi - 1}")
        )
    return pd.cut(series, bins=edges, right=False, labels=labels).astype("string")
