"""The checks used by lab 03 (reviewing a proposed use) and lab 04 (needs met)."""

import pandas as pd

from childinfo.course.checks import check_answers, check_release_extract

EXPECTED = {"statutory_function": True, "special_category": True, "consent_is_the_basis": False}
WHY = {"consent_is_the_basis": "A family cannot freely refuse a council."}


def test_answers_all_right_accepts_yes_no_words():
    fb = check_answers(
        {"statutory_function": "Yes", "special_category": True, "consent_is_the_basis": "no"},
        EXPECTED,
        WHY,
    )
    assert fb.correct
    assert "all 3 answers" in fb.message


def test_answers_wrong_names_the_question_and_its_reason():
    fb = check_answers(
        {"statutory_function": True, "special_category": True, "consent_is_the_basis": True},
        EXPECTED,
        WHY,
    )
    assert not fb.correct
    assert fb.message.startswith("2 of 3 answers match")
    assert "consent_is_the_basis" in fb.message and "freely refuse" in fb.message


def test_answers_unfilled_scaffold_is_not_answered_yet():
    fb = check_answers(
        {"statutory_function": ..., "special_category": True, "consent_is_the_basis": False},
        EXPECTED,
    )
    assert not fb.correct and fb.message.startswith("not answered yet")
    assert check_answers(..., EXPECTED).message.startswith("not answered yet")


def test_answers_missing_question_and_wrong_type_do_not_raise():
    assert (
        "no answer for 'consent_is_the_basis'"
        in check_answers({"statutory_function": True, "special_category": True}, EXPECTED).message
    )
    assert "should be a dict" in check_answers(["yes"], EXPECTED).message


EXTRACT = pd.DataFrame(
    {
        "age_band": ["5 to 9"] * 5 + ["10 to 15"] * 5 + ["16 to 17"],
        "district": ["QB1"] * 11,
        "known": ["Y", "N", "N", "N", "N", "Y", "Y", "Y", "Y", "Y", "N"],
    }
)


def test_release_extract_counts_records_below_k():
    fb = check_release_extract(EXTRACT, ["age_band", "district"], k_min=5)
    assert not fb.correct
    assert "k is 1" in fb.message and "1 of 11 records" in fb.message


def test_release_extract_passes_and_reports_l_diversity():
    fb = check_release_extract(
        EXTRACT.iloc[:10], ["age_band", "district"], k_min=5, sensitive="known"
    )
    assert fb.correct and "k = 5" in fb.message
    assert "l-diversity for 'known' is 1" in fb.message


def test_release_extract_flags_direct_identifiers_and_unfilled():
    with_dob = EXTRACT.assign(dob="2015-01-01")
    fb = check_release_extract(
        with_dob, ["age_band"], k_min=1, direct_identifiers=["dob", "forename"]
    )
    assert not fb.correct and "'dob'" in fb.message
    assert check_release_extract(..., ["age_band"]).message.startswith("not answered yet")
    assert "no column(s) 'sex'" in check_release_extract(EXTRACT, ["sex"]).message
