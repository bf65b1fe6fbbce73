"""Tests for the checks added for lab 7 (reproducible analysis) and lab 8 (mapping practice)."""

import pandas as pd

import childinfo.course.checks as ck
from childinfo.toolkit.quality import TableRules

FIELDS = ["name", "team", "what_it_does", "practices", "evidence", "cost", "contact_role"]
ENTRY = {
    "name": "Family feedback call",
    "team": "Early Help",
    "what_it_does": "Phones families.",
    "practices": [7, 6],
    "evidence": "Not yet measured.",
    "cost": "20 minutes a call.",
    "contact_role": "Service manager",
}


def test_catalogue_entry_right_answer():
    fb = ck.check_catalogue_entry(ENTRY, FIELDS, must_include=[7])
    assert fb.correct
    assert "Practice 6" in fb.message and "Practice 7" in fb.message


def test_catalogue_entry_accepts_text_and_one_row_frame():
    assert ck.check_catalogue_entry(
        {**ENTRY, "practices": "7; 1"}, FIELDS, must_include=[7]
    ).correct
    assert ck.check_catalogue_entry(pd.DataFrame([ENTRY]), FIELDS, must_include=[7]).correct


def test_catalogue_entry_unfilled_scaffold_is_not_answered_yet():
    scaffold = {f: ... for f in FIELDS}
    fb = ck.check_catalogue_entry(scaffold, FIELDS, must_include=[7])
    assert not fb.correct
    assert "not answered yet" in fb.message
    assert "name" in fb.message and "contact_role" in fb.message


def test_catalogue_entry_wrong_answers_say_what_to_look_at():
    fb = ck.check_catalogue_entry({**ENTRY, "practices": [6]}, FIELDS, must_include=[7])
    assert (
        not fb.correct
        and "Practice 7 (Improving voice in operational information use)" in fb.message
    )
    fb = ck.check_catalogue_entry({**ENTRY, "practices": [9]}, FIELDS)
    assert not fb.correct and "9 is not a Practice number" in fb.message
    fb = ck.check_catalogue_entry({**ENTRY, "team": "  "}, FIELDS)
    assert not fb.correct and "'team'" in fb.message
    fb = ck.check_catalogue_entry({k: v for k, v in ENTRY.items() if k != "cost"}, FIELDS)
    assert not fb.correct and "'cost'" in fb.message
    fb = ck.check_catalogue_entry("a string", FIELDS)
    assert not fb.correct and "dict" in fb.message


TABLE = pd.DataFrame(
    {
        "referral_id": ["R1", "R2", "R3", "R4", "R5"],
        "need": ["N1", "N9", "Q7", "", "N2"],
        "start": ["2022-05-01", "2022-06-01", "2022-07-01", "2022-08-01", "2022-09-01"],
        "end": ["2022-05-10", "2022-05-20", "2022-07-30", "2022-08-15", ""],
    }
)
LOG = pd.DataFrame(
    {
        "table": ["referrals"] * 3 + ["children"],
        "row_key": ["R2", "R3", "R4", "C1"],
        "column": ["end", "need", "need", "sex"],
        "fault_type": ["date order", "invalid code", "missing value", "invalid code"],
    }
)


def test_rules_catch_faults_counts_only_this_tables_faults():
    rules = TableRules(
        "referrals",
        key="referral_id",
        required=["need"],
        codes={"need": ["N1", "N2", "N9"]},
        date_order=[("start", "end")],
    )
    fb = ck.check_rules_catch_faults(rules, TABLE, LOG)
    assert fb.correct
    assert "3 of the 3 faults" in fb.message and "100%" in fb.message


def test_rules_catch_faults_names_the_kinds_missed():
    rules = TableRules("referrals", key="referral_id", codes={"need": ["N1", "N2", "N9"]})
    fb = ck.check_rules_catch_faults(rules, TABLE, LOG)
    assert not fb.correct
    assert "1 of the 3 faults" in fb.message and "33%" in fb.message
    assert "date order (1)" in fb.hints[0] and "missing value (1)" in fb.hints[0]
    # A lower bar passes, and still names what is missed.
    fb = ck.check_rules_catch_faults(rules, TABLE, LOG, min_recall=0.3)
    assert fb.correct and "still miss" in fb.message


def test_rules_catch_faults_unfilled_and_wrong_inputs():
    fb = ck.check_rules_catch_faults(
        TableRules("referrals", key="referral_id", required=[...]), TABLE, LOG
    )
    assert not fb.correct and "not answered yet" in fb.message
    fb = ck.check_rules_catch_faults(TableRules("referral", key="referral_id"), TABLE, LOG)
    assert not fb.correct and "no faults in a table called 'referral'" in fb.message
    fb = ck.check_rules_catch_faults({"required": ["need"]}, TABLE, LOG)
    assert not fb.correct and "TableRules" in fb.message


def test_check_figure():
    assert "not answered yet" in ck.check_figure(..., 4, tolerance=0).message
    fb = ck.check_figure(
        0.371, 0.3712, tolerance=0.005, what="the correlation", meaning="Ask why."
    )
    assert fb.correct and fb.message.endswith("Ask why.")
    fb = ck.check_figure(2.5, 2.0, tolerance=0.005, what="the average", hints=("Filter first.",))
    assert not fb.correct and "should be 2" in fb.message and "Filter first." in fb.hints
    assert not ck.check_figure([1, 2], 2.0, tolerance=0.1).correct


def test_check_published_table():
    from childinfo.toolkit.disclosure import publish_table

    t = pd.DataFrame(
        {"boys": [2, 14, 30], "girls": [9, 8, 25]}, index=["under 5", "5 to 9", "10 to 17"]
    )
    assert "not answered yet" in ck.check_published_table(..., t, threshold=6).message
    assert ck.check_published_table(publish_table(t, threshold=6), t, threshold=6).correct
    only_primary = t.astype(str).mask(t < 6, "c")
    fb = ck.check_published_table(only_primary, t, threshold=6)
    assert not fb.correct and "under 5 / boys is exactly 2" in fb.message
    fb = ck.check_published_table(t.astype(str), t, threshold=6)
    assert not fb.correct and "under 5 / boys (2)" in fb.message
