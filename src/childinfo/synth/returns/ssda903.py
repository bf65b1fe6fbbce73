"""The SSDA903 return: its CSV files, columns in the DfE specification order, for one year."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.population import choice
from childinfo.synth.returns import years as Y
from childinfo.synth.streams import rng_for
from childinfo.synth.writers import write_table

COLUMNS = {
    "Header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "Episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "Reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "UASC": ["CHILD", "SEX", "DOB", "DUC"],
    "OC2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "AD1": [
        "CHILD",
        "DOB",
        "DATE_INT",
        "DATE_MATCH",
        "FOSTER_CARE",
        "NB_ADOPTR",
        "SEX_ADOPTR",
        "LS_ADOPTR",
    ],
    "PlacedAdoption": [
        "CHILD",
        "DOB",
        "DATE_PLACED",
        "DATE_PLACED_CEASED",
        "REASON_PLACED_CEASED",
    ],
    "PrevPerm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "Missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
}


def _uk(s: pd.Series) -> pd.Series:
    """ISO dates to the 903's DD/MM/YYYY (non-dates pass through unchanged, so faults survive)."""
    d = pd.to_datetime(s.replace("", None), errors="coerce", format="%Y-%m-%d")
    return d.dt.strftime("%d/%m/%Y").where(d.notna(), s.fillna(""))


def _days(s: pd.Series) -> np.ndarray:
    d = pd.to_datetime(s.replace("", None), errors="coerce", format="%Y-%m-%d")
    return ((d - pd.Timestamp("1970-01-01")).dt.days).fillna(D.MISSING).astype(np.int64).to_numpy()


def ssda903_tables(la) -> dict[str, pd.DataFrame]:
    """The SSDA903 tables for the authority's collection year (dates as DD/MM/YYYY)."""
    cfg = la.config
    t = la.tables
    rng = rng_for(cfg.seed, "ssda903")  # the return's extra details have their own stream
    start, ref = D.day(cfg.start_date), D.day(cfg.ref_date)
    e = t["care_episodes"].copy()
    ds, de = _days(e["decom"]), _days(e["dec"])
    keep = (ds <= ref) & ((de == D.MISSING) | (de >= start) | ((de < ds) & (de != D.MISSING)))
    e = e[keep].sort_values(["child_id", "decom"], kind="stable").reset_index(drop=True)
    ds, de = _days(e["decom"]), _days(e["dec"])
    children = t["children"].set_index("child_id", drop=False)
    cl = t["care_leavers"]
    ids = pd.Index(sorted(set(e["child_id"]) | set(cl["child_id"])))
    ch = children.loc[children.index.intersection(ids)]
    dob = _days(ch["dob"])
    age = (ref - dob) / 365.25
    looked_after = ch["child_id"].isin(e["child_id"]).to_numpy()
    female = (ch["sex"] == "F").to_numpy()
    mother = np.where(
        female & looked_after, np.where((age >= 16) & (rng.random(len(ch)) < 0.04), "1", "0"), ""
    )
    # The baby was born before the mother's latest episode ended (903 rule 625).
    ended = de != D.MISSING
    last_dec = pd.Series(np.minimum(de[ended], ref)).groupby(e["child_id"].to_numpy()[ended]).max()
    bound = ch["child_id"].map(last_dec).fillna(ref).to_numpy(dtype=np.int64)
    mc_dob = np.where(mother == "1", D.iso(bound - rng.integers(30, 700, len(ch))), "")
    upn = ch["upn"].to_numpy(dtype=object).copy()
    upn[upn == ""] = np.where(
        ch["uasc"].to_numpy()[upn == ""] == "Y", "UN2", np.where(age[upn == ""] < 5, "UN1", "UN3")
    )
    header = pd.DataFrame(
        {
            "CHILD": ch["child_id"].to_numpy(),
            "SEX": ch["sex"].map(Y.sex_codes(cfg.year)).fillna(ch["sex"]).to_numpy(),
            "DOB": _uk(ch["dob"]).to_numpy(),
            "ETHNIC": ch["ethnicity"].to_numpy(),
            "UPN": upn,
            "MOTHER": mother,
            "MC_DOB": _uk(pd.Series(mc_dob)).to_numpy(),
        }
    )
    # The tidy table keeps the reason on the episode a move starts; the return records it on the
    # episode the move ends (REC X1 followed by a new placement, 903 rule 225).
    nxt = e.groupby("child_id", sort=False)
    moved = (e["rec"] == "X1") & nxt["rne"].shift(-1).isin(["P", "B", "T", "U"])
    rpc = nxt["reason_place_change"].shift(-1).where(moved, "").fillna("")
    # The year's placement codes; a setting that becomes Ofsted-registered (K3) gets a URN, the
    # same for every child placed at that postcode (no random draw, so other details keep theirs).
    place = e["place"].map(lambda c: Y.placement(c, cfg.year))
    urn = e["urn"].where(
        ~((place == "K3") & (e["place"] != "K3")),
        [f"XU{zlib.crc32(str(pc).encode()) % 1_000_000:06d}" for pc in e["pl_post"]],
    )
    episodes = pd.DataFrame(
        {
            "CHILD": e["child_id"],
            "DECOM": _uk(e["decom"]),
            "RNE": e["rne"],
            "LS": e["legal_status"],
            "CIN": e["cin"],
            "PLACE": place,
            "PLACE_PROVIDER": e["place_provider"],
            "DEC": _uk(e["dec"]),
            "REC": e["rec"],
            "REASON_PLACE_CHANGE": rpc,
            "HOME_POST": e["home_post"],
            "PL_POST": e["pl_post"],
            "URN": urn,
        }
    )
    dob_by = dict(zip(ch["child_id"], _uk(ch["dob"])))
    dob_days = dict(zip(ch["child_id"], dob))
    # Periods of care in the year: start, end, open.
    per = (
        e.assign(ds=ds, de=de)
        .groupby("period_id", sort=False)
        .agg(
            child=("child_id", "first"),
            s=("ds", "min"),
            e=("de", "last"),
            last_place=("place", "last"),
            last_rec=("rec", "last"),
        )
    )
    per["open"] = per["e"] == D.MISSING
    # Statutory reviews: 20 working days in, 3 months later, then every 6 months.
    rv = []
    for _, p in per.iterrows():
        stop = ref if p["open"] else min(p["e"], ref)
        t0 = int(D.add_working_days(np.array([p["s"]]), np.array([20]))[0])
        days = [t0, t0 + 91]
        while days[-1] + 182 < stop:
            days.append(days[-1] + 182)
        for d in days:
            if start <= d <= stop and d < ref:
                a = (d - dob_days.get(p["child"], d)) / 365.25
                code = (
                    "PN0"
                    if a < 4
                    else choice(
                        rng,
                        ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"],
                        [0.5, 0.05, 0.05, 0.05, 0.05, 0.2, 0.1],
                        1,
                    )[0]
                )
                rv.append((p["child"], dob_by.get(p["child"], ""), D.iso(np.array([d]))[0], code))
    reviews = pd.DataFrame(rv, columns=["CHILD", "DOB", "REVIEW", "REVIEW_CODE"])
    reviews["REVIEW"] = _uk(reviews["REVIEW"])
    # UASC.
    u = ch[(ch["uasc"] == "Y") & looked_after]
    uasc = pd.DataFrame(
        {
            "CHILD": u["child_id"].to_numpy(),
            "SEX": u["sex"].map(Y.sex_codes(cfg.year)).to_numpy(),
            "DOB": _uk(u["dob"]).to_numpy(),
            "DUC": _uk(pd.Series(D.iso(D.birthday(_days(u["dob"]), 18)))).to_numpy(),
        }
    )
    # OC2: looked after continuously for 12 months at 31 March.
    # As the DfE's rules read it: in care on 31 March (an episode ending that day still counts)
    # and since 1 April, with no new period of care in between.
    oc2_p = per[(per["open"] | (per["e"] == ref)) & (per["s"] <= start)]
    oc2_ids = oc2_p["child"].to_numpy()
    n = len(oc2_ids)
    a_end = np.array([(ref - dob_days[c]) / 365.25 for c in oc2_ids]) if n else np.array([])
    a_start = np.array([(start - dob_days[c]) / 365.25 for c in oc2_ids]) if n else np.array([])
    sdq_due = (a_start >= 4) & (a_end < 17)
    has_score = sdq_due & (rng.random(n) < 0.8)
    score = np.where(has_score, rng.integers(2, 30, n).astype(str), "")
    reason = np.where(
        sdq_due & ~has_score, choice(rng, ["SDQ2", "SDQ4", "SDQ5"], [0.3, 0.4, 0.3], n), ""
    )
    # A child who turns 4 or 17 in the year is outside the SDQ ages at the latest assessment, so
    # the return says why there is no score (SDQ1; 903 rule 197B).
    dob_o = np.array([dob_days[c] for c in oc2_ids], dtype=np.int64)
    edge = np.zeros(n, bool)
    for years in (4, 17):
        bday = D.birthday(dob_o, years) if n else dob_o
        edge |= (bday >= start) & (bday <= ref)
    reason = np.where(edge & ~sdq_due, "SDQ1", reason)
    flag = lambda p: np.where(rng.random(n) < p, "1", "0")
    sub = flag(0.04)
    received = np.where(sub == "1", flag(0.6), "")
    offered = np.where(received == "0", flag(0.7), "")
    oc2 = pd.DataFrame(
        {
            "CHILD": oc2_ids,
            "DOB": [dob_by[c] for c in oc2_ids],
            "SDQ_SCORE": score,
            "SDQ_REASON": reason,
            "CONVICTED": np.where(a_end >= 10, flag(0.03), ""),
            "HEALTH_CHECK": np.where(a_end < 5, flag(0.9), ""),
            "IMMUNISATIONS": flag(0.85),
            "TEETH_CHECK": flag(0.75),
            "HEALTH_ASSESSMENT": flag(0.9),
            "SUBSTANCE_MISUSE": sub,
            "INTERVENTION_RECEIVED": received,
            "INTERVENTION_OFFERED": offered,
        }
    )
    # OC3.
    oc3 = pd.DataFrame(
        {
            "CHILD": cl["child_id"],
            "DOB": [dob_by.get(c, "") for c in cl["child_id"]],
            "IN_TOUCH": cl["in_touch"],
            "ACTIV": cl["activity"],
            "ACCOM": cl["accommodation"],
        }
    )
    # Adoption: children adopted in the year, and children with a decision to place for adoption.
    adopted = per[per["last_rec"].isin(["E11", "E12"]) & (per["e"] >= start)]
    ad_rows, pa_rows = [], []
    for pid, p in adopted.iterrows():
        ep = e[e["period_id"] == pid]
        placed = _days(ep.loc[ep["place"].isin(["A3", "A4", "A5", "A6"]), "decom"])
        e1 = _days(ep.loc[ep["legal_status"] == "E1", "decom"])
        d_place = int(placed.min()) if len(placed) else int(p["e"]) - 120
        d_int = max(
            int(p["s"]), (int(e1.min()) if len(e1) else d_place - 200) - int(rng.integers(30, 90))
        )
        d_match = max(d_int, d_place - int(rng.integers(7, 30)))
        couple = rng.random() < 0.8
        sex_a = (
            choice(rng, ["MF", "MM", "FF"], [0.85, 0.07, 0.08], 1)[0]
            if couple
            else choice(rng, ["F1", "M1"], [0.85, 0.15], 1)[0]
        )
        ls_a = ("L3" if sex_a == "MF" else "L4") if couple else "L0"
        iso = lambda x: D.iso(np.array([x]))[0]
        ad_rows.append(
            (
                p["child"],
                dob_by[p["child"]],
                iso(d_int),
                iso(d_match),
                "0",
                "2" if couple else "1",
                sex_a,
                ls_a,
            )
        )
        pa_rows.append((p["child"], dob_by[p["child"]], iso(d_int), "", ""))
    # Every other period with a placement order or an adoption placement has its decision date;
    # one that ended without adoption also says when and why the plan stopped (903 rules 551,
    # 553, 557): RD1 home, RD3 another order made by the court, RD4 any other reason.
    others = per[~per.index.isin(adopted.index)]
    for pid, p in others.iterrows():
        ep = e[
            (e["period_id"] == pid)
            & ((e["legal_status"] == "E1") | e["place"].isin(["A3", "A4", "A5", "A6"]))
        ]
        if len(ep):
            d = max(int(p["s"]), int(_days(ep["decom"]).min()) - int(rng.integers(30, 90)))
            ceased = reason_ceased = ""
            if not p["open"]:
                ceased = D.iso(np.array([int(p["e"])]))[0]
                reason_ceased = (
                    "RD1"
                    if p["last_rec"] in ("E4A", "E4B", "E13")
                    else "RD3"
                    if p["last_rec"] in ("E41", "E45", "E46", "E47", "E48")
                    else "RD4"
                )
            pa_rows.append(
                (p["child"], dob_by[p["child"]], D.iso(np.array([d]))[0], ceased, reason_ceased)
            )
    ad1 = pd.DataFrame(ad_rows, columns=COLUMNS["AD1"])
    for c in ("DATE_INT", "DATE_MATCH"):
        ad1[c] = _uk(ad1[c])
    placed = pd.DataFrame(pa_rows, columns=COLUMNS["PlacedAdoption"]).drop_duplicates("CHILD")
    placed["DATE_PLACED"] = _uk(placed["DATE_PLACED"])
    placed["DATE_PLACED_CEASED"] = _uk(placed["DATE_PLACED_CEASED"])
    # Previous permanence: asked of each child who starts to be looked after in the year (Z1 =
    # none known; 903 rule 634).
    la_ids = sorted(set(e.loc[(e["rne"] == "S") & (ds >= start), "child_id"]))
    prev = pd.DataFrame(
        {
            "CHILD": la_ids,
            "DOB": [dob_by.get(c, "") for c in la_ids],
            "PREV_PERM": "Z1",
            "LA_PERM": "",
            "DATE_PERM": "",
        }
    )
    # Missing and away-from-placement episodes: older children, more from children's homes.
    ms = []
    eps = e.assign(ds=ds, de=de)
    older = eps[[((ref - dob_days.get(c, ref)) / 365.25) >= 11 for c in eps["child_id"]]]
    for _, row in older.iterrows():
        lo = max(int(row["ds"]), start)
        hi = ref if row["de"] == D.MISSING else min(int(row["de"]), ref)
        if hi - lo < 5:
            continue
        lam = (0.9 if row["place"] in ("K2", "H5") else 0.15) * (hi - lo) / 365.25
        k = rng.poisson(lam)
        for s in np.sort(rng.integers(lo, hi - 3, k)) if k else []:
            ms.append(
                (
                    row["child_id"],
                    dob_by.get(row["child_id"], ""),
                    "M" if rng.random() < 0.7 else "A",
                    D.iso(np.array([s]))[0],
                    D.iso(np.array([s + int(rng.integers(0, 3))]))[0],
                )
            )
    missing = pd.DataFrame(ms, columns=COLUMNS["Missing"]).drop_duplicates(["CHILD", "MIS_START"])
    # Missing periods must not overlap: keep those that start after the previous one ended.
    if len(missing):
        missing = missing.sort_values(["CHILD", "MIS_START"], kind="stable")
        prev_end = missing.groupby("CHILD")["MIS_END"].shift()
        missing = missing[prev_end.isna() | (missing["MIS_START"] > prev_end)]
    for c in ("MIS_START", "MIS_END"):
        missing[c] = _uk(missing[c])
    out = {
        "Header": header,
        "Episodes": episodes,
        "Reviews": reviews,
        "UASC": uasc,
        "OC2": oc2,
        "OC3": oc3,
        "AD1": ad1,
        "PlacedAdoption": placed,
        "PrevPerm": prev,
        "Missing": missing,
    }
    return {k: v[COLUMNS[k]].reset_index(drop=True) for k, v in out.items()}


def write_903(tables: dict[str, pd.DataFrame], out: Path, year: int) -> list[Path]:
    """One CSV per 903 table, columns in specification order."""
    files = []
    for name, df in tables.items():
        path = Path(out) / f"synthetic_ssda903_{year - 1}-{str(year)[-2:]}_{name}.csv"
        write_table(df, path, "csv")
        files.append(path)
    return files
