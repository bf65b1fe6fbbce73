"""Latent needs: the truth about each child that no real system holds.

Each child has a family adversity score (higher in more deprived areas). Each need is present when
a mix of that shared score and the need's own noise passes a threshold set so the need's
prevalence matches the parameter table; the shared score makes needs co-occur. Needs have an
onset age and, once present, persist (a simplification the datasheet states).
"""

from __future__ import annotations

import numpy as np

from childinfo.synth.codes import NEEDS
from childinfo.synth.parameters import Parameters

# (loading on family adversity, youngest onset age, oldest onset age, eligible ages at reference)
_SHAPE = {
    "domestic_abuse": (0.75, 0, 17, (0, 17)),
    "parental_mental_health": (0.6, 0, 17, (0, 17)),
    "parental_substance_use": (0.75, 0, 17, (0, 17)),
    "neglect": (0.85, 0, 15, (0, 17)),
    "poverty_housing": (0.7, 0, 17, (0, 17)),
    "disability": (0.2, 0, 10, (0, 17)),
    "young_carer": (0.6, 8, 17, (8, 17)),
    "exploitation": (0.6, 12, 17, (12, 17)),
    "child_mental_health": (0.45, 11, 17, (11, 17)),
    "speech_language": (0.35, 1, 6, (1, 10)),
}


_FAMILY = {"domestic_abuse", "parental_mental_health", "parental_substance_use", "poverty_housing"}


def make_needs(
    params: Parameters, rng: np.random.Generator, pop: dict, ref: int
) -> dict[str, np.ndarray]:
    """Return ``has`` (children x needs, bool) and ``onset_age`` (children x needs, float years).

    A need a child ``has`` is present on the reference day ``ref``: its onset falls between the
    youngest onset age and the child's exact age that day.
    """
    m = len(pop["dob"])
    age = pop["age"]
    exact_age = (ref - pop["dob"]) / 365.25
    adversity = rng.normal(0, 1, m) + 1.1 * pop["dep"]
    has = np.zeros((m, len(NEEDS)), bool)
    onset = np.full((m, len(NEEDS)), np.inf)
    for k, need in enumerate(NEEDS):
        load, lo, hi, (amin, amax) = _SHAPE[need]
        score = load * adversity + np.sqrt(1 - load**2) * rng.normal(0, 1, m)
        if need == "disability":
            flag = pop["disabled"].copy()
        else:
            if need == "young_carer":
                score += 0.8 * (has[:, 1] | has[:, 2])
            if need == "speech_language":
                score += 0.6 * pop["eal"] + 0.8 * pop["male"] + 0.6 * pop["disabled"]
            if need == "child_mental_health":
                score += 0.4 * (has[:, 0] | has[:, 3])
            # The need's prevalence among children of the eligible ages sets the threshold; those
            # already past those ages keep needs at the same rate (for care leavers).
            eligible = (age >= amin) & (age <= amax)
            cut = np.quantile(score[eligible], 1 - params.distributions["need_prevalence"][need])
            flag = (score > cut) & (eligible | (age > amax))
        # Onset: uniform over the possible ages up to the child's exact age on the reference day
        # (never later, so every need a child has is present by then).
        top = np.minimum(hi + 1.0, np.maximum(exact_age, lo))
        o = lo + rng.random(m) * (top - lo)
        if need == "disability":
            o = np.where(rng.random(m) < 0.6, 0.0, o)
        if need in _FAMILY:  # many family difficulties predate the child's birth
            o = np.where(rng.random(m) < 0.45, 0.0, o)
        has[:, k] = flag
        onset[:, k] = np.where(flag, o, np.inf)
    return {"has": has, "onset_age": onset, "adversity": adversity}
