"""Recording: what the authority writes down is a lossy, biased view of the truth."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth.codes import ETHNIC_GROUP, NEEDS
from childinfo.synth.population import choice

# Each need suggests primary need codes (with practitioner variation); the recorded code is the
# highest on the DfE hierarchy, so one code hides several needs. Tuned so the children in need
# at 31 March come close to England's mix (N1 57%, N5 13%, N2 10%, N4 7%, N3 3%; DfE Children in
# need 2024, parameter cin.primary_need_*): parental illness is mostly written as family
# dysfunction (N5) rather than N3.
_NEED_TO_CODE = {
    "neglect": {"N1": 1.0},
    "exploitation": {"N1": 0.8, "N6": 0.2},
    "domestic_abuse": {"N1": 0.75, "N5": 0.25},
    "parental_substance_use": {"N5": 0.5, "N3": 0.05, "N1": 0.45},
    "parental_mental_health": {"N3": 0.12, "N5": 0.78, "N4": 0.10},
    "disability": {"N2": 1.0},
    "child_mental_health": {"N2": 0.15, "N6": 0.55, "N4": 0.3},
    "young_carer": {"N3": 0.5, "N5": 0.3, "N4": 0.2},
    "poverty_housing": {"N4": 0.35, "N5": 0.3, "N7": 0.35},
    "speech_language": {"N2": 0.15, "N4": 0.6, "N5": 0.25},
}
_ORDER = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9", "N0"]
# Assessment factor codes that a worker would record for each need.
_NEED_TO_FACTORS = {
    "domestic_abuse": ["3B", "17A"],
    "parental_mental_health": ["4B"],
    "parental_substance_use": ["2B", "1B"],
    "neglect": ["16A"],
    "exploitation": ["24A", "11A", "10A"],
    "disability": ["6A", "5A"],
    "young_carer": ["7A"],
    "child_mental_health": ["4A", "15A"],
    "speech_language": ["20"],
    "poverty_housing": ["20"],
}
TEAMS = ["Assessment North", "Assessment South", "Assessment East", "Assessment West"]
TEAM_RECORDING = np.array([1.25, 1.0, 0.8, 0.55])
DISABILITY_TEAM = "Children with Disabilities"


def primary_need(
    rng: np.random.Generator, act: np.ndarray, uasc: np.ndarray, recording: float
) -> np.ndarray:
    """One recorded primary need code per referral from the needs active at the time."""
    n = len(act)
    best = np.full(n, len(_ORDER) - 2)  # N9 unless a need says otherwise
    for k, need in enumerate(NEEDS):
        mix = _NEED_TO_CODE[need]
        rank = choice(rng, [_ORDER.index(c) for c in mix], list(mix.values()), n).astype(int)
        best = np.where(act[:, k], np.minimum(best, rank), best)
    # With no need recorded, some workers still pick a family code rather than N9.
    none = best == len(_ORDER) - 2
    alt = choice(rng, ["N9", "N4", "N5"], [0.5, 0.3, 0.2], n)
    out = np.array(_ORDER, dtype=object)[best]
    out[none] = alt[none]
    out[uasc] = "N8"
    thin = rng.random(n) < 0.03 * (1 - recording)
    out[thin] = "N0"
    return out


def assessment_factors(
    rng: np.random.Generator,
    act: np.ndarray,
    uasc: np.ndarray,
    p_record: np.ndarray,
    served: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Recorded factor codes per assessment, as (assessment row, code) pairs in row order.

    Each true need is written down with the team's probability; a need's second and third codes
    are added some of the time. An assessment where nothing was written gets '21' (no factors),
    unless the case went on to a service (``served``): a worker who finds enough to offer a plan
    writes down at least the first need found (or '20', other), so '21' goes with closures after
    assessment (RC8/RC9), as CIN query 8873Q expects.
    """
    n = len(act)
    rec = act & (rng.random((n, len(NEEDS))) < p_record[:, None])
    pick = rng.random((n, 3))
    rows, codes, order = [], [], []
    for k, need in enumerate(NEEDS):
        opts = _NEED_TO_FACTORS[need]
        for j, code in enumerate(opts):
            sel = rec[:, k] & (
                (j == 0) | ((j == 1) & (pick[:, 0] < 0.35)) | ((j == 2) & (pick[:, 1] < 0.2))
            )
            idx = np.flatnonzero(sel)
            rows.append(idx)
            codes.append(np.full(len(idx), code, dtype=object))
            order.append(np.full(len(idx), k * 3 + j))
    u = np.flatnonzero(uasc)
    rows.append(u)
    codes.append(np.full(len(u), "9A", dtype=object))
    order.append(np.full(len(u), 98))
    row = np.concatenate(rows)
    code = np.concatenate(codes)
    pos = np.concatenate(order)
    srt = np.lexsort((pos, row))
    row, code = row[srt], code[srt]
    # The same code from two needs (e.g. '20') is written once.
    keep = ~pd.DataFrame({"r": row, "c": code}).duplicated().to_numpy()
    row, code = row[keep], code[keep]
    none = np.setdiff1d(np.arange(n), row)
    fill = np.full(len(none), "21", dtype=object)
    if served is not None:
        # No extra random draws here, so every other table is unchanged.
        first = np.argmax(act[none], axis=1)
        need_code = np.array([_NEED_TO_FACTORS[need][0] for need in NEEDS], dtype=object)[first]
        fill = np.where(served[none], np.where(act[none].any(axis=1), need_code, "20"), fill)
    row = np.concatenate([row, none])
    code = np.concatenate([code, fill])
    srt = np.argsort(row, kind="stable")
    return row[srt], code[srt]


def recorded_ethnicity(rng: np.random.Generator, true_eth, base: float) -> pd.Categorical:
    """Not-known codes are more common for some groups (a recording bias, not a fact about them)."""
    mult = {"White": 0.6, "Mixed": 3.0, "Asian": 1.5, "Black": 1.8, "Other": 3.0}
    true_eth = pd.Categorical(true_eth)
    cats = list(true_eth.categories)
    p_by_code = np.array(
        [base * (5 if c in ("WROM", "WIRT") else mult[ETHNIC_GROUP[c]]) for c in cats]
    )
    p = p_by_code[true_eth.codes]
    miss = rng.random(len(true_eth)) < p
    out = true_eth.add_categories([c for c in ("NOBT", "REFU") if c not in cats])
    codes = out.codes.copy()
    new = np.where(rng.random(int(miss.sum())) < 0.7, "NOBT", "REFU")
    codes[miss] = out.categories.get_indexer(new)
    return pd.Categorical.from_codes(codes, categories=out.categories)
