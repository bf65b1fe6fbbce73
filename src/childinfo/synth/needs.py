"""Latent needs: the truth about each child that no real system holds.

Each child has a family adversity score (higher in more deprived areas). Each need is a spell with
dates: it begins at an onset age, eases (its intensity drops to ``EASED``) part-way through and
ends after a duration drawn per need. Which children have a spell is set by a mix of the shared
score and the need's own noise passing a threshold, so needs co-occur, and the threshold is set so
that the share of children of the need's ages with the need present on the reference day matches
the parameter table (``need_prevalence``). Onsets are drawn by age alone, never by calendar year,
so a child who is 12 now met the same chances at 3 as a child who is 3 now: flows such as care
starts come out steady from year to year with no correction.

Services can shorten a need: a child protection plan is there to reduce the harm behind it, so
``services.build_cases`` ends some harm needs when the plan ends (``shorten``).
"""

from __future__ import annotations

import math

import numpy as np

from childinfo.synth.codes import NEEDS
from childinfo.synth.history import Needs, Population
from childinfo.synth.parameters import Parameters

# (loading on family adversity, youngest onset age, oldest onset age, eligible ages at reference,
# median duration in years). Durations are the course's assumption (no national series measures
# how long a need lasts): lifelong for disability, long for speech and language (most of primary
# school) and for a parent's illness or addiction, shorter for what services act on directly
# (domestic abuse, housing, exploitation, a young person's mental health).
_SHAPE = {
    "domestic_abuse": (0.75, 0, 17, (0, 17), 3.0),
    "parental_mental_health": (0.6, 0, 17, (0, 17), 4.0),
    "parental_substance_use": (0.75, 0, 17, (0, 17), 5.0),
    "neglect": (0.85, 0, 15, (0, 17), 5.0),
    "poverty_housing": (0.7, 0, 17, (0, 17), 1.5),
    "disability": (0.2, 0, 10, (0, 17), np.inf),
    "young_carer": (0.6, 8, 17, (8, 17), 4.0),
    "exploitation": (0.6, 12, 17, (12, 17), 2.0),
    "child_mental_health": (0.45, 11, 17, (11, 17), 2.0),
    "speech_language": (0.35, 1, 6, (1, 10), 5.0),
}
_DURATION_SD = 0.7  # log-normal spread of durations (course's assumption)
# A need eases (weighs this much in referrals and in the harm that ranks cases) after this share
# of its duration, drawn per spell: things settle a little before they end (course's assumption).
EASED = 0.5
_EASE_AT = (0.4, 0.9)

_AT_BIRTH = 0.15  # share of family needs present from birth (course's assumption)
_TOGETHER = 0.6  # chance a family need starts near the family's shared onset (course's assumption)
_TOGETHER_NEEDS = {
    "domestic_abuse",
    "poverty_housing",
    "parental_mental_health",
    "parental_substance_use",
    "neglect",
    "young_carer",
}
_FAMILY = {"domestic_abuse", "parental_mental_health", "parental_substance_use", "poverty_housing"}
# Needs an unaccompanied child does not bring: their family is not here.
_NOT_UASC = _FAMILY | {"neglect", "young_carer"}


def intensity(pop: Population, needs: Needs, child: np.ndarray, date: np.ndarray) -> np.ndarray:
    """Intensity (rows x needs) of each need of ``child`` on ``date``: 1 from onset, ``EASED``
    from the ease date, 0 before onset and from the end."""
    age = ((date - pop.dob[child]) / 365.25)[:, None]
    # In place, one rows x needs temporary at a time: this runs on every referral, many times.
    on = needs.onset_age[child] <= age
    on &= age < needs.end_age[child]
    out = np.where(age < needs.ease_age[child], 1.0, EASED)
    out *= on
    return out


def present(pop: Population, needs: Needs, day: int) -> np.ndarray:
    """Boolean matrix (children x needs): needs present on ``day`` (begun, not ended)."""
    age = ((day - pop.dob) / 365.25)[:, None]
    on = needs.onset_age <= age
    on &= age < needs.end_age
    return on


def shorten(
    pop: Population, needs: Needs, child: np.ndarray, cols: np.ndarray, day: np.ndarray
) -> None:
    """End need ``cols`` of ``child`` by ``day`` (a service that addressed it), in place."""
    if len(child) == 0:
        return
    end, ease = needs.end_age, needs.ease_age
    np.minimum.at(end, (child, cols), (day - pop.dob[child]) / 365.25)
    # Only the shortened cells can now end before they ease (everywhere else ease <= end).
    ease[child, cols] = np.minimum(ease[child, cols], end[child, cols])


def _threshold(score: np.ndarray, eligible: np.ndarray, on_ref: np.ndarray, want: float) -> float:
    """The score of the eligible child at which, going down the eligible children by score, the
    count of those with ``on_ref`` first reaches ``want`` (the lowest eligible score if never).

    That child is the ``ceil(want)``-th highest score among the eligible children with
    ``on_ref``, so a selection (np.partition) finds it without sorting a million scores.
    """
    hits = score[eligible & on_ref]
    j = math.ceil(want)
    if j <= 0:
        return float(score[eligible].max())
    if j > len(hits):
        return float(score[eligible].min())
    return float(np.partition(hits, len(hits) - j)[len(hits) - j])


def make_needs(params: Parameters, rng: np.random.Generator, pop: Population, ref: int) -> Needs:
    """Return the needs of every child as spells (children x needs, float years of age).

    ``onset_age``, ``ease_age`` and ``end_age`` are infinite for a need the child never has;
    ``has`` is the need present on the reference day ``ref`` and ``adversity`` the shared score.
    """
    m = len(pop.dob)
    age = pop.age
    exact_age = (ref - pop.dob) / 365.25
    # standard_normal(m) draws the same numbers as normal(0, 1, m), a third faster.
    adversity = rng.standard_normal(m) + 1.1 * pop.dep
    k_n = len(NEEDS)
    # Family difficulties tend to arrive together (a crisis, a new partner, a loss): each family
    # need starts near a shared family onset with chance _TOGETHER, so needs overlap in time.
    family_onset = rng.random(m) * 18.0
    family_onset = np.where(rng.random(m) < _AT_BIRTH, 0.0, family_onset)
    # Filled one need (a contiguous row) at a time and turned children x needs at the end:
    # writing a column of a children x needs array touches every row's memory, ten times over.
    onset, ease, end = (np.empty((k_n, m)) for _ in range(3))
    for k, need in enumerate(NEEDS):
        load, lo, hi, (amin, amax), median = _SHAPE[need]
        score = load * adversity + np.sqrt(1 - load**2) * rng.standard_normal(m)
        # Onset by age alone: uniform over the need's ages (it may fall after the reference day).
        o = lo + rng.random(m) * (hi + 1.0 - lo)
        if need == "disability":  # the population's disabled children: present by now
            o = lo + rng.random(m) * (np.minimum(hi + 1.0, np.maximum(exact_age, lo)) - lo)
            o = np.where(rng.random(m) < 0.6, 0.0, o)
        if need in _FAMILY:  # some family difficulties predate the child's birth
            o = np.where(rng.random(m) < _AT_BIRTH, 0.0, o)
        if need in _TOGETHER_NEEDS:
            jitter = np.where(family_onset > 0, np.abs(0.5 * rng.standard_normal(m)), 0.0)
            near = np.clip(family_onset + jitter, lo, hi + 1.0)
            o = np.where(rng.random(m) < _TOGETHER, near, o)
        dur = median * np.exp(_DURATION_SD * rng.standard_normal(m))
        e = o + dur
        ea = o + rng.uniform(*_EASE_AT, m) * dur
        on_ref = (o <= exact_age) & (exact_age < e)
        if need == "disability":
            flag = pop.disabled.copy()
        else:
            if need == "young_carer":
                score += 0.8 * (np.isfinite(onset[1]) | np.isfinite(onset[2]))
            if need == "speech_language":
                score += 0.6 * pop.eal + 0.8 * pop.male + 0.6 * pop.disabled
            if need == "child_mental_health":
                score += 0.4 * (np.isfinite(onset[0]) | np.isfinite(onset[3]))
            if need in _NOT_UASC:
                score = np.where(pop.uasc, -np.inf, score)
            # The highest scores have a spell, down to the score at which the share of children of
            # the eligible ages with the need present on the reference day meets its prevalence.
            eligible = (age >= amin) & (age <= amax)
            want = params.distributions["need_prevalence"][need] * int(eligible.sum())
            flag = score >= _threshold(score, eligible, on_ref, want)
        onset[k] = np.where(flag, o, np.inf)
        ease[k] = np.where(flag, ea, np.inf)
        end[k] = np.where(flag, e, np.inf)
    onset, ease, end = (np.ascontiguousarray(a.T) for a in (onset, ease, end))
    # ``has`` is filled just below, from the spells.
    needs = Needs(
        onset_age=onset,
        ease_age=ease,
        end_age=end,
        adversity=adversity,
        has=np.zeros(onset.shape, bool),
    )
    needs.has = present(pop, needs, ref)
    return needs
