"""Generated figures match their national targets (parameter table) within a stated tolerance.

Tolerance: |observed - target| <= 3 * sqrt(p(1-p)/n) + margin, where the margin is 0 for shares set
exactly by rank, 2 percentage points for shares that come out of the model, and 15% of the target
for stocks at 31 March (they depend on simulated durations, not on a single draw).

Figures tuned on the average of sixteen seeds (42 and fifteen others) have tighter checks, stated
as a relative tolerance that covers their seed-to-seed spread: children in care on 31 March within
8% of the target (spread about 5%) and section 47 enquiries within 6% (spread about 3%).
"""

import math

import pandas as pd
import pytest

from childinfo.synth.parameters import load_parameters
from childinfo.toolkit.data import data_dir

DIR = data_dir() / "brackenfold"
P = load_parameters()
REF, START = pd.Timestamp("2023-03-31"), pd.Timestamp("2022-04-01")


def close(observed: float, target: float, n: int, margin: float = 0.0) -> bool:
    return abs(observed - target) <= 3 * math.sqrt(target * (1 - target) / n) + margin


@pytest.fixture(scope="module")
def t():
    read = lambda name: pd.read_csv(DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    return {
        n: read(n)
        for n in [
            "children",
            "referrals",
            "cp_plans",
            "care_episodes",
            "eyfs_profile",
            "school",
            "care_leavers",
            "care_leaver_survey",
            "assessments",
            "early_education",
            "section47",
            "cp_reviews",
            "contacts",
            "early_help",
            "voice_records",
        ]
    }


@pytest.fixture(scope="module")
def n017(t):
    age = (REF - pd.to_datetime(t["children"]["dob"])).dt.days / 365.25
    return int((age < 18).sum())


def test_population_shares(t):
    c = t["children"]
    school = c[c["fsm"] != ""]
    assert close((c["sex"] == "M").mean(), P.scalar("population.male_share"), len(c))
    assert close(
        (school["fsm"] == "Y").mean(), P.scalar("population.fsm_rate"), len(school), 0.002
    )
    assert close(
        (school["sen_provision"] == "E").mean(),
        P.scalar("population.ehcp_rate"),
        len(school),
        0.002,
    )
    assert close(
        (school["sen_provision"] == "K").mean(),
        P.scalar("population.sen_support_rate"),
        len(school),
        0.01,
    )
    wbri = P.distributions["ethnicity"]["WBRI"] / sum(P.distributions["ethnicity"].values())
    assert close((c["ethnicity"] == "WBRI").mean(), wbri, len(c), 0.03)


def test_referral_flow_rates(t, n017):
    r = t["referrals"]
    in_year = r[(pd.to_datetime(r["referral_date"]) >= START)]
    rate = len(in_year) / n017
    assert close(
        rate,
        P.scalar("csc.referrals_per_10k") / 1e4,
        n017,
        0.15 * P.scalar("csc.referrals_per_10k") / 1e4,
    )
    assert close(
        (in_year["referral_nfa"] == "true").mean(), P.scalar("csc.nfa_share"), len(in_year), 0.02
    )


@pytest.mark.parametrize(
    "name, count",
    [
        (
            "csc.cin_per_10k",
            lambda t: (
                t["referrals"].loc[t["referrals"]["closure_date"] == "", "child_id"].nunique()
            ),
        ),
        (
            "csc.cpp_per_10k",
            lambda t: t["cp_plans"].loc[t["cp_plans"]["end_date"] == "", "child_id"].nunique(),
        ),
        (
            "csc.cla_per_10k",
            lambda t: (
                t["care_episodes"].loc[t["care_episodes"]["dec"] == "", "child_id"].nunique()
            ),
        ),
    ],
)
def test_stocks_at_31_march(t, n017, name, count):
    target = P.scalar(name) / 1e4
    assert close(count(t) / n017, target, n017, 0.15 * target), (name, count(t) / n017 * 1e4)


def test_care_starts_and_placements(t, n017):
    e = t["care_episodes"]
    starts = e[(e["rne"] == "S") & (pd.to_datetime(e["decom"]) >= START)]
    target = P.scalar("csc.cla_starts_per_10k") / 1e4
    assert close(len(starts) / n017, target, n017, 0.2 * target)
    open_ = e[e["dec"] == ""]
    foster = open_["place"].str.startswith("U").mean()
    assert close(foster, P.scalar("csc.cla_foster_share"), len(open_), 0.08)
    assert not ((open_["place"] == "P1") & (open_["legal_status"] == "V2")).any()


def _age_band(age: pd.Series) -> pd.Series:
    return pd.cut(
        age, [-1, 1, 5, 10, 16, 99], right=False, labels=["under1", "1-4", "5-9", "10-15", "16+"]
    )


def test_children_in_care_rate_and_ages(t, n017):
    """The stock within 8% of 70 per 10,000; under-ones within 2 points of 5% (their spread across
    seeds is under 1 point); every other age band 3-sigma binomial plus a 5-point margin (one
    authority's bands move 2-3 points from seed to seed; the mean over sixteen seeds is held to 3
    points in the next test)."""
    e = t["care_episodes"]
    in_care = e.loc[e["dec"] == "", "child_id"].unique()
    target = P.scalar("csc.cla_per_10k")
    rate = len(in_care) / n017 * 1e4
    assert abs(rate - target) <= 0.08 * target, rate
    dob = pd.to_datetime(t["children"].set_index("child_id").loc[in_care, "dob"])
    shares = _age_band((REF - dob).dt.days / 365.25).value_counts(normalize=True)
    keys, p = P.dist("cla_age")
    for band, want in zip(keys, p):
        ok = (
            abs(shares[band] - want) <= 0.02
            if band == "under1"
            else close(shares[band], want, len(in_care), 0.05)
        )
        assert ok, (band, shares[band])


# Seeds for the checks on figures whose seed-to-seed spread is too wide for one authority to show
# a gap of a few points: the default authority's (42) and fifteen others, the sixteen the datasheet
# reports.
SEEDS = [42, *range(1, 16)]


@pytest.fixture(scope="module")
def several_seeds():
    """Age shares of children in care on 31 March and the share of plans starting in 2022-23 that
    are a second or later plan, for default authorities generated from SEEDS.

    Generated without the texts (``rich_text=False``): they are made after every table read here,
    from their own draws, so these tables are the same with or without them, and each authority
    takes a second or two instead of several."""
    from childinfo.synth import default_config, generate_authority

    rows = []
    for seed in SEEDS:
        tables = generate_authority(default_config(seed=seed, rich_text=False)).tables
        e, c = tables["care_episodes"], tables["children"].set_index("child_id")
        in_care = e.loc[e["dec"] == "", "child_id"].unique()
        ages = (REF - pd.to_datetime(c.loc[in_care, "dob"])).dt.days / 365.25
        row = _age_band(ages).value_counts(normalize=True).to_dict()
        cp = tables["cp_plans"]
        year = cp[pd.to_datetime(cp["start_date"]) >= START]
        row["second_cpp"] = (year["number_previous_cpp"].astype(int) > 0).mean()
        rows.append(row)
    return pd.DataFrame(rows).mean()


def test_children_in_care_age_mix_over_several_seeds(several_seeds):
    """The mean over sixteen seeds of each age band's share of children in care on 31 March is
    within 3 percentage points of England's (cla_age, 2022). One authority's shares move by 2-3
    points from seed to seed (about 400 children), so the mean is checked here. Needs begin by age,
    not by calendar year, so today's teenagers met the same chances of care when they were young
    as today's young children do, with nothing holding care starts steady."""
    keys, p = P.dist("cla_age")
    for band, want in zip(keys, p):
        assert abs(several_seeds[band] - want) <= 0.03, (band, several_seeds[band])


def test_unaccompanied_children_share_of_children_in_care(t):
    """Unaccompanied children are about 9% of children in care on 31 March (England 2023):
    3-sigma binomial plus a 3-point margin (about 40 of 400 children in one authority)."""
    e = t["care_episodes"]
    in_care = e.loc[e["dec"] == "", "child_id"].unique()
    share = (t["children"].set_index("child_id").loc[in_care, "uasc"] == "Y").mean()
    assert close(share, P.scalar("csc.cla_uasc_share_of_stock"), len(in_care), 0.03), share


def test_repeat_child_protection_plans(t, several_seeds):
    """Plans starting in 2022-23 that are a second or later plan (NumberOfPreviousCPP > 0): in the
    default authority within 3-sigma binomial plus 2 points of csc.second_cpp_share (23%), and the
    mean over sixteen seeds within 3 points of it. Repeats come from harm needs that last beyond a
    first plan (each plan may end them, csc.plan_ends_harm_need), not from a rule on plans."""
    cp = t["cp_plans"]
    year = cp[pd.to_datetime(cp["start_date"]) >= START]
    share = (year["number_previous_cpp"].astype(int) > 0).mean()
    target = P.scalar("csc.second_cpp_share")
    assert close(share, target, len(year), 0.02), share
    assert abs(several_seeds["second_cpp"] - target) <= 0.03, several_seeds["second_cpp"]


def test_babies_who_start_care_mostly_do_so_soon_after_birth(t):
    """Under-ones are about 16% of starts but 5% of children in care, so most start in their first
    weeks: the median age at starting care of under-ones starting in the two years is under 60
    days. Their share of starts: 3-sigma binomial plus a 2-point margin."""
    e = t["care_episodes"]
    starts = e[(e["rne"] == "S") & (pd.to_datetime(e["decom"]) >= pd.Timestamp("2021-04-01"))]
    dob = pd.to_datetime(starts["child_id"].map(t["children"].set_index("child_id")["dob"]))
    age_days = (pd.to_datetime(starts["decom"]) - dob).dt.days
    assert (age_days[age_days < 365]).median() < 60
    keys, p = P.dist("cla_start_age")
    share = (age_days < 365).mean()
    assert close(share, p[keys.index("under1")], len(starts), 0.02), share


def test_section_47_enquiries_per_10k(t, n017):
    """Section 47 enquiries started in the year within 6% of the target per 10,000 children."""
    s = t["section47"]
    d = pd.to_datetime(s["start_date"])
    rate = ((d >= START) & (d <= REF)).sum() / n017 * 1e4
    target = P.scalar("csc.s47_per_10k")
    assert abs(rate - target) <= 0.06 * target, rate


def test_first_language_other_than_english(t):
    """About 20% of pupils: 3-sigma binomial plus a 1.5-point margin (each area has its own mix)."""
    pupils = t["children"][t["children"]["fsm"] != ""]
    share = (pupils["first_language"] != "ENG").mean()
    assert close(share, P.scalar("population.eal_rate"), len(pupils), 0.015), share


def test_re_referrals_within_12_months_the_dfe_way(t):
    """A referral in the year counts when the same child had a referral in the 12 months before it
    (DfE). 3-sigma binomial plus a 1-point margin around 22.4% (England 2022-23)."""
    r = (
        t["referrals"]
        .assign(d=lambda x: pd.to_datetime(x["referral_date"]))
        .sort_values(["child_id", "d"])
    )
    r["previous"] = r.groupby("child_id")["d"].shift()
    year = r[(r["d"] >= START) & (r["d"] <= REF)]
    share = ((year["d"] - year["previous"]).dt.days <= 365).mean()
    assert close(share, P.scalar("csc.rereferral_12m_share"), len(year), 0.01), share


def test_child_protection_reviews_follow_the_statutory_timetable(t):
    """Working Together 2023: the first review within 3 months of the initial conference, later ones
    at most 6 months apart. Dates vary (booked ahead of the deadline), all are weekdays, and the
    late share is csc.cpp_review_late_share (3-sigma binomial plus a 2-point margin), but not zero.
    No weekday is favoured: each carries a fifth of reviews (3-sigma binomial plus 2 points), so
    weekend deadlines do not pile up on Fridays or Mondays."""
    rv = t["cp_reviews"].assign(d=lambda x: pd.to_datetime(x["review_date"]))
    plans = t["cp_plans"].set_index("cpp_id")
    rv["start"] = pd.to_datetime(rv["cpp_id"].map(plans["start_date"]))
    rv["end"] = pd.to_datetime(rv["cpp_id"].map(plans["end_date"]).replace("", None))
    rv = rv.sort_values(["cpp_id", "d"])
    rv["previous"] = rv.groupby("cpp_id")["d"].shift()
    assert (rv["d"].dt.day_of_week < 5).all()
    for day, share in rv["d"].dt.day_of_week.value_counts(normalize=True).items():
        assert close(share, 0.2, len(rv), 0.02), (day, share)
    assert (rv["d"] > rv["start"]).all() and (rv["d"] <= REF).all()
    assert not (rv["end"].notna() & (rv["d"] >= rv["end"])).any()
    first = rv[rv["previous"].isna()]
    later = rv[rv["previous"].notna()]
    gap = (first["d"] - first["start"]).dt.days
    assert gap.nunique() >= 20 and gap.min() >= 60
    due = pd.concat(
        [first["start"] + pd.DateOffset(months=3), later["previous"] + pd.DateOffset(months=6)]
    )
    late = (pd.concat([first["d"], later["d"]]) > due).mean()
    assert 0 < late and close(late, P.scalar("csc.cpp_review_late_share"), len(rv), 0.02), late
    assert (pd.concat([first["d"], later["d"]]) <= due + pd.Timedelta(days=40)).all()


def test_truth_holds_only_needs_present_on_the_reference_date():
    """No onset after 31 March 2023, and no pile-up on it: onsets are spread over the years (a
    little denser in recent months, because babies' needs began recently), so at most 0.5% of rows
    fall on any one day. Each child's count of needs matches the needs table."""
    needs = pd.read_csv(
        DIR / "teaching_only_truth" / "needs.csv", dtype=str, keep_default_na=False
    )
    onset = pd.to_datetime(needs["onset_date"])
    assert (onset <= REF).all()
    assert onset.value_counts().max() <= 0.005 * len(needs)
    truth = pd.read_csv(
        DIR / "teaching_only_truth" / "children.csv", dtype=str, keep_default_na=False
    )
    counted = needs["child_id"].value_counts().reindex(truth["child_id"], fill_value=0)
    assert (counted.to_numpy() == truth["n_needs"].astype(int).to_numpy()).all()


def test_early_years_and_school(t):
    ey = t["eyfs_profile"]
    assert close(
        (ey["good_level_of_development"] == "Y").mean(), P.scalar("early_years.gld"), len(ey)
    )
    girls = ey.merge(t["children"][["child_id", "sex"]], on="child_id")
    gap = ((girls["sex"] == "F") & (girls["good_level_of_development"] == "Y")).sum() / (
        girls["sex"] == "F"
    ).sum() - ((girls["sex"] == "M") & (girls["good_level_of_development"] == "Y")).sum() / (
        girls["sex"] == "M"
    ).sum()
    target_gap = P.scalar("early_years.gld_girls") - P.scalar("early_years.gld_boys")
    assert abs(gap - target_gap) < 0.06
    two = t["early_education"]
    elig = two[two["eligible_two_year_funding"] == "Y"]
    assert close(
        (elig["funded_place_taken"] == "Y").mean(),
        P.scalar("early_years.two_year_takeup"),
        len(elig),
        0.002,
    )
    s = t["school"]
    missed = s["sessions_missed"].astype(int).sum() / s["sessions_possible"].astype(int).sum()
    assert abs(missed - P.scalar("school.absence_rate")) < 0.003
    assert close(
        (s["persistent_absence"] == "Y").mean(),
        P.scalar("school.persistent_absence"),
        len(s),
        0.03,
    )


def test_assessment_timeliness_looks_good(t):
    a = t["assessments"]
    done = a[a["working_days"] != ""]["working_days"].astype(int)
    assert close((done <= 45).mean(), P.scalar("csc.assessment_within_45wd"), len(done), 0.03)


def test_the_north_yorkshire_contradiction(t):
    cl = t["care_leavers"]
    in_touch = cl[cl["in_touch"] == "YES"]
    assert (in_touch["accommodation"].str[-1] == "1").mean() > 0.90  # the return looks good
    sv = t["care_leaver_survey"]
    not_safe = (sv["feel_safe_where_i_live"] == "No").mean()
    assert close(
        not_safe, P.scalar("care_leavers.survey_not_safe"), len(sv), 0.01
    )  # young people disagree


def test_every_parameter_cites_a_source_year_and_status():
    from childinfo.synth.parameters import parameter_table

    rows = parameter_table()
    assert len(rows) > 100
    for row in rows:
        assert row["source"].strip() and row["status"] in {"S", "D", "R", "U"}, row
        assert 2015 <= int(row["year"]) <= 2026, row
        float(row["value"])
    for name in ("ethnicity", "referral_source", "cpp_category", "reason_place_change"):
        assert abs(sum(P.distributions[name].values()) - 1) < 0.02, name


def test_referral_rate_is_the_courses_one_figure():
    """The generator's referral rate is the England figure the course quotes (one source)."""
    from childinfo.facts import ENGLAND

    assert P.scalar("csc.referrals_per_10k") == ENGLAND["referral_rate"].value


def test_the_working_week_shows_in_the_dates(t):
    """Referrals, contacts and early help come mostly in the working week: weekends hold 5-15% of
    them (the course's assumption is about 9%; a uniform calendar would give 29%). Assessments and
    section 47 enquiries start on weekdays with no weekday above a quarter (weekend referrals are
    picked up in the days after, not all on Monday), and no one day carries more than 0.5% of
    the voice records (none pile up on the reference date)."""
    for table, col in [
        ("referrals", "referral_date"),
        ("contacts", "contact_date"),
        ("early_help", "start_date"),
    ]:
        day = pd.to_datetime(t[table][col]).dt.day_of_week
        assert 0.05 <= (day >= 5).mean() <= 0.15, (table, (day >= 5).mean())
    for table in ["assessments", "section47"]:
        day = pd.to_datetime(t[table]["start_date"]).dt.day_of_week
        assert (day < 5).all() and day.value_counts(normalize=True).max() < 0.25, table
    voice = t["voice_records"]["record_date"]
    assert (pd.to_datetime(voice) <= REF).all() and voice.value_counts(
        normalize=True
    ).max() < 0.005


def test_primary_need_at_31_march_is_close_to_englands(t):
    """Issue 14: children in need at 31 March by primary need, near England's N1 57%, N5 13%,
    N2 10%, N4 7%, N3 3% (DfE Children in need; data-spec brief): within 3-sigma plus 2 points."""
    r = t["referrals"]
    rd, cd = (
        pd.to_datetime(r["referral_date"]),
        pd.to_datetime(r["closure_date"].replace("", None)),
    )
    open_ = (rd <= REF) & (cd.isna() | (cd > REF)) & (r["referral_nfa"].astype(str) == "false")
    share = r.loc[open_, "primary_need_code"].value_counts(normalize=True)
    n = int(open_.sum())
    assert n > 1_000
    for code, target in {"N1": 0.57, "N5": 0.13, "N2": 0.10, "N4": 0.07, "N3": 0.03}.items():
        assert close(share.get(code, 0.0), target, n, 0.02), (code, share.get(code, 0.0))
