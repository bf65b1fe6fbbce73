"""DfE validation rules checked in the course's own code, each registered against the rule book.

A check is a small function registered with :func:`check` under a rule-book code and the table
whose rows it reports; it takes the prepared tables of one export (:class:`_Cin`, :class:`_S903`)
and returns the failing rows. The rule book (``rulebook.csv``) decides the rest: a check runs only
in the collection years its code is in the book, and the report gives the book's severity and
message. Only rules the exports can meet or break are here. This is our own code.

Example:
    >>> sorted({c.ret for c in REGISTRY})
    ['CIN', 'SSDA903']
    >>> "1510" in implemented_codes()["CIN"]
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from stdnum.gb import upn as stdnum_upn

from childinfo.errors import ChildinfoError
from childinfo.synth import codes as C
from childinfo.synth.returns import years as Y
from childinfo.synth.returns.rulebook import FIRST_BOOK_YEAR, LAST_BOOK_YEAR, RETURNS, rules_for

REPORT_COLUMNS = ["rule", "severity", "table", "child", "message"]
# Placement type P2 may not start on or after this date (903 rule 217t).
P2_WITHDRAWN = pd.Timestamp("2023-10-28")


@dataclass(frozen=True)
class Check:
    ret: str  # "CIN" or "SSDA903"
    code: str  # the rule-book code
    table: str  # the return's table whose rows fail
    func: Callable
    child: str  # the column naming the child in the failing rows


REGISTRY: list[Check] = []


def check(ret: str, code: str, table: str):
    """Register the decorated function as the check of rule ``code`` of return ``ret``."""

    def register(func: Callable) -> Callable:
        child = "LAchildID" if ret == "CIN" else "CHILD"
        REGISTRY.append(Check(ret, code, table, func, child))
        return func

    return register


def implemented_codes() -> dict[str, frozenset[str]]:
    """The rule codes registered here, by return."""
    return {r: frozenset(c.code for c in REGISTRY if c.ret == r) for r in RETURNS}


def unknown_codes() -> list[str]:
    """Registered checks whose code the rule book has for no year of their return."""
    known = {
        (r, c)
        for r in RETURNS
        for y in range(FIRST_BOOK_YEAR, LAST_BOOK_YEAR + 1)
        for c in rules_for(r, y)
    }
    return sorted({f"{c.ret} {c.code}" for c in REGISTRY if (c.ret, c.code) not in known})


def run_checks(ret: str, t: dict[str, pd.DataFrame], cfg) -> pd.DataFrame:
    """Run the checks of return ``ret`` whose code is in the rule book for ``cfg.year``.

    One row per failing row (rule, severity, table, child, message); severity and message are
    the rule book's for that year. A check registered under a code the book does not have is a
    mistake in this package, so it stops the run instead of being skipped.
    """
    unknown = unknown_codes()
    if unknown:
        raise ChildinfoError(
            f"checks registered under codes the DfE rule book does not have: {', '.join(unknown)}"
            "; register each check under its code in synth/returns/rulebook.csv."
        )
    book = rules_for(ret, cfg.year)
    x = (_Cin if ret == "CIN" else _S903)(t, cfg)
    out = []
    for c in REGISTRY:
        if c.ret != ret or c.code not in book:
            continue
        severity, message = book[c.code]
        failed = c.func(x)
        out += [(c.code, severity, c.table, child, message) for child in failed[c.child].tolist()]
    return pd.DataFrame(out, columns=REPORT_COLUMNS)


# -- Checks shared with the toolkit's quality rules (childinfo.toolkit.quality) ----------------

_UPN = re.compile(r"^[A-Z]\d{12}$|^[A-Z]\d{11}[A-Z]$")


def upn_check_letter_ok(upn) -> bool:
    """True if a UPN has the right shape and its check letter matches (CIN rule 1510).

    The check letter is computed by python-stdnum (``stdnum.gb.upn.calc_check_digit``). The LA
    number is rule 1530's (the toolkit leaves it alone: comparison authorities are fictional).

    Example:
        >>> upn_check_letter_ok("G001200022000"), upn_check_letter_ok("A001200022000")
        (True, False)
    """
    if not isinstance(upn, str) or not _UPN.match(upn.strip()):
        return False
    upn = upn.strip()
    return stdnum_upn.calc_check_digit(upn[1:]) == upn[0]


def repeated(values: pd.Series, keep: str | bool = False) -> pd.Series:
    """True where a non-blank value repeats another (CIN rule 1520 on UPNs); ``keep`` as pandas."""
    v = values.fillna("").astype(str).str.strip()
    return (v != "") & v.duplicated(keep=keep)


def none_beside_a_disability(codes: Iterable[str]) -> bool:
    """True if NONE is recorded with another disability code (CIN rule 8790)."""
    codes = set(codes)
    return "NONE" in codes and len(codes) > 1


def factor_21_with_others(assessment: pd.Series, factor: pd.Series) -> pd.Series:
    """True on a factor 21 ("no factors identified") beside other factors (CIN rule 8869)."""
    n = assessment.groupby(assessment).transform("size")
    return (factor.astype(str) == "21") & (n > 1)


def on_a_weekend(dates: pd.Series) -> pd.Series:
    """True where a date falls on a Saturday or Sunday (CIN rule 8875); missing dates are False."""
    return dates.notna() & (dates.dt.day_of_week >= 5)


def needs_provider(place: pd.Series) -> pd.Series:
    """True where the placement type is recorded with a provider (903 rule 178)."""
    return ~place.astype("string").isin(C.NO_PROVIDER_PLACEMENTS).fillna(False)


def p1_under_v2(place: pd.Series, legal_status: pd.Series) -> pd.Series:
    """True where placement with parents (P1) is under a single short break, V2 (903 rule 378)."""
    return (place.astype(str) == "P1") & (legal_status.astype(str) == "V2")


def starts_before_birth(start: pd.Series, dob: pd.Series) -> pd.Series:
    """True where a care episode starts before the child's birth (903 rule 302); False if either
    date is missing."""
    return start < dob


def _d(s: pd.Series, fmt: str = "%Y-%m-%d") -> pd.Series:
    return pd.to_datetime(s.fillna("").replace("", None), errors="coerce", format=fmt)


def _true(s: pd.Series) -> pd.Series:
    return s.isin(["true", "1", "TRUE"])


def _age(later: pd.Series, dob: pd.Series) -> pd.Series:
    return (later - dob).dt.days / 365.25


# -- CIN census --------------------------------------------------------------------------------


class _Cin:
    """One CIN census export's flat tables, with the dates and lookups its checks share."""

    def __init__(self, t: dict[str, pd.DataFrame], cfg):
        self.t, self.year = t, cfg.year
        self.start, self.ref = pd.Timestamp(cfg.start_date), pd.Timestamp(cfg.ref_date)
        self.ci, self.ch, self.dis = (
            t["ChildIdentifiers"],
            t["ChildCharacteristics"],
            t["Disabilities"],
        )
        self.det, self.a, self.fac = t["CINdetails"], t["Assessments"], t["AssessmentFactorsList"]
        self.p, self.s, self.c = t["CINplanDates"], t["Section47"], t["ChildProtectionPlans"]
        self.dob = _d(self.ci["PersonBirthDate"])
        self.upn = self.ci[self.ci["UPN"] != ""]
        self.upn_shape = self.upn["UPN"].str.match(_UPN)
        self.rd, self.cd = _d(self.det["CINreferralDate"]), _d(self.det["CINclosureDate"])
        ids = self.det["CINdetailsID"]
        self.ep_rd, self.ep_cd = self.rd.set_axis(ids), self.cd.set_axis(ids)
        self.ep_nfa = _true(self.det.set_index("CINdetailsID")["ReferralNFA"])
        self.ep_rc = self.det.set_index("CINdetailsID")["ReasonForClosure"]
        self.ast = _d(self.a["AssessmentActualStartDate"])
        self.aend = _d(self.a["AssessmentAuthorisationDate"])
        self.ps, self.pe = _d(self.p["CINPlanStartDate"]), _d(self.p["CINPlanEndDate"])
        self.ss, self.sic = _d(self.s["S47ActualStartDate"]), _d(self.s["DateOfInitialCPC"])
        self.cs, self.ce = _d(self.c["CPPstartDate"]), _d(self.c["CPPendDate"])

    def on_nfa(self, df: pd.DataFrame) -> pd.Series:
        """True on rows of an episode that was a referral with no further action."""
        return df["CINdetailsID"].map(self.ep_nfa).fillna(False).astype(bool)

    def referral(self, df: pd.DataFrame) -> pd.Series:
        return df["CINdetailsID"].map(self.ep_rd)

    @cached_property
    def icpc_by_episode(self) -> pd.Series:
        return self.s.assign(ic=self.sic).groupby("CINdetailsID")["ic"].apply(set)


@check("CIN", "100", "Header")
def cin_100(x: _Cin) -> pd.DataFrame:
    wrong = x.t["Header"].iloc[0]["ReferenceDate"] != x.ref.date().isoformat()
    return pd.DataFrame({"LAchildID": [""] if wrong else []})


@check("CIN", "8500", "ChildIdentifiers")
def cin_8500(x: _Cin) -> pd.DataFrame:
    return x.ci[x.ci["LAchildID"] == ""]


@check("CIN", "8510", "ChildIdentifiers")
def cin_8510(x: _Cin) -> pd.DataFrame:
    return x.ci[x.ci["LAchildID"].duplicated(keep=False)]


@check("CIN", "1570", "ChildIdentifiers")
def cin_1570(x: _Cin) -> pd.DataFrame:
    return x.ci[~x.ci["LAchildID"].str.fullmatch(r"[A-Za-z0-9]{1,20}")]


@check("CIN", "1540", "ChildIdentifiers")
def cin_1540(x: _Cin) -> pd.DataFrame:
    return x.upn[~x.upn["UPN"].str[4:12].str.fullmatch(r"\d{8}")]


@check("CIN", "1510", "ChildIdentifiers")
def cin_1510(x: _Cin) -> pd.DataFrame:
    letter_ok = x.upn["UPN"].map(upn_check_letter_ok).astype(bool)
    return x.upn[x.upn_shape & ~letter_ok]


@check("CIN", "1530", "ChildIdentifiers")
def cin_1530(x: _Cin) -> pd.DataFrame:
    ok = x.upn[x.upn_shape]
    return ok[~ok["UPN"].str[1:4].astype(int).isin(C.UPN_LA_CODES)]


@check("CIN", "1520", "ChildIdentifiers")
def cin_1520(x: _Cin) -> pd.DataFrame:
    return x.upn[repeated(x.upn["UPN"])]


@check("CIN", "4180", "ChildIdentifiers")
def cin_4180(x: _Cin) -> pd.DataFrame:
    field = Y.cin_sex_field(x.year)
    sex = x.ci[field] if field in x.ci else pd.Series("", index=x.ci.index)
    return x.ci[~sex.isin(Y.valid_sex_codes(x.year))]


@check("CIN", "8520", "ChildIdentifiers")
def cin_8520(x: _Cin) -> pd.DataFrame:
    return x.ci[x.dob > x.ref]


@check("CIN", "8525Q", "ChildIdentifiers")
def cin_8525q(x: _Cin) -> pd.DataFrame:
    ci = x.ci
    return ci[(ci["PersonBirthDate"] == "") == (ci["ExpectedPersonBirthDate"] == "")]


@check("CIN", "8770Q", "ChildIdentifiers")
def cin_8770q(x: _Cin) -> pd.DataFrame:
    ci = x.ci
    return ci[(_age(x.ref, x.dob) > 5) & (ci["UPN"] == "") & (ci["UPNunknown"] == "")]


@check("CIN", "4220", "ChildCharacteristics")
def cin_4220(x: _Cin) -> pd.DataFrame:
    return x.ch[~x.ch["Ethnicity"].isin(C.ETHNICITY)]


@check("CIN", "8540", "Disabilities")
def cin_8540(x: _Cin) -> pd.DataFrame:
    invalid = x.dis[~x.dis["Disability"].isin(C.DISABILITY)]
    missing = x.ci[~x.ci["LAchildID"].isin(x.dis["LAchildID"])]
    return pd.concat([invalid, missing])


@check("CIN", "8790", "Disabilities")
def cin_8790(x: _Cin) -> pd.DataFrame:
    mixed = x.dis.groupby("LAchildID")["Disability"].apply(none_beside_a_disability)
    return mixed[mixed].reset_index()


@check("CIN", "8794", "Disabilities")
def cin_8794(x: _Cin) -> pd.DataFrame:
    return x.dis[x.dis.duplicated(keep=False)].drop_duplicates()


@check("CIN", "8590", "ChildIdentifiers")
def cin_8590(x: _Cin) -> pd.DataFrame:
    return x.ci[~x.ci["LAchildID"].isin(x.det["LAchildID"])]


@check("CIN", "8600", "CINdetails")
def cin_8600(x: _Cin) -> pd.DataFrame:
    return x.det[x.rd.isna() | (x.rd > x.ref)]


@check("CIN", "8866", "CINdetails")
def cin_8866(x: _Cin) -> pd.DataFrame:
    return x.det[~x.det["ReferralSource"].isin(C.REFERRAL_SOURCES)]


@check("CIN", "8650", "CINdetails")
def cin_8650(x: _Cin) -> pd.DataFrame:
    pn = x.det["PrimaryNeedCode"]
    return x.det[(pn != "") & ~pn.isin(C.PRIMARY_NEED)]


@check("CIN", "8610", "CINdetails")
def cin_8610(x: _Cin) -> pd.DataFrame:
    return x.det[(x.det["PrimaryNeedCode"] == "") & x.det["ReferralNFA"].isin(["false", "0"])]


@check("CIN", "8568", "CINdetails")
def cin_8568(x: _Cin) -> pd.DataFrame:
    return x.det[~x.det["ReferralNFA"].isin(["true", "false", "1", "0", "TRUE", "FALSE"])]


@check("CIN", "8620", "CINdetails")
def cin_8620(x: _Cin) -> pd.DataFrame:
    return x.det[x.cd.notna() & ((x.cd < x.start) | (x.cd > x.ref))]


@check("CIN", "8630", "CINdetails")
def cin_8630(x: _Cin) -> pd.DataFrame:
    return x.det[x.cd.notna() & x.rd.notna() & (x.cd < x.rd)]


@check("CIN", "8640", "CINdetails")
def cin_8640(x: _Cin) -> pd.DataFrame:
    rc = x.det["ReasonForClosure"]
    return x.det[(rc != "") & ~rc.isin(C.REASON_FOR_CLOSURE)]


@check("CIN", "8805", "CINdetails")
def cin_8805(x: _Cin) -> pd.DataFrame:
    return x.det[x.cd.notna() & (x.det["ReasonForClosure"] == "")]


@check("CIN", "8810", "CINdetails")
def cin_8810(x: _Cin) -> pd.DataFrame:
    return x.det[x.cd.isna() & (x.det["ReasonForClosure"] != "")]


@check("CIN", "8606", "CINdetails")
def cin_8606(x: _Cin) -> pd.DataFrame:
    ddob = x.det["LAchildID"].map(dict(zip(x.ci["LAchildID"], x.dob)))
    return x.det[x.rd < ddob - pd.Timedelta(weeks=40)]


@check("CIN", "8815", "CINdetails")
def cin_8815(x: _Cin) -> pd.DataFrame:
    opened = x.det[x.cd.isna() & x.det["ReferralNFA"].isin(["false", "0"])]
    return opened[opened["LAchildID"].duplicated(keep=False)].drop_duplicates("LAchildID")


@check("CIN", "8820", "CINdetails")
def cin_8820(x: _Cin) -> pd.DataFrame:
    srt = x.det.assign(rd=x.rd, cd=x.cd).sort_values(["LAchildID", "rd"])
    g = srt.groupby("LAchildID")
    prev_end = g["cd"].shift()
    prev_open = prev_end.isna() & g.cumcount().gt(0)
    return srt[(srt["rd"] <= prev_end) | prev_open]


@check("CIN", "1103", "Assessments")
def cin_1103(x: _Cin) -> pd.DataFrame:
    return x.a[x.ast < x.referral(x.a)]


@check("CIN", "8608", "Assessments")
def cin_8608(x: _Cin) -> pd.DataFrame:
    return x.a[x.aend.notna() & (x.ast > x.aend)]


@check("CIN", "8696", "Assessments")
def cin_8696(x: _Cin) -> pd.DataFrame:
    return x.a[x.aend.notna() & ((x.aend < x.start) | (x.aend > x.ref))]


@check("CIN", "8736", "Assessments")
def cin_8736(x: _Cin) -> pd.DataFrame:
    return x.a[x.aend.isna() & ((x.ast < x.start) | (x.ast > x.ref))]


@check("CIN", "8867", "Assessments")
def cin_8867(x: _Cin) -> pd.DataFrame:
    return x.a[x.aend.isna() & x.a["CINdetailsID"].map(x.ep_cd).notna()]


@check("CIN", "8831", "Assessments")
def cin_8831(x: _Cin) -> pd.DataFrame:
    return x.a[x.on_nfa(x.a)]


@check("CIN", "8869", "AssessmentFactorsList")
def cin_8869(x: _Cin) -> pd.DataFrame:
    f = x.fac
    with21 = f.loc[factor_21_with_others(f["AssessmentID"], f["AssessmentFactors"])]
    return x.a[x.a["AssessmentID"].isin(with21["AssessmentID"])]


@check("CIN", "8898", "AssessmentFactorsList")
def cin_8898(x: _Cin) -> pd.DataFrame:
    twice = x.fac[x.fac.duplicated(keep=False)]["AssessmentID"].unique()
    return x.a[x.a["AssessmentID"].isin(twice)]


@check("CIN", "8614", "AssessmentFactorsList")
def cin_8614(x: _Cin) -> pd.DataFrame:
    return x.a[x.aend.isna() & x.a["AssessmentID"].isin(x.fac["AssessmentID"])]


@check("CIN", "8897Q", "AssessmentFactorsList")
def cin_8897q(x: _Cin) -> pd.DataFrame:
    no_factors = x.a[x.aend.notna() & ~x.a["AssessmentID"].isin(x.fac["AssessmentID"])]
    bad = x.fac[~x.fac["AssessmentFactors"].isin(C.ASSESSMENT_FACTORS)]
    return pd.concat([no_factors, x.a[x.a["AssessmentID"].isin(bad["AssessmentID"])]])


@check("CIN", "4000", "CINplanDates")
def cin_4000(x: _Cin) -> pd.DataFrame:
    return x.p[x.on_nfa(x.p)]


@check("CIN", "4010", "CINplanDates")
def cin_4010(x: _Cin) -> pd.DataFrame:
    return x.p[x.ps.isna() | (x.ps > x.ref)]


@check("CIN", "4011", "CINplanDates")
def cin_4011(x: _Cin) -> pd.DataFrame:
    return x.p[x.pe.notna() & (x.pe < x.ps)]


@check("CIN", "4013", "CINplanDates")
def cin_4013(x: _Cin) -> pd.DataFrame:
    return x.p[x.pe.notna() & ((x.pe < x.start) | (x.pe > x.ref))]


@check("CIN", "4015", "CINplanDates")
def cin_4015(x: _Cin) -> pd.DataFrame:
    return x.p[x.ps < x.referral(x.p)]


@check("CIN", "2889", "Section47")
def cin_2889(x: _Cin) -> pd.DataFrame:
    return x.s[x.ss < x.referral(x.s)]


@check("CIN", "1104", "Section47")
def cin_1104(x: _Cin) -> pd.DataFrame:
    return x.s[x.sic < x.referral(x.s)]


@check("CIN", "8615", "Section47")
def cin_8615(x: _Cin) -> pd.DataFrame:
    return x.s[x.ss.isna() | (x.sic.notna() & (x.ss > x.sic))]


@check("CIN", "8715", "Section47")
def cin_8715(x: _Cin) -> pd.DataFrame:
    return x.s[x.sic.notna() & ((x.sic < x.start) | (x.sic > x.ref))]


@check("CIN", "8740", "Section47")
def cin_8740(x: _Cin) -> pd.DataFrame:
    return x.s[x.sic.isna() & ((x.ss < x.start) | (x.ss > x.ref))]


@check("CIN", "8875", "Section47")
def cin_8875(x: _Cin) -> pd.DataFrame:
    return x.s[on_a_weekend(x.sic)]


@check("CIN", "8870Q", "Section47")
def cin_8870q(x: _Cin) -> pd.DataFrame:
    return x.s[on_a_weekend(_d(x.s["InitialCPCtarget"]))]


@check("CIN", "8832", "Section47")
def cin_8832_s47(x: _Cin) -> pd.DataFrame:
    return x.s[x.on_nfa(x.s)]


@check("CIN", "8868", "Section47")
def cin_8868(x: _Cin) -> pd.DataFrame:
    closed = x.s["CINdetailsID"].map(x.ep_cd).notna()
    return x.s[closed & x.sic.isna() & ~_true(x.s["ICPCnotRequired"])]


@check("CIN", "1105", "ChildProtectionPlans")
def cin_1105(x: _Cin) -> pd.DataFrame:
    return x.c[x.cs < x.referral(x.c)]


@check("CIN", "8720", "ChildProtectionPlans")
def cin_8720(x: _Cin) -> pd.DataFrame:
    return x.c[x.cs.isna() | (x.cs > x.ref)]


@check("CIN", "8925", "ChildProtectionPlans")
def cin_8925(x: _Cin) -> pd.DataFrame:
    return x.c[x.ce.notna() & (x.ce < x.cs)]


@check("CIN", "8840", "ChildProtectionPlans")
def cin_8840(x: _Cin) -> pd.DataFrame:
    return x.c[x.ce.notna() & (x.ce == x.cs)]


@check("CIN", "8930", "ChildProtectionPlans")
def cin_8930(x: _Cin) -> pd.DataFrame:
    return x.c[x.ce.notna() & ((x.ce < x.start) | (x.ce > x.ref))]


@check("CIN", "8905", "ChildProtectionPlans")
def cin_8905(x: _Cin) -> pd.DataFrame:
    return x.c[~x.c["InitialCategoryOfAbuse"].isin(C.CATEGORY_OF_ABUSE)]


@check("CIN", "8910", "ChildProtectionPlans")
def cin_8910(x: _Cin) -> pd.DataFrame:
    return x.c[~x.c["LatestCategoryOfAbuse"].isin(C.CATEGORY_OF_ABUSE)]


@check("CIN", "8730", "ChildProtectionPlans")
def cin_8730(x: _Cin) -> pd.DataFrame:
    return x.c[x.c["NumberOfPreviousCPP"] == ""]


@check("CIN", "8832", "ChildProtectionPlans")
def cin_8832_cpp(x: _Cin) -> pd.DataFrame:
    return x.c[x.on_nfa(x.c)]


@check("CIN", "2885", "ChildProtectionPlans")
def cin_2885(x: _Cin) -> pd.DataFrame:
    icpc = x.icpc_by_episode
    starts_ok = [st in icpc.get(e, set()) for e, st in zip(x.c["CINdetailsID"], x.cs)]
    new_in_year = (x.cs >= x.start).to_numpy()
    return x.c[new_in_year & ~np.array(starts_ok, bool)]


@check("CIN", "8935", "ChildProtectionPlans")
def cin_8935(x: _Cin) -> pd.DataFrame:
    still_open = x.c[x.ce.isna()]
    return still_open[still_open["LAchildID"].duplicated(keep=False)]


@check("CIN", "8841", "Reviews")
def cin_8841(x: _Cin) -> pd.DataFrame:
    rv = x.t["Reviews"]
    return rv[_d(rv["CPPreviewDate"]) <= rv["CPPID"].map(x.cs.set_axis(x.c["CPPID"]))]


def _after_rc8_rc9(df: pd.DataFrame, x: _Cin) -> pd.DataFrame:
    # No activity after a closure as RC8 or RC9 (no further action after assessment).
    return df[df["CINdetailsID"].isin(set(x.ep_rc[x.ep_rc.isin(["RC8", "RC9"])].index))]


@check("CIN", "2990", "CINplanDates")
def cin_2990_plan(x: _Cin) -> pd.DataFrame:
    return _after_rc8_rc9(x.p, x)


@check("CIN", "2990", "Section47")
def cin_2990_s47(x: _Cin) -> pd.DataFrame:
    return _after_rc8_rc9(x.s, x)


@check("CIN", "2990", "ChildProtectionPlans")
def cin_2990_cpp(x: _Cin) -> pd.DataFrame:
    return _after_rc8_rc9(x.c, x)


@check("CIN", "4001", "CINplanDates")
def cin_4001(x: _Cin) -> pd.DataFrame:
    # A CIN plan open at the same time as a child protection plan.
    if not (len(x.p) and len(x.c)):
        return x.p.iloc[:0]
    after = x.ref + pd.Timedelta(days=1)
    m = x.p.assign(ps=x.ps, pe=x.pe.fillna(after)).merge(
        x.c.assign(cs=x.cs, ce=x.ce.fillna(after))[["LAchildID", "cs", "ce"]], on="LAchildID"
    )
    return m[(m["ps"] < m["ce"]) & (m["cs"] < m["pe"])].drop_duplicates("LAchildID")


def check_cin(t: dict[str, pd.DataFrame], cfg) -> pd.DataFrame:
    """Run the CIN rules of the collection year; one row per failure.

    Example:
        >>> from childinfo.synth import AuthorityConfig, generate_authority
        >>> from childinfo.synth.returns import cin_tables
        >>> la = generate_authority(AuthorityConfig(n_children=2000, seed=8))
        >>> check_cin(cin_tables(la), la.config).columns.tolist()
        ['rule', 'severity', 'table', 'child', 'message']
    """
    return run_checks("CIN", t, cfg)


# -- SSDA903 -----------------------------------------------------------------------------------

_CONTINUING = ["L", "P", "T", "U", "B"]  # reasons for a new episode within a period of care
_TEMPORARY = ["T0", "T1", "T2", "T3", "T4"]


class _S903:
    """One SSDA903 export's tables, with the dates and lookups its checks share."""

    def __init__(self, t: dict[str, pd.DataFrame], cfg):
        self.t, self.year = t, cfg.year
        self.start, self.ref = pd.Timestamp(cfg.start_date), pd.Timestamp(cfg.ref_date)
        self.hd, self.e = t["Header"], t["Episodes"]
        self.dob = self.uk(self.hd["DOB"])
        self.dob_by = dict(zip(self.hd["CHILD"], self.dob))
        self.ds, self.de = self.uk(self.e["DECOM"]), self.uk(self.e["DEC"])
        self.edob = self.e["CHILD"].map(self.dob_by)

    @staticmethod
    def uk(s: pd.Series) -> pd.Series:
        return _d(s, "%d/%m/%Y")

    def age_on(self, df: pd.DataFrame, when) -> pd.Series:
        return _age(when, df["CHILD"].map(self.dob_by))

    @cached_property
    def srt(self) -> pd.DataFrame:
        """Episodes in date order within each child, with the previous episode's fields."""
        srt = self.e.assign(ds=self.ds, de=self.de).sort_values(["CHILD", "ds"], kind="stable")
        g = srt.groupby("CHILD")
        return srt.assign(
            pde=g["de"].shift(),
            prec=g["REC"].shift(),
            pls=g["LS"].shift(),
            pplace=g["PLACE"].shift(),
            has_prev=g.cumcount() > 0,
            cont=srt["RNE"].isin(_CONTINUING),
        )


@check("SSDA903", "101", "Header")
def s903_101(x: _S903) -> pd.DataFrame:
    return x.hd[~x.hd["SEX"].isin(Y.valid_903_sex_codes(x.year))]


@check("SSDA903", "102", "Header")
def s903_102(x: _S903) -> pd.DataFrame:
    return x.hd[x.dob.isna()]


@check("SSDA903", "301", "Header")
def s903_301(x: _S903) -> pd.DataFrame:
    return x.hd[x.dob > x.ref]


@check("SSDA903", "103", "Header")
def s903_103(x: _S903) -> pd.DataFrame:
    return x.hd[~x.hd["ETHNIC"].isin(C.ETHNICITY)]


@check("SSDA903", "168", "Header")
def s903_168(x: _S903) -> pd.DataFrame:
    upn = x.hd["UPN"]
    ok = upn.str.match(r"^(?![IOS])[A-Z](\d{12}|\d{11}[A-Z])$") | upn.isin(
        ["UN1", "UN2", "UN3", "UN4", "UN5"]
    )
    return x.hd[~ok]


@check("SSDA903", "INT32", "Header")
def s903_int32(x: _S903) -> pd.DataFrame:
    return x.hd[x.hd["CHILD"].duplicated(keep=False)]


@check("SSDA903", "209", "Header")
def s903_209(x: _S903) -> pd.DataFrame:
    return x.hd[(x.hd["UPN"] == "UN1") & (_age(x.ref, x.dob) >= 5)]


@check("SSDA903", "INT03", "Episodes")
def s903_int03(x: _S903) -> pd.DataFrame:
    return x.e[~x.e["CHILD"].isin(x.hd["CHILD"])].drop_duplicates("CHILD")


@check("SSDA903", "141", "Episodes")
def s903_141(x: _S903) -> pd.DataFrame:
    return x.e[x.ds.isna()]


@check("SSDA903", "143", "Episodes")
def s903_143(x: _S903) -> pd.DataFrame:
    return x.e[~x.e["RNE"].isin(C.RNE)]


@check("SSDA903", "144", "Episodes")
def s903_144(x: _S903) -> pd.DataFrame:
    return x.e[~x.e["LS"].isin(C.LEGAL_STATUS)]


@check("SSDA903", "145", "Episodes")
def s903_145(x: _S903) -> pd.DataFrame:
    return x.e[~x.e["CIN"].isin([f"N{i}" for i in range(1, 9)])]


@check("SSDA903", "146", "Episodes")
def s903_146(x: _S903) -> pd.DataFrame:
    return x.e[~x.e["PLACE"].isin(Y.placement_codes(x.year))]


@check("SSDA903", "217t", "Episodes")
def s903_217t(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["PLACE"] == "P2") & (x.ds >= P2_WITHDRAWN)]


@check("SSDA903", "147", "Episodes")
def s903_147(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["DEC"] != "") & x.de.isna()]


@check("SSDA903", "148", "Episodes")
def s903_148(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["DEC"] == "") != (x.e["REC"] == "")]


@check("SSDA903", "149", "Episodes")
def s903_149(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["REC"] != "") & ~x.e["REC"].isin(C.REASON_CEASED)]


@check("SSDA903", "178", "Episodes")
def s903_178(x: _S903) -> pd.DataFrame:
    e = x.e
    return e[needs_provider(e["PLACE"]) & ~e["PLACE_PROVIDER"].isin(C.PLACEMENT_PROVIDER)]


@check("SSDA903", "354", "Episodes")
def s903_354(x: _S903) -> pd.DataFrame:
    return x.e[x.de > x.ref]


@check("SSDA903", "355", "Episodes")
def s903_355(x: _S903) -> pd.DataFrame:
    return x.e[x.de.notna() & (x.de == x.ds)]


@check("SSDA903", "356", "Episodes")
def s903_356(x: _S903) -> pd.DataFrame:
    return x.e[x.de.notna() & (x.de < x.ds)]


@check("SSDA903", "302", "Episodes")
def s903_302(x: _S903) -> pd.DataFrame:
    return x.e[starts_before_birth(x.ds, x.edob)]


@check("SSDA903", "352", "Episodes")
def s903_352(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["RNE"] == "S") & (_age(x.ds, x.edob) >= 18)]


@check("SSDA903", "358", "Episodes")
def s903_358(x: _S903) -> pd.DataFrame:
    return x.e[x.e["LS"].isin(["J1", "J2", "J3"]) & (_age(x.ds, x.edob) < 10)]


@check("SSDA903", "378", "Episodes")
def s903_378(x: _S903) -> pd.DataFrame:
    return x.e[p1_under_v2(x.e["PLACE"], x.e["LS"])]


@check("SSDA903", "217", "Episodes")
def s903_217(x: _S903) -> pd.DataFrame:
    return x.e[x.e["PLACE"].isin(["A3", "A5"]) & ~x.e["RNE"].isin(["S", "T", "U"])]


@check("SSDA903", "218", "Episodes")
def s903_218(x: _S903) -> pd.DataFrame:
    urn_req = x.e["PLACE"].isin(["K1", "K2", "R3", "S1", "U1", "U2", "U3", "U4", "U5", "U6"])
    return x.e[urn_req & (x.e["URN"] == "")]


@check("SSDA903", "222", "Episodes")
def s903_222(x: _S903) -> pd.DataFrame:
    return x.e[x.e["PLACE"].isin(C.NO_URN_PLACEMENTS) & (x.e["URN"] != "")]


@check("SSDA903", "392d", "Episodes")
def s903_392d(x: _S903) -> pd.DataFrame:
    e = x.e
    return e[(e["PLACE"] != "P1") & (e["HOME_POST"] != "") & (e["HOME_POST"] == e["PL_POST"])]


@check("SSDA903", "527", "Episodes")
def s903_527(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["PLACE_PROVIDER"] == "PR1") & x.e["PLACE"].isin(["P1", "R2", "R5"])]


@check("SSDA903", "529", "Episodes")
def s903_529(x: _S903) -> pd.DataFrame:
    unsuitable = ["P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"]
    return x.e[(x.e["PLACE_PROVIDER"] == "PR3") & x.e["PLACE"].isin(unsuitable)]


@check("SSDA903", "550", "Episodes")
def s903_550(x: _S903) -> pd.DataFrame:
    return x.e[(x.e["PLACE_PROVIDER"] == "PR0") & (x.e["PLACE"] != "P1")]


@check("SSDA903", "225", "Episodes")
def s903_225(x: _S903) -> pd.DataFrame:
    # The reason is recorded on the episode that a move ends (REC X1, next RNE P/B/T/U), unless
    # either placement is a temporary one (T0-T4).
    nx = x.e.assign(_d=x.ds).sort_values(["CHILD", "_d"], kind="stable")
    g = nx.groupby("CHILD")
    ends_move = (
        (nx["REC"] == "X1")
        & g["RNE"].shift(-1).isin(["P", "B", "T", "U"])
        & ~nx["PLACE"].isin(_TEMPORARY)
        & ~g["PLACE"].shift(-1).isin(_TEMPORARY)
    )
    return nx[ends_move & (nx["REASON_PLACE_CHANGE"] == "")]


@check("SSDA903", "1009", "Episodes")
def s903_1009(x: _S903) -> pd.DataFrame:
    rpc = x.e["REASON_PLACE_CHANGE"]
    return x.e[(rpc != "") & ~rpc.isin(C.REASON_PLACE_CHANGE)]


@check("SSDA903", "501", "Episodes")
def s903_501(x: _S903) -> pd.DataFrame:
    s = x.srt
    return s[s["has_prev"] & (s["pde"].isna() | (s["ds"] < s["pde"]))]


@check("SSDA903", "433", "Episodes")
def s903_433(x: _S903) -> pd.DataFrame:
    s = x.srt
    return s[s["has_prev"] & s["cont"] & (s["prec"] == "X1") & (s["ds"] != s["pde"])]


@check("SSDA903", "432", "Episodes")
def s903_432(x: _S903) -> pd.DataFrame:
    s = x.srt
    return s[s["has_prev"] & (s["prec"] != "X1") & (s["RNE"] != "S")]


@check("SSDA903", "357", "Episodes")
def s903_357(x: _S903) -> pd.DataFrame:
    s = x.srt
    return s[~s["has_prev"] & (s["ds"] >= x.start) & (s["RNE"] != "S")]


@check("SSDA903", "437", "Episodes")
def s903_437(x: _S903) -> pd.DataFrame:
    s = x.srt
    return s[s["has_prev"] & s["prec"].isin(["E2", "E15"])]


@check("SSDA903", "434", "Episodes")
def s903_434(x: _S903) -> pd.DataFrame:
    s = x.srt
    wrong = (s["LS"] == s["pls"]) | (s["PLACE"] != s["pplace"])
    return s[s["has_prev"] & (s["RNE"] == "L") & wrong]


@check("SSDA903", "435", "Episodes")
def s903_435(x: _S903) -> pd.DataFrame:
    s = x.srt
    return s[s["has_prev"] & (s["RNE"] == "P") & (s["LS"] != s["pls"])]


@check("SSDA903", "504", "Episodes")
def s903_504(x: _S903) -> pd.DataFrame:
    s = x.srt
    period = (~s["cont"] | ~s["has_prev"]).cumsum()
    return s[s["CIN"] != s.groupby(period)["CIN"].transform("first")]


@check("SSDA903", "359", "Episodes")
def s903_359(x: _S903) -> pd.DataFrame:
    last = x.srt.groupby("CHILD").tail(1)
    s20_home = (last["LS"] == "V2") & (last["PLACE"] == "K2")
    return last[last["de"].isna() & (x.age_on(last, x.ref) >= 18) & ~s20_home]


@check("SSDA903", "166", "Reviews")
def s903_166(x: _S903) -> pd.DataFrame:
    rv = x.t["Reviews"]
    return rv[x.uk(rv["REVIEW"]).isna()]


@check("SSDA903", "167", "Reviews")
def s903_167(x: _S903) -> pd.DataFrame:
    rv = x.t["Reviews"]
    return rv[~rv["REVIEW_CODE"].isin(C.REVIEW_CODES)]


@check("SSDA903", "440", "Reviews")
def s903_440(x: _S903) -> pd.DataFrame:
    rv = x.t["Reviews"]
    return rv[(rv["REVIEW_CODE"] == "PN0") & (x.age_on(rv, x.uk(rv["REVIEW"])) >= 4)]


@check("SSDA903", "441", "Reviews")
def s903_441(x: _S903) -> pd.DataFrame:
    rv = x.t["Reviews"]
    return rv[(rv["REVIEW_CODE"] != "PN0") & (x.age_on(rv, x.uk(rv["REVIEW"])) < 4)]


@check("SSDA903", "304", "UASC")
def s903_304(x: _S903) -> pd.DataFrame:
    u = x.t["UASC"]
    return u[x.uk(u["DUC"]) > u["CHILD"].map(x.dob_by) + pd.DateOffset(years=18)]


@check("SSDA903", "131", "OC3")
def s903_131(x: _S903) -> pd.DataFrame:
    return x.t["OC3"][~x.t["OC3"]["IN_TOUCH"].isin(C.OC3_IN_TOUCH)]


@check("SSDA903", "132", "OC3")
def s903_132(x: _S903) -> pd.DataFrame:
    return x.t["OC3"][~x.t["OC3"]["ACTIV"].isin(C.OC3_ACTIV)]


@check("SSDA903", "133", "OC3")
def s903_133(x: _S903) -> pd.DataFrame:
    o3 = x.t["OC3"]
    ok = o3["ACCOM"].str.fullmatch(r"[" + C.OC3_ACCOM_LETTERS + r"][12]") | (o3["ACCOM"] == "0")
    return o3[~ok]


@check("SSDA903", "345", "OC3")
def s903_345(x: _S903) -> pd.DataFrame:
    o3 = x.t["OC3"]
    return o3[(o3["IN_TOUCH"] == "YES") & ((o3["ACTIV"] == "0") | (o3["ACCOM"] == "0"))]


@check("SSDA903", "3001", "OC3")
def s903_3001(x: _S903) -> pd.DataFrame:
    o3 = x.t["OC3"]
    return o3[(x.age_on(o3, x.ref) < 18) & o3["ACCOM"].str.startswith("Y")]


@check("SSDA903", "INT06", "OC3")
def s903_int06(x: _S903) -> pd.DataFrame:
    return x.t["OC3"][~x.t["OC3"]["CHILD"].isin(x.hd["CHILD"])]


@check("SSDA903", "542", "OC2")
def s903_542(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    return o2[(x.age_on(o2, x.ref) < 10) & (o2["CONVICTED"] != "")]


@check("SSDA903", "543", "OC2")
def s903_543(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    return o2[(x.age_on(o2, x.ref) >= 10) & (o2["CONVICTED"] == "")]


@check("SSDA903", "545", "OC2")
def s903_545(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    return o2[(x.age_on(o2, x.ref) < 5) & (o2["HEALTH_CHECK"] == "")]


@check("SSDA903", "546", "OC2")
def s903_546(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    return o2[(x.age_on(o2, x.ref) >= 5) & (o2["HEALTH_CHECK"] != "")]


@check("SSDA903", "197a", "OC2")
def s903_197a(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    return o2[(o2["SDQ_SCORE"] != "") & (o2["SDQ_REASON"] != "")]


@check("SSDA903", "192", "OC2")
def s903_192(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    return o2[(o2["SUBSTANCE_MISUSE"] == "1") & (o2["INTERVENTION_RECEIVED"] == "")]


@check("SSDA903", "193", "OC2")
def s903_193(x: _S903) -> pd.DataFrame:
    o2 = x.t["OC2"]
    given = (o2["INTERVENTION_RECEIVED"] != "") | (o2["INTERVENTION_OFFERED"] != "")
    return o2[(o2["SUBSTANCE_MISUSE"] == "0") & given]


@check("SSDA903", "333", "AD1")
def s903_333(x: _S903) -> pd.DataFrame:
    ad = x.t["AD1"]
    return ad[x.uk(ad["DATE_INT"]) > x.uk(ad["DATE_MATCH"])]


@check("SSDA903", "511", "AD1")
def s903_511(x: _S903) -> pd.DataFrame:
    ad = x.t["AD1"]
    return ad[(ad["NB_ADOPTR"] == "2") & ~ad["SEX_ADOPTR"].isin(["MM", "FF", "MF"])]


@check("SSDA903", "517", "AD1")
def s903_517(x: _S903) -> pd.DataFrame:
    ad = x.t["AD1"]
    return ad[(ad["LS_ADOPTR"] == "L3") & (ad["SEX_ADOPTR"] != "MF")]


@check("SSDA903", "518", "AD1")
def s903_518(x: _S903) -> pd.DataFrame:
    ad = x.t["AD1"]
    return ad[(ad["LS_ADOPTR"] == "L4") & ~ad["SEX_ADOPTR"].isin(["MM", "FF"])]


@check("SSDA903", "1006", "Missing")
def s903_1006(x: _S903) -> pd.DataFrame:
    return x.t["Missing"][~x.t["Missing"]["MISSING"].isin(["M", "A"])]


@check("SSDA903", "567", "Missing")
def s903_567(x: _S903) -> pd.DataFrame:
    mi = x.t["Missing"]
    ms, me = x.uk(mi["MIS_START"]), x.uk(mi["MIS_END"])
    return mi[me.notna() & (me < ms)]


@check("SSDA903", "586", "Missing")
def s903_586(x: _S903) -> pd.DataFrame:
    mi = x.t["Missing"]
    return mi[x.uk(mi["MIS_START"]) < mi["CHILD"].map(x.dob_by)]


def check_903(t: dict[str, pd.DataFrame], cfg) -> pd.DataFrame:
    """Run the SSDA903 rules of the collection year; one row per failure (child = CHILD)."""
    return run_checks("SSDA903", t, cfg)
