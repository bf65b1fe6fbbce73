"""An optional, seeded layer of realistic data-quality faults, with a fault log as ground truth.

Each fault is put into the tidy tables where the year's statutory returns will carry it, and the
log names the DfE validation rule that should catch it, checked against the year's rule book. The faults have their own
random stream, so the same seed gives the same clean data with or without them.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from childinfo.errors import ChildinfoError
from childinfo.synth import codes as C
from childinfo.synth.returns.cin import cin_tables
from childinfo.synth.returns.rulebook import rule_label
from childinfo.synth.returns.ssda903 import ssda903_tables
from childinfo.synth.streams import rng_for

_ETH_VARIANTS = {
    "WBRI": [
        "White British",
        "WBRI - White British",
        "A1 - White British",
        "wbri",
        "White - British",
    ],
    "WOTH": ["White Other", "WOTH ", "Any other White background"],
    "APKN": ["Pakistani", "Asian - Pakistani", "APKN (Pakistani)"],
    "BAFR": ["Black African", "B2 - African", "Black - African"],
}
_SEX_VARIANTS = {"M": ["Male", "male", "Boy", "m"], "F": ["Female", "female", "Girl", "f"]}
_NEED_INVALID = ["N10", "n1", "1", "N 1", "Abuse or neglect"]

LOG_COLUMNS = [
    "fault_id",
    "table",
    "row_key",
    "column",
    "fault_type",
    "rule",
    "original_value",
    "injected_value",
    "child_id",
]


def _d(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s.replace("", None), errors="coerce")


class _Injector:
    def __init__(self, la, rate: float):
        self.la = la
        self.t = {k: v.copy() for k, v in la.tables.items()}
        self.rng = rng_for(la.config.seed, "faults")
        self.rate = rate
        self.log: list[tuple] = []
        self.used: dict[str, set] = {}
        cfg = la.config
        self.start, self.ref = pd.Timestamp(cfg.start_date), pd.Timestamp(cfg.ref_date)

    def rule(self, ret: str, code: str) -> str:
        """The fault log's name for a rule ("CIN 1510"), which must be in the year's rule book."""
        return rule_label(ret, code, self.la.config.year)

    def pick(self, table: str, mask: pd.Series) -> np.ndarray:
        """Choose rows for one fault: a share ``rate`` of the eligible rows, never reusing a row."""
        used = self.used.setdefault(table, set())
        idx = np.array([i for i in np.flatnonzero(mask.to_numpy()) if i not in used])
        if len(idx) == 0:
            return idx
        k = min(len(idx), max(1, int(round(self.rate * len(idx)))))
        chosen = np.sort(self.rng.choice(idx, size=k, replace=False))
        used.update(chosen.tolist())
        return chosen

    def set(
        self,
        table: str,
        rows,
        column: str,
        new_values,
        fault_type: str,
        rule: str,
        key: str,
        child: str = "child_id",
    ):
        df = self.t[table]
        for i, new in zip(rows, new_values):
            old = df.iat[i, df.columns.get_loc(column)]
            df.iat[i, df.columns.get_loc(column)] = new
            self.log.append(
                (
                    table,
                    df.iat[i, df.columns.get_loc(key)],
                    column,
                    fault_type,
                    rule,
                    str(old),
                    str(new),
                    df.iat[i, df.columns.get_loc(child)],
                )
            )


def inject_faults(la, rate: float = 0.02):
    """Return a copy of the authority with seeded faults and ``fault_log`` filled in.

    Example:
        >>> from childinfo.synth import AuthorityConfig, generate_authority
        >>> la = generate_authority(AuthorityConfig(n_children=4000, seed=6), faults=0.05)
        >>> sorted(la.fault_log["rule"].str.split().str[0].unique())
        ['903', 'CIN']
    """
    if not 0 < rate <= 0.2:
        raise ChildinfoError("faults rate must be above 0 and at most 0.2 (e.g. 0.02)")
    inj = _Injector(la, rate)
    t, rng = inj.t, inj.rng
    cin_children = set(cin_tables(la)["ChildIdentifiers"]["LAchildID"])
    s903 = ssda903_tables(la)
    la903 = set(s903["Episodes"]["CHILD"])
    ch = t["children"]
    in_cin = ch["child_id"].isin(cin_children)
    only_903 = ch["child_id"].isin(la903) & ~in_cin

    # Children: missing or variant ethnicity, wrong UPN check letter, NONE mixed with a disability,
    # a variant sex label, and a date of birth after the first care episode.
    rows = inj.pick("children", in_cin & (ch["ethnicity"] != ""))
    inj.set(
        "children",
        rows,
        "ethnicity",
        [""] * len(rows),
        "missing_code",
        inj.rule("CIN", "4220"),
        "child_id",
    )
    rows = inj.pick("children", only_903)
    inj.set(
        "children",
        rows,
        "ethnicity",
        [""] * len(rows),
        "missing_code",
        inj.rule("SSDA903", "103"),
        "child_id",
    )
    rows = inj.pick("children", in_cin & ch["ethnicity"].isin(list(_ETH_VARIANTS)))
    inj.set(
        "children",
        rows,
        "ethnicity",
        [
            _ETH_VARIANTS[ch.at[i, "ethnicity"]][
                rng.integers(0, len(_ETH_VARIANTS[ch.at[i, "ethnicity"]]))
            ]
            for i in rows
        ],
        "variant_spelling",
        inj.rule("CIN", "4220"),
        "child_id",
    )
    rows = inj.pick("children", in_cin & (ch["upn"] != ""))
    letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
    new = []
    for i in rows:
        u = ch.at[i, "upn"]
        wrong = letters[(letters.index(u[0]) + 1 + int(rng.integers(0, 21))) % 23]
        new.append(wrong + u[1:])
    inj.set(
        "children", rows, "upn", new, "invalid_check_letter", inj.rule("CIN", "1510"), "child_id"
    )
    rows = inj.pick("children", in_cin & (ch["disability"] == "NONE"))
    inj.set(
        "children",
        rows,
        "disability",
        [f"NONE;{c}" for c in rng.choice(["AUT", "COMM", "BEH", "LD"], len(rows))],
        "contradictory_code",
        inj.rule("CIN", "8790"),
        "child_id",
    )
    rows = inj.pick("children", in_cin)
    inj.set(
        "children",
        rows,
        "sex",
        [_SEX_VARIANTS[ch.at[i, "sex"]][rng.integers(0, 4)] for i in rows],
        "variant_spelling",
        inj.rule("CIN", "4180"),
        "child_id",
    )
    first_decom = t["care_episodes"].groupby("child_id")["decom"].min()
    in_year_start = _d(first_decom) >= inj.start
    movable = ch["child_id"].map(in_year_start).fillna(False).astype(bool)
    rows = inj.pick("children", movable)
    new = [
        (
            _d(pd.Series([first_decom[ch.at[i, "child_id"]]])).iloc[0]
            + pd.Timedelta(days=int(rng.integers(5, 40)))
        )
        .date()
        .isoformat()
        for i in rows
    ]
    new = [min(n, inj.ref.date().isoformat()) for n in new]
    inj.set("children", rows, "dob", new, "date_conflict", inj.rule("SSDA903", "302"), "child_id")

    # Referrals: closure before referral, missing source, invalid primary need.
    r = t["referrals"]
    rd, cd = _d(r["referral_date"]), _d(r["closure_date"])
    in_year = r["child_id"].isin(cin_children) & (cd.isna() | (cd >= inj.start)) & (rd <= inj.ref)
    rows = inj.pick("referrals", in_year & cd.notna() & (cd > rd) & (rd >= inj.start))
    inj.set(
        "referrals",
        rows,
        "closure_date",
        [
            (rd.iloc[i] - pd.Timedelta(days=int(rng.integers(1, 30)))).date().isoformat()
            for i in rows
        ],
        "date_conflict",
        inj.rule("CIN", "8630"),
        "referral_id",
    )
    rows = inj.pick("referrals", in_year)
    inj.set(
        "referrals",
        rows,
        "referral_source",
        [""] * len(rows),
        "missing_code",
        inj.rule("CIN", "8866"),
        "referral_id",
    )
    rows = inj.pick("referrals", in_year & (r["referral_nfa"] == "false"))
    inj.set(
        "referrals",
        rows,
        "primary_need_code",
        rng.choice(_NEED_INVALID, len(rows)).tolist(),
        "invalid_code",
        inj.rule("CIN", "8650"),
        "referral_id",
    )

    # Child protection: plan ending before it starts; a conference moved to a Saturday.
    c = t["cp_plans"]
    cs, ce = _d(c["start_date"]), _d(c["end_date"])
    rows = inj.pick(
        "cp_plans",
        c["child_id"].isin(cin_children) & ce.notna() & (cs >= inj.start + pd.Timedelta(days=30)),
    )
    inj.set(
        "cp_plans",
        rows,
        "end_date",
        [
            (cs.iloc[i] - pd.Timedelta(days=int(rng.integers(1, 20)))).date().isoformat()
            for i in rows
        ],
        "date_conflict",
        inj.rule("CIN", "8925"),
        "cpp_id",
    )
    s = t["section47"]
    ic = _d(s["icpc_date"])
    rows = inj.pick(
        "section47",
        s["child_id"].isin(cin_children)
        & ic.notna()
        & (ic >= inj.start)
        & (ic <= inj.ref - pd.Timedelta(days=7)),
    )
    inj.set(
        "section47",
        rows,
        "icpc_date",
        [
            (ic.iloc[i] + pd.Timedelta(days=5 - ic.iloc[i].weekday())).date().isoformat()
            for i in rows
        ],
        "weekend_date",
        inj.rule("CIN", "8875"),
        "s47_id",
    )

    # Assessment factors: "21 no factors" recorded alongside real factors.
    a = t["assessments"]
    ae = _d(a["authorisation_date"])
    done = a[a["child_id"].isin(cin_children) & ae.notna() & (ae >= inj.start)]
    f = t["assessment_factors"]
    has21 = set(f.loc[f["factor"] == "21", "assessment_id"])
    cand = done[~done["assessment_id"].isin(has21)]
    mask = a.index.isin(cand.index)
    rows = inj.pick("assessments", pd.Series(mask))
    add = pd.DataFrame({"assessment_id": a.iloc[rows]["assessment_id"].to_numpy(), "factor": "21"})
    t["assessment_factors"] = (
        pd.concat([f, add], ignore_index=True)
        .sort_values("assessment_id", kind="stable")
        .reset_index(drop=True)
    )
    for i in rows:
        inj.log.append(
            (
                "assessment_factors",
                a.iat[i, 0],
                "factor",
                "contradictory_code",
                inj.rule("CIN", "8869"),
                "",
                "21",
                a.at[i, "child_id"],
            )
        )

    # Care episodes: DEC before DECOM, a 2024-25 placement code in a 2022-23 return, P1 under s20,
    # and a missing provider.
    e = t["care_episodes"]
    ds, de = _d(e["decom"]), _d(e["dec"])
    e_in = e["child_id"].isin(la903) & (de.isna() | (de >= inj.start)) & (ds <= inj.ref)
    rows = inj.pick("care_episodes", e_in & de.notna() & (ds >= inj.start))
    inj.set(
        "care_episodes",
        rows,
        "dec",
        [
            (ds.iloc[i] - pd.Timedelta(days=int(rng.integers(1, 15)))).date().isoformat()
            for i in rows
        ],
        "date_conflict",
        inj.rule("SSDA903", "356"),
        "episode_id",
    )
    rows = inj.pick("care_episodes", e_in & (e["place"] == "H5"))
    # A code from another year's list: K3 before it existed (2025-26), P2 after it was withdrawn.
    drift = "K3" if inj.ref.year < 2026 else "P2"
    inj.set(
        "care_episodes",
        rows,
        "place",
        [drift] * len(rows),
        "code_drift",
        inj.rule("SSDA903", "146"),
        "episode_id",
    )
    rows = inj.pick("care_episodes", e_in & (e["place"] == "P1"))
    inj.set(
        "care_episodes",
        rows,
        "legal_status",
        ["V2"] * len(rows),
        "contradictory_code",
        inj.rule("SSDA903", "378"),
        "episode_id",
    )
    rows = inj.pick("care_episodes", e_in & ~e["place"].isin(C.NO_PROVIDER_PLACEMENTS))
    inj.set(
        "care_episodes",
        rows,
        "place_provider",
        [""] * len(rows),
        "missing_code",
        inj.rule("SSDA903", "178"),
        "episode_id",
    )

    # Care leavers: an accommodation code without its suitability digit.
    cl = t["care_leavers"]
    rows = inj.pick("care_leavers", cl["accommodation"].str.len() == 2)
    inj.set(
        "care_leavers",
        rows,
        "accommodation",
        [v[0] for v in cl["accommodation"].iloc[rows]],
        "invalid_code",
        inj.rule("SSDA903", "133"),
        "child_id",
    )

    # Duplicate children: the same child entered twice under a new ID (same UPN, a name variant).
    ch = t["children"]
    dup_pool = ch["child_id"].isin(cin_children) & (ch["upn"] != "")
    rows = inj.pick("children", dup_pool)
    next_no = int(ch["child_id"].str[6:].astype(int).max()) + 1
    new_rows, new_refs = [], []
    r = t["referrals"]
    for j, i in enumerate(rows):
        row = ch.iloc[i].copy()
        old_id = row["child_id"]
        row["child_id"] = f"SYN{la.config.number:03d}{next_no + j:07d}"
        row["forename"] = (
            row["forename"][:-1] if len(row["forename"]) > 3 else row["forename"].upper()
        )
        new_rows.append(row)
        refs = r[r["child_id"] == old_id].copy()
        refs["child_id"] = row["child_id"]
        refs["referral_id"] = refs["referral_id"] + "D"
        new_refs.append(refs)
        inj.log.append(
            (
                "children",
                row["child_id"],
                "*",
                "duplicate_child",
                inj.rule("CIN", "1520"),
                old_id,
                row["child_id"],
                row["child_id"],
            )
        )
        # The duplicate's copied referrals are injected rows too: one log row each.
        for new_rid in refs["referral_id"]:
            inj.log.append(
                (
                    "referrals",
                    new_rid,
                    "*",
                    "duplicate_child",
                    inj.rule("CIN", "1520"),
                    new_rid[:-1],
                    new_rid,
                    row["child_id"],
                )
            )
    if new_rows:
        t["children"] = pd.concat([ch, pd.DataFrame(new_rows)], ignore_index=True)
        t["referrals"] = pd.concat([r, *new_refs], ignore_index=True)

    log = pd.DataFrame(inj.log, columns=LOG_COLUMNS[1:])
    log.insert(0, "fault_id", [f"F{i:05d}" for i in range(1, len(log) + 1)])
    return replace(la, tables=t, fault_log=log)
