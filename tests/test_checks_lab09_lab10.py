"""Checks added for labs 09 (auditing a risk model) and 10 (owning information use)."""

import pandas as pd

from childinfo.course.checks import (
    check_choice,
    check_number,
    check_record_complete,
    check_suppressed_table,
    check_when_answered,
)

COUNTS = pd.DataFrame(
    {"boys": [2, 14, 30], "girls": [9, 8, 25]}, index=["under 5", "5 to 9", "10 to 17"]
)


def test_when_answered_says_not_answered_for_placeholder():
    fb = check_when_answered(
        ..., check_suppressed_table, COUNTS, threshold=6, what="your published table"
    )
    assert not fb
    assert fb.message.startswith("not answered yet")
    assert "your published table" in fb.message


def test_when_answered_passes_a_filled_answer_to_the_check():
    right = pd.DataFrame({"boys": ["c", "c", "30"], "girls": ["c", "c", "25"]}, index=COUNTS.index)
    assert check_when_answered(right, check_suppressed_table, COUNTS, threshold=6)
    leaky = pd.DataFrame(
        {"boys": ["c", "14", "30"], "girls": ["9", "8", "25"]}, index=COUNTS.index
    )
    fb = check_when_answered(leaky, check_suppressed_table, COUNTS, threshold=6)
    assert not fb and "under 5 / boys is exactly 2" in fb.message


def test_when_answered_with_numbers_and_choices():
    assert check_when_answered(0.9, check_number, 0.9, tolerance=0.005)
    fb = check_when_answered(0.1, check_number, 0.9, tolerance=0.005, what="the accuracy")
    assert not fb and "0.1" in fb.message and "0.9" in fb.message
    assert check_when_answered("Outputs", check_choice, "outputs")
    assert not check_when_answered("outcomes", check_choice, "outputs")
    assert check_when_answered({"a": ...}, check_choice, "x").message.startswith(
        "not answered yet"
    )


def _plan(changes=None):
    plan = pd.DataFrame(
        {
            "element": ["4. Mapping systems", "1. Co-design", "Behaviours and culture"],
            "score": [0, 1, 1],
            "owner": ["Head of performance", "Participation lead", "Principal social worker"],
        }
    )
    for (row, col), value in (changes or {}).items():
        plan.loc[row, col] = value
    return plan


def test_record_complete_accepts_a_full_ordered_plan():
    fb = check_record_complete(
        _plan(),
        ["element", "score", "owner"],
        what="the plan",
        min_rows=3,
        sort_column="score",
        distinct="owner",
    )
    assert fb
    assert fb.message == "the plan has every field filled in 3 row(s), in order of score."


def test_record_complete_placeholder_is_not_answered_yet():
    plan = _plan()
    plan["owner"] = plan["owner"].astype(object)
    plan.loc[2, "owner"] = ...
    fb = check_record_complete(plan, ["element", "score", "owner"], what="the plan")
    assert not fb and fb.message.startswith("not answered yet")
    assert "row 3 'owner'" in fb.message
    assert check_record_complete(..., ["owner"]).message.startswith("not answered yet")


def test_record_complete_finds_blanks_order_repeats_and_missing_columns():
    fb = check_record_complete(
        _plan({(1, "owner"): "  "}), ["element", "score", "owner"], what="the plan"
    )
    assert not fb and "row 2 'owner'" in fb.message
    fb = check_record_complete(_plan({(0, "score"): 3}), ["element", "owner"], sort_column="score")
    assert not fb and "not in order of score" in fb.message
    fb = check_record_complete(
        _plan({(2, "owner"): "Head of performance"}), ["owner"], distinct="owner"
    )
    assert not fb and "'Head of performance'" in fb.message
    fb = check_record_complete(_plan(), ["element", "indicator"])
    assert not fb and "'indicator'" in fb.message
    fb = check_record_complete(_plan(), ["element"], min_rows=4)
    assert not fb and "3 row(s)" in fb.message
    assert not check_record_complete("a plan", ["element"])
