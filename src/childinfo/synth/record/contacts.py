"""Contacts (the front door) and early help below the statutory threshold."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import choice, make_ids
from childinfo.synth.record.context import Recording

_EH_REASON = {
    "domestic_abuse": "Domestic abuse",
    "parental_mental_health": "Parental mental health",
    "parental_substance_use": "Parental substance use",
    "neglect": "Home conditions",
    "poverty_housing": "Money and housing worries",
    "disability": "Child's disability",
    "young_carer": "Young carer support",
    "exploitation": "Risk outside the home",
    "child_mental_health": "Child's emotional wellbeing",
    "speech_language": "Speech and language",
}
_EH_ORGS = [
    "Family Hub North",
    "Family Hub South",
    "Family Hub East",
    "Family Hub West",
    "School-led early help",
]
_EH_END = {
    "Needs met": 0.55,
    "Stepped up to children's social care": 0.12,
    "Family withdrew consent": 0.13,
    "Moved out of the area": 0.05,
    "Transferred to universal services": 0.15,
}


def _pick_children(rng, weights: np.ndarray, k: int) -> np.ndarray:
    p = weights / weights.sum()
    return np.searchsorted(np.cumsum(p), rng.random(k), side="right").clip(0, len(p) - 1)


def _front_door(rec: Recording) -> tuple[np.ndarray, np.ndarray]:
    """Who a contact or early help can be about (population rows: aged 0-17, not unaccompanied)
    and which cases were referred in the window."""
    age_ok = (rec.pop.age <= 17) & ~rec.pop.uasc
    return age_ok, (rec.cases.date >= rec.lo) & (rec.cases.date <= rec.ref)


def contacts(rec: Recording) -> pd.DataFrame:
    """One contact for each referral, plus contacts that go no further."""
    cfg, params, rng, ref, lo = rec.cfg, rec.params, rec.rng, rec.ref, rec.lo
    pop, cases, ids = rec.pop, rec.cases, rec.pop.child_id
    child_age_ok, win = _front_door(rec)
    nneed = rec.needs.has.sum(axis=1)
    rc = np.flatnonzero(win)
    c_child = cases.child[rc]
    # The contact that became each referral: up to two working days before it (the same day for a
    # weekend referral, made out of hours), never before the child's birth.
    r_date = cases.date[rc]
    back = np.busday_offset(
        D.to_datetime64(r_date), -rng.integers(0, 3, len(rc)), roll="forward"
    ).astype(np.int64)
    c_date = np.maximum(np.where(D.weekday(r_date) >= 5, r_date, back), pop.dob[c_child])
    c_src = cases.source[rc]
    c_out = np.full(len(rc), "Social care referral", dtype=object)
    extra = int(round(len(rc) * (params.scalar("csc.contacts_per_referral") - 1)))
    w = (0.15 + nneed) * child_age_ok
    ec = _pick_children(rng, w.astype(float), extra)
    e_date = D.mostly_weekdays(
        rng, lo + (rng.random(extra) * (ref - lo)).astype(np.int64), not_before=lo
    )
    ok = (e_date >= pop.dob[ec]) & (e_date < D.birthday(pop.dob[ec], 18))
    ec, e_date = ec[ok], e_date[ok]
    keys, p = params.dist("referral_source")
    e_src = choice(rng, keys, p, len(ec))
    e_out = choice(
        rng,
        ["No further action", "Advice given", "Early help referral"],
        [0.45, 0.3, 0.25],
        len(ec),
    )
    ch = np.concatenate([c_child, ec])
    order = np.lexsort((np.concatenate([c_date, e_date]), ch))
    dates = np.concatenate([c_date, e_date])[order]
    return pd.DataFrame(
        {
            "contact_id": make_ids(f"K{cfg.number:03d}", np.arange(len(order)), 8),
            "child_id": ids[ch[order]],
            "contact_date": D.iso(dates),
            "contact_source": np.concatenate([c_src, e_src])[order],
            "outcome": np.concatenate([c_out, e_out])[order],
        }
    )


def early_help(rec: Recording) -> pd.DataFrame:
    """Early help below the statutory threshold (plus step-downs after RC9 closures)."""
    cfg, params, rng, ref, lo = rec.cfg, rec.params, rec.rng, rec.ref, rec.lo
    pop, needs, cases, ids = rec.pop, rec.needs, rec.cases, rec.pop.child_id
    child_age_ok, win = _front_door(rec)
    years = cfg.window_years
    k = int(round(params.scalar("csc.early_help_per_10k") / 10_000 * cfg.n_children * years))
    eh_w = (
        0.05 + (needs.has * np.array([1, 1.5, 0.8, 0.5, 1.5, 0.8, 1, 0.3, 1.2, 0.8])).sum(axis=1)
    ) * child_age_ok
    ehc = _pick_children(rng, eh_w.astype(float), k)
    start = D.mostly_weekdays(
        rng, lo + (rng.random(k) * (ref - lo)).astype(np.int64), not_before=lo
    )
    st = np.flatnonzero(win & (cases.reason == "RC9"))
    ehc = np.concatenate([ehc, cases.child[st]])
    start = np.concatenate([start, cases.close[st] + rng.integers(1, 15, len(st))])
    ok = (start >= pop.dob[ehc]) & (start <= ref) & (start < D.birthday(pop.dob[ehc], 18))
    ehc, start = ehc[ok], start[ok]
    end = start + np.clip(np.exp(rng.normal(np.log(120), 0.6, len(ehc))), 20, 700).astype(np.int64)
    end = np.minimum(end, D.birthday(pop.dob[ehc], 18))
    act = needs.onset_age[ehc] <= ((start - pop.dob[ehc]) / 365.25)[:, None]
    # The early help record names one reason: the first need on the form, or a general one.
    first = np.where(act.any(axis=1), act.argmax(axis=1), -1)
    reason = np.array([_EH_REASON[n] for n in NEEDS] + ["Parenting support"], dtype=object)[
        first
    ]  # -1: last
    end_reason = choice(rng, list(_EH_END), list(_EH_END.values()), len(ehc))
    open_ = end > ref
    end_reason[open_] = ""
    order = np.lexsort((start, ehc))
    rec.early_help_children = ehc  # population rows, for the truth table's unmet need
    return pd.DataFrame(
        {
            "eh_id": make_ids(f"H{cfg.number:03d}", np.arange(len(ehc)), 7),
            "child_id": ids[ehc[order]],
            "start_date": D.iso(start[order]),
            "end_date": D.iso(np.where(open_, D.MISSING, end)[order]),
            "reason": reason[order],
            "end_reason": end_reason[order],
            "organisation": np.array(_EH_ORGS, dtype=object)[
                rng.integers(0, len(_EH_ORGS), len(ehc))
            ][order],
        }
    )
