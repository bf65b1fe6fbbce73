"""Child in need plans, section 47 enquiries, child protection plans and their reviews."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth import reviews
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import choice
from childinfo.synth.record.context import Recording, window_mask
from childinfo.synth.streams import rng_for


def cin_plans(rec: Recording) -> pd.DataFrame:
    cases, sel = rec.cases, np.flatnonzero(rec.in_window)
    psel = sel[cases.cinplan[sel]]
    psel = psel[window_mask(cases.cinplan_start[psel], cases.cinplan_end[psel], rec.lo)]
    return pd.DataFrame(
        {
            "plan_id": ("P" + cases.referral_id[psel]).astype(object),
            "referral_id": cases.referral_id[psel],
            "child_id": rec.pop.child_id[cases.child[psel]],
            "start_date": D.iso(cases.cinplan_start[psel]),
            "end_date": D.iso(cases.cinplan_end[psel]),
        }
    )


def section47(rec: Recording) -> pd.DataFrame:
    cases, lo, ref = rec.cases, rec.lo, rec.ref
    sel = np.flatnonzero(rec.in_window)
    ssel = sel[cases.s47[sel]]
    icpc_d = np.where(cases.icpc[ssel], cases.icpc_date[ssel], D.MISSING)
    ssel_keep = (
        (cases.s47_start[ssel] >= lo)
        | (icpc_d >= lo)
        | ((icpc_d == D.MISSING) & (cases.s47_start[ssel] >= lo - 30))
    )
    ssel, icpc_d = ssel[ssel_keep], icpc_d[ssel_keep]
    return pd.DataFrame(
        {
            "s47_id": ("S" + cases.referral_id[ssel]).astype(object),
            "referral_id": cases.referral_id[ssel],
            "child_id": rec.pop.child_id[cases.child[ssel]],
            "start_date": D.iso(cases.s47_start[ssel]),
            "icpc_target_date": D.iso(cases.icpc_target[ssel]),
            "icpc_date": D.iso(icpc_d),
            "icpc_not_required": np.where(
                ~cases.icpc[ssel]
                & (D.add_working_days(cases.s47_start[ssel], np.full(len(ssel), 12)) <= ref),
                "true",
                "false",
            ),
        }
    )


def _cp_rows(rec: Recording) -> np.ndarray:
    cases, sel = rec.cases, np.flatnonzero(rec.in_window)
    csel = sel[cases.cpp[sel]]
    return csel[window_mask(cases.cpp_start[csel], cases.cpp_end[csel], rec.lo)]


def _cp_ids(rec: Recording, csel: np.ndarray) -> np.ndarray:
    return ("C" + rec.cases.referral_id[csel]).astype(object)


def cp_plans(rec: Recording) -> pd.DataFrame:
    cases, rng, csel = rec.cases, rec.rng, _cp_rows(rec)
    cat_keys, cat_p = rec.params.dist("cpp_category")
    cat = choice(rng, cat_keys, cat_p, len(csel))
    harmful = cases.act[csel]
    cat = np.where(harmful[:, NEEDS.index("neglect")] & (rng.random(len(csel)) < 0.6), "NEG", cat)
    cat = np.where(
        harmful[:, NEEDS.index("domestic_abuse")] & (cat == "NEG") & (rng.random(len(csel)) < 0.4),
        "EMO",
        cat,
    )
    latest = np.where(rng.random(len(csel)) < 0.1, choice(rng, cat_keys, cat_p, len(csel)), cat)
    # Previous plans: count earlier plans of the same child in the whole history.
    allc = np.flatnonzero(cases.cpp)
    prev_count = pd.Series(cases.child[allc]).groupby(cases.child[allc]).cumcount().to_numpy()
    prev_map = dict(zip(allc, prev_count))
    return pd.DataFrame(
        {
            "cpp_id": _cp_ids(rec, csel),
            "referral_id": cases.referral_id[csel],
            "child_id": rec.pop.child_id[cases.child[csel]],
            "start_date": D.iso(cases.cpp_start[csel]),
            "end_date": D.iso(cases.cpp_end[csel]),
            "initial_category": cat,
            "latest_category": latest,
            "number_previous_cpp": [prev_map[i] for i in csel],
        }
    )


def cp_reviews(rec: Recording) -> pd.DataFrame:
    """Review conferences: within 3 months of the conference, then at most 6 months apart; a few
    are late (reviews.py). They have their own random stream."""
    cases, csel = rec.cases, _cp_rows(rec)
    rv_plan, rv_day = reviews.cp_review_dates(
        rng_for(rec.cfg.seed, "cp_reviews"),
        cases.cpp_start[csel],
        cases.cpp_end[csel],
        rec.ref,
        rec.params.scalar("csc.cpp_review_late_share"),
    )
    return pd.DataFrame({"cpp_id": _cp_ids(rec, csel)[rv_plan], "review_date": D.iso(rv_day)})
