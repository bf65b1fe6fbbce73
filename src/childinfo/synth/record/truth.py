"""The teaching-only truth tables: what no real system holds, to score the learners' work."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import columns
from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS
from childinfo.synth.record.context import Recording


def needs(rec: Recording) -> pd.DataFrame:
    pop = rec.pop
    # needs.has: the needs present on the reference day (begun, not ended).
    ci_, ki = np.nonzero(rec.needs.has[rec.in_scope])
    sc = np.flatnonzero(rec.in_scope)
    onset = rec.needs.onset_age[sc[ci_], ki]
    onset_day = pop.dob[sc[ci_]] + (onset * 365.25).astype(np.int64)
    return pd.DataFrame(
        {
            "child_id": pop.child_id[sc[ci_]],
            "need": np.array(NEEDS, dtype=object)[ki],
            "onset_date": D.iso(onset_day),
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
