"""The course's facts, each written once: England's published figures with their sources, the
default seed, the collection year and its reference date, and the authorities' names and slugs.

Chapters, labs, :mod:`childinfo.course.chapter_figures` and the data loader read these instead of typing them,
so a revised DfE figure or a new collection year is a one-line change here. This module imports
nothing from the rest of the package, so anything may import it.

Example:
    >>> ENGLAND["cin_rate"].value
    338.7
    >>> ENGLAND["cin_rate"].cite
    '{cite:p}`dfe2025cin`'
    >>> slug("Orlick Vale")
    'orlick-vale'
    >>> REFERENCE_DATE.isoformat(), YEAR_START.isoformat()
    ('2023-03-31', '2022-04-01')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "COLLECTION_YEAR",
    "DEFAULT_AUTHORITY",
    "DEFAULT_SEED",
    "ENGLAND",
    "EnglandFigure",
    "REFERENCE_DATE",
    "TWO_YEARS_START",
    "YEAR_START",
    "DEFAULT_AUTHORITY_FILE",
    "data_dir",
    "england_text",
    "slug",
]

#: The seed the committed synthetic data were generated with. Any other seed is generated afresh.
DEFAULT_SEED = 42

#: The collection year the course's data describe, named by the year it ends (2022-23).
COLLECTION_YEAR = 2023
#: "On 31 March": the census reference date at the end of the collection year.
REFERENCE_DATE = dt.date(COLLECTION_YEAR, 3, 31)
#: The first day of the collection year.
YEAR_START = dt.date(COLLECTION_YEAR - 1, 4, 1)
#: The first day of "the two years" the event tables keep.
TWO_YEARS_START = dt.date(COLLECTION_YEAR - 2, 4, 1)

#: The authority a bare ``load_authority()`` loads (its slug is the data folder's name).
DEFAULT_AUTHORITY = "Brackenfold"


def slug(name: str) -> str:
    """An authority's folder and lookup name: "Orlick Vale" -> "orlick-vale" (the one rule)."""
    return name.strip().lower().replace(" ", "-")


@dataclass(frozen=True)
class EnglandFigure:
    """One published figure for England: its value, what it counts, and where it comes from.

    ``source`` is the BibTeX key in ``references.bib``; ``pinpoint`` says where in the source
    (release, table or the course's own division), so a reader can check it.
    """

    value: float
    what: str
    source: str
    pinpoint: str

    @property
    def cite(self) -> str:
        """The MyST citation for a notebook's or chapter's Markdown."""
        return f"{{cite:p}}`{self.source}`"


_CIN_COUNT = 403_090  # children in need on 31 March 2023, revised series
_CIN_RATE = 338.7  # per 10,000 children aged 0 to 17, same table
_REFERRALS = 640_430  # referrals in the year to 31 March 2023, as first published

#: England's children aged 0 to 17 in 2023, implied by DfE's own children in need count and rate.
#: The course's one denominator for dividing other national counts of 2022-23 (about 11.9 million).
_CHILDREN_2023 = _CIN_COUNT / _CIN_RATE * 10_000

ENGLAND: dict[str, EnglandFigure] = {
    "cin_count": EnglandFigure(
        _CIN_COUNT,
        "children in need on 31 March 2023",
        "dfe2025cin",
        "Children in need 2025 release, national time series (revised figure for 2023)",
    ),
    "cin_rate": EnglandFigure(
        _CIN_RATE,
        "children in need per 10,000 children on 31 March 2023",
        "dfe2025cin",
        "Children in need 2025 release, national time series (revised rate for 2023)",
    ),
    "cic_count": EnglandFigure(
        83_750,
        "children in care on 31 March 2023",
        "dfe2025cla",
        "Children looked after 2025 release, national time series (revised figure for 2023)",
    ),
    "cic_rate": EnglandFigure(
        70.0,
        "children in care per 10,000 children on 31 March 2023",
        "dfe2025cla",
        "Children looked after 2025 release, national time series (rate for 2023)",
    ),
    "referrals": EnglandFigure(
        _REFERRALS,
        "referrals in the year to 31 March 2023",
        "dfe2023cin",
        "Children in need 2023 release, headline figures (as first published)",
    ),
    "children_0_17": EnglandFigure(
        round(_CHILDREN_2023, -5),
        "children aged 0 to 17 in 2023 (about)",
        "dfe2025cin",
        "the course's division: 403,090 children in need at 338.7 per 10,000",
    ),
    "referral_rate": EnglandFigure(
        round(_REFERRALS / _CHILDREN_2023 * 10_000),
        "referrals in 2022-23 per 10,000 children",
        "dfe2023cin",
        "the course's division: 640,430 referrals by about 11.9 million children",
    ),
}


def england_text(key: str, dp: int | None = None) -> str:
    """A figure formatted for prose: counts with thousands separators, rates as published.

    Example:
        >>> england_text("cin_rate"), england_text("cic_rate"), england_text("referrals")
        ('338.7', '70', '640,430')
        >>> england_text("children_0_17")
        '11,900,000'
    """
    value = ENGLAND[key].value
    if dp is None:
        dp = 0 if float(value).is_integer() else 1
    return f"{value:,.{dp}f}"


# Where the labs find the committed data. A workshop pack marks the authority its labs load
# by default in this file beside the data (see childinfo.course.pack).
DEFAULT_AUTHORITY_FILE = "default_authority.txt"


def data_dir() -> Path:
    """The ``synthetic_data/`` folder the labs read.

    The nearest one at or above the current folder wins, so a lab run from a workshop pack's
    ``labs/`` (or a table's ``labs/``) finds the data beside it; otherwise the repository's own.
    """
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "synthetic_data").is_dir():
            return folder / "synthetic_data"
    return Path(__file__).resolve().parents[2] / "synthetic_data"
