"""Tests for childinfo.toolkit.voice: the codebook, keyword coder, trained classifier and agreement."""

import pandas as pd
import pytest

import childinfo.toolkit.voice as vc
from childinfo.errors import ChildinfoError


def test_codebook_is_complete_and_filterable():
    book = vc.load_codebook()
    assert list(book.columns) == ["theme", "label", "applies_to", "description", "keywords"]
    assert book["theme"].is_unique and (book["keywords"].str.len() > 0).all()
    assert (book["description"].str.len() > 20).all()
    child = vc.load_codebook(applies_to="child")["theme"].tolist()
    assert {"feeling_safe", "being_heard", "privacy", "family_time"} <= set(child)
    assert "waiting" not in child
    with pytest.raises(ChildinfoError, match="no theme applies"):
        vc.load_codebook(applies_to="teachers")
    with pytest.raises(ChildinfoError, match="no codebook"):
        vc.load_codebook("/nonexistent/book.csv")


def test_codebook_rejects_duplicate_themes(tmp_path):
    p = tmp_path / "book.csv"
    p.write_text("theme,keywords\nschool,school\nschool,teacher\n")
    with pytest.raises(ChildinfoError, match="twice"):
        vc.load_codebook(p)


BOOK = pd.DataFrame(
    {
        "theme": ["family_time", "being_heard", "school"],
        "keywords": ["mum;see my", "listen*;nobody asked", "school;teacher"],
    }
)


def test_keyword_coder_exact_output_and_boundaries():
    texts = pd.Series(
        [
            "Nobody asked me. I want to SEE MY mum.",
            "My worker listened, and my teacher too.",
            "Chrysanthemums and schooling",
            None,
        ],
        index=[10, 11, 12, 13],
    )
    out = vc.keyword_code(texts, BOOK)
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out["themes"].tolist() == ["family_time;being_heard", "being_heard;school", "", ""]
    assert out.loc[10, "evidence"] == "family_time: mum, see my; being_heard: nobody asked"
    assert out.loc[11, "evidence"] == "being_heard: listen; school: teacher"
    with pytest.raises(ChildinfoError, match="no texts"):
        vc.keyword_code([], BOOK)
    with pytest.raises(ChildinfoError, match="'keywords'"):
        vc.keyword_code(["x"], BOOK.drop(columns="keywords"))


def test_curly_apostrophes_match():
    book = pd.DataFrame({"theme": ["future"], "keywords": ["when I'm big"]})
    assert vc.keyword_code(["When I’m big I want to be a vet"], book)["themes"].tolist() == [
        "future"
    ]


def test_split_and_matrix():
    assert vc.split_themes(["a; b", ["c"], float("nan")]) == [["a", "b"], ["c"], []]
    m = vc.themes_matrix(["a;b", "b;z"], ["a", "b"])
    assert m.values.tolist() == [[1, 1], [0, 1]]


def test_agreement_and_coder_agreement_values():
    coded = ["school", "school;friends", "friends", "", "school"]
    truth = ["school", "friends", "friends", "school", "school"]
    a = vc.agreement(coded, truth)
    assert a.index.tolist() == ["friends", "school", "all themes"]
    assert a.loc["school"].tolist() == [3, 3, 2, 0.67, 0.67, 0.17]
    assert a.loc["friends", "kappa"] == 1.0
    assert a.loc["all themes", ["reference", "coded", "both"]].tolist() == [5, 5, 4]
    c = vc.coder_agreement(coded, truth)
    assert c.loc["school", "percent_agreement"] == 60.0 and c.loc["all themes", "n"] == 10
    assert c.loc["all themes", "percent_agreement"] == 80.0
    with pytest.raises(ChildinfoError, match="same length"):
        vc.agreement(coded, truth[:2])
    # a theme nobody used: kappa is undefined, not perfect
    assert pd.isna(vc.agreement(["", ""], ["", ""], ["school"]).loc["school", "kappa"])


def test_classifier_learns_and_reports_themes():
    texts = [
        "I love football",
        "school is hard",
        "I play football at the park",
        "my teacher at school",
        "I want to see my mum",
        "my mum and my school",
    ] * 4
    themes = ["hobbies", "school", "hobbies", "school", "family_time", "family_time;school"] * 4
    clf = vc.train_theme_classifier(texts, themes)
    assert clf.themes == ["family_time", "hobbies", "school"]
    assert clf.predict(["football", "see mum"]).tolist() == ["hobbies", "family_time"]
    assert clf.predict_proba(["football"]).shape == (1, 3)
    assert clf.predict([]).tolist() == []
    with pytest.raises(ChildinfoError, match="at least 10"):
        vc.train_theme_classifier(texts[:4], themes[:4])
    with pytest.raises(ChildinfoError, match="same length"):
        vc.train_theme_classifier(texts, themes[:-1])


# --- integration: ground-truth themes in the synthetic authority -------------------------------


def test_codebook_covers_every_ground_truth_theme(voice_records):
    truth = {t for row in vc.split_themes(voice_records["truth_themes"]) for t in row}
    assert truth <= set(vc.load_codebook()["theme"])


@pytest.mark.parametrize(
    "kind,record_type,min_kappa",
    [
        ("child", "wishes_and_feelings", 0.8),
        ("family", "family_feedback", 0.9),
        ("case_note", "case_note", 0.9),
    ],
)
def test_keyword_coder_against_ground_truth(voice_records, kind, record_type, min_kappa):
    book = vc.load_codebook(applies_to=kind)
    recs = voice_records[voice_records["record_type"] == record_type]
    coded = vc.keyword_code(recs["text"], book)
    table = vc.agreement(coded["themes"], recs["truth_themes"], book["theme"].tolist())
    assert table.loc["all themes", "kappa"] >= min_kappa
    assert table.loc["all themes", "recall"] >= 0.95
    assert table.loc["all themes", "reference"] == sum(
        len(r) for r in vc.split_themes(recs["truth_themes"])
    )


def test_trained_classifier_on_held_out_children_words(voice_records):
    recs = voice_records[voice_records["record_type"] == "wishes_and_feelings"].reset_index(
        drop=True
    )
    train, test = recs.iloc[::2], recs.iloc[1::2]
    clf = vc.train_theme_classifier(train["text"], train["truth_themes"])
    table = vc.agreement(clf.predict(test["text"]), test["truth_themes"], clf.themes)
    # Formulaic synthetic sentences make this easy; real records would score far lower.
    assert table.loc["all themes", "kappa"] >= 0.9
