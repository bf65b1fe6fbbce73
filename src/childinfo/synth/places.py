"""Invented places for a fictional authority: small areas, wards, postcodes and streets.

Postcodes use the area letters ``Q?``: no UK postcode area begins with Q, so none of them can
exist. Small-area codes start ``X99``: ONS area codes start E, W, S or N, never X.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Syllables for invented place names; combinations are checked against nothing real, so the
# datasheet says plainly that any resemblance is accidental.
_HEADS = [
    "Ash",
    "Bram",
    "Cor",
    "Dun",
    "Elm",
    "Fern",
    "Gil",
    "Hob",
    "Ivy",
    "Kest",
    "Lark",
    "Mire",
    "Nettle",
    "Oak",
    "Pell",
    "Quill",
    "Rook",
    "Sedge",
    "Thorn",
    "Umber",
    "Wren",
    "Yarrow",
]
_TAILS = [
    "wick",
    "fold",
    "mere",
    "garth",
    "hollow",
    "stead",
    "combe",
    "brook",
    "ley",
    "thwaite",
    "holt",
    "march",
    "well",
    "ridge",
    "dene",
    "hythe",
]
_STREETS = ["Lane", "Close", "Row", "Walk", "Rise", "Court", "Way", "Gardens", "Terrace", "Drive"]
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters used in real inward codes (no C I K M O V)


def place_names(rng: np.random.Generator, n: int) -> list[str]:
    """Return ``n`` distinct invented place names."""
    combos = [h + t for h in _HEADS for t in _TAILS]
    order = rng.permutation(len(combos))
    names = [combos[i] for i in order[: min(n, len(combos))]]
    k = 2
    while len(names) < n:  # big authorities: add a qualifier
        names += [
            f"{combos[i]} {['Upper', 'Lower', 'East', 'West', 'North', 'South'][k % 6]}"
            for i in order[: n - len(names)]
        ]
        k += 1
    return names[:n]


def make_areas(
    rng: np.random.Generator,
    n_children: int,
    deprivation: float,
    code: str,
    children_per_area: int,
) -> pd.DataFrame:
    """Small areas with a ward, a postcode district and an index-of-deprivation decile (1 = most deprived)."""
    n_areas = max(8, round(n_children / children_per_area))
    n_wards = max(3, n_areas // 10)
    wards = place_names(rng, n_wards)
    ward_idx = np.sort(rng.integers(0, n_wards, n_areas))
    ward_idx[:n_wards] = np.arange(n_wards)  # every ward has at least one area
    ward_idx.sort()
    # Deprivation clusters by ward: a ward level plus area noise, shifted by the authority profile.
    # A more deprived authority (deprivation towards +1) has lower deciles: decile 1 = most deprived.
    ward_level = rng.normal(5.5 - 2.0 * deprivation, 2.0, n_wards)
    raw = ward_level[ward_idx] + rng.normal(0, 1.6, n_areas)
    decile = np.clip(np.rint(raw), 1, 10).astype(np.int8)
    width = 4 if n_areas < 9999 else 6
    area_code = [f"X99{code}{i + 1:0{width}d}" for i in range(n_areas)]
    return pd.DataFrame(
        {
            "area_code": area_code,
            "ward": [wards[w] for w in ward_idx],
            "postcode_district": [f"Q{code[0]}{w + 1}" for w in ward_idx],
            "deprivation_decile": decile,
        }
    )


_INWARD = [f" {d}{a}{b}" for d in range(10) for a in _INWARD_LETTERS for b in _INWARD_LETTERS]


def postcodes(rng: np.random.Generator, districts) -> pd.api.extensions.ExtensionArray:
    """Impossible postcodes in the given districts (``QB12 3XY`` style), as a pandas string array.

    ``districts`` may be a ``Categorical`` (a million children in a few hundred districts), whose
    codes let Arrow build the strings without a Python string per child.
    """
    districts = (
        districts
        if isinstance(districts, pd.Categorical)
        else pd.Categorical(np.asarray(districts, dtype=object))
    )
    outward = pa.array(np.asarray(districts.categories, dtype=object), pa.string()).take(
        pa.array(districts.codes)
    )
    inward = pa.array(_INWARD, pa.string()).take(
        pa.array(rng.integers(0, len(_INWARD), len(districts)))
    )
    return pd.array(pc.binary_join_element_wise(outward, inward, ""), dtype="str")


def street_names(rng: np.random.Generator, n_streets: int) -> np.ndarray:
    heads = place_names(rng, n_streets)
    return np.array([f"{h} {_STREETS[i % len(_STREETS)]}" for i, h in enumerate(heads)])
