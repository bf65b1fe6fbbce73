"""Checks for labs 9 and 10 (auditing a risk model; owning information use)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from childinfo.course.checks.core import (
    Feedback,
    _never_raises,
    not_answered,
    unfilled,
    wrong_type,
)

__all__ = ["check_record_complete"]


def _blank(value) -> bool:
    """A field nobody has filled in: the scaffold's ``...``, None, NaN or empty text."""
    if unfilled(value):
        return True
    if isinstance(value, str):
        return value.strip() in ("", "...")
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@_never_raises
def check_record_complete(
    table,
    required: Sequence[str],
    *,
    what: str = "your table",
    min_rows: int = 1,
    sort_column: str | None = None,
    ascending: bool = True,
    distinct: str | None = None,
) -> Feedback:
    """Check a table a person fills in (a transparency record, an action plan): every field filled.

    Checks, in order: it is a DataFrame; it has the ``required`` columns and at least ``min_rows``
    rows; no required cell is blank or still ``...``; when ``sort_column`` is given, the rows are
    in that order (lowest first unless ``ascending=False``); when ``distinct`` is given, that
    column has no repeats (for example one named owner per action, not "everyone").

    Example:
        >>> plan = pd.DataFrame({"element": ["Mapping systems", "Co-design"], "score": [0, 1],
        ...                      "owner": ["Head of performance", ...]})
        >>> print(check_record_complete(plan, ["element", "score", "owner"], what="the action plan"))
        Not yet: not answered yet: the action plan still has a ... to replace (1 field(s), the first in row 2 'owner'). Fill them in, run that cell, then run this check again.
        >>> plan.loc[1, "owner"] = " "
        >>> print(check_record_complete(plan, ["element", "score", "owner"], what="the action plan"))
        Not yet: the action plan has 1 field(s) still empty: row 2 'owner'.
          - Fill every field; write 'not yet known' and who will find out, rather than leave a gap.
        >>> plan.loc[1, "owner"] = "Participation lead"
        >>> print(check_record_complete(plan, ["element", "score", "owner"], what="the action plan", sort_column="score"))
        Correct: the action plan has every field filled in 2 row(s), in order of score.
    """
    if table is Ellipsis or table is None:
        return not_answered(what)
    if not isinstance(table, pd.DataFrame):
        return wrong_type(
            what,
            "a pandas DataFrame",
            table,
            "Build it with pd.DataFrame(...), one row per entry.",
        )
    missing = [c for c in required if c not in table.columns]
    if missing:
        return Feedback(
            False,
            f"{what} is missing the column(s) {', '.join(map(repr, missing))}.",
            ("Keep every column of the template, spelled as it is.",),
        )
    if len(table) < min_rows:
        return Feedback(False, f"{what} has {len(table)} row(s); it needs at least {min_rows}.")
    blanks = [
        (i + 1, c)
        for i, (_, row) in enumerate(table[list(required)].iterrows())
        for c in required
        if _blank(row[c])
    ]
    if unfilled(table[list(required)]):
        return Feedback(
            False,
            f"not answered yet: {what} still has a ... to replace "
            f"({len(blanks)} field(s), the first in row {blanks[0][0]} {blanks[0][1]!r}). "
            "Fill them in, run that cell, then run this check again.",
        )
    if blanks:
        where = ", ".join(f"row {i} {c!r}" for i, c in blanks[:4])
        return Feedback(
            False,
            f"{what} has {len(blanks)} field(s) still empty: {where}.",
            (
                "Fill every field; write 'not yet known' and who will find out, rather than leave a gap.",
            ),
        )
    if sort_column is not None:
        if sort_column not in table.columns:
            return Feedback(False, f"{what} has no column {sort_column!r} to put in order.")
        values = pd.to_numeric(table[sort_column], errors="coerce")
        ordered = values.is_monotonic_increasing if ascending else values.is_monotonic_decreasing
        if values.isna().any() or not ordered:
            side = "lowest" if ascending else "highest"
            return Feedback(
                False,
                f"the rows of {what} are not in order of {sort_column}, {side} first.",
                (f"Sort with .sort_values({sort_column!r}) so the weakest areas come first.",),
            )
    if distinct is not None and distinct in table.columns:
        repeats = table[distinct][table[distinct].duplicated()].unique().tolist()
        if repeats:
            return Feedback(
                False,
                f"{what} repeats {', '.join(map(repr, repeats[:3]))} in {distinct!r}.",
                (
                    f"Give each row its own {distinct}: when one name owns everything, nobody does.",
                ),
            )
    order = f", in order of {sort_column}" if sort_column is not None else ""
    return Feedback(True, f"{what} has every field filled in {len(table)} row(s){order}.")
