"""Every random stream the generator draws from, named in one place.

Each part of the generator that must not shift when another part changes draws from its own
stream, seeded from the authority's seed and the stream's fixed number. Changing a number changes
that part's data for every seed, so the numbers never change; add a new name for a new stream.

Example:
    >>> rng_for(42, "recording").integers(0, 10, 3).tolist() == (
    ...     np.random.default_rng([42, 1]).integers(0, 10, 3).tolist())
    True
"""

from __future__ import annotations

import numpy as np

from childinfo.errors import ChildinfoError

# name: the number joined to the seed (None: the seed alone).
STREAMS: dict[str, int | None] = {
    "simulate": None,  # lives, needs, referrals, services and care (generate.py)
    "recording": 1,  # what workers write down, codes, texts and partner records
    "faults": 2,  # injected data-quality faults (faults.py)
    "cp_reviews": 3,  # child protection review conference dates (reviews.py)
    "england": 153,  # the sizes and practice cultures of England's fictional authorities
    "ssda903": 903,  # the SSDA903 return's extra details (returns/ssda903.py)
}


def rng_for(seed: int, name: str) -> np.random.Generator:
    """The random stream ``name`` for an authority's ``seed``."""
    if name not in STREAMS:
        raise ChildinfoError(f"no random stream {name!r}; name one of {', '.join(STREAMS)}.")
    key = STREAMS[name]
    return np.random.default_rng(seed if key is None else [seed, key])
