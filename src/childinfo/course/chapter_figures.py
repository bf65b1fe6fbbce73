"""Every Brackenfold number the chapters quote, computed from the data when the book is built.

The chapters never type a Brackenfold figure: they write ``{{ bf_referrals_year }}`` and the
course's Sphinx extension (:mod:`childinfo.course.site.figures`) fills it in from
:func:`brackenfold_figures`. When the synthetic data are regenerated, the prose follows.

Conventions (the chapters state the same):

* the collection year is 1 April 2022 to 31 March 2023; "the two years" is 1 April 2021 to
  31 March 2023;
* the denominator is the children aged 0 to 17 on 31 March 2023 by date of birth;
* "on 31 March" (open) means started on or before 31 March 2023 with an empty end date;
* rates are per 10,000 children aged 0 to 17, with 95% intervals from :mod:`childinfo.toolkit.rates`:
  exact Poisson for events in the year, Wilson for children counted once on 31 March;
* counts have thousands separators; rates and percentages are whole numbers unless the text
  needs one decimal place.

Counts of children of 1 to 5, and counts a chapter deliberately keeps hidden, are never
returned as numbers: such a figure is returned as a phrase ("fewer than 6") so a chapter cannot
print a small number by accident. (The k-anonymity table's "smallest group" of 1 is the point of
that table, not a count being published.) Where the data could change the story a sentence tells,
the comparison word or clause is itself a figure (e.g. ``bf_cin_vs_england``).

Example:
    >>> figures = brackenfold_figures()          # doctest: +SKIP
    >>> figures["bf_referrals_year"]             # doctest: +SKIP
    '3,139'
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from childinfo import facts
from childinfo.synth.codes import PRIMARY_NEED
from childinfo.toolkit.data import load_authority
from childinfo.toolkit.disclosure import THRESHOLD, small_count_phrase
from childinfo.toolkit.rates import funnel_position, rate_interval, rate_per_10k

__all__ = [
    "ENGLAND",
    "brackenfold_figures",
    "compare_with_england",
    "england_figures",
    "number_word",
    "one_range",
]

YEAR_START = pd.Timestamp(facts.YEAR_START)
YEAR_END = pd.Timestamp(facts.REFERENCE_DATE)  # also the reference date ("on 31 March 2023")
TWO_YEARS_START = pd.Timestamp(facts.TWO_YEARS_START)
# One convention with the disclosure module: THRESHOLD is the smallest count that may be
# published, so counts from 1 to THRESHOLD - 1 are never published.
FEWER = small_count_phrase(THRESHOLD)  # "fewer than 6"

#: England's published figures the chapters compare with (values from :mod:`childinfo.facts`).
ENGLAND = {key: figure.value for key, figure in facts.ENGLAND.items()}


# --------------------------------------------------------------------------- formatting
def _n(value) -> str:
    """A count with thousands separators."""
    return f"{int(value):,}"


def _safe(value, threshold: int = THRESHOLD) -> str:
    """A count, or "fewer than N" if it is a small number that must not be published."""
    value = int(value)
    if 0 < value < threshold:
        return small_count_phrase(threshold)
    return _n(value)


def _r(value, dp: int = 0) -> str:
    """A rate (or any number) rounded to ``dp`` places, with thousands separators."""
    return f"{float(value):,.{dp}f}"


def _pct(part, whole, dp: int = 0) -> str:
    return f"{100 * part / whole:.{dp}f}%" if whole else "0%"


def _p(share, dp: int = 0) -> str:
    """A share (0 to 1) as a percentage."""
    return f"{100 * share:.{dp}f}%"


def _dates(df: pd.DataFrame, *columns: str) -> pd.DataFrame:
    df = df.copy()
    for column in columns:
        df[column] = pd.to_datetime(df[column].replace("", None))
    return df


def _in_year(dates: pd.Series, start=YEAR_START) -> pd.Series:
    return dates.between(start, YEAR_END)


def _open(start: pd.Series, end: pd.Series) -> pd.Series:
    """Open on 31 March 2023: started on or before that day and the end date is empty."""
    return (start <= YEAR_END) & end.isna()


def _compare(value: float, lower: float, upper: float, england: float) -> tuple[str, str]:
    """(comparison word, where England's figure lies against the interval)."""
    if lower <= england <= upper:
        return "close to", "inside"
    if england > upper:
        return "below", "above"
    return "above", "below"


def compare_with_england(events: int, population: int, england: float) -> dict[str, object]:
    """How a count on 31 March, as a rate per 10,000 with a Wilson interval, compares with England.

    The one rule every sentence and quiz answer uses: "close to" when England's figure lies inside
    the 95% interval, else "above" or "below". ``fewer`` says "fewer", "more" or "about as many".

    Example:
        >>> c = compare_with_england(350, 50_000, 70.0)
        >>> c["word"], c["england_position"], c["fewer"]
        ('close to', 'inside', 'about as many')
    """
    ci = rate_interval(events, population, method="wilson").iloc[0]
    word, position = _compare(ci["rate"], ci["lower"], ci["upper"], england)
    return {
        "rate": float(ci["rate"]),
        "lower": float(ci["lower"]),
        "upper": float(ci["upper"]),
        "word": word,
        "england_position": position,
        "fewer": {"close to": "about as many", "below": "fewer", "above": "more"}[word],
    }


def one_range(low: float, high: float, dp: int = 0) -> str:
    """ "between A and B", or just "A" when both round to the same value.

    Example:
        >>> one_range(2.06, 2.14, 1), one_range(2.0, 2.6, 1)
        ('2.1', 'between 2.0 and 2.6')
    """
    a, b = _r(low, dp), _r(high, dp)
    return a if a == b else f"between {a} and {b}"


def england_figures() -> dict[str, str]:
    """England's figures (from :mod:`childinfo.facts`) as text keyed ``en_<name>``."""
    out = {f"en_{key}": facts.england_text(key) for key in facts.ENGLAND}
    # The course's one denominator, in millions ("about 11.9 million").
    out["en_children_0_17_millions"] = f"{facts.ENGLAND['children_0_17'].value / 1e6:.1f}"
    return out


def _rate_set(
    out: dict, name: str, events: int, population: int, method: str, dp: int = 0
) -> pd.Series:
    ci = rate_interval(events, population, method=method).iloc[0]
    out[f"bf_{name}_rate"] = _r(ci["rate"], dp)
    out[f"bf_{name}_rate_lower"] = _r(ci["lower"], dp)
    out[f"bf_{name}_rate_upper"] = _r(ci["upper"], dp)
    return ci


def _rate_against_england(
    out: dict, name: str, events: int, population: int, england: float
) -> None:
    """A count on 31 March as a rate per 10,000 with a Wilson interval (whole and one decimal),
    and how it compares with England's rate (``bf_<name>_vs_england`` and
    ``bf_<name>_england_position``)."""
    ci = _rate_set(out, name, events, population, "wilson")
    ci1 = rate_interval(events, population, method="wilson").iloc[0]
    out[f"bf_{name}_rate1"], out[f"bf_{name}_rate1_lower"], out[f"bf_{name}_rate1_upper"] = (
        _r(ci1["rate"], 1),
        _r(ci1["lower"], 1),
        _r(ci1["upper"], 1),
    )
    out[f"bf_{name}_vs_england"], out[f"bf_{name}_england_position"] = _compare(
        ci["rate"], ci["lower"], ci["upper"], england
    )


# --------------------------------------------------------------------------- figures
@lru_cache(maxsize=1)
def _default_figures() -> tuple[tuple[str, str], ...]:
    return tuple(_compute(load_authority()).items())


def brackenfold_figures(la=None) -> dict[str, str]:
    """The Brackenfold figures the chapters quote, as formatted text keyed ``bf_<name>``.

    With no argument the committed Brackenfold data are loaded once and the result cached.
    """
    if la is None:
        return dict(_default_figures())
    return _compute(la)


def _compute(la) -> dict[str, str]:
    f: dict[str, str] = {}

    # ---- population -----------------------------------------------------------------
    children = _dates(la.children, "dob")
    age_days = (YEAR_END - children["dob"]).dt.days
    children["age"] = np.floor(age_days / 365.25)
    under18 = children[
        (children["dob"] <= YEAR_END) & (children["dob"] > YEAR_END - pd.DateOffset(years=18))
    ]
    pop = len(under18)
    # Children aged 0 to 17 on 31 March 2023 by date of birth (born 1 April 2005 to 31 March 2023).
    f["bf_children_0_17"] = _n(pop)
    # The same, rounded to the nearest hundred ("about").
    f["bf_children_0_17_about"] = _n(round(pop, -2))
    # Rows of the children table for young people older than 17 (care leavers and open cases).
    f["bf_children_18_21"] = _n(len(children) - pop)
    # All rows of the children table.
    f["bf_children_rows"] = _n(len(children))

    # ---- the front door ---------------------------------------------------------------
    contacts = _dates(la.contacts, "contact_date")
    c_year = contacts[_in_year(contacts["contact_date"])]
    # Contacts to the front door dated in the collection year.
    f["bf_contacts_year"] = _n(len(c_year))
    # Different children among them, rounded to the nearest 50 ("about").
    f["bf_contact_children_about"] = _n(round(c_year["child_id"].nunique() / 50) * 50)
    # Contacts in the year per 10,000 children aged 0-17.
    f["bf_contact_rate"] = _r(rate_per_10k(len(c_year), pop))
    outcomes = c_year["outcome"].value_counts()
    # Share of the year's contacts by outcome.
    for key, label in [
        ("referral", "Social care referral"),
        ("early_help", "Early help referral"),
        ("advice", "Advice given"),
        ("nfa", "No further action"),
    ]:
        f[f"bf_contacts_{key}_pct"] = _pct(outcomes.get(label, 0), len(c_year))

    # ---- referrals --------------------------------------------------------------------
    ref = _dates(la.referrals, "referral_date", "closure_date")
    r_year = ref[_in_year(ref["referral_date"])]
    n_ref = len(r_year)
    # Referrals (CIN episodes) with a referral date in the collection year.
    f["bf_referrals_year"] = _n(n_ref)
    # Different children with a referral in the year.
    f["bf_referred_children_year"] = _n(r_year["child_id"].nunique())
    # Referrals in the year per 10,000 children aged 0-17, exact Poisson 95% interval.
    _rate_set(f, "referral", n_ref, pop, "poisson")
    # The year's referrals marked "no further action" (ReferralNFA true), count and share.
    nfa = int((r_year["referral_nfa"] == "true").sum())
    f["bf_referrals_nfa"] = _n(nfa)
    f["bf_referrals_nfa_pct"] = _pct(nfa, n_ref)
    f["bf_referrals_nfa_pct1"] = _pct(nfa, n_ref, 1)

    # ---- early help -------------------------------------------------------------------
    eh = _dates(la.early_help, "start_date", "end_date")
    eh_year = int(_in_year(eh["start_date"]).sum())
    # Early Help episodes started in the year; rate per 10,000, exact Poisson interval.
    f["bf_early_help_year"] = _n(eh_year)
    _rate_set(f, "early_help", eh_year, pop, "poisson")
    # All Early Help episodes in the table (the two years to 31 March 2023).
    f["bf_early_help_episodes"] = _n(len(eh))
    # Early Help starts set against referrals, in words ("almost as many" from 80% to 100%).
    ratio = eh_year / n_ref if n_ref else 0
    f["bf_eh_vs_referrals_words"] = (
        "More Early Help episodes started in the year than there were referrals to social care"
        if ratio > 1.0
        else "Almost as many Early Help episodes started in the year as there were referrals to "
        "social care"
        if ratio >= 0.8
        else f"Early Help episodes started in the year numbered {_p(ratio)} of the referrals to "
        "social care"
    )
    # Early Help episodes whose one recorded reason is young carer support (all in the table).
    f["bf_early_help_young_carer"] = _safe(
        (eh["reason"].str.lower().str.contains("young carer")).sum()
    )

    # ---- children in need, on a plan, in care on 31 March ----------------------------
    cin_children = ref.loc[_open(ref["referral_date"], ref["closure_date"]), "child_id"].unique()
    n_cin = len(cin_children)
    # Children in need on 31 March 2023: different children with an open referral.
    f["bf_cin"] = _n(n_cin)
    # Their rate per 10,000 (Wilson 95% interval) against England's (facts): "close to" when
    # England's figure is inside the interval.
    _rate_against_england(f, "cin", n_cin, pop, ENGLAND["cin_rate"])

    cpp = _dates(la.cp_plans, "start_date", "end_date")
    n_cpp = cpp.loc[_open(cpp["start_date"], cpp["end_date"]), "child_id"].nunique()
    # Children on a child protection plan on 31 March 2023 (open plan), Wilson interval.
    f["bf_cpp"] = _n(n_cpp)
    _rate_set(f, "cpp", n_cpp, pop, "wilson")
    f["bf_cpp_rate1"] = _r(rate_per_10k(n_cpp, pop), 1)

    care = _dates(la.care_episodes, "decom", "dec")
    cic_ids = care.loc[_open(care["decom"], care["dec"]), "child_id"].unique()
    n_cic = len(cic_ids)
    # Children in care on 31 March 2023 (open episode), against England's 70 per 10,000.
    f["bf_cic"] = _n(n_cic)
    _rate_against_england(f, "cic", n_cic, pop, ENGLAND["cic_rate"])
    _cic_story(f, n_cic, pop)
    # Share of them aged 10 to 15 (whole per cent; England 39% in 2022, DfE's age bands).
    f["bf_cic_age_10_15_pct"] = _p(
        children.set_index("child_id").loc[cic_ids, "age"].between(10, 15).mean()
    )

    s47 = _dates(la.section47, "start_date")
    # Section 47 enquiries started in the year.
    f["bf_s47_year"] = _n(_in_year(s47["start_date"]).sum())

    # ---- assessments -------------------------------------------------------------------
    ass = _dates(la.assessments, "start_date", "authorisation_date")
    ass["working_days"] = pd.to_numeric(ass["working_days"])
    auth = ass[_in_year(ass["authorisation_date"])].copy()
    on_time = auth["working_days"] <= 45
    # Assessments authorised in the year; those completed within 45 working days (count, share).
    f["bf_assessments_year"] = _n(len(auth))
    f["bf_assessments_on_time"] = _n(on_time.sum())
    f["bf_assessments_on_time_pct"] = _pct(on_time.sum(), len(auth))
    f["bf_assessments_on_time_pct1"] = _pct(on_time.sum(), len(auth), 1)
    # Median working days from start to authorisation.
    f["bf_assessment_median_days"] = _n(auth["working_days"].median())
    only21 = la.assessment_factors.groupby("assessment_id")["factor"].agg(
        lambda s: set(s) == {"21"}
    )
    auth["only_21"] = auth["assessment_id"].map(only21).fillna(False).astype(bool)
    area = auth[auth["team"].str.startswith("Assessment ")]
    by_team = area.groupby("team").agg(
        on_time=("working_days", lambda d: (d <= 45).mean()), only_21=("only_21", "mean")
    )
    # The area assessment teams (North, South, East, West): lowest and highest on-time share.
    f["bf_area_teams"] = number_word(len(by_team))
    f["bf_team_on_time_min_pct"] = _p(by_team["on_time"].min())
    f["bf_team_on_time_max_pct"] = _p(by_team["on_time"].max())
    # In words: teams within ALIKE_POINTS of each other "look alike" on timeliness.
    f["bf_team_on_time_alike"] = _alike(by_team["on_time"], "looked alike", "differed")
    # Their shares of assessments recorded with factor 21 ("no factors identified") alone.
    f["bf_team_only21_min_pct"] = _p(by_team["only_21"].min())
    f["bf_team_only21_max_pct"] = _p(by_team["only_21"].max())
    west = by_team.drop(index="Assessment West", errors="ignore")
    if "Assessment West" in by_team.index:
        # Assessment West's share, and the range for the other area teams.
        f["bf_west_only21_pct"] = _p(by_team.loc["Assessment West", "only_21"])
        f["bf_other_teams_only21_min_pct"] = _p(west["only_21"].min())
        f["bf_other_teams_only21_max_pct"] = _p(west["only_21"].max())
    # All assessing teams (area teams and Children with Disabilities): range of on-time shares.
    every = auth.groupby("team")["working_days"].agg(lambda d: (d <= 45).mean())
    f["bf_all_teams"] = number_word(len(every))
    f["bf_all_team_on_time_min_pct"] = _p(every.min())
    f["bf_all_team_on_time_max_pct"] = _p(every.max())
    f["bf_all_team_on_time_alike"] = _alike(every, "look alike", "differ")

    _unit2(f, la, r_year, ref, auth)
    _care_leavers(f, la)
    _unit4(f, la, children, auth, cin_children, ref)
    _unit3(f, la, children, cpp)
    _unit5(f, la, ref)
    _unit6(f, la)
    _unit7(f, la, children, under18, r_year, auth)
    _unit9(f, la, children, r_year)
    _unit10(f, la, children, care, cic_ids)
    _place(f, la, children, under18, r_year, ref, eh, auth)
    _ranges(f)
    return f


#: Shares this close (10 percentage points, highest to lowest) are said to "look alike".
ALIKE = 0.10


def _alike(shares: pd.Series, alike: str, differ: str) -> str:
    """``alike`` when the shares span at most ALIKE, else ``differ`` (a course convention)."""
    return alike if shares.max() - shares.min() <= ALIKE else differ


def _ranges(f: dict) -> None:
    """For each pair of keys that differ by ``_min``/``_max`` (``bf_a_min_pct``, ``bf_a_max_pct``),
    ``bf_a_pct_range`` ("between A and B") and ``bf_a_pct_span`` ("A to B"); either is just "A"
    when both ends print the same, never "between 2.1 and 2.1"."""
    for key in [k for k in f if "_min" in k]:
        high = key.replace("_min", "_max", 1)
        if high in f:
            a, b = f[key], f[high]
            stem = key.replace("_min", "", 1)
            f[f"{stem}_range"] = a if a == b else f"between {a} and {b}"
            f[f"{stem}_span"] = a if a == b else f"{a} to {b}"


def _cic_story(f: dict, n_cic: int, pop: int) -> None:
    """Unit 1's worked example: the analyst's first draft reads the point estimate; the manager's
    first question depends on where England's figure lies against the interval."""
    c = compare_with_england(n_cic, pop, ENGLAND["cic_rate"])
    england = facts.england_text("cic_rate")
    fewer = c["rate"] < ENGLAND["cic_rate"]
    # The draft's over-reading, from the point estimate alone.
    f["bf_cic_draft"] = (
        f"Brackenfold has {'fewer' if fewer else 'more'} children in care than average, so its "
        f"children have {'lower' if fewer else 'higher'} needs."
    )
    interval = f"{_r(c['lower'])} to {_r(c['upper'])}"
    # The manager's first question: is there a difference at all?
    f["bf_cic_first_question"] = (
        f"**Is there a difference at all?** England's {england} lies inside Brackenfold's interval "
        f"({interval}), so a gap this size is within what chance alone could give. "
        f'"{"Fewer" if fewer else "More"}" over-reads it.'
        if c["word"] == "close to"
        else f"**Is the difference real?** England's {england} lies outside Brackenfold's interval "
        f"({interval}), so the difference is unlikely to be chance alone. That says there is a "
        "difference, not why."
    )


# --------------------------------------------------------------------------- unit 2
NEED_CODES = {"N1": "n1", "N2": "n2", "N3": "n3", "N4": "n4"}


def _unit2(f, la, r_year, ref, auth) -> None:
    codes = r_year["primary_need_code"].value_counts()
    for code in ["N1", "N2", "N3", "N4"]:
        # Share of the year's referrals with this primary need code.
        f[f"bf_referrals_{code.lower()}_pct"] = _pct(codes.get(code, 0), len(r_year))
    # Referrals in the year coded N1 (abuse or neglect).
    f["bf_referrals_n1"] = _n(codes.get("N1", 0))

    needs = _dates(la.truth["needs"], "onset_date")  # TEACHING ONLY
    at_ref = r_year[["referral_id", "child_id", "referral_date", "primary_need_code"]].merge(
        needs, on="child_id"
    )
    at_ref = at_ref[at_ref["onset_date"] <= at_ref["referral_date"]]
    per_ref = at_ref.groupby("referral_id").size().reindex(r_year["referral_id"], fill_value=0)
    # Teaching-only truth: share of the year's referrals whose child had 2+ (3+) needs that day.
    f["bf_referrals_2plus_needs_pct"] = _p((per_ref >= 2).mean())
    f["bf_referrals_3plus_needs_pct"] = _p((per_ref >= 3).mean())
    n1 = at_ref[at_ref["primary_need_code"] == "N1"]
    n1_total = int((r_year["primary_need_code"] == "N1").sum())
    share = n1.groupby("need")["referral_id"].nunique() / n1_total
    for need in [
        "domestic_abuse",
        "poverty_housing",
        "parental_mental_health",
        "parental_substance_use",
    ]:
        # Teaching-only: share of N1 referrals whose child had this need on the day.
        f[f"bf_n1_{need}_pct"] = _p(share.get(need, 0))

    closed = ref[ref["reason_for_closure"].isin(["RC8", "RC9"]) & _in_year(ref["closure_date"])]
    # Referrals closed in the year after assessment: RC8 (no further action) or RC9 (to Early Help).
    f["bf_closed_after_assessment"] = _n(len(closed))
    f["bf_closed_rc8"] = _n((closed["reason_for_closure"] == "RC8").sum())
    f["bf_closed_rc9"] = _n((closed["reason_for_closure"] == "RC9").sum())
    at_close = closed[["referral_id", "child_id", "closure_date"]].merge(needs, on="child_id")
    per_close = (
        at_close[at_close["onset_date"] <= at_close["closure_date"]]
        .groupby("referral_id")
        .size()
        .reindex(closed["referral_id"], fill_value=0)
    )
    # Teaching-only: share of them whose child had at least one (two or more) needs at closure.
    f["bf_closed_1plus_needs_pct"] = _p((per_close >= 1).mean())
    f["bf_closed_2plus_needs_pct"] = _p((per_close >= 2).mean())

    truth_children = la.truth["children"]
    auth_needs = auth[["assessment_id", "child_id", "start_date", "team"]].merge(
        needs, on="child_id"
    )
    per_ass = (
        auth_needs[auth_needs["onset_date"] <= auth_needs["start_date"]]
        .groupby("assessment_id")
        .size()
        .reindex(auth["assessment_id"], fill_value=0)
        .to_numpy()
    )
    a = auth.assign(true_needs=per_ass)
    a = a[a["team"].str.startswith("Assessment ")]
    by_team = a.groupby("team")["true_needs"].agg(["mean", lambda s: (s == 0).mean()])
    # Teaching-only: area teams' mean number of needs at assessment start, lowest and highest.
    f["bf_team_mean_needs_min"] = _r(by_team["mean"].min(), 1)
    f["bf_team_mean_needs_max"] = _r(by_team["mean"].max(), 1)
    none = by_team.iloc[:, 1]
    # Teaching-only: area teams' share of assessed children with no need at the start, range.
    f["bf_team_no_needs_min_pct"] = _p(none.min())
    f["bf_team_no_needs_max_pct"] = _p(none.max())
    # In words: "much the same needs" when both the mean and the share with none are close.
    same = (
        by_team["mean"].max() - by_team["mean"].min() <= 0.5 and none.max() - none.min() <= ALIKE
    )
    f["bf_team_needs_words"] = "much the same needs" if same else "different needs"
    del truth_children


# --------------------------------------------------------------------------- care leavers
def _care_leavers(f, la) -> None:
    cl = la.care_leavers
    in_touch = cl[cl["in_touch"] == "YES"]
    suitable = int((in_touch["accommodation_suitable"] == "Y").sum())
    # Care leavers in the year's return (17th-21st birthday in the year); in touch; in touch and
    # recorded as in suitable accommodation (share of those in touch, Wilson 95% interval).
    f["bf_care_leavers"] = _n(len(cl))
    f["bf_care_leavers_in_touch"] = _n(len(in_touch))
    f["bf_care_leavers_in_touch_pct"] = _pct(len(in_touch), len(cl))
    f["bf_care_leavers_suitable"] = _n(suitable)
    ci = rate_interval(suitable, len(in_touch), per=100, method="wilson").iloc[0]
    f["bf_care_leavers_suitable_pct"] = _r(ci["rate"]) + "%"
    f["bf_care_leavers_suitable_lower"] = _r(ci["lower"]) + "%"
    f["bf_care_leavers_suitable_upper"] = _r(ci["upper"]) + "%"
    recorded = in_touch[in_touch["accommodation_suitable"].isin(["Y", "N"])]
    # In touch with suitability recorded (Y or N); of those, share recorded as suitable.
    f["bf_care_leavers_recorded"] = _n(len(recorded))
    f["bf_care_leavers_recorded_suitable"] = _n((recorded["accommodation_suitable"] == "Y").sum())
    f["bf_care_leavers_recorded_suitable_pct"] = _pct(
        (recorded["accommodation_suitable"] == "Y").sum(), len(recorded)
    )

    sv = la.care_leaver_survey
    unsafe = int((sv["feel_safe_where_i_live"] == "No").sum())
    # Care leavers' survey: respondents; "No" to feeling safe where they live (Wilson interval).
    f["bf_survey_cl_n"] = _n(len(sv))
    f["bf_survey_cl_unsafe"] = _n(unsafe)
    ci = rate_interval(unsafe, len(sv), per=100, method="wilson").iloc[0]
    f["bf_survey_cl_unsafe_pct"] = _r(ci["rate"]) + "%"
    f["bf_survey_cl_unsafe_lower"] = _r(ci["lower"]) + "%"
    f["bf_survey_cl_unsafe_upper"] = _r(ci["upper"]) + "%"
    settled = sv["home_feels_settled"] == "Yes"
    safe = sv["feel_safe_where_i_live"] == "Yes"
    # Shares answering "Yes" to feeling settled, to feeling safe, and to both (count and share).
    f["bf_survey_cl_settled_pct"] = _pct(settled.sum(), len(sv))
    f["bf_survey_cl_safe_pct"] = _pct(safe.sum(), len(sv))
    f["bf_survey_cl_both"] = _safe((settled & safe).sum())
    f["bf_survey_cl_both_pct"] = _pct((settled & safe).sum(), len(sv))


# --------------------------------------------------------------------------- unit 4
def _unit4(f, la, children, auth, cin_children, ref) -> None:
    school = la.school.merge(children[["child_id"]], on="child_id")
    is_cin = school["child_id"].isin(cin_children)
    pa = school["persistent_absence"] == "Y"
    # Pupils in the school table (autumn and spring 2022-23) who were children in need on
    # 31 March 2023; share of them persistently absent, and of other pupils.
    f["bf_cin_pupils"] = _n(is_cin.sum())
    f["bf_cin_pupils_pa_pct"] = _p(pa[is_cin].mean())
    f["bf_other_pupils_pa_pct"] = _p(pa[~is_cin].mean())
    # Share of all pupils persistently absent (one decimal).
    f["bf_pupils_pa_pct1"] = _p(pa.mean(), 1)

    sv = la.survey_information_use
    n = len(sv)
    # Information-use survey: respondents; by group; share agreeing with each statement.
    f["bf_survey_info_n"] = _n(n)
    groups = sv["respondent_group"].value_counts()
    f["bf_survey_info_cin"] = _n(groups.get("child_in_need", 0))
    f["bf_survey_info_cic"] = _n(groups.get("child_in_care", 0))
    for col, key in [
        ("knows_what_is_recorded", "knows"),
        ("asked_before_sharing", "asked"),
        ("records_are_accurate", "accurate"),
        ("could_read_my_file", "see_file"),
    ]:
        agree = int((sv[col] == "Agree").sum())
        disagree = int((sv[col] == "Disagree").sum())
        ci = rate_interval(agree, n, per=100, method="wilson").iloc[0]
        f[f"bf_survey_{key}_agree"] = _n(agree)
        f[f"bf_survey_{key}_agree_pct"] = _pct(agree, n)
        f[f"bf_survey_{key}_agree_lower"] = _r(ci["lower"]) + "%"
        f[f"bf_survey_{key}_agree_upper"] = _r(ci["upper"]) + "%"
        f[f"bf_survey_{key}_disagree"] = _n(disagree)
        f[f"bf_survey_{key}_disagree_pct"] = _pct(disagree, n)
    for grp, key in [("child_in_care", "cic"), ("child_in_need", "cin")]:
        part = sv[sv["respondent_group"] == grp]
        # Share of each group agreeing they are asked before their information is shared.
        f[f"bf_survey_asked_{key}_pct"] = _pct(
            (part["asked_before_sharing"] == "Agree").sum(), len(part)
        )

    voice = _dates(la.voice_records, "record_date")
    wf = voice[
        (voice["record_type"] == "wishes_and_feelings")
        & voice["record_date"].between(TWO_YEARS_START, YEAR_END)
    ]
    with_wf = int(pd.Series(cin_children).isin(wf["child_id"]).sum())
    # Children in need on 31 March 2023 with at least one wishes-and-feelings record in the
    # two years to that date (count and share).
    f["bf_cin_with_wishes"] = _n(with_wf)
    f["bf_cin_with_wishes_pct"] = _pct(with_wf, len(cin_children))

    days = (
        auth["working_days"]
        .dropna()
        .astype(int)
        .value_counts()
        .reindex(range(0, 200), fill_value=0)
    )
    # Assessments authorised in the year that took exactly 45 and 46 working days.
    f["bf_assessments_day45"] = _n(days[45])
    f["bf_assessments_day46"] = _n(days[46])
    window = days.loc[38:45]
    busiest = sorted(window.nlargest(3).index)
    # The three busiest days (most assessments authorised) between days 38 and 45.
    f["bf_busiest_days_38_45"] = f"{busiest[0]}, {busiest[1]} and {busiest[2]}"
    falls = days.loc[38:45] - days.loc[39:46].to_numpy()
    top = int(falls.idxmax())
    # The largest fall from one day to the next between days 38 and 46: the day, its count and
    # the next day's count.
    f["bf_biggest_fall_day"] = _n(top)
    f["bf_biggest_fall_day_next"] = _n(top + 1)
    f["bf_biggest_fall_from"] = _n(days[top])
    f["bf_biggest_fall_to"] = _n(days[top + 1])
    # "no such pile-up" unless days 44-45 average over 1.5 times days 38-43, or the fall from day
    # 45 to 46 is the largest in the range.
    pile = days.loc[44:45].mean() > 1.5 * days.loc[38:43].mean() or top == 45
    f["bf_pileup_words"] = "signs of such a pile-up" if pile else "no such pile-up"


_WORDS = [
    "none",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


def number_word(n: int) -> str:
    """A count as the chapters write it: a word up to twenty ("none", "one", ...), else digits.

    Example:
        >>> number_word(0), number_word(7), number_word(1234)
        ('none', 'seven', '1,234')
    """
    n = int(n)
    return _WORDS[n] if 0 <= n < len(_WORDS) else _n(n)


# --------------------------------------------------------------------------- unit 3
def _unit3(f, la, children, cpp) -> None:
    from childinfo.toolkit.disclosure import age_band, k_anonymity, records_below_k

    ids = cpp.loc[_open(cpp["start_date"], cpp["end_date"]), ["child_id"]].drop_duplicates()
    g = ids.merge(children, on="child_id")
    g["age"] = g["age"].astype(int)
    g["district"] = g["postcode"].str.split().str[0]
    g["band"] = age_band(g["age"], bands=(0, 5, 10, 16, 18))
    groups = {"W": "White", "M": "Mixed", "A": "Asian", "B": "Black"}
    g["ethnic_group"] = g["ethnicity"].map(
        lambda c: "Not known" if c in ("REFU", "NOBT", "") else groups.get(c[:1], "Other")
    )
    # The proposed extract: children on a child protection plan on 31 March 2023 (open plan),
    # joined to the children table.
    f["bf_cpp_extract"] = _n(len(g))
    steps = {
        "requested": ["dob", "sex", "postcode"],
        "age_eth_district": ["age", "sex", "ethnicity", "district"],
        "band_group_district": ["band", "sex", "ethnic_group", "district"],
        "band_group": ["band", "sex", "ethnic_group"],
        "band_sex": ["band", "sex"],
    }
    for key, cols in steps.items():
        sizes = g.groupby(cols, dropna=False)["child_id"].transform("size")
        # For each set of released columns: share of children unique in the file, share in a
        # group smaller than 5, and k (the smallest group), from childinfo.toolkit.disclosure.
        f[f"bf_kanon_{key}_unique_pct"] = _p((sizes == 1).mean())
        f[f"bf_kanon_{key}_below5_pct"] = _p(len(records_below_k(g, cols, 5)) / len(g))
        f[f"bf_kanon_{key}_k"] = _n(k_anonymity(g, cols))
    unique = (g.groupby(steps["requested"])["child_id"].transform("size") == 1).mean()
    # The requested columns: "every child ... is unique" when all are, else the share.
    f["bf_kanon_requested_unique_words"] = (
        "every child in the file is unique"
        if unique == 1
        else f"{_p(unique)} of the children in the file are unique"
    )


# --------------------------------------------------------------------------- unit 5
def _unit5(f, la, ref) -> None:
    pr = la.partner_records
    # Partner records (all five partners), and by partner.
    f["bf_partner_records"] = _n(len(pr))
    for partner, key in [
        ("Brightwater", "brightwater"),
        ("Harbourlight", "harbourlight"),
        ("Kestrel", "kestrel"),
        ("Lanternway", "lanternway"),
        ("Little Acorns", "acorns"),
    ]:
        f[f"bf_partner_{key}"] = _n(pr["partner"].str.startswith(partner).sum())
    # Voice records: all rows (the two years to 31 March 2023).
    f["bf_voice_records"] = _n(len(la.voice_records))
    known_ids = set(la.children["child_id"])
    truth = pr["truth_child_id"]
    belongs = truth.isin(known_ids)
    # Teaching-only: partner records that belong to a child the authority holds, and those
    # that belong to nobody it holds ("about one in N").
    f["bf_partner_known"] = _n(belongs.sum())
    f["bf_partner_unknown"] = _n((~belongs).sum())
    f["bf_partner_unknown_one_in"] = number_word(round(len(pr) / max((~belongs).sum(), 1)))

    def key(df, fore, sur, dob):
        return (
            df[fore].str.strip().str.upper()
            + "|"
            + df[sur].str.strip().str.upper()
            + "|"
            + df[dob].str.strip()
        )

    kids = la.children.assign(k=key(la.children, "forename", "surname", "dob"))
    recs = pr.assign(k=key(pr, "forename", "surname", "dob"))
    links = recs[["partner_record_id", "partner", "truth_child_id", "k"]].merge(
        kids[["child_id", "k"]], on="k"
    )
    linked_records = links["partner_record_id"].nunique()
    correct = links[links["child_id"] == links["truth_child_id"]]["partner_record_id"].nunique()
    wrong = int((links["child_id"] != links["truth_child_id"]).sum())
    # Exact matching on forename, surname and date of birth (spaces trimmed, capitals ignored):
    # partner records matched; true records missed (count and share of those that belong);
    # wrong links.
    f["bf_exact_matched"] = _n(linked_records)
    missed = int(belongs.sum()) - correct
    f["bf_exact_missed"] = _n(missed)
    f["bf_exact_missed_pct"] = _pct(missed, belongs.sum())
    f["bf_exact_false_matches"] = _safe(wrong) if wrong else "none"
    f["bf_exact_false_words"] = (
        "It made no false matches."
        if wrong == 0
        else f"It also made a few false matches ({FEWER})."
        if wrong < THRESHOLD
        else f"It also made {_n(wrong)} false matches."
    )

    yc = set(links.loc[links["partner"].str.startswith("Lanternway"), "child_id"])
    two_years = ref[ref["referral_date"] >= TWO_YEARS_START]
    referred = yc & set(two_years["child_id"])
    factors = la.assessments.merge(la.assessment_factors, on="assessment_id")
    yc_7a = referred & set(factors.loc[factors["factor"] == "7A", "child_id"])
    eh = la.early_help
    yc_eh = yc & set(eh.loc[eh["reason"] == "Young carer support", "child_id"])
    # Children on the young carers' list linked by exact matching; of them, referred in the two
    # years; of those, with factor 7A at an assessment; linked children with an Early Help
    # episode for young carer support (published only as "fewer than 10", the lab's threshold).
    f["bf_yc_linked"] = _n(len(yc))
    f["bf_yc_referred"] = _safe(len(referred))
    f["bf_yc_7a"] = _safe(len(yc_7a))
    f["bf_yc_eh_words"] = "fewer than 10" if len(yc_eh) < 10 else _n(len(yc_eh))


# --------------------------------------------------------------------------- unit 6
def _unit6(f, la) -> None:
    v = la.voice_records
    types = v["record_type"].value_counts()
    # Voice records: rows; different children (rounded to the nearest 10, "about"); by type.
    f["bf_voice_children_about"] = _n(round(v["child_id"].nunique(), -1))
    f["bf_voice_wishes"] = _n(types.get("wishes_and_feelings", 0))
    f["bf_voice_family"] = _n(types.get("family_feedback", 0))
    f["bf_voice_notes"] = _n(types.get("case_note", 0))

    sv = la.survey_information_use
    cis = {}
    for grp in ["child_in_care", "child_in_need"]:
        part = sv[sv["respondent_group"] == grp]
        cis[grp] = rate_interval(
            int((part["asked_before_sharing"] == "Agree").sum()),
            len(part),
            per=100,
            method="wilson",
        ).iloc[0]
    overlap_all, gap = True, 0.0
    for col in [
        "knows_what_is_recorded",
        "asked_before_sharing",
        "records_are_accurate",
        "could_read_my_file",
    ]:
        ci = [
            rate_interval(int((p[col] == "Agree").sum()), len(p), per=100, method="wilson").iloc[0]
            for p in (sv[sv["respondent_group"] == g] for g in ["child_in_care", "child_in_need"])
        ]
        overlap_all &= min(ci[0]["upper"], ci[1]["upper"]) > max(ci[0]["lower"], ci[1]["lower"])
        gap = max(gap, abs(ci[0]["rate"] - ci[1]["rate"]))
    # How children in care and children in need compare: "much alike" when the two groups'
    # Wilson intervals for "Agree" overlap on every statement and no share differs by 5 points
    # or more; "within chance" when they overlap but a share differs more; else "differently".
    f["bf_survey_groups_lead"] = (
        "Children in care and children in need answered much alike."
        if overlap_all and gap < 5
        else "The differences between children in care and children in need are within what chance could give."
        if overlap_all
        else "Children in care and children in need answered differently on some statements."
    )
    a, b = cis["child_in_care"], cis["child_in_need"]
    overlap = min(a["upper"], b["upper"]) - max(a["lower"], b["lower"])
    # Whether the two groups' Wilson intervals for "asked before sharing" overlap.
    f["bf_survey_groups_finding"] = (
        "the intervals for the two groups overlap. The survey does not show one group being treated worse."
        if overlap > 0
        else "the intervals for the two groups do not overlap, so the difference is larger than chance "
        "alone would easily give."
    )


# --------------------------------------------------------------------------- unit 7
def _unit7(f, la, children, under18, r_year, auth) -> None:
    unknown = int((~r_year["child_id"].isin(set(children["child_id"]))).sum())
    # Referrals in the year naming a child ID that is not in the children table.
    f["bf_referrals_unknown_child"] = _safe(unknown) if unknown else "none"

    wards = la.areas[["area_code", "ward", "deprivation_decile"]].copy()
    wards["deprivation_decile"] = pd.to_numeric(wards["deprivation_decile"])
    pop = under18.merge(wards, on="area_code").groupby("ward").size().rename("population")
    ev = (
        r_year.merge(children[["child_id", "area_code"]], on="child_id")
        .merge(wards, on="area_code")
        .groupby("ward")
        .size()
        .rename("events")
    )
    table = pd.concat([ev, pop], axis=1).fillna(0).astype(int).rename_axis("ward").reset_index()
    pos = funnel_position(table).set_index("ward")
    ci = rate_interval(table["events"].to_numpy(), table["population"].to_numpy())
    ci.index = table["ward"]
    # Ward referral rates in the year per 10,000 children aged 0-17: lowest and highest.
    f["bf_ward_rate_min"] = _r(pos["rate"].min())
    f["bf_ward_rate_max"] = _r(pos["rate"].max())
    f["bf_wards"] = _n(len(pos))
    ranked = pos["rate"].rank(ascending=False, method="min").astype(int)
    small = pos["population"].idxmin()
    s = pos.loc[small]
    # The smallest ward (Ivyhythe): name, rank in a league table of rates, referrals (suppressed
    # if 1 to 5), children, rate and exact Poisson interval, and where it sits on the funnel.
    f["bf_small_ward"] = small
    f["bf_small_ward_rank"] = _ORDINALS[ranked[small] - 1]
    f["bf_small_ward_referrals"] = _safe(s["events"])
    f["bf_small_ward_children"] = _n(s["population"])
    f["bf_small_ward_rate"] = _r(s["rate"])
    f["bf_small_ward_lower"] = _r(ci.loc[small, "lower"])
    f["bf_small_ward_upper"] = _r(ci.loc[small, "upper"])
    width = ci.loc[small, "upper"] - ci.loc[small, "lower"]
    f["bf_small_ward_width_words"] = (
        "wider than the whole range between the lowest and highest wards"
        if width > pos["rate"].max() - pos["rate"].min()
        else "wide compared with the range between the lowest and highest wards"
    )
    # Where the smallest ward sits on the funnel, as the end of a sentence.
    f["bf_small_ward_funnel"] = (
        "sits comfortably inside the limits. Nothing about it stands out from chance."
        if s["band"] == "within 95% limits"
        else f"sits {s['band']}: worth a question, but a small ward's rate moves a lot by chance."
    )
    outside = pos["band"].str.contains("99.8")
    above = int(pos["band"].eq("above 99.8% limit").sum())
    below = int(pos["band"].eq("below 99.8% limit").sum())
    # Wards outside the 99.8% funnel limits (target = the pooled rate): how many, above, below.
    f["bf_wards_outside_998"] = number_word(outside.sum())
    f["bf_wards_outside_998_cap"] = number_word(outside.sum()).capitalize()
    f["bf_wards_above_998"] = number_word(above)
    f["bf_wards_below_998"] = number_word(below)
    dep = wards.groupby("ward")["deprivation_decile"].mean()
    top3 = set(pos["rate"].nlargest(3).index)
    poor3 = set(dep.nsmallest(3).index)
    same = len(top3 & poor3)
    # How many of the three highest ward rates are in the three most deprived wards (lowest mean
    # decile), in words.
    f["bf_top3_deprived_words"] = (
        "the three highest rates are in the three most deprived wards"
        if same == 3
        else f"{number_word(same)} of the three highest rates are in the three most deprived wards"
    )

    factors = la.assessment_factors[la.assessment_factors["factor"] != "21"]
    per = factors.groupby("assessment_id").size().reindex(auth["assessment_id"], fill_value=0)
    mean_by_team = per.groupby(auth.set_index("assessment_id")["team"]).mean()
    # Assessments authorised in the year: mean number of factors recorded (other than 21) per
    # assessment, lowest and highest team (one decimal).
    f["bf_team_factors_min"] = _r(mean_by_team.min(), 1)
    f["bf_team_factors_max"] = _r(mean_by_team.max(), 1)


# --------------------------------------------------------------------------- unit 9
def _unit9(f, la, children, r_year) -> None:
    plan = r_year["referral_id"].isin(set(la.cp_plans["referral_id"]))
    # Referrals in the year that had led to a child protection plan by 31 March 2023 (a plan
    # with that referral_id); share ("about", whole number); accuracy of predicting no plan.
    f["bf_referrals_to_plan"] = _n(plan.sum())
    f["bf_referrals_to_plan_pct"] = _p(plan.mean())
    f["bf_no_plan_pct"] = _p(1 - plan.mean())
    eth = r_year.merge(children[["child_id", "ethnicity"]], on="child_id", how="left")["ethnicity"]
    unknown = eth.isin(["REFU", "NOBT", ""]) | eth.isna()
    n_unknown = int(unknown.sum())
    plans_unknown = int(plan[unknown.to_numpy()].sum())
    # Referrals whose child's ethnicity is recorded as not known (REFU, NOBT or empty), and how
    # many of them led to a plan; one more miss changes the miss rate by 100 / that number.
    f["bf_eth_unknown_referrals"] = _n(n_unknown)
    f["bf_eth_unknown_plans"] = _safe(plans_unknown)
    f["bf_eth_unknown_plans_words"] = (
        number_word(plans_unknown) if plans_unknown >= THRESHOLD else "so few"
    )
    f["bf_eth_unknown_pp"] = (
        _r(100 / plans_unknown)
        if plans_unknown >= THRESHOLD
        else f"more than {_r(100 / THRESHOLD)}"
    )


# --------------------------------------------------------------------------- unit 10
def _unit10(f, la, children, care, cic_ids) -> None:
    wards = la.areas[["area_code", "ward"]]
    by_ward = (
        children[children["child_id"].isin(cic_ids)]
        .merge(wards, on="area_code")
        .groupby("ward")
        .size()
        .reindex(wards["ward"].unique(), fill_value=0)
    )
    small = int(((by_ward > 0) & (by_ward < THRESHOLD)).sum())
    # Wards with 1 to 5 children in care on 31 March 2023 (the number of wards, in words).
    f["bf_cic_small_wards"] = number_word(small)
    f["bf_cic_small_wards_words"] = (
        "The smallest wards had few children in care"
        if small == 0
        else f"One small ward had {FEWER} children in care"
        if small == 1
        else f"{number_word(small).capitalize()} small wards had {FEWER} children in care each"
    )


# --------------------------------------------------------------------------- the Brackenfold page
# What a need is called in a story sentence (the truth table's need names).
_NEED_WORDS = {
    "domestic_abuse": "domestic abuse",
    "parental_mental_health": "a parent's mental health",
    "parental_substance_use": "a parent's alcohol or drug use",
    "neglect": "neglect",
    "poverty_housing": "poverty and housing",
    "disability": "a disability",
    "young_carer": "being a young carer",
    "exploitation": "exploitation",
    "child_mental_health": "his own mental health",
    "speech_language": "speech and language",
}


def _first(candidates: list[pd.Series]) -> str:
    """The first child ID of the first non-empty candidate list (each already in rule order)."""
    for ids in candidates:
        if len(ids):
            return str(ids.iloc[0])
    raise ValueError("no child fits any story rule; relax the rules in story_children")


def story_children(la) -> dict[str, str]:
    """The children whose records brackenfold.md tells as stories, chosen by a rule from the data.

    Kenneth: a boy aged 6 to 10 on the reference date whose only referral came in the two years
    and was closed with no further action after an assessment, done within 45 working days, that
    recorded one factor other than 21; of those, the one most other records tell more about (family feedback, a partner's
    record, an early help episode, a school row, a need in the truth the factor does not show),
    then the lowest ID. Ian: a young man aged 19 to 21 in touch with the council, in suitable
    accommodation by the return (living independently if one is), whose care leaver survey answer
    (linked for teaching only) says he does not feel safe where he lives; the most care episodes,
    then the lowest ID. Derek: a boy never referred whose Early Help episode for speech and
    language ended with his needs met, who joined Little Acorns Talk Club (linked for teaching
    only) in the 120 days before it began; the most council tables, then the lowest ID. Lucy: a
    girl under 12 whom the truth and Lanternway Young Carers know as a young carer, with no
    contact, referral or assessment and one Early Help episode, closed, recorded with a reason
    about the adults at home; closed as needs met if one is, then the lowest ID.
    """
    c = _dates(la.children, "dob").set_index("child_id")
    age = (YEAR_END - c["dob"]).dt.days / 365.25
    r = _dates(la.referrals, "referral_date")
    only = r[r["child_id"].map(r["child_id"].value_counts()) == 1]
    only = only[(only["referral_date"] >= TWO_YEARS_START) & (only["reason_for_closure"] == "RC8")]
    factors = la.assessment_factors.groupby("assessment_id")["factor"].agg(list)
    a = la.assessments.assign(factors=la.assessments["assessment_id"].map(factors))
    one = a[a["factors"].map(lambda f: isinstance(f, list) and len(f) == 1 and f[0] != "21")]
    one = one[one["working_days"].astype(float) <= 45]  # on time: timeliness counts it a success
    ids = pd.Series(sorted(set(only["child_id"]) & set(one["child_id"])), dtype=object)
    ids = ids[ids.map(lambda i: c.at[i, "sex"] == "M" and 6 <= age[i] < 11)]
    truth = la.truth["needs"].groupby("child_id")["need"].agg(set) if la.truth else {}
    shown = one.set_index("child_id")["factors"].map(set)
    told = {
        "fb": set(
            la.voice_records.loc[la.voice_records["record_type"] == "family_feedback", "child_id"]
        ),
        "pr": set(la.partner_records["truth_child_id"].dropna()),
        "eh": set(la.early_help["child_id"]),
        "sc": set(la.school["child_id"]),
    }
    hidden = ids.map(lambda i: len(truth.get(i, set())) > 1 if len(shown.get(i, ())) else False)
    score = sum(ids.isin(s).astype(int) for s in told.values()) + hidden.astype(int)
    kenneth = _first([ids.iloc[np.argsort(-score.to_numpy(), kind="stable")]])

    cl = la.care_leavers
    sv = la.care_leaver_survey
    unsafe = set(sv.loc[sv["feel_safe_where_i_live"] == "No", "truth_child_id"])
    ok = cl[cl["child_id"].isin(unsafe) & (cl["in_touch"] == "YES")]
    ok = ok[
        (ok["accommodation_suitable"] == "Y") & ok["child_id"].map(lambda i: c.at[i, "sex"] == "M")
    ]
    ok = ok[ok["child_id"].map(lambda i: 19 <= age[i] < 22)]
    episodes = la.care_episodes["child_id"].value_counts()
    ok = ok.assign(n=ok["child_id"].map(episodes).fillna(0)).sort_values(
        ["n", "child_id"], ascending=[False, True]
    )
    ok = ok[ok["n"] > 0]  # his story follows his care episodes
    ian = _first([ok.loc[ok["accommodation"].str.startswith("U"), "child_id"], ok["child_id"]])

    # Derek and Lucy: known to the council through Early Help only (no referral).
    eh = _dates(la.early_help, "start_date")
    partner = _dates(la.partner_records, "start_date")
    referred = set(la.referrals["child_id"])
    sl = eh[(eh["reason"] == "Speech and language") & (eh["end_reason"] == "Needs met")]
    talk = partner[partner["partner"] == "Little Acorns Talk Club"]
    talk = talk.rename(columns={"truth_child_id": "child_id", "start_date": "joined"})
    d = sl.merge(talk[["child_id", "joined"]], on="child_id")
    gap = (d["start_date"] - d["joined"]).dt.days
    d = d[(gap > 0) & (gap <= 120) & ~d["child_id"].isin(referred)]
    d = d[c.loc[d["child_id"], "sex"].to_numpy() == "M"]
    tables = _council_tables(la)
    d = d.assign(n=[sum(i in t for t in tables) for i in d["child_id"]])
    derek = _first_or_none(d.sort_values(["n", "child_id"], ascending=[False, True])["child_id"])

    carers = set(partner.loc[partner["partner"] == "Lanternway Young Carers", "truth_child_id"])
    truth = la.truth["needs"] if la.truth else pd.DataFrame(columns=["child_id", "need"])
    carers &= set(truth.loc[truth["need"] == "young_carer", "child_id"])
    once = eh[eh["child_id"].map(eh["child_id"].value_counts()) == 1]
    seen = referred | set(la.contacts["child_id"]) | set(la.assessments["child_id"])
    lu = once[
        once["child_id"].isin(carers)
        & ~once["child_id"].isin(seen)
        & once["reason"].isin(list(_FAMILY_REASONS))
        & (once["end_reason"] != "")
    ]
    lu = lu[
        (c.loc[lu["child_id"], "sex"].to_numpy() == "F") & (age[lu["child_id"]] < 12).to_numpy()
    ]
    lu = lu.assign(met=lu["end_reason"] != "Needs met").sort_values(["met", "child_id"])
    lucy = _first_or_none(lu["child_id"])
    return {"kenneth": kenneth, "ian": ian, "derek": derek, "lucy": lucy}


# Early Help reasons about the adults at home (Lucy's episode was recorded as one of these), in
# the words her story uses.
_FAMILY_REASONS = {
    "Parental mental health": "her parent's mental health",
    "Domestic abuse": "domestic abuse at home",
    "Parental substance use": "her parent's alcohol or drug use",
    "Money and housing worries": "money and housing worries",
    "Parenting support": "parenting support",
    "Home conditions": "home conditions",
}
# What a contact that led to no referral ended with, in words.
_CONTACT_OUTCOME = {
    "Advice given": "advice",
    "No further action": "no further action",
    "Early help referral": "a referral to Early Help",
}


def _first_or_none(ids: pd.Series) -> str | None:
    """The first child ID, or None: Derek's and Lucy's rules can find nobody in a small
    comparison authority, whose figures the labs compute but whose page is never built."""
    return str(ids.iloc[0]) if len(ids) else None


def _council_tables(la) -> list[set]:
    """The child IDs of each council table that holds children's IDs (not partners' records)."""
    return [set(t["child_id"]) for t in la.tables.values() if "child_id" in t.columns]


def _place(f, la, children, under18, r_year, ref, eh, auth) -> None:
    pop = len(under18)
    age = under18["age"]
    # Children aged 0-17 on 31 March 2023 by age band (age in whole years from date of birth).
    for key, lo, hi in [
        ("under1", 0, 0),
        ("1_4", 1, 4),
        ("5_9", 5, 9),
        ("10_15", 10, 15),
        ("16_17", 16, 17),
    ]:
        f[f"bf_age_{key}"] = _n(age.between(lo, hi).sum())
    # Children per year of age, rounded to the nearest hundred ("about").
    f["bf_per_year_of_age_about"] = _n(round(pop / 18, -2))
    # Shares of children aged 0-17 (one decimal): boys; recorded ethnic groups by the first letter
    # of the code (W, A, M, B; O and C "other"); White British (WBRI); not obtained or refused.
    eth = under18["ethnicity"]
    f["bf_boys_pct"] = _p((under18["sex"] == "M").mean(), 1)
    f["bf_white_pct"] = _p(eth.str.startswith("W").mean(), 1)
    f["bf_wbri_pct"] = _p((eth == "WBRI").mean(), 1)
    f["bf_asian_pct"] = _p(eth.str.startswith("A").mean(), 1)
    f["bf_mixed_pct"] = _p(eth.str.startswith("M").mean(), 1)
    f["bf_black_pct"] = _p(eth.str.startswith("B").mean(), 1)
    f["bf_other_eth_pct"] = _p((eth.str.startswith("O") | eth.str.startswith("C")).mean(), 1)
    f["bf_eth_not_known_pct"] = _p(eth.isin(["NOBT", "REFU", ""]).mean(), 1)
    # First language recorded and not English; a disability recorded (not NONE, not empty).
    f["bf_not_english_pct"] = _p(
        ((under18["first_language"] != "ENG") & (under18["first_language"] != "")).mean(), 1
    )
    f["bf_disability_pct"] = _p((~under18["disability"].isin(["NONE", ""])).mean(), 1)
    school_age = under18[under18["fsm"] != ""]
    # Children of school age (FSM recorded); of them eligible for FSM, SEN support (K), EHC plan (E).
    f["bf_school_age"] = _n(len(school_age))
    f["bf_fsm_pct"] = _p((school_age["fsm"] == "Y").mean(), 1)
    f["bf_sen_support_pct"] = _p((school_age["sen_provision"] == "K").mean(), 1)
    f["bf_ehcp_pct"] = _p((school_age["sen_provision"] == "E").mean(), 1)
    # Children aged 0-17 who arrived as unaccompanied asylum-seeking children.
    f["bf_uasc"] = _safe((under18["uasc"] == "Y").sum())

    areas = la.areas.copy()
    areas["decile"] = pd.to_numeric(areas["deprivation_decile"])
    # Small areas; wards; children per small area rounded to the nearest hundred ("about").
    f["bf_small_areas"] = _n(len(areas))
    f["bf_wards_words"] = (
        number_word(areas["ward"].nunique()).capitalize()
        if areas["ward"].nunique() <= 20
        else _n(areas["ward"].nunique())
    )
    f["bf_children_per_area_about"] = _n(round(pop / len(areas), -2))
    kids = under18.merge(areas, on="area_code")
    d = kids["decile"]
    # Share of children aged 0-17 living in areas of deciles 5-7, 1-2 and 9-10.
    f["bf_decile_5_7_pct"] = _p(d.between(5, 7).mean())
    f["bf_decile_1_2_pct"] = _p(d.between(1, 2).mean())
    f["bf_decile_9_10_pct"] = _p(d.between(9, 10).mean())
    gil = areas[areas["ward"] == "Gilstead"]["decile"]
    # The decile range of Gilstead's small areas.
    f["bf_gilstead_decile_min"] = _n(gil.min()) if len(gil) else "1"
    f["bf_gilstead_decile_max"] = _n(gil.max()) if len(gil) else "10"
    rd = r_year.merge(children[["child_id", "area_code"]], on="child_id").merge(
        areas, on="area_code"
    )
    pop_dec = d.value_counts()
    ev_dec = rd["decile"].value_counts()
    # Referrals in the year for children living in decile 1 areas; referral rates per 10,000
    # children aged 0-17 in decile 1 and decile 10 areas.
    f["bf_decile1_referrals"] = _n(ev_dec.get(1, 0))
    f["bf_decile1_referral_rate"] = _r(rate_per_10k(ev_dec.get(1, 0), pop_dec.get(1, 1)))
    f["bf_decile10_referral_rate"] = _r(rate_per_10k(ev_dec.get(10, 0), pop_dec.get(10, 1)))

    # The ward table (a whole Markdown table): children 0-17, small areas, decile range (median),
    # share of pupils (FSM recorded) eligible for FSM, share of children not recorded as WBRI;
    # the median is the children's (each child's area decile); ordered by that median, then by
    # FSM share (highest first).
    rows = []
    for ward, part in kids.groupby("ward"):
        ad = areas[areas["ward"] == ward]["decile"]
        pupils = part[part["fsm"] != ""]
        rows.append(
            (
                ward,
                len(part),
                len(ad),
                int(ad.min()),
                int(ad.max()),
                float(part["decile"].median()),
                (pupils["fsm"] == "Y").mean() if len(pupils) else 0.0,
                (part["ethnicity"] != "WBRI").mean(),
            )
        )
    table = pd.DataFrame(
        rows, columns=["ward", "children", "areas", "lo", "hi", "median", "fsm", "not_wbri"]
    )
    table = table.sort_values(["median", "fsm"], ascending=[True, False])
    lines = [
        "| Ward | Children 0-17 | Small areas | Deciles (median) | Pupils eligible for free school meals "
        "| Children not recorded as White British |",
        "|---|---|---|---|---|---|",
    ]
    for r in table.itertuples():
        median = f"{r.median:g}"
        lines.append(
            f"| {r.ward} | {_n(r.children)} | {r.areas} | {r.lo} to {r.hi} ({median}) "
            f"| {_p(r.fsm)} | {_p(r.not_wbri)} |"
        )
    f["bf_ward_table"] = "\n".join(lines)

    # Early years: share of the EYFS profile reaching a good level of development (one decimal);
    # share of eligible two-year-olds who took up a funded place.
    gld = la.eyfs_profile["good_level_of_development"]
    f["bf_gld_pct"] = _p((gld == "Y").mean(), 1)
    ee = la.early_education
    eligible = ee[ee["eligible_two_year_funding"] == "Y"]
    f["bf_two_year_takeup_pct"] = _p((eligible["funded_place_taken"] == "Y").mean())

    closed = ref[_in_year(ref["closure_date"])]
    # Referrals closed in the year: share closed after an assessment found the child not in need
    # (RC8 or RC9).
    f["bf_closed_after_assessment_pct"] = _pct(
        closed["reason_for_closure"].isin(["RC8", "RC9"]).sum(), len(closed)
    )

    truth = la.truth["needs"]
    yc = set(truth.loc[truth["need"] == "young_carer", "child_id"])
    factors = la.assessments.merge(la.assessment_factors, on="assessment_id")
    pr = la.partner_records
    # Teaching-only: children the truth table says are young carers; of them, with factor 7A at
    # an assessment; with an Early Help episode for young carer support; known to Lanternway.
    f["bf_truth_young_carers"] = _n(len(yc))
    f["bf_truth_yc_7a"] = _safe(len(yc & set(factors.loc[factors["factor"] == "7A", "child_id"])))
    f["bf_truth_yc_eh"] = _safe(
        len(yc & set(eh.loc[eh["reason"] == "Young carer support", "child_id"]))
    )
    f["bf_truth_yc_charity"] = _safe(
        len(yc & set(pr.loc[pr["partner"].str.startswith("Lanternway"), "truth_child_id"]))
    )

    _stories(f, la)


def _month(day) -> str:
    return pd.Timestamp(day).strftime("%B %Y")


def _stories(f, la) -> None:
    """The story children's records, in words (brackenfold.md): every detail comes from the data."""
    ids = story_children(la)
    kid = ids["kenneth"]
    child = la.children.set_index("child_id").loc[kid]
    age = int((YEAR_END - pd.Timestamp(child["dob"])).days // 365.25)
    ward = la.areas.set_index("area_code").at[child["area_code"], "ward"]
    ref = la.referrals[la.referrals["child_id"] == kid].iloc[0]
    ass = la.assessments[la.assessments["child_id"] == kid].iloc[0]
    factor = la.assessment_factors.loc[
        la.assessment_factors["assessment_id"] == ass["assessment_id"], "factor"
    ].iloc[0]
    # Kenneth: age, ward, referral month, source code, primary need (code and DfE label), team,
    # working days, the one factor, and what the other records and the truth say.
    f["bf_kenneth_age"] = number_word(age)
    f["bf_kenneth_ward"] = ward
    f["bf_kenneth_referred"] = _month(ref["referral_date"])
    f["bf_kenneth_source"] = ref["referral_source"]
    need = ref["primary_need_code"]
    f["bf_kenneth_need"] = f"{need}, {PRIMARY_NEED.get(need, 'not stated').lower()}"
    f["bf_kenneth_team"] = ass["team"]
    f["bf_kenneth_days"] = _n(ass["working_days"])
    f["bf_kenneth_factor"] = factor
    eh = la.early_help[la.early_help["child_id"] == kid]
    f["bf_kenneth_eh"] = (
        f"In {_month(eh['start_date'].iloc[0])} an Early Help episode began, recorded as"
        f" {eh['reason'].iloc[0].lower()}."
        if len(eh)
        else "No Early Help episode followed."
    )
    more = []
    fb = la.voice_records[
        (la.voice_records["child_id"] == kid)
        & (la.voice_records["record_type"] == "family_feedback")
    ]
    if len(fb):
        said = fb["text"].iloc[0].split(". ", 1)[-1]
        more.append(f'His family\'s feedback to the service says: *"{said}"*')
    school = la.school[la.school["child_id"] == kid]
    if len(school):
        more.append(
            f"His school row shows he missed {_n(school['sessions_missed'].iloc[0])} of"
            f" {_n(school['sessions_possible'].iloc[0])} possible sessions in the autumn and"
            " spring terms."
        )
    partner = la.partner_records[la.partner_records["truth_child_id"] == kid]
    if len(partner):
        p = partner.iloc[0]
        same = p["surname"] == child["surname"] and p["forename"] == child["forename"]
        more.append(
            f"And {p['partner']} has known him since {_month(p['start_date'])}"
            + (
                "."
                if same
                else ", under a name the council's record spells differently, so an"
                " exact match on his full name would miss him."
            )
        )
    f["bf_kenneth_more"] = " ".join(more) or "No other record mentions him."
    truth = la.truth["needs"] if la.truth else pd.DataFrame(columns=["child_id", "need"])
    needs = [_NEED_WORDS[n] for n in truth.loc[truth["child_id"] == kid, "need"]]
    f["bf_kenneth_truth"] = (
        f"{number_word(len(needs))} need{'s' if len(needs) != 1 else ''}: "
        + (", ".join(needs[:-1]) + ", and " + needs[-1] if len(needs) > 1 else needs[0])
        if needs
        else "no need on the reference date"
    )

    # Ian: age, the year he came into care and his age then, his age on leaving, his care
    # episodes and how many began with a move, and his survey answer.
    kid = ids["ian"]
    dob = pd.Timestamp(la.children.set_index("child_id").at[kid, "dob"])
    e = _dates(la.care_episodes[la.care_episodes["child_id"] == kid], "decom", "dec")
    first, last = e["decom"].min(), e["dec"].max()
    f["bf_ian_age"] = number_word(int((YEAR_END - dob).days // 365.25))
    f["bf_ian_care_year"] = str(first.year)
    f["bf_ian_care_age"] = number_word(int((first - dob).days // 365.25))
    f["bf_ian_left_age"] = number_word(int((last - dob).days // 365.25))
    f["bf_ian_episodes"] = _n(len(e))
    f["bf_ian_moves"] = number_word(int((e["rne"] == "P").sum()))
    answer = la.care_leaver_survey.loc[la.care_leaver_survey["truth_child_id"] == kid, "free_text"]
    f["bf_ian_answer"] = answer.iloc[0]
    _derek_and_lucy(f, la, ids)


def _derek_and_lucy(f, la, ids) -> None:
    """Derek's and Lucy's records in words (brackenfold.md); see ``story_children``."""
    children = la.children.set_index("child_id")
    wards = la.areas.set_index("area_code")["ward"]

    def age_on(kid, day) -> int:
        return int((pd.Timestamp(day) - pd.Timestamp(children.at[kid, "dob"])).days // 365.25)

    # With no Derek or Lucy in the authority (``story_children``) their words are left empty.
    keys = ["age", "ward", "tables", "contact", "eyfs", "eh_month", "joined"]
    f.update({f"bf_derek_{k}": "" for k in keys})
    f.update(
        {f"bf_lucy_{k}": "" for k in ["age", "ward", "eh_year", "eh_reason", "eh_end", "joined"]}
    )
    kid = ids["derek"]
    if kid is not None:
        _derek(f, la, kid, children, wards, age_on)
    if ids["lucy"] is not None:
        _lucy(f, la, ids["lucy"], children, wards, age_on)


def _derek(f, la, kid, children, wards, age_on) -> None:
    # Derek: age, ward, council tables with a row, his first contact, EYFS profile, the month of
    # his speech and language Early Help episode and the weeks since he joined the talk club.
    f["bf_derek_age"] = number_word(age_on(kid, YEAR_END))
    f["bf_derek_ward"] = wards[children.at[kid, "area_code"]]
    f["bf_derek_tables"] = number_word(sum(kid in t for t in _council_tables(la)))
    contacts = _dates(la.contacts[la.contacts["child_id"] == kid], "contact_date")
    if len(contacts):
        first = contacts.sort_values("contact_date").iloc[0]
        outcome = _CONTACT_OUTCOME.get(first["outcome"], first["outcome"].lower())
        f["bf_derek_contact"] = (
            f"When he was {number_word(age_on(kid, first['contact_date']))}, a contact about him ended"
            f" with {outcome}."
        )
    else:
        f["bf_derek_contact"] = "No contact about him is on record."
    ey = la.eyfs_profile[la.eyfs_profile["child_id"] == kid]
    if len(ey):
        met = {
            "communication and language": ey["communication_language_expected"].iloc[0] == "Y",
            "personal, social and emotional development": (
                ey["personal_social_emotional_expected"].iloc[0] == "Y"
            ),
        }
        yes = [k for k, v in met.items() if v]
        no = [k for k, v in met.items() if not v]
        said = (
            f"he met the expected level in {yes[0]}, but not in {no[0]}"
            if yes and no
            else f"he {'met' if yes else 'did not meet'} the expected level in"
            f" {' and in '.join(yes or no)}"
        )
        f["bf_derek_eyfs"] = f"At the end of reception, his EYFS profile says {said}."
    else:
        f["bf_derek_eyfs"] = "The council holds no EYFS profile for him."
    eh = _dates(la.early_help[la.early_help["child_id"] == kid], "start_date")
    ep = eh[(eh["reason"] == "Speech and language") & (eh["end_reason"] == "Needs met")].iloc[0]
    f["bf_derek_eh_month"] = _month(ep["start_date"])
    talk = _dates(la.partner_records, "start_date")
    talk = talk[(talk["truth_child_id"] == kid) & (talk["partner"] == "Little Acorns Talk Club")]
    weeks = round((ep["start_date"] - talk["start_date"].max()).days / 7)
    f["bf_derek_joined"] = number_word(weeks).capitalize() + (" week" if weeks == 1 else " weeks")


def _lucy(f, la, kid, children, wards, age_on) -> None:
    # Lucy: age, ward, the year and recorded reason of her one Early Help episode and how it
    # closed, and the year she joined Lanternway Young Carers.
    f["bf_lucy_age"] = number_word(age_on(kid, YEAR_END))
    f["bf_lucy_ward"] = wards[children.at[kid, "area_code"]]
    ep = _dates(la.early_help[la.early_help["child_id"] == kid], "start_date").iloc[0]
    f["bf_lucy_eh_year"] = str(ep["start_date"].year)
    f["bf_lucy_eh_reason"] = _FAMILY_REASONS[ep["reason"]]
    f["bf_lucy_eh_end"] = ep["end_reason"].lower()
    yc = _dates(la.partner_records, "start_date")
    yc = yc[(yc["truth_child_id"] == kid) & (yc["partner"] == "Lanternway Young Carers")]
    f["bf_lucy_joined"] = str(yc["start_date"].min().year)
