"""Load the synthetic authorities for the labs in one call.

Everything here is synthetic. The ``truth`` tables are the simulated truth that no real system
holds: they are for scoring exercises (teaching only), never for analysis as if they were data.

Example:
    >>> from childinfo.toolkit.data import load_authority
    >>> la = load_authority()                       # doctest: +SKIP
    >>> la.children.shape[0] > 50_000               # doctest: +SKIP
    True
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from childinfo._validation import shown
from childinfo.errors import ChildinfoError
from childinfo.facts import DEFAULT_AUTHORITY, DEFAULT_AUTHORITY_FILE, DEFAULT_SEED, data_dir, slug
from childinfo.synth.config import comparison_configs, default_config
from childinfo.synth.generate import TRUTH_WARNING, Authority, generate_authority
from childinfo.synth.writers import TRUTH_DIR

DEFAULT_NAME = slug(DEFAULT_AUTHORITY)


# In a workshop pack's table folder, this file names the authority that table's labs load.
def default_authority() -> str:
    """The authority a bare ``load_authority()`` loads: Brackenfold, unless a pack says otherwise."""
    marker = data_dir() / DEFAULT_AUTHORITY_FILE
    return marker.read_text().strip() if marker.exists() else DEFAULT_NAME


def _read_dir(folder: Path) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    def read(p: Path) -> pd.DataFrame:
        # Keep codes such as "01" and empty strings exactly as written.
        return pd.read_csv(p, dtype=str, keep_default_na=False)

    tables = {p.stem: read(p) for p in sorted(folder.glob("*.csv"))}
    truth = {p.stem: read(p) for p in sorted((folder / TRUTH_DIR).glob("*.csv"))}
    return tables, truth


def load_authority(
    name: str | None = None, faults: bool = False, seed: int = DEFAULT_SEED
) -> Authority:
    """Load an authority's tables (and the teaching-only ``truth``) in one call.

    With no arguments this reads the committed default authority, Brackenfold (about 60,000
    children, collection year 2022-23), from ``synthetic_data/``; columns are read as text so
    codes survive exactly. ``faults=True`` generates the same authority with the seeded
    data-quality faults and returns the fault log in ``fault_log``. Other names are the
    comparison authorities (see :func:`load_comparison_authorities`), generated in memory.

    Example:
        >>> la = load_authority()                    # doctest: +SKIP
        >>> la.truth_warning.startswith("TEACHING ONLY")  # doctest: +SKIP
        True
    """
    if name is not None and not isinstance(name, str):
        raise ChildinfoError(
            f"name must be an authority's name as text (e.g. 'brackenfold'), "
            f"got {type(name).__name__}."
        )
    if not isinstance(faults, bool):
        raise ChildinfoError(f"faults must be True or False, got {shown(faults)}.")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ChildinfoError(f"seed must be a whole number, 0 or more, got {shown(seed)}.")
    key = slug(name or default_authority())
    configs = {c.slug: c for c in comparison_configs(seed=seed)}
    # Only the default seed's data are committed; any other seed is generated afresh.
    if not faults and seed == DEFAULT_SEED:
        folder = data_dir() / key
        if (folder / "children.csv").exists():
            tables, truth = _read_dir(folder)
            config = (
                default_config() if key == DEFAULT_NAME else configs.get(key, default_config())
            )
            return Authority(config, tables, truth)
    if key not in configs:
        raise ChildinfoError(
            f"no authority called {name!r}; choose one of: {', '.join(sorted(configs))}"
        )
    return _fresh(_generate(configs[key], faults))


def _fresh(authority: Authority) -> Authority:
    """A copy of a cached authority whose tables the caller may change freely."""
    log = authority.fault_log
    return Authority(
        authority.config,
        {k: v.copy() for k, v in authority.tables.items()},
        {k: v.copy() for k, v in authority.truth.items()},
        None if log is None else log.copy(),
        authority.truth_warning,
    )


@lru_cache(maxsize=16)
def _generate(cfg, faults: bool) -> Authority:
    return generate_authority(cfg, faults=0.02 if faults else 0.0)


def load_comparison_authorities(
    scale: float = 1.0, seed: int = DEFAULT_SEED
) -> dict[str, Authority]:
    """The thirteen comparison authorities (Brackenfold first), generated in memory.

    They differ in size, deprivation, threshold strictness and recording thoroughness (see each
    ``config``). ``scale`` shrinks them all, e.g. 0.1 for a quick look.

    Example:
        >>> las = load_comparison_authorities(scale=0.05)    # doctest: +SKIP
        >>> len(las)                                          # doctest: +SKIP
        13
    """
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 10:
        raise ChildinfoError(
            f"scale must be a number above 0 and at most 10 (1 is full size), got {shown(scale)}."
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ChildinfoError(f"seed must be a whole number, 0 or more, got {shown(seed)}.")
    return {
        c.slug: _fresh(_generate(c, False)) for c in comparison_configs(seed=seed, scale=scale)
    }


__all__ = [
    "TRUTH_WARNING",
    "Authority",
    "data_dir",
    "default_authority",
    "load_authority",
    "load_comparison_authorities",
]
