"""Periods of care and their SSDA903 episodes (legal status, placement, reasons)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.history import Periods
from childinfo.synth.parameters import load_parameters
from childinfo.synth.population import choice

# Routes out of care by age group at entry (model choice; the shares of reasons ceased and the
# stock's age mix they give are checked against the parameter table, cla_age). The pattern
# follows England's published figures in outline: adoption and most special guardianship orders
# are for children who came into care under five (DfE 2024: average age at adoption 3 years 4
# months, 1 year 7 months from entering care to placement), while most children who come into care
# at 5-15 stay long term, many until 18, which is where much of the 10-15 year olds in care come
# from.
_ROUTES = ["home", "adoption", "sgo", "cao", "until18", "other"]
_ROUTE_P = {
    0: [0.31, 0.36, 0.18, 0.02, 0.10, 0.03],  # under 1
    1: [0.30, 0.22, 0.24, 0.03, 0.18, 0.03],  # 1-4
    2: [0.24, 0.02, 0.10, 0.03, 0.54, 0.07],  # 5-9
    3: [0.18, 0.00, 0.03, 0.02, 0.72, 0.05],  # 10-15
    4: [0.60, 0.00, 0.00, 0.00, 0.33, 0.07],  # 16-17
}
# Median days in care before a return home, by age group at entry (model choice). Babies and
# toddlers who go home mostly do so when care proceedings end; 16-17 year olds who go home (often
# after section 20 accommodation) do so sooner still.
_HOME_MEDIAN = np.array([330, 180, 360, 300, 150])
_HOME_SD = 1.0
# Days in care before a special guardianship or child arrangements order (mean, sd): orders are
# usually made when care proceedings end, which should be within 26 weeks (Children and Families
# Act 2014) and often take longer (model choice: about a year).
_ORDER_DAYS = {"sgo": (380, 130), "cao": (380, 130)}
# Routes out of care for unaccompanied children (model choice): a few leave when an age assessment
# finds them to be adults (E15), some are looked after by another authority after a short stay (E3,
# as under the National Transfer Scheme), the rest stay until 18. Tuned so unaccompanied children
# are about 9% of those in care on 31 March (csc.cla_uasc_share_of_stock: England about 7,400 of
# 83,750 in 2023).
_UASC_ROUTE = {"until18": 0.54, "other": 0.05, "transfer": 0.41}
_TRANSFER_MEDIAN = 45
_PLACE = {  # placement mix by age group (2022-23 codes)
    0: (
        {
            "U6": 0.45,
            "U4": 0.12,
            "U3": 0.2,
            "U1": 0.05,
            "U5": 0.04,
            "P1": 0.07,
            "R3": 0.05,
            "U2": 0.02,
        }
    ),
    1: ({"U6": 0.45, "U4": 0.15, "U3": 0.18, "U1": 0.06, "U5": 0.03, "P1": 0.1, "U2": 0.03}),
    2: (
        {
            "U6": 0.40,
            "U4": 0.22,
            "U3": 0.12,
            "U1": 0.07,
            "K2": 0.07,
            "P1": 0.09,
            "S1": 0.01,
            "R1": 0.02,
        }
    ),
    3: (
        {
            "U6": 0.33,
            "U4": 0.2,
            "U3": 0.1,
            "U1": 0.05,
            "K2": 0.18,
            "P1": 0.05,
            "S1": 0.02,
            "K1": 0.005,
            "R2": 0.005,
            "Z1": 0.01,
            "H5": 0.03,
            "R1": 0.01,
        }
    ),
    4: (
        {
            "U6": 0.22,
            "U4": 0.12,
            "U3": 0.06,
            "U1": 0.03,
            "K2": 0.14,
            "H5": 0.3,
            "P2": 0.04,
            "P1": 0.04,
            "R5": 0.01,
            "Z1": 0.01,
            "K1": 0.005,
            "R2": 0.005,
        }
    ),
}
_UASC_PLACE = {"U6": 0.3, "K2": 0.1, "H5": 0.5, "P2": 0.1}
# P2 (independent living) was withdrawn from 28 October 2023, when supported accommodation for
# 16-17 year olds had to be registered (903 rule 217t); a P2 placement still running then is
# recorded in the supported-accommodation code H5 instead.
P2_WITHDRAWN = D.day(dt.date(2023, 10, 28))
# Z1 ("other placements") has no provider (903 rule 178).
_PROVIDER = {
    "U1": {"PR1": 1.0},
    "U2": {"PR1": 1.0},
    "U3": {"PR1": 1.0},
    "U4": {"PR1": 0.52, "PR4": 0.38, "PR5": 0.10},
    "U5": {"PR1": 0.52, "PR4": 0.48},
    "U6": {"PR1": 0.52, "PR4": 0.38, "PR5": 0.10},
    "K2": {"PR1": 0.2, "PR4": 0.8},
    "K1": {"PR1": 0.5, "PR2": 0.5},
    "H5": {"PR1": 0.2, "PR4": 0.7, "PR5": 0.1},
    "P2": {"PR1": 1.0},
    "P1": {"PR0": 1.0},
    "R3": {"PR4": 0.6, "PR5": 0.4},
    "S1": {"PR4": 1.0},
    "R1": {"PR4": 1.0},
    "R2": {"PR3": 1.0},
    "R5": {"PR3": 1.0},
    "Z1": {"": 1.0},
    "A4": {"PR1": 0.7, "PR5": 0.3},
    "A6": {"PR1": 0.7, "PR5": 0.3},
}


def _age_group(age: np.ndarray) -> np.ndarray:
    return np.select([age < 1, age < 5, age < 10, age < 16], [0, 1, 2, 3], 4)


def simulate_periods(
    rng: np.random.Generator, start: np.ndarray, dob: np.ndarray, uasc: np.ndarray
) -> Periods:
    """Route, end date and reason ceased for each period of care."""
    n = len(start)
    age = (start - dob) / 365.25
    grp = _age_group(age)
    route = np.empty(n, dtype=object)
    for g, p in _ROUTE_P.items():
        sel = grp == g
        route[sel] = choice(rng, _ROUTES, p, int(sel.sum()))
    # Unaccompanied children: a few leave when an age assessment finds them to be adults (E15), some
    # are taken over by another authority after a short stay (E3, as under the National Transfer
    # Scheme), the rest stay until 18 (_UASC_ROUTE).
    route[uasc] = choice(rng, list(_UASC_ROUTE), list(_UASC_ROUTE.values()), int(uasc.sum()))
    eighteen = D.birthday(dob, 18)
    # Median days before going home, by age group at entry (_HOME_MEDIAN).
    home_median = _HOME_MEDIAN[grp]
    dur = np.select(
        [
            route == "home",
            route == "adoption",
            route == "sgo",
            route == "cao",
            route == "other",
            route == "transfer",
        ],
        [
            np.exp(rng.normal(np.log(home_median), _HOME_SD, n)),
            rng.normal(760, 180, n),
            rng.normal(*_ORDER_DAYS["sgo"], n),
            rng.normal(*_ORDER_DAYS["cao"], n),
            np.exp(rng.normal(np.log(120), 1.0, n)),
            np.exp(rng.normal(np.log(_TRANSFER_MEDIAN), 0.6, n)),
        ],
        default=(eighteen - start).astype(float),
    )
    # Long stays for younger children (median about 15 years) sometimes end in an order or a
    # return home before 18; most carry on into the teenage years.
    longstay = (route == "until18") & (age < 10)
    dur = np.where(longstay, np.exp(rng.normal(np.log(5600), 0.4, n)), dur)
    dur = np.clip(dur, 3, None).astype(np.int64)
    end = np.minimum(start + dur, eighteen)
    ended_early = longstay & (end < eighteen)
    route = np.where(ended_early, choice(rng, ["sgo", "cao", "home"], [0.5, 0.2, 0.3], n), route)
    until18 = (end >= eighteen) | (route == "until18")
    end = np.where(until18, eighteen, end)
    reason = np.empty(n, dtype=object)
    reason[route == "home"] = choice(
        rng, ["E4A", "E4B", "E13"], [0.75, 0.1, 0.15], int((route == "home").sum())
    )
    reason[route == "adoption"] = choice(
        rng, ["E11", "E12"], [0.3, 0.7], int((route == "adoption").sum())
    )
    reason[route == "sgo"] = choice(
        rng, ["E45", "E46", "E47", "E48"], [0.5, 0.1, 0.35, 0.05], int((route == "sgo").sum())
    )
    reason[route == "cao"] = "E41"
    reason[route == "other"] = choice(
        rng,
        ["E8", "E3", "E9", "E16", "E7"],
        [0.6, 0.2, 0.1, 0.05, 0.05],
        int((route == "other").sum()),
    )
    reason[until18] = choice(
        rng, ["E17", "E5", "E6", "E8"], [0.3, 0.45, 0.15, 0.1], int(until18.sum())
    )
    uo = uasc & (route == "other")
    reason[uo] = "E15"
    reason[route == "transfer"] = "E3"
    route = np.where(until18, "until18", route)
    # Adoption and orders need time in care; short stays cannot end in them.
    short = (end - start < 120) & np.isin(route, ["adoption", "sgo", "cao"])
    reason[short] = "E4A"
    route[short] = "home"
    care_reason = {
        "E11": "RC1",
        "E12": "RC1",
        "E41": "RC3",
        "E45": "RC4",
        "E46": "RC4",
        "E47": "RC4",
        "E48": "RC4",
        "E3": "RC5",
        "E7": "RC6",
    }
    cin_reason = np.array([care_reason.get(r, "RC7") for r in reason], dtype=object)
    return Periods(
        start=start, end=end, route=route, reason=reason, cin_reason=cin_reason, age=age
    )


def build_episodes(
    rng: np.random.Generator,
    periods: Periods,
    dob: np.ndarray,
    uasc: np.ndarray,
    cpp_before: np.ndarray,
) -> pd.DataFrame:
    """Split each period of care into episodes at legal-status and placement changes."""
    n = len(periods.start)
    start, end, route = periods.start, periods.end, periods.route
    age = periods.age
    dur = end - start
    pid = np.arange(n)
    # Initial legal status.
    init_ls = np.where(rng.random(n) < 0.38, "V2", "C1").astype(object)
    init_ls[np.isin(route, ["adoption", "sgo", "cao"]) | cpp_before] = "C1"
    init_ls[uasc] = "V2"
    init_ls[(route == "until18") & (age > 15.5) & ~uasc] = np.where(
        rng.random(int(((route == "until18") & (age > 15.5) & ~uasc).sum())) < 0.45, "V2", "C1"
    )
    remand = (route == "other") & (age >= 12) & (rng.random(n) < 0.35) & ~uasc
    init_ls[remand] = "J1"
    emergency = (init_ls == "C1") & (rng.random(n) < 0.08) & (dur > 30)
    ev_p, ev_d, ev_ls, ev_kind = (
        [pid],
        [start],
        [np.where(emergency, "L2", init_ls)],
        [np.full(n, "S")],
    )
    # Emergency protection orders give way to an interim care order within a week or so.
    ep = np.flatnonzero(emergency)
    ev_p.append(ep)
    ev_d.append(start[ep] + rng.integers(3, 9, len(ep)))
    ev_ls.append(np.full(len(ep), "C1"))
    ev_kind.append(np.full(len(ep), "L"))
    # Interim care order -> full care order about 6-10 months in, if the period lasts.
    co = np.flatnonzero((init_ls == "C1") & (dur > 300))
    ev_p.append(co)
    ev_d.append(start[co] + rng.integers(180, 300, len(co)))
    ev_ls.append(np.full(len(co), "C2"))
    ev_kind.append(np.full(len(co), "L"))
    # Placement order before adoption.
    ad = np.flatnonzero(route == "adoption")
    # The order comes before the adoption placement, even in a short period (903 rule 408: A5/A6
    # need placement order E1).
    po = np.maximum(end[ad] - rng.integers(200, 300, len(ad)), start[ad] + 1)
    placed_ad = np.maximum(end[ad] - rng.integers(120, 190, len(ad)), po + 1)
    ev_p.append(ad)
    ev_d.append(po)
    ev_ls.append(np.full(len(ad), "E1"))
    ev_kind.append(np.full(len(ad), "L"))
    # A full care order, if any, comes before the placement order, not after it.
    po_of = np.full(n, np.iinfo(np.int64).max)
    po_of[ad] = po
    ev_d[2] = np.minimum(ev_d[2], po_of[co] - 1)
    ev_p.append(ad)
    ev_d.append(placed_ad)
    ev_ls.append(np.full(len(ad), ""))
    ev_kind.append(np.full(len(ad), "A"))
    # Placement moves: about 0.45 a year, more in the first months.
    nmov = rng.poisson(0.45 * dur / 365.25 + 0.25 * (dur > 90))
    mp = np.repeat(pid, nmov)
    md = start[mp] + 1 + (rng.random(len(mp)) * np.maximum(dur[mp] - 2, 1)).astype(np.int64)
    ev_p.append(mp)
    ev_d.append(md)
    ev_ls.append(np.full(len(mp), ""))
    ev_kind.append(np.full(len(mp), "P"))
    ev = pd.DataFrame(
        {
            "p": np.concatenate(ev_p),
            "d": np.concatenate(ev_d),
            "ls": np.concatenate(ev_ls).astype(object),
            "kind": np.concatenate(ev_kind).astype(object),
        }
    )
    ev["start"], ev["end"] = start[ev["p"]], end[ev["p"]]
    ev = ev[(ev["kind"] == "S") | ((ev["d"] > ev["start"]) & (ev["d"] < ev["end"]))]
    ev = ev.sort_values(["p", "d", "kind"], kind="stable").drop_duplicates(
        ["p", "d"], keep="first"
    )
    ev = ev.reset_index(drop=True)
    p = ev["p"].to_numpy()
    kind = ev["kind"].to_numpy()
    k = len(ev)
    # Placement types: drawn at the start and at each move; adoption placements at "A".
    ev_age = (ev["d"].to_numpy() - dob[p]) / 365.25
    g = _age_group(ev_age)
    place = np.empty(k, dtype=object)
    for gi, mix in _PLACE.items():
        sel = (g == gi) & np.isin(kind, ["S", "P"])
        place[sel] = choice(rng, list(mix), list(mix.values()), int(sel.sum()))
    us = uasc[p] & np.isin(kind, ["S", "P"])
    place[us] = choice(rng, list(_UASC_PLACE), list(_UASC_PLACE.values()), int(us.sum()))
    # Semi-independent or independent living only from 16: placing under-16s in settings that
    # do not provide care has been unlawful since September 2021 (903 rule 371: 16 from 2023-24).
    place[np.isin(place, ["H5", "P2"]) & (ev_age < 16)] = "U6"
    place[kind == "A"] = np.where(rng.random(int((kind == "A").sum())) < 0.85, "A6", "A4")
    ls = ev["ls"].to_numpy().copy()
    ls[ls == ""] = None
    place_s = pd.Series(place).where(pd.Series(np.isin(kind, ["S", "P", "A"])))
    frame = pd.DataFrame({"p": p, "ls": ls, "place": place_s})
    frame = frame.groupby("p", sort=False).ffill()
    ls_f = frame["ls"].to_numpy(dtype=object)
    place_f = frame["place"].to_numpy(dtype=object)
    # Rules the DfE checks: P1 is not allowed under s20 (378); A4 goes with consent (V2 not E1).
    segment = np.cumsum(np.isin(kind, ["S", "P", "A"])) - 1
    bad = (place_f == "P1") & np.isin(ls_f, ["V2", "J1", "L2"])
    place_f[np.isin(segment, segment[bad]) & (place_f == "P1")] = (
        "U6"  # whole placement, not one episode
    )
    young_rem = (ls_f == "J1") & (ev_age < 10)
    ls_f[young_rem] = "C1"
    place_f[(place_f == "A4") & (ls_f == "E1")] = "A6"
    # Reason for new episode: S at the start, L (status), P (placement), B (both).
    rne = np.where(kind == "S", "S", np.where(kind == "L", "L", "P")).astype(object)
    # After the first episode, a move that happens to leave the same type is still a new carer (P).
    dec = np.r_[ev["d"].to_numpy()[1:], 0]
    last = np.r_[p[1:] != p[:-1], True]
    dec = np.where(last, end[p], dec)
    rec = np.where(last, periods.reason[p], "X1").astype(object)
    # Adoption needs an adoption placement at the end (E11/E12 with A3-A6); fix otherwise.
    adopt_end = last & np.isin(rec, ["E11", "E12"]) & ~np.isin(place_f, ["A3", "A4", "A5", "A6"])
    rec[adopt_end] = "E41"
    # A special guardianship order to former foster carers (E45/E46) follows a foster placement
    # (903 rule 516); after any other placement the guardians are other people (E47/E48).
    sgo_not_foster = (
        last
        & np.isin(rec, ["E45", "E46"])
        & ~np.isin(place_f, ["U1", "U2", "U3", "U4", "U5", "U6"])
    )
    rec[sgo_not_foster] = np.where(rec[sgo_not_foster] == "E45", "E47", "E48")
    seg_end = pd.Series(dec).groupby(segment).transform("max")
    place_f[(place_f == "P2") & (seg_end.to_numpy() > P2_WITHDRAWN)] = "H5"
    rpc = np.full(k, "", dtype=object)
    moves = rne == "P"
    rpc_keys, rpc_p = load_parameters().dist("reason_place_change")
    rpc[moves] = choice(rng, rpc_keys, rpc_p, int(moves.sum()))
    rpc[moves & (kind == "A")] = "CARPL"
    # A placement (provider, postcode, URN) lasts until the next move: a change of legal status
    # alone keeps it, as 903 rule 434 expects.
    provider_seg = np.empty(segment.max() + 1 if k else 0, dtype=object)
    first = np.r_[True, segment[1:] != segment[:-1]] if k else np.array([], bool)
    seg_place = place_f[first]
    for code, mix in _PROVIDER.items():
        sel = seg_place == code
        provider_seg[sel] = choice(rng, list(mix), list(mix.values()), int(sel.sum()))
    provider = provider_seg[segment]
    return pd.DataFrame(
        {
            "period": p,
            "decom": ev["d"].to_numpy(),
            "rne": rne,
            "ls": ls_f,
            "place": place_f,
            "place_provider": provider,
            "dec": dec,
            "rec": rec,
            "reason_place_change": rpc,
            "segment": segment,
        }
    )
