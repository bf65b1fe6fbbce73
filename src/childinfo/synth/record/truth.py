"""The teaching-only truth tables: what no real system holds, to score the learners' work."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import columns
from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS
from childinfo.synth.record.context import Recording


def needs(rec: Recording) -> pd.DataFrame:
    """The needs present on the reference day, with the dates the simulation gave each spell:
    begun, eased and ended (the last two may fall after the reference day; none if never)."""
    pop, spells = rec.pop, rec.needs
    # needs.has: the needs present on the reference day (begun, not ended).
    ci_, ki = np.nonzero(spells.has[rec.in_scope])
    child = np.flatnonzero(rec.in_scope)[ci_]

    def day(age: np.ndarray, rounding=np.trunc) -> np.ndarray:
        """Day number at ``age`` years (MISSING if never); ``np.ceil`` gives the first day of a
        change, so an end date is the first day without the need (after the reference day)."""
        years = np.where(np.isfinite(age), age, 0)
        days = pop.dob[child] + rounding(years * 365.25).astype(np.int64)
        return np.where(np.isfinite(age), days, D.MISSING)

    return pd.DataFrame(
        {
            "child_id": pop.child_id[child],
            "need": np.array(NEEDS, dtype=object)[ki],
            "onset_date": D.iso(day(spells.onset_age[child, ki])),
            "ease_date": D.iso(day(spells.ease_age[child, ki], np.ceil)),
            "end_date": D.iso(day(spells.end_age[child, ki], np.ceil)),
        }
    )


def children(rec: Recording) -> pd.DataFrame:
    """True ethnicity, family adversity, number of needs and whether any need went unmet (no
    service in the window and no early help)."""
    pop, cases = rec.pop, rec.cases
    sc = np.flatnonzero(rec.in_scope)
    served = np.zeros(len(pop.dob), bool)
    served[cases.child[rec.in_window & cases.in_need]] = True
    df = columns.frame(
        {
            "child_id": pop.child_id[sc],
            "ethnicity_true": pop.ethnicity_true[sc],
            "family_adversity": np.round(rec.needs.adversity[sc], 2),
            "n_needs": rec.needs.has[sc].sum(axis=1),
        }
    )
    if rec.early_help_children is not None:
        served[rec.early_help_children] = True
    unmet = (df["n_needs"].to_numpy() > 0) & ~served[sc]
    df["unmet_need"] = columns.to_column(columns.coded(unmet.astype(np.int8), ["N", "Y"]))
    return df
