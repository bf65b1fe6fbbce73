"""Assessments and the factors recorded at the end of each."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth import recording
from childinfo.synth.record.context import Recording, window_mask


def _rows(rec: Recording) -> np.ndarray:
    """Cases with an assessment open in the window (those finished before it are not kept)."""
    cases = rec.cases
    sel = np.flatnonzero(rec.in_window)
    asel = sel[cases.has_assessment[sel]]
    return asel[window_mask(cases.a_start[asel], cases.a_end[asel], rec.lo)]


def _ids(rec: Recording, asel: np.ndarray) -> np.ndarray:
    return ("A" + rec.cases.referral_id[asel]).astype(object)


def assessments(rec: Recording) -> pd.DataFrame:
    cases, asel = rec.cases, _rows(rec)
    a_end = cases.a_end[asel]
    df = pd.DataFrame(
        {
            "assessment_id": _ids(rec, asel),
            "referral_id": cases.referral_id[asel],
            "child_id": rec.pop.child_id[cases.child[asel]],
            "start_date": D.iso(cases.a_start[asel]),
            "authorisation_date": D.iso(a_end),
            "working_days": np.where(a_end == D.MISSING, pd.NA, cases.assess_wd[asel]),
            "team": cases.team[asel],
        }
    )
    df["working_days"] = df["working_days"].astype("Int64")
    return df


def assessment_factors(rec: Recording) -> pd.DataFrame:
    """Factor codes of the completed assessments, as the team's recording habits write them."""
    cases, asel = rec.cases, _rows(rec)
    f_row, f_code = recording.assessment_factors(
        rec.rng,
        cases.act[asel],
        cases.uasc[asel],
        cases.p_record[asel],
        served=~cases.nin[asel],
    )
    done = (cases.a_end[asel] != D.MISSING)[f_row]
    return pd.DataFrame({"assessment_id": _ids(rec, asel)[f_row[done]], "factor": f_code[done]})
