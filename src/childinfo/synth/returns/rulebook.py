"""The rule book: every DfE validation rule of the CIN census and the SSDA903, for each year.

``rulebook.csv`` lists each rule once per wording (code, return, table, severity, the collection
years it applies to, message). It was made from the rule registries of the sector's validators
(``sector_validators.py --rulebook``; Data to Insight, MIT licence; the messages are the DfE rule
texts). ``implemented`` marks the rules that ``check_cin`` and ``check_903`` check in this
package; the others are checked only by the sector's validators (``tests/test_synth_sector_validators.py``).

Example:
    >>> rb = rulebook()
    >>> sorted(rb["return"].unique())
    ['CIN', 'SSDA903']
    >>> bool(rb.query("code == '1510' and `return` == 'CIN'")["implemented"].all())
    True
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

_HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def implemented_codes() -> dict[str, frozenset[str]]:
    """Rule codes each of our checks reports, read from ``rules.py`` (one place, no second list)."""
    src = (_HERE / "rules.py").read_text(encoding="utf-8")
    cin_src, s903_src = src.split("def check_903", 1)
    pat = re.compile(r'(?:_fail\(\s*out,\s*|out\.append\(\(\s*)"([0-9A-Za-z]+)"')
    return {"CIN": frozenset(pat.findall(cin_src)), "SSDA903": frozenset(pat.findall(s903_src))}


def rulebook(year: int | None = None) -> pd.DataFrame:
    """The rule book, optionally for one collection year (ending 31 March; 2023 = 2022-23).

    Years before 2022-23 use the 2022-23 rules (the earliest the sources carry).
    """
    rb = pd.read_csv(_HERE / "rulebook.csv", dtype=str, keep_default_na=False)
    done = implemented_codes()
    rb["implemented"] = [c in done[r] for c, r in zip(rb["code"], rb["return"])]
    if year is not None:
        y = str(max(int(year), 2023))
        rb = rb[rb["years"].str.split(";").map(lambda ys: y in ys)].reset_index(drop=True)
    return rb
