"""Contacts, early help and care leavers, built from the same simulated histories."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import choice, make_ids, top_share

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


def make_tables(ctx: dict) -> dict[str, pd.DataFrame]:
    cfg, params, rng, pop, needs, cases = (
        ctx[k] for k in ("cfg", "params", "rng", "pop", "needs", "cases")
    )
    ref, lo = ctx["ref"], ctx["lo"]
    ids = pop["child_id"]
    out: dict[str, pd.DataFrame] = {}
    years = cfg.window_years
    child_age_ok = (pop["age"] <= 17) & ~pop["uasc"]
    nneed = needs["has"].sum(axis=1)

    # Contacts: one for each referral, plus contacts that go no further.
    win = (cases["date"] >= lo) & (cases["date"] <= ref)
    rc = np.flatnonzero(win)
    c_child = cases["child"][rc]
    # The contact that became each referral: up to two working days before it (the same day for a
    # weekend referral, made out of hours), never before the child's birth.
    r_date = cases["date"][rc]
    back = np.busday_offset(
        D.to_datetime64(r_date), -rng.integers(0, 3, len(rc)), roll="forward"
    ).astype(np.int64)
    c_date = np.maximum(np.where(D.weekday(r_date) >= 5, r_date, back), pop["dob"][c_child])
    c_src = cases["source"][rc]
    c_out = np.full(len(rc), "Social care referral", dtype=object)
    extra = int(round(len(rc) * (params.scalar("csc.contacts_per_referral") - 1)))
    w = (0.15 + nneed) * child_age_ok
    ec = _pick_children(rng, w.astype(float), extra)
    e_date = D.mostly_weekdays(
        rng, lo + (rng.random(extra) * (ref - lo)).astype(np.int64), not_before=lo
    )
    ok = (e_date >= pop["dob"][ec]) & (e_date < D.birthday(pop["dob"][ec], 18))
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
    out["contacts"] = pd.DataFrame(
        {
            "contact_id": make_ids(f"K{cfg.number:03d}", np.arange(len(order)), 8),
            "child_id": ids[ch[order]],
            "contact_date": D.iso(dates),
            "contact_source": np.concatenate([c_src, e_src])[order],
            "outcome": np.concatenate([c_out, e_out])[order],
        }
    )

    # Early help below the statutory threshold (plus step-downs after RC9 closures).
    k = int(round(params.scalar("csc.early_help_per_10k") / 10_000 * cfg.n_children * years))
    eh_w = (
        0.05
        + (needs["has"] * np.array([1, 1.5, 0.8, 0.5, 1.5, 0.8, 1, 0.3, 1.2, 0.8])).sum(axis=1)
    ) * child_age_ok
    ehc = _pick_children(rng, eh_w.astype(float), k)
    start = D.mostly_weekdays(
        rng, lo + (rng.random(k) * (ref - lo)).astype(np.int64), not_before=lo
    )
    st = np.flatnonzero(win & (cases["reason"] == "RC9"))
    ehc = np.concatenate([ehc, cases["child"][st]])
    start = np.concatenate([start, cases["close"][st] + rng.integers(1, 15, len(st))])
    ok = (start >= pop["dob"][ehc]) & (start <= ref) & (start < D.birthday(pop["dob"][ehc], 18))
    ehc, start = ehc[ok], start[ok]
    end = start + np.clip(np.exp(rng.normal(np.log(120), 0.6, len(ehc))), 20, 700).astype(np.int64)
    end = np.minimum(end, D.birthday(pop["dob"][ehc], 18))
    act = needs["onset_age"][ehc] <= ((start - pop["dob"][ehc]) / 365.25)[:, None]
    # The early help record names one reason: the first need on the form, or a general one.
    first = np.where(act.any(axis=1), act.argmax(axis=1), -1)
    reason = np.array([_EH_REASON[n] for n in NEEDS] + ["Parenting support"], dtype=object)[
        first
    ]  # -1: last
    end_reason = choice(rng, list(_EH_END), list(_EH_END.values()), len(ehc))
    open_ = end > ref
    end_reason[open_] = ""
    order = np.lexsort((start, ehc))
    out["early_help"] = pd.DataFrame(
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

    ctx["early_help_children"] = ehc  # population indices, for the truth table's unmet need
    out["care_leavers"] = _care_leavers(ctx)
    return out


def _care_leavers(ctx: dict) -> pd.DataFrame:
    """Care leavers aged 17-21 with a birthday in the collection year (the OC3 cohort)."""
    cfg, params, rng, pop, periods = (ctx[k] for k in ("cfg", "params", "rng", "pop", "periods"))
    ref = ctx["ref"]
    ystart = D.day(cfg.start_date)
    child = periods["child"]
    s, e = periods["start"], periods["end"]
    dob = pop["dob"][child]
    b14, b16 = D.birthday(dob, 14), D.birthday(dob, 16)
    after14 = np.clip(np.minimum(e, ref) - np.maximum(s, b14), 0, None)
    df = pd.DataFrame(
        {
            "c": child,
            "after14": after14,
            "at16": (s <= b16 + 365 * 2) & (e >= b16),
            "started": periods["started"],
        }
    )
    df = df[df["started"]]
    g = df.groupby("c").agg(after14=("after14", "sum"), at16=("at16", "any"))
    elig = g.index.to_numpy()[(g["after14"] >= 91).to_numpy() & g["at16"].to_numpy()]
    rows = []
    for age in range(17, 22):
        bd = D.birthday(pop["dob"][elig], age)
        hit = (bd >= ystart) & (bd <= ref)
        rows.append(pd.DataFrame({"c": elig[hit], "age": age, "bd": bd[hit]}))
    cl = pd.concat(rows, ignore_index=True)
    # Still in care on the birthday: no care-leaver record (rule 1007).
    pc = pd.DataFrame({"c": child, "s": s, "e": e})[periods["started"]]
    m = cl.merge(pc, on="c", how="left")
    incare = m[(m["s"] <= m["bd"]) & (m["e"] > m["bd"])][["c", "age"]].drop_duplicates()
    cl = cl.merge(incare.assign(x=1), on=["c", "age"], how="left")
    cl = cl[cl["x"].isna()].drop(columns="x")
    # No record is due for a 17- or 18-year-old who left care on or after that birthday (903 rule
    # 1016: the first check comes a year later), nor for one whose care passed to another
    # authority (E3, rule 1011): that authority keeps in touch.
    pe = pd.DataFrame({"c": child, "s": s, "e": e, "reason": periods["reason"]})[
        periods["started"]
    ]
    m = cl.reset_index().merge(pe, on="c", how="left")
    # ... nor for one in care at any time from the birthday to 31 March (back in care, or left on
    # or after the birthday).
    left_after = m[(m["e"] >= m["bd"]) & (m["s"] <= ref)]["index"]
    # A care leaver left care before the birthday; one who came into care after it is not one yet.
    left_before = m[m["e"] < m["bd"]]["index"]
    last = pe.sort_values("e", kind="stable").groupby("c").tail(1)
    moved = set(last.loc[last["reason"] == "E3", "c"])
    cl = cl[~cl.index.isin(left_after) & cl.index.isin(left_before) & ~cl["c"].isin(moved)]
    cl = cl.sort_values(["c"]).reset_index(drop=True)
    n = len(cl)
    p_touch = params.scalar("care_leavers.in_touch")
    in_touch = choice(
        rng, ["YES", "NO", "REFU", "NREQ"], [p_touch, 0.05, 0.03, 1 - p_touch - 0.08], n
    )
    young = cl["age"].to_numpy() <= 18
    act_young = {"F2": 0.45, "P2": 0.05, "F5": 0.12, "F4": 0.05, "G5": 0.2, "G4": 0.07, "G6": 0.06}
    act_old = {
        "F1": 0.07,
        "F2": 0.15,
        "F5": 0.25,
        "P5": 0.08,
        "F4": 0.05,
        "G5": 0.25,
        "G4": 0.08,
        "G6": 0.07,
    }
    activ = np.where(
        young,
        choice(rng, list(act_young), list(act_young.values()), n),
        choice(rng, list(act_old), list(act_old.values()), n),
    ).astype(object)
    acc_young = {
        "D": 0.3,
        "B": 0.18,
        "E": 0.1,
        "T": 0.06,
        "C": 0.06,
        "U": 0.12,
        "Y": 0.12,
        "V": 0.02,
        "K": 0.02,
        "Z": 0.02,
    }
    acc_old = {
        "U": 0.44,
        "B": 0.15,
        "D": 0.1,
        "Y": 0.08,
        "E": 0.05,
        "T": 0.05,
        "K": 0.06,
        "V": 0.02,
        "W": 0.01,
        "S": 0.01,
        "X": 0.01,
        "R": 0.02,
    }
    letter = np.where(
        young,
        choice(rng, list(acc_young), list(acc_young.values()), n),
        choice(rng, list(acc_old), list(acc_old.values()), n),
    ).astype(object)
    # Rule 3001: not with former foster carers (Y, Z: staying put) at 17.
    letter[(cl["age"].to_numpy() == 17) & np.isin(letter, ["Y", "Z"])] = "D"
    # Custody (X) and S, V, W, R are never "suitable" (the code lists have only X2, S2 ...).
    forced_bad = np.isin(letter, ["V", "W", "S", "R", "X"])
    # Of the young people in touch, the other letters are suitable in the number that makes the
    # share meet its target exactly, by rank (B and Y always count as suitable, the forced ones
    # never): the return's "over 90% suitable" is the teaching design, not a chance outcome.
    touch = in_touch == "YES"
    forced_ok = np.isin(letter, ["B", "Y"]) & ~forced_bad
    free = touch & ~forced_bad & ~forced_ok
    target = params.scalar("care_leavers.suitable_accommodation") * touch.sum()
    target -= int((forced_ok & touch).sum())
    p_ok = min(1.0, max(0.0, target / free.sum())) if free.any() else 0.0
    suitable = top_share(rng.random(n), p_ok, free) | forced_ok
    accom = letter.astype(object) + np.where(suitable, "1", "2").astype(object)
    nt = in_touch != "YES"
    activ[nt] = "0"
    accom[nt] = "0"
    return pd.DataFrame(
        {
            "child_id": pop["child_id"][cl["c"].to_numpy()],
            "age_at_birthday": cl["age"].to_numpy(),
            "birthday": D.iso(cl["bd"].to_numpy()),
            "in_touch": in_touch,
            "activity": activ,
            "accommodation": accom,
            "accommodation_suitable": np.where(nt, "", np.where(suitable, "Y", "N")),
        }
    )
