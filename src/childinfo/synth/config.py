"""What makes one fictional authority different from another: size, place and practice culture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy as np

from childinfo.errors import ChildinfoError
from childinfo.facts import COLLECTION_YEAR, DEFAULT_SEED, slug
from childinfo.synth.codes import UPN_LA_CODES

# Collection years (year ending 31 March) whose code sets the generator and exports support.
SUPPORTED_YEARS = range(2019, 2027)
DEFAULT_YEAR = COLLECTION_YEAR


@dataclass(frozen=True)
class AuthorityConfig:
    """Settings for one synthetic authority.

    ``threshold`` shifts how readily a referral leads to a service (positive = strict, fewer
    children with real needs get help); ``recording`` is the share of true needs a worker writes
    down as assessment factors (thorough near 0.9, thin near 0.4).

    Example:
        >>> AuthorityConfig(n_children=5000, threshold=0.5).number
        1
    """

    name: str = "Brackenfold"
    code: str = "BF"
    number: int = 1  # authority number in child IDs: SYN + 3 digits + 7 digits
    upn_la: int = 1  # UPN characters 2-4: an LA number no real authority has (see la_numbers)
    n_children: int = 60_000
    seed: int = DEFAULT_SEED
    year: int = DEFAULT_YEAR
    deprivation: float = 0.0  # -1 affluent .. +1 deprived
    threshold: float = 0.0
    recording: float = 0.7
    window_years: int = 2  # collection years kept in the tidy event tables (keeps files small)
    rich_text: bool = True  # texts, surveys and partner records (England mode leaves them out)

    def __post_init__(self) -> None:
        self._check_types()
        if self.year not in SUPPORTED_YEARS:
            raise ChildinfoError(
                f"year {self.year} is not supported; choose a collection year ending 31 March "
                f"between {SUPPORTED_YEARS[0]} and {SUPPORTED_YEARS[-1]} (e.g. 2023 for 2022-23)"
            )
        if not 200 <= self.n_children <= 5_000_000:
            raise ChildinfoError(
                f"n_children={self.n_children} is out of range; use between 200 and 5,000,000"
            )
        if not 0.05 <= self.recording <= 1.0:
            raise ChildinfoError(
                "recording must be between 0.05 and 1.0 (share of needs written down)"
            )
        if not -2.0 <= self.threshold <= 2.0:
            raise ChildinfoError("threshold must be between -2 (lenient) and 2 (strict)")
        if not -1.0 <= self.deprivation <= 1.0:
            raise ChildinfoError("deprivation must be between -1 (affluent) and 1 (deprived)")
        if not 1 <= self.window_years <= 10:
            raise ChildinfoError("window_years must be a whole number of years from 1 to 10")
        if not 1 <= self.number <= 999 or not 1 <= self.upn_la <= 999:
            raise ChildinfoError("number and upn_la must be whole numbers from 1 to 999")

    def _check_types(self) -> None:
        # A float where a count is meant (300.5 children) or text where a number is meant is a
        # mistake, not something to round quietly.
        for name in ("number", "upn_la", "n_children", "seed", "year", "window_years"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise ChildinfoError(f"{name} must be a whole number, got {value!r}")
        if self.seed < 0:
            raise ChildinfoError(f"seed must be 0 or more, got {self.seed}")
        for name in ("deprivation", "threshold", "recording"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float, np.number))
                or not np.isfinite(value)
            ):
                raise ChildinfoError(f"{name} must be a finite number, got {value!r}")
        for name in ("name", "code"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name).strip():
                raise ChildinfoError(f"{name} must be non-empty text")
        if not isinstance(self.rich_text, bool):
            raise ChildinfoError("rich_text must be True or False")

    @property
    def ref_date(self) -> dt.date:
        return dt.date(self.year, 3, 31)

    @property
    def start_date(self) -> dt.date:
        return dt.date(self.year - 1, 4, 1)

    @property
    def window_start(self) -> dt.date:
        return dt.date(self.year - self.window_years, 4, 1)

    @property
    def slug(self) -> str:
        return slug(self.name)


# LA numbers (UPN characters 2-4) no real authority has, so a synthetic UPN can never be a real
# pupil's. Brackenfold has 001: on the DfE list of "pseudo LA" codes (CIN rule 1530 accepts it)
# but no authority's. The other comparison authorities take 002-013 and England mode's the unused
# numbers above them; no two fictional authorities share a number, so UPNs never collide.
COMPARISON_LA_NUMBERS = tuple(range(1, 14))
# Numbers in use or reserved: English LA numbers (python-stdnum's list and CIN rule 1530's, which
# adds the newest unitaries), Welsh authorities (660-681), pseudo LAs (701-708) and 942-943
# (Cumberland, Westmorland and Furness, too new for either list).
_REAL_OR_RESERVED = frozenset(
    # rule 1530's list, less 001-005 (pseudo-LA codes that no authority uses)
    (UPN_LA_CODES - set(range(1, 6))) | {942, 943}
)
ENGLAND_LA_NUMBERS = tuple(
    n for n in range(COMPARISON_LA_NUMBERS[-1] + 1, 1000) if n not in _REAL_OR_RESERVED
)


def default_config(**overrides) -> AuthorityConfig:
    """The default authority, Brackenfold (about 60,000 children)."""
    return replace(AuthorityConfig(), **overrides)


# Comparison authorities: invented names, different sizes and practice cultures.
# (name, code, children, deprivation, threshold, recording)
_COMPARISON = [
    ("Brackenfold", "BF", 60_000, 0.0, 0.0, 0.70),
    ("Quillmere", "QM", 25_000, -0.6, 0.6, 0.85),
    ("Tarnhollow", "TH", 40_000, 0.7, -0.4, 0.45),
    ("Orlick Vale", "OV", 90_000, 0.3, 0.0, 0.90),
    ("Saltmarrow", "SM", 35_000, 0.9, 0.5, 0.40),
    ("Fennick Cross", "FC", 70_000, -0.3, -0.5, 0.75),
    ("Harlowmere Down", "HD", 20_000, -0.9, 0.2, 0.60),
    ("Wyndle Reach", "WR", 110_000, 0.5, 0.3, 0.55),
    ("Corrowby", "CB", 45_000, 0.1, -0.8, 0.80),
    ("Ellensbrook Fen", "EF", 30_000, -0.4, 0.9, 0.50),
    ("Maddercombe", "MC", 55_000, 0.6, 0.0, 0.95),
    ("Ravelstoke", "RS", 80_000, -0.1, 0.4, 0.35),
    ("Thistlegarth", "TG", 15_000, 0.2, -0.2, 0.65),
]


def comparison_configs(
    seed: int = DEFAULT_SEED, year: int = DEFAULT_YEAR, scale: float = 1.0
) -> list[AuthorityConfig]:
    """Thirteen authorities (Brackenfold first) for comparison labs.

    ``scale`` shrinks every authority (e.g. 0.05 in tests).

    Example:
        >>> [c.code for c in comparison_configs()][:3]
        ['BF', 'QM', 'TH']
    """
    out = []
    for i, (name, code, n, dep, thr, rec) in enumerate(_COMPARISON, start=1):
        out.append(
            AuthorityConfig(
                name=name,
                code=code,
                number=i,
                upn_la=COMPARISON_LA_NUMBERS[i - 1],
                n_children=max(200, int(n * scale)),
                seed=seed if i == 1 else seed + 1000 * i,
                year=year,
                deprivation=dep,
                threshold=thr,
                recording=rec,
            )
        )
    return out
