"""DfE validation rules (2022-23) that apply to the exported returns, written as pandas checks.

Only rules the exports can meet or break are here; each returns the children (and rows) that fail
it. Rule codes and meanings are in the course brief ``return-rules/``; this is our own code.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from stdnum.gb import upn as stdnum_upn

from childinfo.synth import codes as C
from childinfo.synth.returns import years as Y


def _d(s: pd.Series, fmt: str = "%Y-%m-%d") -> pd.Series:
    return pd.to_datetime(s.fillna("").replace("", None), errors="coerce", format=fmt)


def _fail(
    out: list,
    rule: str,
    table: str,
    df: pd.DataFrame,
    child_col: str,
    detail: str,
    severity: str = "error",
):
    for child in df[child_col].tolist() if len(df) else []:
        out.append((rule, severity, table, child, detail))


_UPN = re.compile(r"^[A-Z]\d{12}$|^[A-Z]\d{11}[A-Z]$")


def check_cin(t: dict[str, pd.DataFrame], cfg) -> pd.DataFrame:
    """Run the CIN rules; one row per failure (rule, severity, table, LAchildID, detail).

    Example:
        >>> from childinfo.synth import AuthorityConfig, generate_authority
        >>> from childinfo.synth.returns import cin_tables
        >>> la = generate_authority(AuthorityConfig(n_children=2000, seed=8))
        >>> check_cin(cin_tables(la), la.config).columns.tolist()
        ['rule', 'severity', 'table', 'child', 'detail']
    """
    out: list = []
    start, ref = pd.Timestamp(cfg.start_date), pd.Timestamp(cfg.ref_date)
    h = t["Header"].iloc[0]
    if h["ReferenceDate"] != ref.date().isoformat():
        out.append(
            ("100", "error", "Header", "", "ReferenceDate is not 31 March of the collection year")
        )
    ci = t["ChildIdentifiers"]
    _fail(
        out,
        "8500",
        "ChildIdentifiers",
        ci[ci["LAchildID"] == ""],
        "LAchildID",
        "LAchildID missing",
    )
    _fail(
        out,
        "8510",
        "ChildIdentifiers",
        ci[ci["LAchildID"].duplicated(keep=False)],
        "LAchildID",
        "duplicate LAchildID",
    )
    bad_id = ~ci["LAchildID"].str.fullmatch(r"[A-Za-z0-9]{1,20}")
    _fail(
        out,
        "1570",
        "ChildIdentifiers",
        ci[bad_id],
        "LAchildID",
        "LAchildID not alphanumeric up to 20 characters",
    )
    upn = ci[ci["UPN"] != ""]
    fmt_ok = upn["UPN"].str.match(_UPN)
    _fail(
        out,
        "1540",
        "ChildIdentifiers",
        upn[~upn["UPN"].str[4:12].str.fullmatch(r"\d{8}")],
        "LAchildID",
        "UPN characters 5-12 not numeric",
    )
    ok = upn[fmt_ok]
    wrong = ok[[stdnum_upn.calc_check_digit(u[1:]) != u[0] for u in ok["UPN"]]]
    _fail(out, "1510", "ChildIdentifiers", wrong, "LAchildID", "UPN check letter wrong")
    la_bad = ok[~ok["UPN"].str[1:4].astype(int).isin(C.UPN_LA_CODES)]
    _fail(out, "1530", "ChildIdentifiers", la_bad, "LAchildID", "UPN LA code not recognised")
    _fail(
        out,
        "1520",
        "ChildIdentifiers",
        upn[upn["UPN"].duplicated(keep=False)],
        "LAchildID",
        "duplicate UPN",
    )
    sex_field = Y.cin_sex_field(cfg.year)
    sex_col = ci[sex_field] if sex_field in ci else pd.Series("", index=ci.index)
    gender_ok = sex_col.isin(Y.valid_sex_codes(cfg.year))
    _fail(
        out,
        "4180",
        "ChildIdentifiers",
        ci[~gender_ok],
        "LAchildID",
        f"{sex_field} missing or invalid",
    )
    dob = _d(ci["PersonBirthDate"])
    _fail(
        out,
        "8520",
        "ChildIdentifiers",
        ci[dob > ref],
        "LAchildID",
        "date of birth after the census",
    )
    both = (ci["PersonBirthDate"] == "") == (ci["ExpectedPersonBirthDate"] == "")
    _fail(
        out,
        "8525Q",
        "ChildIdentifiers",
        ci[both],
        "LAchildID",
        "need exactly one of DOB or expected DOB",
        "query",
    )
    age = (ref - dob).dt.days / 365.25
    _fail(
        out,
        "8770Q",
        "ChildIdentifiers",
        ci[(age > 5) & (ci["UPN"] == "") & (ci["UPNunknown"] == "")],
        "LAchildID",
        "no UPN or reason for a child over 5",
        "query",
    )
    ch = t["ChildCharacteristics"]
    _fail(
        out,
        "4220",
        "ChildCharacteristics",
        ch[~ch["Ethnicity"].isin(C.ETHNICITY)],
        "LAchildID",
        "ethnicity missing or invalid",
    )
    dis = t["Disabilities"]
    _fail(
        out,
        "8540",
        "Disabilities",
        dis[~dis["Disability"].isin(C.DISABILITY)],
        "LAchildID",
        "disability invalid",
    )
    no_dis = ci[~ci["LAchildID"].isin(dis["LAchildID"])]
    _fail(out, "8540", "Disabilities", no_dis, "LAchildID", "disability missing")
    g = dis.groupby("LAchildID")["Disability"]
    mixed = g.apply(lambda s: "NONE" in set(s) and len(set(s)) > 1)
    _fail(
        out,
        "8790",
        "Disabilities",
        mixed[mixed].reset_index(),
        "LAchildID",
        "NONE with other disability codes",
    )
    dup = dis[dis.duplicated(keep=False)]
    _fail(
        out,
        "8794",
        "Disabilities",
        dup.drop_duplicates(),
        "LAchildID",
        "same disability code twice",
    )

    det = t["CINdetails"]
    rd, cd = _d(det["CINreferralDate"]), _d(det["CINclosureDate"])
    _fail(
        out,
        "8590",
        "ChildIdentifiers",
        ci[~ci["LAchildID"].isin(det["LAchildID"])],
        "LAchildID",
        "no CIN episode",
    )
    _fail(
        out,
        "8600",
        "CINdetails",
        det[rd.isna() | (rd > ref)],
        "LAchildID",
        "referral date missing or after the census",
    )
    _fail(
        out,
        "8866",
        "CINdetails",
        det[~det["ReferralSource"].isin(C.REFERRAL_SOURCES)],
        "LAchildID",
        "referral source missing or invalid",
    )
    pn = det["PrimaryNeedCode"]
    _fail(
        out,
        "8650",
        "CINdetails",
        det[(pn != "") & ~pn.isin(C.PRIMARY_NEED)],
        "LAchildID",
        "primary need code invalid",
    )
    _fail(
        out,
        "8610",
        "CINdetails",
        det[(pn == "") & det["ReferralNFA"].isin(["false", "0"])],
        "LAchildID",
        "primary need missing",
    )
    _fail(
        out,
        "8568",
        "CINdetails",
        det[~det["ReferralNFA"].isin(["true", "false", "1", "0", "TRUE", "FALSE"])],
        "LAchildID",
        "ReferralNFA invalid",
    )
    _fail(
        out,
        "8620",
        "CINdetails",
        det[cd.notna() & ((cd < start) | (cd > ref))],
        "LAchildID",
        "closure outside the census year",
    )
    _fail(
        out,
        "8630",
        "CINdetails",
        det[cd.notna() & rd.notna() & (cd < rd)],
        "LAchildID",
        "closure before referral",
    )
    rc = det["ReasonForClosure"]
    _fail(
        out,
        "8640",
        "CINdetails",
        det[(rc != "") & ~rc.isin(C.REASON_FOR_CLOSURE)],
        "LAchildID",
        "closure reason invalid",
    )
    _fail(
        out,
        "8805",
        "CINdetails",
        det[cd.notna() & (rc == "")],
        "LAchildID",
        "closure date without a reason",
    )
    _fail(
        out,
        "8810",
        "CINdetails",
        det[cd.isna() & (rc != "")],
        "LAchildID",
        "reason without a closure date",
    )
    dob_by = dict(zip(ci["LAchildID"], dob))
    ddob = det["LAchildID"].map(dob_by)
    _fail(
        out,
        "8606",
        "CINdetails",
        det[rd < ddob - pd.Timedelta(weeks=40)],
        "LAchildID",
        "referral more than 40 weeks before birth",
    )
    opened = det[cd.isna() & det["ReferralNFA"].isin(["false", "0"])]
    _fail(
        out,
        "8815",
        "CINdetails",
        opened[opened["LAchildID"].duplicated(keep=False)].drop_duplicates("LAchildID"),
        "LAchildID",
        "more than one open episode",
    )
    srt = det.assign(rd=rd, cd=cd).sort_values(["LAchildID", "rd"])
    prev_end = srt.groupby("LAchildID")["cd"].shift()
    prev_open = srt.groupby("LAchildID")["cd"].shift().isna() & srt.groupby(
        "LAchildID"
    ).cumcount().gt(0)
    overlap = srt[(srt["rd"] <= prev_end) | prev_open]
    _fail(out, "8820", "CINdetails", overlap, "LAchildID", "CIN episodes overlap")

    ep_rd, ep_cd = rd.set_axis(det["CINdetailsID"]), cd.set_axis(det["CINdetailsID"])
    ep_nfa = det.set_index("CINdetailsID")["ReferralNFA"].isin(["true", "1", "TRUE"])
    ep_rc = det.set_index("CINdetailsID")["ReasonForClosure"]

    a = t["Assessments"]
    ast, aend = _d(a["AssessmentActualStartDate"]), _d(a["AssessmentAuthorisationDate"])
    ard = a["CINdetailsID"].map(ep_rd)
    _fail(out, "1103", "Assessments", a[ast < ard], "LAchildID", "assessment before referral")
    _fail(
        out,
        "8608",
        "Assessments",
        a[aend.notna() & (ast > aend)],
        "LAchildID",
        "assessment start after end",
    )
    _fail(
        out,
        "8696",
        "Assessments",
        a[aend.notna() & ((aend < start) | (aend > ref))],
        "LAchildID",
        "assessment end outside the year",
    )
    _fail(
        out,
        "8736",
        "Assessments",
        a[aend.isna() & ((ast < start) | (ast > ref))],
        "LAchildID",
        "open assessment start outside the year",
    )
    _fail(
        out,
        "8867",
        "Assessments",
        a[aend.isna() & a["CINdetailsID"].map(ep_cd).notna()],
        "LAchildID",
        "closed episode, assessment not completed",
    )
    _fail(
        out,
        "8831",
        "Assessments",
        a[a["CINdetailsID"].map(ep_nfa).fillna(False)],
        "LAchildID",
        "activity on an NFA referral",
    )
    fac = t["AssessmentFactorsList"]
    fac_by = fac.groupby("AssessmentID")["AssessmentFactors"]
    has21 = fac_by.apply(lambda s: "21" in set(s) and len(s) > 1)
    a21 = a[a["AssessmentID"].isin(has21[has21].index)]
    _fail(out, "8869", "AssessmentFactorsList", a21, "LAchildID", "factor 21 with other factors")
    dupf = fac[fac.duplicated(keep=False)]["AssessmentID"].unique()
    _fail(
        out,
        "8898",
        "AssessmentFactorsList",
        a[a["AssessmentID"].isin(dupf)],
        "LAchildID",
        "same factor twice",
    )
    _fail(
        out,
        "8614",
        "AssessmentFactorsList",
        a[aend.isna() & a["AssessmentID"].isin(fac["AssessmentID"])],
        "LAchildID",
        "factors on an open assessment",
    )
    nofac = a[aend.notna() & ~a["AssessmentID"].isin(fac["AssessmentID"])]
    _fail(
        out,
        "8897Q",
        "AssessmentFactorsList",
        nofac,
        "LAchildID",
        "completed assessment without factors",
        "query",
    )
    badf = fac[~fac["AssessmentFactors"].isin(C.ASSESSMENT_FACTORS)]
    _fail(
        out,
        "8897Q",
        "AssessmentFactorsList",
        a[a["AssessmentID"].isin(badf["AssessmentID"])],
        "LAchildID",
        "factor code invalid",
        "query",
    )

    p = t["CINplanDates"]
    ps, pe = _d(p["CINPlanStartDate"]), _d(p["CINPlanEndDate"])
    _fail(
        out,
        "4000",
        "CINplanDates",
        p[p["CINdetailsID"].map(ep_nfa).fillna(False)],
        "LAchildID",
        "CIN plan on an NFA referral",
    )
    _fail(
        out,
        "4010",
        "CINplanDates",
        p[ps.isna() | (ps > ref)],
        "LAchildID",
        "plan start missing or after the census",
    )
    _fail(
        out,
        "4011",
        "CINplanDates",
        p[pe.notna() & (pe < ps)],
        "LAchildID",
        "plan end before start",
    )
    _fail(
        out,
        "4013",
        "CINplanDates",
        p[pe.notna() & ((pe < start) | (pe > ref))],
        "LAchildID",
        "plan end outside the year",
    )
    _fail(
        out,
        "4015",
        "CINplanDates",
        p[ps < p["CINdetailsID"].map(ep_rd)],
        "LAchildID",
        "plan before referral",
    )

    s = t["Section47"]
    ss, sic = _d(s["S47ActualStartDate"]), _d(s["DateOfInitialCPC"])
    srd = s["CINdetailsID"].map(ep_rd)
    _fail(out, "2889", "Section47", s[ss < srd], "LAchildID", "s47 before referral")
    _fail(out, "1104", "Section47", s[sic < srd], "LAchildID", "ICPC before referral")
    _fail(
        out,
        "8615",
        "Section47",
        s[ss.isna() | (sic.notna() & (ss > sic))],
        "LAchildID",
        "s47 start missing or after ICPC",
    )
    _fail(
        out,
        "8715",
        "Section47",
        s[sic.notna() & ((sic < start) | (sic > ref))],
        "LAchildID",
        "ICPC outside the year",
    )
    _fail(
        out,
        "8740",
        "Section47",
        s[sic.isna() & ((ss < start) | (ss > ref))],
        "LAchildID",
        "open s47 start outside the year",
    )
    _fail(
        out,
        "8875",
        "Section47",
        s[sic.notna() & (sic.dt.day_of_week >= 5)],
        "LAchildID",
        "ICPC at a weekend",
    )
    tgt = _d(s["InitialCPCtarget"])
    _fail(
        out,
        "8870Q",
        "Section47",
        s[tgt.notna() & (tgt.dt.day_of_week >= 5)],
        "LAchildID",
        "ICPC target at a weekend",
        "query",
    )
    _fail(
        out,
        "8832",
        "Section47",
        s[s["CINdetailsID"].map(ep_nfa).fillna(False)],
        "LAchildID",
        "s47 on an NFA referral",
    )
    closed = s["CINdetailsID"].map(ep_cd).notna()
    _fail(
        out,
        "8868",
        "Section47",
        s[closed & sic.isna() & ~s["ICPCnotRequired"].isin(["true", "1", "TRUE"])],
        "LAchildID",
        "closed episode, s47 neither conferenced nor marked not required",
    )

    c = t["ChildProtectionPlans"]
    cs, ce = _d(c["CPPstartDate"]), _d(c["CPPendDate"])
    _fail(
        out,
        "1105",
        "ChildProtectionPlans",
        c[cs < c["CINdetailsID"].map(ep_rd)],
        "LAchildID",
        "plan before referral",
    )
    _fail(
        out,
        "8720",
        "ChildProtectionPlans",
        c[cs.isna() | (cs > ref)],
        "LAchildID",
        "plan start missing or after the census",
    )
    _fail(
        out,
        "8925",
        "ChildProtectionPlans",
        c[ce.notna() & (ce < cs)],
        "LAchildID",
        "plan end before start",
    )
    _fail(
        out,
        "8840",
        "ChildProtectionPlans",
        c[ce.notna() & (ce == cs)],
        "LAchildID",
        "plan starts and ends the same day",
    )
    _fail(
        out,
        "8930",
        "ChildProtectionPlans",
        c[ce.notna() & ((ce < start) | (ce > ref))],
        "LAchildID",
        "plan end outside the year",
    )
    _fail(
        out,
        "8905",
        "ChildProtectionPlans",
        c[~c["InitialCategoryOfAbuse"].isin(C.CATEGORY_OF_ABUSE)],
        "LAchildID",
        "initial category invalid",
    )
    _fail(
        out,
        "8910",
        "ChildProtectionPlans",
        c[~c["LatestCategoryOfAbuse"].isin(C.CATEGORY_OF_ABUSE)],
        "LAchildID",
        "latest category invalid",
    )
    _fail(
        out,
        "8730",
        "ChildProtectionPlans",
        c[c["NumberOfPreviousCPP"] == ""],
        "LAchildID",
        "number of previous plans missing",
    )
    _fail(
        out,
        "8832",
        "ChildProtectionPlans",
        c[c["CINdetailsID"].map(ep_nfa).fillna(False)],
        "LAchildID",
        "plan on an NFA referral",
    )
    icpc_by_ep = s.assign(ic=sic).groupby("CINdetailsID")["ic"].apply(set)
    starts_ok = [(st in icpc_by_ep.get(e, set())) for e, st in zip(c["CINdetailsID"], cs)]
    new_in_year = (cs >= start).to_numpy()
    _fail(
        out,
        "2885",
        "ChildProtectionPlans",
        c[new_in_year & ~np.array(starts_ok, bool)],
        "LAchildID",
        "plan start is not the ICPC date",
    )
    opencpp = c[ce.isna()]
    _fail(
        out,
        "8935",
        "ChildProtectionPlans",
        opencpp[opencpp["LAchildID"].duplicated(keep=False)],
        "LAchildID",
        "two open plans",
    )
    rv = t["Reviews"]
    rvd = _d(rv["CPPreviewDate"])
    cpp_start = cs.set_axis(c["CPPID"])
    _fail(
        out,
        "8841",
        "Reviews",
        rv[rvd <= rv["CPPID"].map(cpp_start)],
        "LAchildID",
        "review on or before plan start",
    )
    # No activity after an RC8/RC9 closure.
    rc89 = set(ep_rc[ep_rc.isin(["RC8", "RC9"])].index)
    for name, df in (("CINplanDates", p), ("Section47", s), ("ChildProtectionPlans", c)):
        _fail(
            out,
            "2990",
            name,
            df[df["CINdetailsID"].isin(rc89)],
            "LAchildID",
            "activity after an RC8/RC9 closure",
        )
    # CIN plan open at the same time as a child protection plan.
    if len(p) and len(c):
        m = p.assign(ps=ps, pe=pe.fillna(ref + pd.Timedelta(days=1))).merge(
            c.assign(cs=cs, ce=ce.fillna(ref + pd.Timedelta(days=1)))[["LAchildID", "cs", "ce"]],
            on="LAchildID",
        )
        both = m[(m["ps"] < m["ce"]) & (m["cs"] < m["pe"])]
        _fail(
            out,
            "4001",
            "CINplanDates",
            both.drop_duplicates("LAchildID"),
            "LAchildID",
            "CIN plan concurrent with a CPP",
        )
    return pd.DataFrame(out, columns=["rule", "severity", "table", "child", "detail"])


def check_903(t: dict[str, pd.DataFrame], cfg) -> pd.DataFrame:
    """Run the SSDA903 rules; one row per failure (rule, severity, table, CHILD, detail)."""
    out: list = []
    start, ref = pd.Timestamp(cfg.start_date), pd.Timestamp(cfg.ref_date)
    uk = "%d/%m/%Y"
    hd = t["Header"]
    _fail(
        out,
        "101",
        "Header",
        hd[~hd["SEX"].isin(Y.valid_903_sex_codes(cfg.year))],
        "CHILD",
        "sex code invalid",
    )
    dob = _d(hd["DOB"], uk)
    _fail(out, "102", "Header", hd[dob.isna()], "CHILD", "date of birth invalid")
    _fail(out, "301", "Header", hd[dob > ref], "CHILD", "date of birth after the year")
    _fail(
        out,
        "103",
        "Header",
        hd[~hd["ETHNIC"].isin(C.ETHNICITY)],
        "CHILD",
        "ethnicity invalid or missing",
    )
    upn_ok = hd["UPN"].str.match(r"^(?![IOS])[A-Z](\d{12}|\d{11}[A-Z])$") | hd["UPN"].isin(
        ["UN1", "UN2", "UN3", "UN4", "UN5"]
    )
    _fail(out, "168", "Header", hd[~upn_ok], "CHILD", "UPN invalid")
    _fail(
        out,
        "INT32",
        "Header",
        hd[hd["CHILD"].duplicated(keep=False)],
        "CHILD",
        "child more than once in Header",
    )
    age = (ref - dob).dt.days / 365.25
    _fail(
        out,
        "209",
        "Header",
        hd[(hd["UPN"] == "UN1") & (age >= 5)],
        "CHILD",
        "UN1 for a school-age child",
    )
    dob_by = dict(zip(hd["CHILD"], dob))
    e = t["Episodes"]
    ds, de = _d(e["DECOM"], uk), _d(e["DEC"], uk)
    _fail(
        out,
        "INT03",
        "Episodes",
        e[~e["CHILD"].isin(hd["CHILD"])].drop_duplicates("CHILD"),
        "CHILD",
        "child not in Header",
    )
    _fail(out, "141", "Episodes", e[ds.isna()], "CHILD", "DECOM invalid")
    _fail(out, "143", "Episodes", e[~e["RNE"].isin(C.RNE)], "CHILD", "RNE invalid")
    _fail(
        out, "144", "Episodes", e[~e["LS"].isin(C.LEGAL_STATUS)], "CHILD", "legal status invalid"
    )
    _fail(
        out,
        "145",
        "Episodes",
        e[~e["CIN"].isin([f"N{i}" for i in range(1, 9)])],
        "CHILD",
        "category of need invalid",
    )
    _fail(
        out,
        "146",
        "Episodes",
        e[~e["PLACE"].isin(Y.placement_codes(cfg.year))],
        "CHILD",
        "placement type invalid",
    )
    _fail(out, "147", "Episodes", e[(e["DEC"] != "") & de.isna()], "CHILD", "DEC invalid")
    _fail(
        out,
        "148",
        "Episodes",
        e[(e["DEC"] == "") != (e["REC"] == "")],
        "CHILD",
        "DEC and REC must both be present or absent",
    )
    _fail(
        out,
        "149",
        "Episodes",
        e[(e["REC"] != "") & ~e["REC"].isin(C.REASON_CEASED)],
        "CHILD",
        "REC invalid",
    )
    needs_provider = ~e["PLACE"].isin(C.NO_PROVIDER_PLACEMENTS)
    _fail(
        out,
        "178",
        "Episodes",
        e[needs_provider & ~e["PLACE_PROVIDER"].isin(C.PLACEMENT_PROVIDER)],
        "CHILD",
        "provider invalid",
    )
    _fail(out, "354", "Episodes", e[de > ref], "CHILD", "DEC after the year")
    _fail(out, "355", "Episodes", e[de.notna() & (de == ds)], "CHILD", "episode under 24 hours")
    _fail(out, "356", "Episodes", e[de.notna() & (de < ds)], "CHILD", "DEC before DECOM")
    edob = e["CHILD"].map(dob_by)
    _fail(out, "302", "Episodes", e[ds < edob], "CHILD", "episode before birth")
    start_age = (ds - edob).dt.days / 365.25
    _fail(
        out,
        "352",
        "Episodes",
        e[(e["RNE"] == "S") & (start_age >= 18)],
        "CHILD",
        "started to be looked after at 18 or over",
    )
    _fail(
        out,
        "358",
        "Episodes",
        e[e["LS"].isin(["J1", "J2", "J3"]) & (start_age < 10)],
        "CHILD",
        "youth justice status under 10",
    )
    _fail(
        out,
        "378",
        "Episodes",
        e[(e["PLACE"] == "P1") & (e["LS"] == "V2")],
        "CHILD",
        "placed with parents under s20",
    )
    _fail(
        out,
        "217",
        "Episodes",
        e[e["PLACE"].isin(["A3", "A5"]) & ~e["RNE"].isin(["S", "T", "U"])],
        "CHILD",
        "A3/A5 with the wrong RNE",
    )
    urn_req = e["PLACE"].isin(["K1", "K2", "R3", "S1", "U1", "U2", "U3", "U4", "U5", "U6"])
    _fail(out, "218", "Episodes", e[urn_req & (e["URN"] == "")], "CHILD", "URN required")
    _fail(
        out,
        "222",
        "Episodes",
        e[e["PLACE"].isin(C.NO_URN_PLACEMENTS) & (e["URN"] != "")],
        "CHILD",
        "URN not allowed",
    )
    _fail(
        out,
        "392c",
        "Episodes",
        e[(e["PLACE"] != "P1") & (e["HOME_POST"] != "") & (e["HOME_POST"] == e["PL_POST"])],
        "CHILD",
        "home and placement postcodes match but not placed with parents",
        "query",
    )
    prov = e["PLACE_PROVIDER"]
    _fail(
        out,
        "527",
        "Episodes",
        e[(prov == "PR1") & e["PLACE"].isin(["P1", "R2", "R5"])],
        "CHILD",
        "PR1 with P1/R2/R5",
    )
    _fail(
        out,
        "529",
        "Episodes",
        e[
            (prov == "PR3")
            & e["PLACE"].isin(
                ["P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"]
            )
        ],
        "CHILD",
        "PR3 with an unsuitable placement",
    )
    _fail(
        out,
        "550",
        "Episodes",
        e[(prov == "PR0") & (e["PLACE"] != "P1")],
        "CHILD",
        "PR0 not with P1",
    )
    # The reason is recorded on the episode that a move ends (REC X1, next RNE P/B/T/U), unless
    # either placement is a temporary one (T0-T4).
    nx = e.assign(_d=_d(e["DECOM"], uk)).sort_values(["CHILD", "_d"], kind="stable")
    g_nx = nx.groupby("CHILD")
    temp = ["T0", "T1", "T2", "T3", "T4"]
    ends_move = (
        (nx["REC"] == "X1")
        & g_nx["RNE"].shift(-1).isin(["P", "B", "T", "U"])
        & ~nx["PLACE"].isin(temp)
        & ~g_nx["PLACE"].shift(-1).isin(temp)
    )
    _fail(
        out,
        "225",
        "Episodes",
        nx[ends_move & (nx["REASON_PLACE_CHANGE"] == "")],
        "CHILD",
        "reason for placement change missing",
    )
    _fail(
        out,
        "1009",
        "Episodes",
        e[
            (e["REASON_PLACE_CHANGE"] != "")
            & ~e["REASON_PLACE_CHANGE"].isin(C.REASON_PLACE_CHANGE)
        ],
        "CHILD",
        "reason for placement change invalid",
    )
    srt = e.assign(ds=ds, de=de).sort_values(["CHILD", "ds"], kind="stable")
    g = srt.groupby("CHILD")
    pde, prec = g["de"].shift(), g["REC"].shift()
    has_prev = g.cumcount() > 0
    _fail(
        out,
        "501",
        "Episodes",
        srt[has_prev & (pde.isna() | (srt["ds"] < pde))],
        "CHILD",
        "episode starts before the previous one ends",
    )
    cont = srt["RNE"].isin(["L", "P", "T", "U", "B"])
    _fail(
        out,
        "433",
        "Episodes",
        srt[has_prev & cont & (prec == "X1") & (srt["ds"] != pde)],
        "CHILD",
        "continuation not on the previous DEC",
    )
    _fail(
        out,
        "432",
        "Episodes",
        srt[has_prev & (prec != "X1") & (srt["RNE"] != "S")],
        "CHILD",
        "new period not coded S",
    )
    first = ~has_prev & (srt["ds"] >= start)
    _fail(out, "357", "Episodes", srt[first & (srt["RNE"] != "S")], "CHILD", "first episode not S")
    _fail(
        out,
        "437",
        "Episodes",
        srt[has_prev & prec.isin(["E2", "E15"])],
        "CHILD",
        "episodes after E2/E15",
    )
    pls, pplace = g["LS"].shift(), g["PLACE"].shift()
    _fail(
        out,
        "434",
        "Episodes",
        srt[has_prev & (srt["RNE"] == "L") & ((srt["LS"] == pls) | (srt["PLACE"] != pplace))],
        "CHILD",
        "RNE L does not match the data",
    )
    _fail(
        out,
        "435",
        "Episodes",
        srt[has_prev & (srt["RNE"] == "P") & (srt["LS"] != pls)],
        "CHILD",
        "RNE P but legal status changed",
    )
    period = (~cont | ~has_prev).cumsum()
    cin_first = srt.groupby(period)["CIN"].transform("first")
    _fail(
        out,
        "504",
        "Episodes",
        srt[srt["CIN"] != cin_first],
        "CHILD",
        "category of need changed within a period",
    )
    last = srt.groupby("CHILD").tail(1)
    _fail(
        out,
        "359",
        "Episodes",
        last[
            (last["de"].isna())
            & ((ref - last["CHILD"].map(dob_by)).dt.days / 365.25 >= 18)
            & ~((last["LS"] == "V2") & (last["PLACE"] == "K2"))
        ],
        "CHILD",
        "looked after past 18 not under s20 in a home",
    )
    rv = t["Reviews"]
    rvd, rdob = _d(rv["REVIEW"], uk), rv["CHILD"].map(dob_by)
    rage = (rvd - rdob).dt.days / 365.25
    _fail(out, "166", "Reviews", rv[rvd.isna()], "CHILD", "review date invalid")
    _fail(
        out,
        "167",
        "Reviews",
        rv[~rv["REVIEW_CODE"].isin(C.REVIEW_CODES)],
        "CHILD",
        "participation code invalid",
    )
    _fail(
        out,
        "440",
        "Reviews",
        rv[(rv["REVIEW_CODE"] == "PN0") & (rage >= 4)],
        "CHILD",
        "PN0 for a child aged 4+",
    )
    _fail(
        out,
        "441",
        "Reviews",
        rv[(rv["REVIEW_CODE"] != "PN0") & (rage < 4)],
        "CHILD",
        "not PN0 for a child under 4",
    )
    u = t["UASC"]
    duc = _d(u["DUC"], uk)
    eighteen = u["CHILD"].map(dob_by) + pd.DateOffset(years=18)
    _fail(out, "304", "UASC", u[duc > eighteen], "CHILD", "UASC ceased after 18th birthday")
    o3 = t["OC3"]
    _fail(out, "131", "OC3", o3[~o3["IN_TOUCH"].isin(C.OC3_IN_TOUCH)], "CHILD", "IN_TOUCH invalid")
    _fail(out, "132", "OC3", o3[~o3["ACTIV"].isin(C.OC3_ACTIV)], "CHILD", "ACTIV invalid")
    acc_ok = o3["ACCOM"].str.fullmatch(r"[" + C.OC3_ACCOM_LETTERS + r"][12]") | (
        o3["ACCOM"] == "0"
    )
    _fail(out, "133", "OC3", o3[~acc_ok], "CHILD", "ACCOM invalid")
    _fail(
        out,
        "345",
        "OC3",
        o3[(o3["IN_TOUCH"] == "YES") & ((o3["ACTIV"] == "0") | (o3["ACCOM"] == "0"))],
        "CHILD",
        "in touch but activity/accommodation zero",
    )
    o3age = (ref - o3["CHILD"].map(dob_by)).dt.days / 365.25
    _fail(
        out,
        "3001",
        "OC3",
        o3[(o3age < 18) & o3["ACCOM"].str.startswith("Y")],
        "CHILD",
        "with former foster carers at 17",
    )
    _fail(
        out, "INT06", "OC3", o3[~o3["CHILD"].isin(hd["CHILD"])], "CHILD", "OC3 child not in Header"
    )
    o2 = t["OC2"]
    o2age = (ref - o2["CHILD"].map(dob_by)).dt.days / 365.25
    _fail(
        out,
        "542",
        "OC2",
        o2[(o2age < 10) & (o2["CONVICTED"] != "")],
        "CHILD",
        "conviction recorded under 10",
    )
    _fail(
        out,
        "543",
        "OC2",
        o2[(o2age >= 10) & (o2["CONVICTED"] == "")],
        "CHILD",
        "conviction missing for 10+",
    )
    _fail(
        out,
        "545",
        "OC2",
        o2[(o2age < 5) & (o2["HEALTH_CHECK"] == "")],
        "CHILD",
        "health check missing under 5",
    )
    _fail(
        out,
        "546",
        "OC2",
        o2[(o2age >= 5) & (o2["HEALTH_CHECK"] != "")],
        "CHILD",
        "health check recorded for 5+",
    )
    _fail(
        out,
        "197a",
        "OC2",
        o2[(o2["SDQ_SCORE"] != "") & (o2["SDQ_REASON"] != "")],
        "CHILD",
        "SDQ reason and score both present",
    )
    _fail(
        out,
        "192",
        "OC2",
        o2[(o2["SUBSTANCE_MISUSE"] == "1") & (o2["INTERVENTION_RECEIVED"] == "")],
        "CHILD",
        "intervention received missing",
    )
    _fail(
        out,
        "193",
        "OC2",
        o2[
            (o2["SUBSTANCE_MISUSE"] == "0")
            & ((o2["INTERVENTION_RECEIVED"] != "") | (o2["INTERVENTION_OFFERED"] != ""))
        ],
        "CHILD",
        "intervention fields without misuse",
    )
    ad = t["AD1"]
    _fail(
        out,
        "333",
        "AD1",
        ad[_d(ad["DATE_INT"], uk) > _d(ad["DATE_MATCH"], uk)],
        "CHILD",
        "should-be-placed after matching",
    )
    _fail(
        out,
        "511",
        "AD1",
        ad[(ad["NB_ADOPTR"] == "2") & ~ad["SEX_ADOPTR"].isin(["MM", "FF", "MF"])],
        "CHILD",
        "two adopters, not a couple code",
    )
    _fail(
        out,
        "517",
        "AD1",
        ad[(ad["LS_ADOPTR"] == "L3") & (ad["SEX_ADOPTR"] != "MF")],
        "CHILD",
        "L3 not MF",
    )
    _fail(
        out,
        "518",
        "AD1",
        ad[(ad["LS_ADOPTR"] == "L4") & ~ad["SEX_ADOPTR"].isin(["MM", "FF"])],
        "CHILD",
        "L4 not MM/FF",
    )
    mi = t["Missing"]
    _fail(
        out,
        "1006",
        "Missing",
        mi[~mi["MISSING"].isin(["M", "A"])],
        "CHILD",
        "missing type invalid",
    )
    ms, me = _d(mi["MIS_START"], uk), _d(mi["MIS_END"], uk)
    _fail(
        out,
        "567",
        "Missing",
        mi[me.notna() & (me < ms)],
        "CHILD",
        "missing ended before it started",
    )
    _fail(out, "586", "Missing", mi[ms < mi["CHILD"].map(dob_by)], "CHILD", "missing before birth")
    return pd.DataFrame(out, columns=["rule", "severity", "table", "child", "detail"])
