"""The chapters' Brackenfold figures: defined, well formed and right.

Every ``{{ bf_... }}`` a chapter uses must be computed by :func:`brackenfold_figures`, and a few
figures are checked here against an independent pandas computation.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pandas as pd
import pytest

from childinfo.course.chapter_figures import brackenfold_figures
from childinfo.toolkit.data import load_authority

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("unit-*.md")) + [ROOT / "chapters" / "brackenfold.md"]
SUBSTITUTION = re.compile(r"\{\{\s*(bf_[a-z0-9_]+)\s*\}\}")
DAY = pd.Timestamp("2023-03-31")

# Figures whose count a chapter deliberately keeps small-number safe ("fewer than N").
SUPPRESSED = [
    "bf_yc_eh_words",
    "bf_small_ward_referrals",
    "bf_eth_unknown_plans",
    "bf_referrals_unknown_child",
    "bf_early_help_young_carer",
    "bf_survey_cl_both",
    "bf_yc_referred",
    "bf_yc_7a",
    "bf_uasc",
    "bf_truth_yc_7a",
    "bf_truth_yc_eh",
    "bf_truth_yc_charity",
]


@pytest.fixture(scope="module")
def la():
    return load_authority()


@pytest.fixture(scope="module")
def figures(la):
    return brackenfold_figures(la)


def _number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%"))


def _used() -> dict[str, set[str]]:
    return {
        path.name: set(SUBSTITUTION.findall(path.read_text(encoding="utf-8"))) for path in CHAPTERS
    }


def test_every_substitution_in_the_chapters_is_defined(figures):
    missing = {
        name: sorted(keys - set(figures)) for name, keys in _used().items() if keys - set(figures)
    }
    assert not missing, (
        f"chapters use figures that brackenfold_figures() does not define: {missing}"
    )


def test_the_chapters_use_the_figures():
    used = _used()
    assert used["brackenfold.md"] and used["unit-01-information-is-central.md"]
    assert sum(bool(keys) for keys in used.values()) >= len(CHAPTERS) - 2


def test_every_value_is_a_non_empty_string(figures):
    assert figures
    for key, value in figures.items():
        assert key.startswith("bf_") and re.fullmatch(r"bf_[a-z0-9_]+", key), key
        assert isinstance(value, str) and value.strip(), key
        assert "{{" not in value and "}}" not in value, key


def test_suppressed_counts_are_never_small_numbers(figures):
    for key in SUPPRESSED:
        value = figures[key]
        if re.fullmatch(r"[\d,]+", value):
            assert not 1 <= int(value.replace(",", "")) <= 5, (
                f"{key} would publish a small number: {value}"
            )


def test_no_figure_is_a_bare_small_count_of_children(figures):
    counts = [
        k
        for k, v in figures.items()
        if re.fullmatch(r"\d+", v)
        and not k.endswith(
            (
                "_k",
                "_days",
                "_day",
                "_day_next",
                "_min",
                "_max",
                "_pp",
                "_possible",
                "_missed",
                "_episodes",
                "_decile_min",
                "_decile_max",
                "_rate",
                "_lower",
                "_upper",
                "_from",
                "_to",
                "_day45",
                "_day46",
            )
        )
    ]
    small = {k: figures[k] for k in counts if 1 <= int(figures[k]) <= 5}
    assert not small, f"small counts would be printed: {small}"


def test_population_referrals_and_care_match_pandas(la, figures):
    dob = pd.to_datetime(la.children["dob"].replace("", None))
    population = int(((dob <= DAY) & (dob > DAY - pd.DateOffset(years=18))).sum())
    assert figures["bf_children_0_17"] == f"{population:,}"

    referral_date = pd.to_datetime(la.referrals["referral_date"].replace("", None))
    in_year = int(referral_date.between("2022-04-01", "2023-03-31").sum())
    assert figures["bf_referrals_year"] == f"{in_year:,}"
    assert figures["bf_referral_rate"] == f"{round(in_year / population * 10_000):,}"

    care = la.care_episodes
    open_ = (pd.to_datetime(care["decom"].replace("", None)) <= DAY) & (care["dec"] == "")
    in_care = care.loc[open_, "child_id"].nunique()
    assert figures["bf_cic"] == f"{in_care:,}"
    assert figures["bf_cic_rate"] == f"{round(in_care / population * 10_000):,}"

    ref = la.referrals
    cin = ref.loc[(referral_date <= DAY) & (ref["closure_date"] == ""), "child_id"].nunique()
    assert figures["bf_cin"] == f"{cin:,}"
    assert figures["bf_cin_rate1"] == f"{cin / population * 10_000:.1f}"


def test_intervals_contain_their_rates(figures):
    for stem in ["referral", "early_help", "cin", "cpp", "cic"]:
        lo, rate, hi = (_number(figures[f"bf_{stem}_rate{s}"]) for s in ("_lower", "", "_upper"))
        assert lo <= rate <= hi, stem


def test_comparison_words_agree_with_the_intervals(figures):
    for stem, england in [("cin", 338.7), ("cic", 70.0)]:
        lo, hi = (
            _number(figures[f"bf_{stem}_rate1_lower"]),
            _number(figures[f"bf_{stem}_rate1_upper"]),
        )
        position = figures[f"bf_{stem}_england_position"]
        expected = "inside" if lo <= england <= hi else "above" if england > hi else "below"
        assert position == expected, stem


def test_percentages_are_formatted(figures):
    for key, value in figures.items():
        if key.endswith("_pct"):
            assert re.fullmatch(r"\d{1,3}(\.\d)?%", value), (key, value)
        if key.endswith("_pct1"):
            assert re.fullmatch(r"\d{1,3}\.\d%", value), (key, value)


def test_default_call_is_fast_and_cached():
    # CPU time, so a busy machine (e.g. a book build running alongside) does not fail it.
    start = time.process_time()
    first = brackenfold_figures()
    assert time.process_time() - start < 10
    start = time.process_time()
    assert brackenfold_figures() == first
    assert time.process_time() - start < 0.5


def test_story_children_follow_their_rule():
    """Kenneth, Ian, Derek and Lucy are chosen from the data, so the stories stay true after a
    regeneration."""
    from childinfo.course.chapter_figures import story_children

    la = load_authority()
    ids = story_children(la)
    kids = la.children.set_index("child_id")
    k = ids["kenneth"]
    refs = la.referrals[la.referrals["child_id"] == k]
    ass = la.assessments[la.assessments["child_id"] == k]
    factors = la.assessment_factors[
        la.assessment_factors["assessment_id"].isin(ass["assessment_id"])
    ]
    assert kids.at[k, "sex"] == "M" and len(refs) == 1 and len(ass) == 1 and len(factors) == 1
    assert refs["reason_for_closure"].iloc[0] == "RC8" and int(ass["working_days"].iloc[0]) <= 45
    i = ids["ian"]
    leaver = la.care_leavers.set_index("child_id").loc[i]
    answer = la.care_leaver_survey.set_index("truth_child_id").loc[i]
    assert kids.at[i, "sex"] == "M" and leaver["accommodation_suitable"] == "Y"
    assert answer["feel_safe_where_i_live"] == "No"
    f = brackenfold_figures()
    assert (
        f["bf_ian_answer"] == answer["free_text"]
        and f["bf_kenneth_factor"] == factors["factor"].iloc[0]
    )
    # Derek: never referred; a speech and language Early Help episode closed as needs met, weeks
    # after he joined the talk club, which the council's records do not show.
    d = ids["derek"]
    eh = la.early_help[la.early_help["child_id"] == d]
    talk = la.partner_records[
        (la.partner_records["truth_child_id"] == d)
        & (la.partner_records["partner"] == "Little Acorns Talk Club")
    ]
    assert kids.at[d, "sex"] == "M" and d not in set(la.referrals["child_id"]) and len(talk)
    sl = eh[(eh["reason"] == "Speech and language") & (eh["end_reason"] == "Needs met")]
    assert (pd.to_datetime(sl["start_date"]) > pd.to_datetime(talk["start_date"]).min()).any()
    # Lucy: a young carer in the truth and to the charity, whose one Early Help episode gave
    # another reason, and no contact, referral or assessment.
    lu = ids["lucy"]
    assert kids.at[lu, "sex"] == "F"
    assert "young_carer" in set(la.truth["needs"].loc[la.truth["needs"]["child_id"] == lu, "need"])
    one = la.early_help[la.early_help["child_id"] == lu]
    assert len(one) == 1 and one["reason"].iloc[0] != "Young carer support"
    for table in ("contacts", "referrals", "assessments"):
        assert lu not in set(la.tables[table]["child_id"]), table
