"""The CIN census: flat tables for one collection year, and the XML in the DfE structure."""

from __future__ import annotations

import numpy as np
import pandas as pd
from lxml import etree

from childinfo.synth.returns import years as Y

# Flat tables follow the layout the DfE-style validators build from the XML.
_BOOL = {"true": "true", "false": "false"}


def _d(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s.replace("", None), errors="coerce")


def cin_tables(la) -> dict[str, pd.DataFrame]:
    """Flat CIN census tables (ChildIdentifiers, ChildCharacteristics, Disabilities, CINdetails,
    Assessments, AssessmentFactorsList, CINplanDates, Section47, ChildProtectionPlans, Reviews)
    for the authority's collection year.
    """
    cfg = la.config
    t = la.tables
    start, ref = pd.Timestamp(cfg.start_date), pd.Timestamp(cfg.ref_date)
    r = t["referrals"].copy()
    rd, cd = _d(r["referral_date"]), _d(r["closure_date"])
    r = r[(rd <= ref) & (cd.isna() | (cd >= start)) | rd.isna() | cd.lt(rd).fillna(False)]
    r = r[_d(r["referral_date"]).isna() | (_d(r["referral_date"]) <= ref)]
    children = t["children"]
    ch = children[children["child_id"].isin(r["child_id"])].copy()
    dob = _d(ch["dob"])
    age = ((ref - dob).dt.days / 365.25).fillna(0)
    upn_unknown = np.where(
        ch["upn"] != "", "", np.where(ch["uasc"] == "Y", "UN2", np.where(age < 5, "UN1", "UN3"))
    )
    sex_code = ch["sex"].map(Y.sex_codes(cfg.year)).fillna(ch["sex"])  # the year's code set
    ident = pd.DataFrame(
        {
            "LAchildID": ch["child_id"],
            "UPN": ch["upn"],
            "FormerUPN": "",
            "UPNunknown": upn_unknown,
            "PersonBirthDate": ch["dob"],
            "ExpectedPersonBirthDate": "",
            Y.cin_sex_field(cfg.year): sex_code,
            "PersonDeathDate": "",
        }
    )
    chars = pd.DataFrame({"LAchildID": ch["child_id"], "Ethnicity": ch["ethnicity"]})
    dis = (
        ch[["child_id", "disability"]]
        .assign(Disability=ch["disability"].str.split(";"))
        .explode("Disability")
    )
    dis = dis.rename(columns={"child_id": "LAchildID"})[["LAchildID", "Disability"]]
    details = pd.DataFrame(
        {
            "LAchildID": r["child_id"],
            "CINdetailsID": r["referral_id"],
            "CINreferralDate": r["referral_date"],
            "ReferralSource": r["referral_source"],
            "PrimaryNeedCode": r["primary_need_code"],
            "CINclosureDate": r["closure_date"],
            "ReasonForClosure": r["reason_for_closure"],
            "DateOfInitialCPC": "",
            "ReferralNFA": r["referral_nfa"],
        }
    )
    ids = set(r["referral_id"])
    a = t["assessments"]
    a = a[a["referral_id"].isin(ids)]
    ae = _d(a["authorisation_date"])
    a = a[(_d(a["start_date"]) <= ref) & (ae.isna() | (ae >= start))]
    assess = pd.DataFrame(
        {
            "LAchildID": a["child_id"],
            "CINdetailsID": a["referral_id"],
            "AssessmentID": a["assessment_id"],
            "AssessmentActualStartDate": a["start_date"],
            "AssessmentInternalReviewDate": "",
            "AssessmentAuthorisationDate": a["authorisation_date"],
        }
    )
    f = t["assessment_factors"]
    f = f[f["assessment_id"].isin(set(a.loc[a["authorisation_date"] != "", "assessment_id"]))]
    factors = f.rename(columns={"assessment_id": "AssessmentID", "factor": "AssessmentFactors"})
    factors["AssessmentFactors"] = [
        Y.assessment_factor(c, cfg.year) for c in factors["AssessmentFactors"]
    ]
    p = t["cin_plans"]
    pe = _d(p["end_date"])
    p = p[p["referral_id"].isin(ids) & (_d(p["start_date"]) <= ref) & (pe.isna() | (pe >= start))]
    plans = pd.DataFrame(
        {
            "LAchildID": p["child_id"],
            "CINdetailsID": p["referral_id"],
            "CINPlanStartDate": p["start_date"],
            "CINPlanEndDate": p["end_date"],
        }
    )
    s = t["section47"]
    ic = _d(s["icpc_date"])
    s47s = _d(s["start_date"])
    s = s[
        s["referral_id"].isin(ids)
        & (s47s <= ref)
        & ((ic >= start) | (ic.isna() & (s47s >= start)))
    ]
    s47 = pd.DataFrame(
        {
            "LAchildID": s["child_id"],
            "CINdetailsID": s["referral_id"],
            "S47ActualStartDate": s["start_date"],
            "InitialCPCtarget": s["icpc_target_date"],
            "DateOfInitialCPC": s["icpc_date"],
            "ICPCnotRequired": s["icpc_not_required"],
        }
    )
    c = t["cp_plans"]
    ce = _d(c["end_date"])
    c = c[c["referral_id"].isin(ids) & (_d(c["start_date"]) <= ref) & (ce.isna() | (ce >= start))]
    cpp = pd.DataFrame(
        {
            "LAchildID": c["child_id"],
            "CINdetailsID": c["referral_id"],
            "CPPID": c["cpp_id"],
            "CPPstartDate": c["start_date"],
            "CPPendDate": c["end_date"],
            "InitialCategoryOfAbuse": c["initial_category"],
            "LatestCategoryOfAbuse": c["latest_category"],
            "NumberOfPreviousCPP": c["number_previous_cpp"].astype(str),
        }
    )
    rv = t["cp_reviews"]
    rv = rv[rv["cpp_id"].isin(set(c["cpp_id"])) & (_d(rv["review_date"]) <= ref)]
    rv = rv.merge(cpp[["CPPID", "LAchildID", "CINdetailsID"]], left_on="cpp_id", right_on="CPPID")
    reviews = pd.DataFrame(
        {
            "LAchildID": rv["LAchildID"],
            "CINdetailsID": rv["CINdetailsID"],
            "CPPID": rv["CPPID"],
            "CPPreviewDate": rv["review_date"],
        }
    )
    header = pd.DataFrame(
        {
            "Collection": ["CIN"],
            "Year": [str(cfg.year)],
            "ReferenceDate": [ref.date().isoformat()],
            "SourceLevel": ["L"],
            "LEA": [f"{cfg.upn_la:03d}"],
            "SoftwareCode": ["childinfo-synthetic"],
            "Release": ["1"],
            "SerialNo": ["1"],
            "DateTime": [f"{ref.date().isoformat()}T23:59:00"],
        }
    )
    return {
        "Header": header,
        "ChildIdentifiers": ident.reset_index(drop=True),
        "ChildCharacteristics": chars.reset_index(drop=True),
        "Disabilities": dis.reset_index(drop=True),
        "CINdetails": details.reset_index(drop=True),
        "Assessments": assess.reset_index(drop=True),
        "AssessmentFactorsList": factors.reset_index(drop=True),
        "CINplanDates": plans.reset_index(drop=True),
        "Section47": s47.reset_index(drop=True),
        "ChildProtectionPlans": cpp.reset_index(drop=True),
        "Reviews": reviews.reset_index(drop=True),
    }


def _sub(parent, tag: str, text: str | None) -> None:
    """Add an element only when it has a value (empty optional items are left out, as in returns)."""
    if text is not None and str(text) != "" and str(text) != "nan":
        etree.SubElement(parent, tag).text = str(text)


# The fields of each element under CINdetails, in the XSD's order (written and read back).
_DETAIL_FIELDS = (
    "CINreferralDate",
    "ReferralSource",
    "PrimaryNeedCode",
    "CINclosureDate",
    "ReasonForClosure",
    "DateOfInitialCPC",
    "ReferralNFA",
)
_ASSESSMENT_FIELDS = (
    "AssessmentActualStartDate",
    "AssessmentInternalReviewDate",
    "AssessmentAuthorisationDate",
)
_PLAN_FIELDS = ("CINPlanStartDate", "CINPlanEndDate")
_S47_FIELDS = ("S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired")
_CPP_FIELDS = (
    "CPPstartDate",
    "CPPendDate",
    "InitialCategoryOfAbuse",
    "LatestCategoryOfAbuse",
    "NumberOfPreviousCPP",
)


def cin_xml(flat: dict[str, pd.DataFrame], cfg) -> bytes:
    """The CIN census XML (Message/Header/Children/Child ...), in the XSD's element order."""
    msg = etree.Element("Message")
    msg.append(
        etree.Comment(" SYNTHETIC DATA: every child and identifier in this file is invented ")
    )
    h = flat["Header"].iloc[0]
    header = etree.SubElement(msg, "Header")
    cd = etree.SubElement(header, "CollectionDetails")
    for k in ("Collection", "Year", "ReferenceDate"):
        _sub(cd, k, h[k])
    src = etree.SubElement(header, "Source")
    for k in ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime"):
        _sub(src, k, h[k])
    children = etree.SubElement(msg, "Children")

    def group(df: pd.DataFrame, key: str) -> dict:
        out: dict = {}
        for row in df.itertuples(index=False):
            out.setdefault(getattr(row, key), []).append(row)
        return out

    by_child = {
        name: group(flat[name], "LAchildID")
        for name in ("ChildCharacteristics", "Disabilities", "CINdetails")
    }
    by_episode = {
        name: group(flat[name], "CINdetailsID")
        for name in ("Assessments", "CINplanDates", "Section47", "ChildProtectionPlans")
    }
    fac = {
        k: [r.AssessmentFactors for r in v]
        for k, v in group(flat["AssessmentFactorsList"], "AssessmentID").items()
    }
    rev = {k: [r.CPPreviewDate for r in v] for k, v in group(flat["Reviews"], "CPPID").items()}
    parts = (
        ("Assessments", "Assessments", _ASSESSMENT_FIELDS),
        ("CINplanDates", "CINPlanDates", _PLAN_FIELDS),
        ("Section47", "Section47", _S47_FIELDS),
        ("ChildProtectionPlans", "ChildProtectionPlans", _CPP_FIELDS),
    )
    for ident in flat["ChildIdentifiers"].itertuples(index=False):
        cid = ident.LAchildID
        child = etree.SubElement(children, "Child")
        ci = etree.SubElement(child, "ChildIdentifiers")
        for k in (
            "LAchildID",
            "UPN",
            "FormerUPN",
            "UPNunknown",
            "PersonBirthDate",
            "ExpectedPersonBirthDate",
            "GenderCurrent",
            "Sex",
            "PersonDeathDate",
        ):
            _sub(ci, k, getattr(ident, k, None))
        cc = etree.SubElement(child, "ChildCharacteristics")
        chars = by_child["ChildCharacteristics"].get(cid)
        _sub(cc, "Ethnicity", chars[0].Ethnicity if chars else "")
        ds = etree.SubElement(cc, "Disabilities")
        for d in by_child["Disabilities"].get(cid, []):
            _sub(ds, "Disability", d.Disability)
        for row in by_child["CINdetails"].get(cid, []):
            ed = etree.SubElement(child, "CINdetails")
            for k in _DETAIL_FIELDS:
                _sub(ed, k, getattr(row, k))
            for name, tag, fields in parts:
                for item in by_episode[name].get(row.CINdetailsID, []):
                    el = etree.SubElement(ed, tag)
                    for k in fields:
                        _sub(el, k, getattr(item, k))
                    if name == "Assessments" and item.AssessmentAuthorisationDate:
                        fl = etree.SubElement(el, "FactorsIdentifiedAtAssessment")
                        for code in fac.get(item.AssessmentID, []):
                            _sub(fl, "AssessmentFactors", code)
                    if name == "ChildProtectionPlans":
                        rv = etree.SubElement(el, "Reviews")
                        for dte in rev.get(item.CPPID, []):
                            _sub(rv, "CPPreviewDate", dte)
    return etree.tostring(msg, xml_declaration=True, encoding="utf-8", pretty_print=True)


def parse_cin_xml(data: bytes) -> dict[str, pd.DataFrame]:
    """Read a CIN census XML back into flat tables (IDs for episodes, assessments and plans are made up)."""
    root = etree.fromstring(data)
    txt = lambda el, tag: el.findtext(tag) or ""

    def record(el, ids: dict, fields: tuple[str, ...]) -> dict:
        """One flat row: the parent IDs, then each field's text ("" when absent)."""
        return {**ids, **{k: txt(el, k) for k in fields}}

    h = root.find("Header")
    header = pd.DataFrame(
        [
            {
                **{
                    k: txt(h.find("CollectionDetails"), k)
                    for k in ("Collection", "Year", "ReferenceDate")
                },
                **{
                    k: txt(h.find("Source"), k)
                    for k in (
                        "SourceLevel",
                        "LEA",
                        "SoftwareCode",
                        "Release",
                        "SerialNo",
                        "DateTime",
                    )
                },
            }
        ]
    )
    rows = {
        k: []
        for k in (
            "ChildIdentifiers",
            "ChildCharacteristics",
            "Disabilities",
            "CINdetails",
            "Assessments",
            "AssessmentFactorsList",
            "CINplanDates",
            "Section47",
            "ChildProtectionPlans",
            "Reviews",
        )
    }
    n_det = n_ass = n_cpp = 0
    for child in root.iter("Child"):
        ci = child.find("ChildIdentifiers")
        cid = txt(ci, "LAchildID")
        sex = "Sex" if ci.find("Sex") is not None else "GenderCurrent"  # Sex from 2024-25
        rows["ChildIdentifiers"].append(
            {
                k: txt(ci, k)
                for k in (
                    "LAchildID",
                    "UPN",
                    "FormerUPN",
                    "UPNunknown",
                    "PersonBirthDate",
                    "ExpectedPersonBirthDate",
                    sex,
                    "PersonDeathDate",
                )
            }
        )
        cc = child.find("ChildCharacteristics")
        rows["ChildCharacteristics"].append({"LAchildID": cid, "Ethnicity": txt(cc, "Ethnicity")})
        for d in cc.iter("Disability"):
            rows["Disabilities"].append({"LAchildID": cid, "Disability": d.text or ""})
        for det in child.findall("CINdetails"):
            n_det += 1
            did = f"D{n_det}"
            ids = {"LAchildID": cid, "CINdetailsID": did}
            rows["CINdetails"].append(record(det, ids, _DETAIL_FIELDS))
            for a in det.findall("Assessments"):
                n_ass += 1
                aid = f"A{n_ass}"
                rows["Assessments"].append(
                    record(a, {**ids, "AssessmentID": aid}, _ASSESSMENT_FIELDS)
                )
                for f in a.iter("AssessmentFactors"):
                    rows["AssessmentFactorsList"].append(
                        {"AssessmentID": aid, "AssessmentFactors": f.text or ""}
                    )
            for p in det.findall("CINPlanDates"):
                rows["CINplanDates"].append(record(p, ids, _PLAN_FIELDS))
            for s in det.findall("Section47"):
                rows["Section47"].append(record(s, ids, _S47_FIELDS))
            for c in det.findall("ChildProtectionPlans"):
                n_cpp += 1
                pid = f"C{n_cpp}"
                rows["ChildProtectionPlans"].append(record(c, {**ids, "CPPID": pid}, _CPP_FIELDS))
                for r in c.iter("CPPreviewDate"):
                    rows["Reviews"].append(
                        {
                            "LAchildID": cid,
                            "CINdetailsID": did,
                            "CPPID": pid,
                            "CPPreviewDate": r.text or "",
                        }
                    )
    cols = {
        "Disabilities": ["LAchildID", "Disability"],
        "AssessmentFactorsList": ["AssessmentID", "AssessmentFactors"],
    }
    out = {"Header": header}
    for k, v in rows.items():
        out[k] = (
            pd.DataFrame(v)
            if v
            else pd.DataFrame(columns=cols.get(k, ["LAchildID", "CINdetailsID"]))
        )
    return out
