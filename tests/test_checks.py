"""Tests for childinfo.course.checks: plain-English feedback that never raises."""

import numpy as np
import pandas as pd
import pytest

import childinfo.course.checks as ch
from childinfo.course.checks import Feedback


def test_feedback_text_and_html():
    fb = Feedback(False, "the rate is 7 <per> 10,000", hints=("Use the child population.",))
    assert str(fb) == "Not yet: the rate is 7 <per> 10,000\n  - Use the child population."
    page = fb._repr_html_()
    assert 'role="status"' in page
    assert "&lt;per&gt;" in page  # escaped, so a learner's text cannot break the page
    assert "<li>Use the child population.</li>" in page
    assert "Not yet:" in page
    assert not fb
    ok = Feedback(True, "fine")
    assert ok and "Correct:" in ok._repr_html_() and "<ul" not in ok._repr_html_()


def test_check_number_right_wrong_and_slips():
    assert check_ok(ch.check_number(51.42, 51.4, tolerance=0.05))
    assert check_ok(ch.check_number(np.float64(3.0), 3))
    assert check_ok(ch.check_number(pd.Series([3.0]), 3))
    fb = ch.check_number(5.14, 51.4, tolerance=0.05, what="the rate")
    assert not fb
    assert fb.message == "the rate is 5.14, but it should be 51.4."
    assert "per 1,000" in fb.hints[0]
    assert "proportion" in ch.check_number(0.25, 25).hints[0]
    assert "percentage" in ch.check_number(25, 0.25, tolerance=0.001).hints[0]


@pytest.mark.parametrize(
    "bad", ["twelve", None, [1, 2], pd.DataFrame({"a": [1, 2]}), True, float("nan")]
)
def test_check_number_wrong_types_do_not_raise(bad):
    fb = ch.check_number(bad, 12)
    assert isinstance(fb, Feedback) and not fb
    assert "single number" in fb.message


def test_unexpected_errors_become_feedback():
    # expected=None would blow up inside the comparison; the learner still gets a message.
    fb = ch.check_number(3, None)
    assert not fb and fb.message.startswith("I could not check this answer")


def test_check_choice():
    why = {"c": "c marks a suppressed cell.", "k": "k means rounds to zero."}
    assert ch.check_choice(" C ", "c", why).message == "'c' is right. c marks a suppressed cell."
    wrong = ch.check_choice("k", "c", why)
    assert not wrong and wrong.message == "you chose 'k'. k means rounds to zero."
    assert ch.check_choice(2, 2)


def test_check_columns():
    assert ch.check_columns(pd.DataFrame({"a": [1], "b": [2]}), ["a", "b"])
    fb = ch.check_columns(pd.DataFrame({"a": [1]}), ["a", "b"])
    assert fb.message == "your table is missing the column(s) 'b'."
    assert "no rows" in ch.check_columns(pd.DataFrame({"a": []}), ["a"]).message
    assert "DataFrame" in ch.check_columns([1, 2], ["a"]).message


COUNTS = pd.DataFrame(
    {"boys": [2, 14, 30], "girls": [9, 8, 25]}, index=["under 5", "5 to 9", "10 to 17"]
)


def test_check_suppressed_table_accepts_a_safe_answer_with_totals():
    from childinfo.toolkit.disclosure import publish_table

    assert ch.check_suppressed_table(publish_table(COUNTS, 6), COUNTS, 6)
    # Hiding more than needed is safe but flagged as lost information.
    everything = pd.DataFrame("c", index=COUNTS.index, columns=COUNTS.columns)
    fb = ch.check_suppressed_table(everything, COUNTS, 6)
    assert fb and "6 cells; 4 would be enough" in fb.message


def test_check_suppressed_table_catches_each_mistake():
    shown = COUNTS.astype(str)
    fb = ch.check_suppressed_table(shown, COUNTS, 6)
    assert not fb and "under 5 / boys (2)" in fb.message
    primary_only = shown.copy()
    primary_only.loc["under 5", "boys"] = "c"
    fb = ch.check_suppressed_table(primary_only, COUNTS, 6)
    assert not fb and "exactly 2" in fb.message
    altered = primary_only.copy()
    altered.loc["5 to 9", "girls"] = "9"
    assert "shows '9'" in ch.check_suppressed_table(altered, COUNTS, 6).message
    assert "rows by" in ch.check_suppressed_table(shown.iloc[:2], COUNTS, 6).message
    assert not ch.check_suppressed_table("c c c", COUNTS, 6)


def test_check_k_anonymity():
    d = pd.DataFrame({"sex": ["F", "F", "M", "M"], "age": [7, 7, 9, 9]})
    assert ch.check_k_anonymity(2, d, ["sex", "age"]).message == "the extract is 2-anonymous."
    assert not ch.check_k_anonymity("two", d, ["sex", "age"])
    fb = ch.check_k_anonymity(2, d, ["sex", "postcode"])
    assert not fb and "postcode" in fb.message  # a wrong column name is feedback, not a traceback


def test_check_rate_per_10k():
    assert ch.check_rate_per_10k(70.04, 350, 50_000)
    fb = ch.check_rate_per_10k(7.0, 350, 50_000)
    assert not fb and "per 1,000" in fb.hints[0]


def test_check_pseudonymised():
    t = pd.DataFrame({"name": ["A"], "pid": ["x"]})
    assert "'name'" in ch.check_pseudonymised(t, ["name"], "pid").message
    assert (
        "no pseudonym column"
        in ch.check_pseudonymised(t.drop(columns="name"), ["name"], "id").message
    )
    gaps = pd.DataFrame({"pid": ["x", None]})
    assert "some rows" in ch.check_pseudonymised(gaps, ["name"], "pid").message
    assert ch.check_pseudonymised(gaps.dropna(), ["name"], "pid")


def test_check_kappa_spots_raw_agreement():
    a = ["safety", "school", "safety", "family"]
    b = ["safety", "school", "family", "family"]
    assert ch.check_kappa(0.636, a, b, decimals=2)
    fb = ch.check_kappa(0.75, a, b)
    assert not fb and "raw share" in fb.hints[0]
    assert not ch.check_kappa(0.6, a, b[:3])  # different lengths: feedback, not an error


def check_ok(fb):
    assert isinstance(fb, Feedback)
    return bool(fb)


def test_check_linkage_metric():
    links = pd.DataFrame({"child_id": ["C1", "C2"], "record_id": ["V1", "V9"]})
    truth = pd.DataFrame({"child_id": ["C1", "C3", "C4"], "record_id": ["V1", "V3", "V4"]})
    assert (
        ch.check_linkage_metric(0.5, links, truth, "precision").message
        == "precision is 0.50 (1 correct of 2)."
    )
    assert ch.check_linkage_metric(0.333, links, truth, "recall")
    wrong = ch.check_linkage_metric(0.33, links, truth, "precision")
    assert not wrong and wrong.hints[0].startswith("0.33 is the recall.")
    assert ch.check_linkage_metric(0.4, links, truth, "f1")
    assert not ch.check_linkage_metric(0.4, links, truth, "accuracy")
    assert not ch.check_linkage_metric(0.4, links.rename(columns={"child_id": "id"}), truth)


def test_check_group_rate():
    y, flagged, g = [1, 0, 0, 0, 1, 0], [1, 1, 0, 1, 0, 0], ["A", "A", "A", "B", "B", "B"]
    assert ch.check_group_rate(0.5, y, flagged, g, "B")
    fnr = ch.check_group_rate(0, y, flagged, g, "B", "false_negative_rate")
    assert not fnr and fnr.message == "the false negative rate for B is 1.00, not 0."
    assert "no group 'C'" in ch.check_group_rate(0.5, y, flagged, g, "C").message
    assert ch.check_group_rate(2 / 3, y, flagged, g, "A", "selection_rate")
    assert not ch.check_group_rate(0.5, y, flagged, g, "A", "accuracy")


def test_check_funnel_band():
    las = pd.DataFrame(
        {"la": ["A", "B", "C"], "events": [40, 300, 8], "population": [5_000, 60_000, 4_000]}
    )
    assert ch.check_funnel_band("above 95% limit", las, "A")
    assert ch.check_funnel_band("Above", las, "A")
    assert ch.check_funnel_band("within", las, "B").message == "B is within 95% limits."
    assert "no 'Z'" in ch.check_funnel_band("within", las, "Z").message
    assert not ch.check_funnel_band("within", las.drop(columns="events"), "A")
