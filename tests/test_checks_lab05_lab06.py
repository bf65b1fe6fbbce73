"""Tests for the checks added for lab 05 (linking) and lab 06 (coding voice)."""

import pandas as pd

from childinfo.course.checks import check_theme_coding, check_theme_kappa

KEY = ["school;friends", "family_time", "", "privacy;being_heard"]


def test_theme_coding_right_in_any_order_and_as_lists():
    fb = check_theme_coding(["friends;school", ["family_time"], "", "being_heard; privacy"], KEY)
    assert fb.correct
    assert "all 4" in fb.message


def test_theme_coding_names_what_is_missing_and_extra():
    fb = check_theme_coding(["school", "family_time;school", "", "privacy;being_heard"], KEY)
    assert not fb.correct
    assert fb.message.startswith("2 of 4")
    assert fb.hints[0] == "Text 1: you left out friends."
    assert fb.hints[1] == "Text 2: the answer key does not have school."


def test_theme_coding_unfilled_scaffold_is_not_answered_yet():
    for answer in (..., None, ["school", ..., ..., ...]):
        fb = check_theme_coding(answer, KEY)
        assert not fb.correct
        assert fb.message.startswith("not answered yet")


def test_theme_coding_wrong_length_and_misspelt_theme():
    assert (
        "you coded 2 text(s), but there are 4" in check_theme_coding(["school", ""], KEY).message
    )
    fb = check_theme_coding(
        ["scool", "family_time", "", "privacy"],
        KEY,
        themes=["school", "friends", "family_time", "privacy", "being_heard"],
    )
    assert not fb.correct
    assert "'scool' is not a theme" in fb.message


def test_theme_coding_never_raises_on_odd_input():
    fb = check_theme_coding(42, KEY)
    assert not fb.correct
    assert "one entry per text" in fb.message


A = ["school", "school;friends", "friends", "", "school", "friends"]
B = ["school", "friends", "friends", "school", "school", ""]


def test_theme_kappa_right_value():
    # school: A yes,yes,no,no,yes,no; B yes,no,no,yes,yes,no -> po = 4/6, pe = 0.5, kappa = 1/3
    fb = check_theme_kappa(0.33, A, B, "school")
    assert fb.correct
    assert "0.33" in fb.message


def test_theme_kappa_names_raw_agreement_slip():
    fb = check_theme_kappa(0.67, A, B, "school")
    assert not fb.correct
    assert "share of texts the coders agree on" in fb.hints[0]


def test_theme_kappa_unfilled_and_wrong_type():
    assert check_theme_kappa(..., A, B, "school").message.startswith("not answered yet")
    fb = check_theme_kappa(pd.DataFrame({"x": [1, 2]}), A, B, "school")
    assert not fb.correct
    assert "single number" in fb.message
