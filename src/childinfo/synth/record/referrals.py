"""The referrals table: every case open in the collection window."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.record.context import Recording


def referrals(rec: Recording) -> pd.DataFrame:
    cases, sel = rec.cases, np.flatnonzero(rec.in_window)
    return pd.DataFrame(
        {
            "referral_id": cases.referral_id[sel],
            "child_id": rec.pop.child_id[cases.child[sel]],
            "referral_date": D.iso(cases.date[sel]),
            "referral_source": cases.source[sel],
            "primary_need_code": cases.primary_need[sel],
            "referral_nfa": np.where(cases.nfa[sel], "true", "false"),
            "closure_date": D.iso(cases.close[sel]),
            "reason_for_closure": cases.reason[sel],
            "team": cases.team[sel],
        }
    )
