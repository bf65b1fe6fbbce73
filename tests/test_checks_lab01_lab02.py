"""Tests for the checks added for lab 01 (population to care) and lab 02 (what the codes hide)."""

import numpy as np
import pandas as pd

from childinfo.course.checks import check_count, check_percentage, check_rate_vs_england


def test_unfilled_scaffolds_say_not_answered_yet():
    for fb in (
        check_count(..., 10),
        check_percentage(..., 1, 2),
        check_rate_vs_england(..., 1, 10, 5),
        check_count(None, 10),
    ):
        assert not fb
        assert fb.message.startswith("not answered yet")


def test_check_count_right_and_wrong():
    assert check_count(60_210, 60_210)
    assert check_count(np.int64(1972), 1972)
    assert check_count(pd.Series([271]), 271)
    high = check_count(60_568, 60_210, what="the children")
    assert not high and "358 too many" in high.message and "nunique" in high.hints[0]
    low = check_count(1_900, 1_972)
    assert not low and "72 too few" in low.message
    table = check_count(pd.DataFrame({"a": [1, 2]}), 2)
    assert not table and "single number" in table.message


def test_check_percentage_values_and_slips():
    assert check_percentage(90.4, 216, 239)
    assert check_percentage(90.38, 216, 239, decimals=2)
    assert not check_percentage(90.3, 216, 239)
    proportion = check_percentage(0.904, 216, 239)
    assert not proportion and "proportion" in proportion.hints[0]
    rest = check_percentage(9.6, 216, 239)
    assert not rest and "the rest" in rest.hints[0]
    upside_down = check_percentage(110.6, 216, 239)
    assert not upside_down and "wrong way up" in upside_down.hints[0]
    assert not check_percentage("ninety", 216, 239)


def test_check_rate_vs_england_states_the_comparison():
    inside = check_rate_vs_england(327.5, 1972, 60_210, 338.7)
    assert (
        inside and "327.5 per 10,000" in inside.message and "inside the interval" in inside.message
    )
    above = check_rate_vs_england(60.3, 363, 60_210, 70)
    assert above and "above the interval" in above.message
    below = check_rate_vs_england(60.3, 363, 60_210, 40)
    assert below and "below the interval" in below.message
    wrong = check_rate_vs_england(6.0, 363, 60_210, 70)
    assert not wrong and "60.3" in wrong.message
