"""Voice records read like records: varied sentences, each theme's words, exact ground truth."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from childinfo.synth import voice_bank as VB
from childinfo.toolkit import voice as vc

# A sentence ends at . ! or ? (a quotation's closing mark stays with its sentence).
_SENTENCE_END = re.compile(r'(?<=[.!?])\s+|(?<=[.!?]")\s+')


@pytest.mark.parametrize("record_type", ["wishes_and_feelings", "family_feedback", "case_note"])
def test_no_sentence_dominates_and_sentences_vary(voice_records, record_type):
    recs = voice_records[voice_records["record_type"] == record_type]["text"]
    assert len(recs) > 500
    per_record = recs.map(lambda t: set(_SENTENCE_END.split(t)))
    counts = pd.Series([s for ss in per_record for s in ss]).value_counts()
    # No sentence in more than 5% of the records; at least one distinct sentence per four.
    assert counts.iloc[0] <= 0.05 * len(recs), counts.index[0]
    assert len(counts) >= len(recs) / 4


def test_childrens_quoted_words_vary(voice_records):
    words = voice_records[voice_records["record_type"] == "wishes_and_feelings"]
    quotes = words["text"].str.findall(r'"([^"]+)"')
    assert (quotes.map(len) >= 1).all()  # every record quotes the child
    counts = pd.Series([q for qs in quotes.map(set) for q in qs]).value_counts()
    assert counts.iloc[0] <= 0.05 * len(words), counts.index[0]
    # Children of different ages say different things.
    by_band = words.assign(q=quotes).explode("q").groupby("age_band")["q"].agg(set)
    assert not (by_band["4-7"] & by_band["16-17"])


@pytest.mark.parametrize(
    "kind,entries",
    [
        ("child", [(t, s) for t, _, _, _, tpl, sl in VB.CHILD for s in VB.expand(tpl, sl)]),
        ("family", [(t, s) for t, tpl, sl in VB.FAMILY for s in VB.expand(tpl, sl)]),
        (
            "case_note",
            [(t, s) for t, tpl, sl in VB.NOTES + VB.PROCESS for s in VB.expand(tpl, sl)],
        ),
    ],
)
def test_every_bank_sentence_carries_its_themes_keyword(kind, entries):
    """The ground truth stays learnable: each sentence has a keyword of its own theme."""
    coded = vc.keyword_code([s for _, s in entries], vc.load_codebook(applies_to=kind))
    for (theme, sentence), got in zip(entries, coded["themes"]):
        assert (theme in got.split(";")) if theme else got == "", sentence


def test_framing_sentences_carry_no_theme():
    parts = VB.OPENERS + VB.MOODS + VB.LEADS + [p for v in VB.WHERE.values() for p in v]
    parts += [p for v in VB.HOW.values() for p in v]
    child = [VB.pronouns(p, male) for p in parts for male in (False, True)]
    family = [p for v in VB.FAMILY_OPENERS.values() for p in v]
    for kind, texts in [("child", child), ("family", family)]:
        coded = vc.keyword_code(texts, vc.load_codebook(applies_to=kind))
        assert (coded["themes"] == "").all(), coded[coded["themes"] != ""]


def test_expand_makes_every_combination():
    assert VB.expand("{a} and {b}.", {"a": ["x", "y"], "b": ["1", "2", "3"]})[:2] == [
        "x and 1.",
        "x and 2.",
    ]
    assert len(VB.expand("{a} and {b}.", {"a": ["x", "y"], "b": ["1", "2", "3"]})) == 6
    assert VB.expand("No slots.", {}) == ["No slots."]


def test_survey_answered_at_an_anonymous_surveys_response_rate():
    """Each child asked answers or not, so children in care are a plausible share, not a quota."""
    from childinfo.synth.parameters import load_parameters
    from childinfo.toolkit.data import load_authority

    la = load_authority()
    sv = la.survey_information_use
    kids = la.children.assign(dob=pd.to_datetime(la.children["dob"]))
    age = (pd.Timestamp("2023-03-31") - kids["dob"]).dt.days / 365.25
    in_care = kids["child_id"].isin(la.care_episodes["child_id"]) & age.between(8, 18)
    answered = (sv["respondent_group"] == "child_in_care").sum()
    rate = load_parameters().scalar("survey.response_rate_in_care")
    assert abs(answered / in_care.sum() - rate) < 0.1
    assert set(sv["respondent_group"]) == {"child_in_care", "child_in_need"}
    assert (sv["respondent_group"] == "child_in_need").sum() > answered
