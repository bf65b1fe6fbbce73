"""The rule book: every DfE validation rule of the CIN census and the SSDA903, for each year.

``rulebook.csv`` lists each rule once per wording (code, return, table, severity, the collection
years it applies to, message). It was made from the rule registries of the sector's validators
(``sector_validators.py --rulebook``; Data to Insight, MIT licence; the messages are the DfE rule
texts). It drives everything that names a rule: the checks in ``rules.py`` run only in the years
their code is in the book and report its severity and message; the fault log and the toolkit's
quality rules take their rule names and wording from it. ``rules.implemented_codes()`` says which
rules are checked in this package; the others are checked only by the sector's validators
(``tests/test_synth_sector_validators.py``). The book knows nothing of the checks, so the checks
can read it without a loop of imports.

Example:
    >>> rb = rulebook()
    >>> sorted(rb["return"].unique())
    ['CIN', 'SSDA903']
    >>> rules_for("CIN", 2023)["1510"][0]
    'error'
    >>> rule_label("SSDA903", "356", 2023)
    '903 356'
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from childinfo.errors import ChildinfoError

_HERE = Path(__file__).parent
RETURNS = ("CIN", "SSDA903")
# The earliest and latest collection years the book carries; earlier years use the earliest.
FIRST_BOOK_YEAR, LAST_BOOK_YEAR = 2023, 2026
# How a rule is named in the fault log and the quality report ("CIN 1510", "903 356").
_LABEL = {"CIN": "CIN", "SSDA903": "903"}


@lru_cache(maxsize=1)
def _book() -> pd.DataFrame:
    return pd.read_csv(_HERE / "rulebook.csv", dtype=str, keep_default_na=False)


def book_year(year: int) -> int:
    """The rule-book year that applies to collection ``year`` (2019-2022 use the 2022-23 rules)."""
    return min(max(int(year), FIRST_BOOK_YEAR), LAST_BOOK_YEAR)


def rulebook(year: int | None = None) -> pd.DataFrame:
    """The rule book, optionally for one collection year (ending 31 March; 2023 = 2022-23).

    Years before 2022-23 use the 2022-23 rules (the earliest the sources carry).
    """
    rb = _book().copy()
    if year is not None:
        y = str(book_year(year))
        rb = rb[rb["years"].str.split(";").map(lambda ys: y in ys)].reset_index(drop=True)
    return rb


@lru_cache(maxsize=None)
def rules_for(ret: str, year: int) -> dict[str, tuple[str, str]]:
    """Code -> (severity, message) of every rule of return ``ret`` in collection ``year``."""
    if ret not in RETURNS:
        raise ChildinfoError(f"unknown return {ret!r}: use one of {', '.join(RETURNS)}.")
    b = _book()
    y = str(book_year(year))
    b = b[(b["return"] == ret) & b["years"].str.split(";").map(lambda ys: y in ys)]
    return {c: (s, m) for c, s, m in zip(b["code"], b["severity"], b["message"])}


def rule(ret: str, code: str, year: int) -> tuple[str, str]:
    """(severity, message) of one rule in one year; a clear error if the book has no such rule."""
    found = rules_for(ret, year).get(code)
    if found is None:
        raise ChildinfoError(
            f"{ret} rule {code!r} is not in the DfE rule book for {year - 1}-{str(year)[-2:]}; "
            "use a code from synth/returns/rulebook.csv for that year."
        )
    return found


def rule_label(ret: str, code: str, year: int) -> str:
    """The rule's name as the fault log and quality reports write it, checked against the book."""
    rule(ret, code, year)
    return f"{_LABEL[ret]} {code}"


def rule_wording(ret: str, code: str, year: int) -> str:
    """The rule book's message followed by the rule's name, for a quality report's rule column."""
    return f"{rule(ret, code, year)[1]} ({rule_label(ret, code, year)})"
