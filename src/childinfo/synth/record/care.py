"""Care episodes (the SSDA903 header and episodes) and care leavers (its OC3 records)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth import places
from childinfo.synth.codes import NO_URN_PLACEMENTS
from childinfo.synth.population import choice, make_ids, top_share
from childinfo.synth.record.context import Recording

# Postcode unit letters (the final two) never use C, I, K, M, O or V.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_NEXT_UNIT_LETTER = dict(zip(_UNIT_LETTERS, _UNIT_LETTERS[1:] + _UNIT_LETTERS[0]))


def care_episodes(rec: Recording) -> pd.DataFrame:
    """Episodes of the care periods that overlap the window, whole periods kept."""
    cfg, rng, pop, areas = rec.cfg, rec.rng, rec.pop, rec.areas
    periods, cases, ep = rec.periods, rec.cases, rec.window_episodes
    per_child = periods.child
    pc = per_child[ep["period"].to_numpy()]
    home_post = pop.postcode[pc]
    # Placement postcode and URN are drawn once per placement (segment), so a change of legal
    # status alone keeps them; 22% of placements are outside the authority (QZ9).
    seg = ep["segment"].to_numpy()
    useg, seg_idx = np.unique(seg, return_inverse=True)
    ns = len(useg)
    seg_post = places.postcodes(
        rng,
        np.where(
            rng.random(ns) < 0.22,
            "QZ9",
            areas["postcode_district"].to_numpy(dtype=str)[rng.integers(0, len(areas), ns)],
        ),
    )
    pl_post = seg_post[seg_idx].astype(object)
    pl_post = np.where(ep["place"].to_numpy() == "P1", home_post, pl_post)
    # Only a placement with parents (P1) shares the home postcode (903 rule 392d): a random draw
    # that lands on it moves to the next unit letter, with no new draw, so nothing else changes.
    clash = (ep["place"].to_numpy() != "P1") & (pl_post == home_post)
    pl_post[clash] = [p[:-1] + _NEXT_UNIT_LETTER[p[-1]] for p in pl_post[clash]]
    needs_urn = ~np.isin(ep["place"].to_numpy(), sorted(NO_URN_PLACEMENTS | {"H5", "P2"}))
    urn = make_ids("XU", rng.integers(0, 1000000, ns), 6)[seg_idx]
    urn[~needs_urn] = ""
    df = pd.DataFrame(
        {
            "episode_id": make_ids(f"E{cfg.number:03d}", np.arange(len(ep)), 7),
            "period_id": make_ids(f"PC{cfg.number:03d}", ep["period"].to_numpy(), 6),
            "child_id": pop.child_id[pc],
            "decom": D.iso(ep["decom"].to_numpy()),
            "rne": ep["rne"].to_numpy(),
            "legal_status": ep["ls"].to_numpy(),
            "cin": cases.primary_need[periods.case[ep["period"].to_numpy()]],
            "place": ep["place"].to_numpy(),
            "place_provider": ep["place_provider"].to_numpy(),
            "dec": D.iso(ep["dec"].to_numpy()),
            "rec": ep["rec"].to_numpy(),
            "reason_place_change": ep["reason_place_change"].to_numpy(),
            "home_post": home_post,
            "pl_post": pl_post,
            "urn": urn,
        }
    )
    # The category of need in care must be a code N1-N8.
    cin = df["cin"].to_numpy(dtype=object).copy()
    cin[~np.isin(cin, ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"])] = "N1"
    df["cin"] = cin
    return df


def _by_age(rng, young: np.ndarray, if_young: dict, if_old: dict, n: int) -> np.ndarray:
    """A code per row, from ``if_young``'s shares where ``young`` and ``if_old``'s elsewhere
    (both drawn for every row, the young first, so the stream moves as it always has)."""
    return np.where(
        young,
        choice(rng, list(if_young), list(if_young.values()), n),
        choice(rng, list(if_old), list(if_old.values()), n),
    ).astype(object)


def care_leavers(rec: Recording) -> pd.DataFrame:
    """Care leavers aged 17-21 with a birthday in the collection year (the OC3 cohort)."""
    cfg, params, rng, pop, periods = rec.cfg, rec.params, rec.rng, rec.pop, rec.periods
    ref = rec.ref
    ystart = D.day(cfg.start_date)
    child = periods.child
    s, e = periods.start, periods.end
    dob = pop.dob[child]
    b14, b16 = D.birthday(dob, 14), D.birthday(dob, 16)
    after14 = np.clip(np.minimum(e, ref) - np.maximum(s, b14), 0, None)
    df = pd.DataFrame(
        {
            "c": child,
            "after14": after14,
            "at16": (s <= b16 + 365 * 2) & (e >= b16),
            "started": periods.started,
        }
    )
    df = df[df["started"]]
    g = df.groupby("c").agg(after14=("after14", "sum"), at16=("at16", "any"))
    elig = g.index.to_numpy()[(g["after14"] >= 91).to_numpy() & g["at16"].to_numpy()]
    rows = []
    for age in range(17, 22):
        bd = D.birthday(pop.dob[elig], age)
        hit = (bd >= ystart) & (bd <= ref)
        rows.append(pd.DataFrame({"c": elig[hit], "age": age, "bd": bd[hit]}))
    cl = pd.concat(rows, ignore_index=True)
    # Still in care on the birthday: no care-leaver record (rule 1007).
    pc = pd.DataFrame({"c": child, "s": s, "e": e})[periods.started]
    m = cl.merge(pc, on="c", how="left")
    incare = m[(m["s"] <= m["bd"]) & (m["e"] > m["bd"])][["c", "age"]].drop_duplicates()
    cl = cl.merge(incare.assign(x=1), on=["c", "age"], how="left")
    cl = cl[cl["x"].isna()].drop(columns="x")
    # No record is due for a 17- or 18-year-old who left care on or after that birthday (903 rule
    # 1016: the first check comes a year later), nor for one whose care passed to another
    # authority (E3, rule 1011): that authority keeps in touch.
    pe = pd.DataFrame({"c": child, "s": s, "e": e, "reason": periods.reason})[periods.started]
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
    activ = _by_age(rng, young, act_young, act_old, n)
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
    letter = _by_age(rng, young, acc_young, acc_old, n)
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
            "child_id": pop.child_id[cl["c"].to_numpy()],
            "age_at_birthday": cl["age"].to_numpy(),
            "birthday": D.iso(cl["bd"].to_numpy()),
            "in_touch": in_touch,
            "activity": activ,
            "accommodation": accom,
            "accommodation_suitable": np.where(nt, "", np.where(suitable, "Y", "N")),
        }
    )
