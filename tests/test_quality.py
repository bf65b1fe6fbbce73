"""Tests for childinfo.toolkit.quality: pandera-declared rules, the tidy report, and fault scoring."""

import pandas as pd
import pytest

import childinfo.toolkit.quality as q
from childinfo.errors import ChildinfoError

EPISODES = pd.DataFrame(
    {
        "episode_id": ["E1", "E2", "E3", "E4", "E5", "E5"],
        "child_id": ["C1", "C2", " ", "C4", None, "C6"],
        "legal_status": ["C2", "V2", "XX", "C2", "C1", "c2"],
        "upn": ["A123456789012", "A12345678901Z", "123", None, "B123456789012", "B123456789012"],
        "start": [
            "2023-04-01",
            "01/05/2023",
            "2023-06-01",
            "not a date",
            "2023-08-01",
            "2023-09-01",
        ],
        "end": ["2023-05-01", "2023-04-01", None, "2023-07-01", "2024-05-01", "2023-10-01"],
        "recorded": [
            "2023-04-03",
            "2023-05-02",
            "2023-08-15",
            "2023-07-02",
            "2023-08-02",
            "2023-09-01",
        ],
    }
)

RULES = q.TableRules(
    "episodes",
    key="episode_id",
    required=["child_id"],
    codes={"legal_status": ["C1", "C2", "V2"]},
    patterns={"upn": r"[A-Z]\d{12}"},
    date_order=[("start", "end")],
    not_after={"end": "2024-03-31"},
    unique=["episode_id", ["upn"]],
    timely=[("start", "recorded", 30)],
)


def test_report_has_one_row_per_problem_with_dimension():
    report = q.check_table(EPISODES, RULES)
    assert list(report.columns) == q.REPORT_COLUMNS
    got = set(zip(report["row_key"], report["column"], report["dimension"]))
    assert got == {
        ("E3", "child_id", "completeness"),  # whitespace is blank
        ("E5", "child_id", "completeness"),  # missing
        ("E3", "legal_status", "validity"),  # XX not a code
        ("E5", "legal_status", "validity"),  # lower-case c2 is not the code C2
        ("E2", "upn", "validity"),  # wrong pattern
        ("E3", "upn", "validity"),
        ("E4", "start", "validity"),  # unreadable date
        ("E2", "end", "consistency"),  # end before start (DD/MM/YYYY start read right)
        ("E5", "end", "consistency"),  # after the reference date
        ("E5", "episode_id", "uniqueness"),
        ("E5", "upn", "uniqueness"),
        ("E3", "recorded", "timeliness"),  # 75 days after the start
    }
    assert report["dimension"].tolist() == sorted(report["dimension"], key=q.DIMENSIONS.index)
    row = report[(report["row_key"] == "E3") & (report["dimension"] == "timeliness")].iloc[0]
    assert row["rule"] == "recorded more than 30 days after start" and row["value"] == "2023-08-15"
    assert (report["table"] == "episodes").all()


def test_clean_table_gives_empty_report_with_columns():
    clean = EPISODES.iloc[[0]]
    report = q.check_table(clean, RULES)
    assert report.empty and list(report.columns) == q.REPORT_COLUMNS


def test_codes_compare_as_text():
    t = pd.DataFrame({"id": [1, 2, 3], "sex": [1, "2", 9]})
    report = q.check_table(t, q.TableRules("t", key="id", codes={"sex": [1, 2]}))
    assert report["row_key"].tolist() == [3]


def test_bad_input_names_the_problem():
    with pytest.raises(ChildinfoError, match="'legal_status'"):
        q.check_table(EPISODES.drop(columns="legal_status"), RULES)
    with pytest.raises(ChildinfoError, match="empty"):
        q.check_table(EPISODES.iloc[:0], RULES)
    with pytest.raises(ChildinfoError, match="DataFrame"):
        q.check_table("episodes.csv", RULES)
    with pytest.raises(ChildinfoError, match="TableRules"):
        q.build_schema({"key": "id"})
    with pytest.raises(ChildinfoError, match="'referrals'"):
        q.check_tables({"episodes": EPISODES}, [RULES, q.TableRules("referrals", key="id")])


def test_check_tables_stacks_and_summary_counts():
    kids = pd.DataFrame({"child_id": ["C1", "C2"], "sex": ["M", "Z"]})
    report = q.check_tables(
        {"episodes": EPISODES, "children": kids},
        [RULES, q.TableRules("children", key="child_id", codes={"sex": ["M", "F"]})],
    )
    assert set(report["table"]) == {"episodes", "children"}
    summary = q.quality_summary(report, {"episodes": 6, "children": 2})
    kid = summary[summary["table"] == "children"].iloc[0]
    assert (kid["problems"], kid["rows"], kid["percent_of_rows"]) == (1, 2, 50.0)
    ep = summary[(summary["table"] == "episodes") & (summary["column"] == "child_id")]
    assert ep["problems"].sum() == 2
    assert q.quality_summary(report.iloc[:0]).empty


def test_completeness_profile():
    prof = q.completeness_profile(EPISODES)
    assert prof.iloc[0].to_dict() == {"column": "child_id", "missing": 2, "percent_missing": 33.3}
    assert prof.set_index("column").loc["episode_id", "missing"] == 0


def test_score_against_faults():
    report = q.check_table(EPISODES, RULES)
    log = pd.DataFrame(
        {
            "table_name": ["episodes"] * 4,
            "key": ["E3", "E2", "E6", "E4"],
            "field": ["legal_status", "end", "legal_status", "start"],
            "fault": ["invalid code", "end before start", "invalid code", "bad date"],
        }
    )
    score = q.score_against_faults(
        report, log, table="table_name", row_key="key", column="field", fault_type="fault"
    )
    by = score.set_index("fault_type")
    assert by.loc["invalid code", ["injected", "detected"]].tolist() == [2, 1]
    assert by.loc["bad date", "recall"] == 1.0
    assert by.loc["all faults", "recall"] == 0.75
    assert by.loc["all faults", "flags"] == 12 and by.loc["all faults", "flags_on_faults"] == 3
    assert by.loc["all faults", "precision"] == pytest.approx(3 / 12)
    with pytest.raises(ChildinfoError, match="'fault_type'"):
        q.score_against_faults(
            report,
            log.rename(columns={"fault": "x"}),
            table="table_name",
            row_key="key",
            column="field",
        )


def test_validators_and_blank_text_as_missing():
    t = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "upn": ["G001200022000", "A001200022000", "", "X12"],
            "disability": ["NONE", "NONE;AUT", "AUT;HEAR", "WINGS"],
        }
    )
    rules = q.TableRules(
        "children",
        key="id",
        validators={
            "upn": ("UPN check letter or format wrong", q.upn_check_letter_ok),
            "disability": ("bad disability", q._disability_ok),
        },
    )
    report = q.check_table(t, rules)
    assert sorted(zip(report["row_key"], report["column"])) == [
        ("b", "disability"),
        ("b", "upn"),
        ("d", "disability"),
        ("d", "upn"),
    ]
    assert q.upn_check_letter_ok("G001200022000") and not q.upn_check_letter_ok(None)


def test_authority_rules_cover_the_synthetic_tables():
    rules = {r.name: r for r in q.authority_rules("2023-03-31")}
    assert set(rules) == {
        "children",
        "contacts",
        "referrals",
        "assessments",
        "assessment_factors",
        "cin_plans",
        "section47",
        "cp_plans",
        "care_episodes",
        "care_leavers",
    }
    assert rules["referrals"].date_order == [("referral_date", "closure_date")]
    assert "RC8" in rules["referrals"].codes["reason_for_closure"]


@pytest.fixture(scope="module")
def brackenfold():
    data = pytest.importorskip("childinfo.toolkit.data")
    if not (data.data_dir() / "brackenfold" / "children.csv").exists():
        pytest.skip("the synthetic authority has not been generated yet")
    return data.load_authority()


def test_clean_brackenfold_fails_only_the_timeliness_measure(brackenfold):
    report = q.check_tables(
        brackenfold.tables, q.authority_rules(f"{brackenfold.config.year}-03-31")
    )
    assert set(report["dimension"]) <= {"timeliness"}
    late = report[report["dimension"] == "timeliness"]
    a = brackenfold.tables["assessments"]
    days = (
        pd.to_datetime(a["authorisation_date"].replace("", None)) - pd.to_datetime(a["start_date"])
    ).dt.days
    assert len(late) == int((days > 63).sum())


def test_codes_are_exact_text():
    t = pd.DataFrame({"id": [1, 2], "eth": ["WOTH", "WOTH "]})
    assert q.check_table(t, q.TableRules("t", key="id", codes={"eth": ["WOTH"]}))[
        "row_key"
    ].tolist() == [2]


def test_row_rules_and_whole_row_faults():
    t = pd.DataFrame(
        {"id": ["a", "b", "c"], "place": ["T1", "U1", "P1"], "provider": [None, None, "PR1"]}
    )
    rules = q.TableRules(
        "eps",
        key="id",
        row_rules=[
            (
                "completeness",
                "provider",
                "provider missing",
                lambda d: d["place"].str.startswith("T") | d["provider"].notna(),
            )
        ],
    )
    report = q.check_table(t, rules)
    assert report[["row_key", "column", "dimension", "rule"]].values.tolist() == [
        ["b", "provider", "completeness", "provider missing"]
    ]
    log = pd.DataFrame(
        {"table": ["eps"], "row_key": ["b"], "column": ["*"], "fault_type": ["dup"]}
    )
    score = q.score_against_faults(report, log).set_index("fault_type")
    assert score.loc["dup", "detected"] == 1 and score.loc["all faults", "precision"] == 1.0
    with pytest.raises(ChildinfoError, match="dimension"):
        q.build_schema(
            q.TableRules(
                "x", key="id", row_rules=[("accuracy", "id", "?", lambda d: d["id"].notna())]
            )
        )


def test_faulty_brackenfold_scored_against_fault_log():
    data = pytest.importorskip("childinfo.toolkit.data")
    try:
        la = data.load_authority(faults=True)
    except (ImportError, ModuleNotFoundError):
        pytest.skip("the generator's fault layer is not available yet")
    report = q.check_tables(la.tables, q.authority_rules(f"{la.config.year}-03-31", la.tables))
    score = q.score_against_faults(report, la.fault_log).set_index("fault_type")
    assert score.loc["all faults", "injected"] == len(la.fault_log)
    assert score.loc["all faults", "recall"] >= 0.98
    assert (score["recall"] >= 0.9).all()
    # Apart from the timeliness measure (late authorisations are practice, not injected faults)
    # and the first copy of each duplicated child, nearly every flag is an injected fault.
    faults_only = report[report["dimension"] != "timeliness"]
    precise = q.score_against_faults(faults_only, la.fault_log).set_index("fault_type")
    assert precise.loc["all faults", "precision"] >= 0.85


@pytest.mark.parametrize("year", [2023, 2026])
def test_dfe_rules_are_the_exports_checks_in_the_rule_books_words(year):
    """A quality rule that follows a DfE rule runs the statutory export's own check and says
    what the rule book says for the year, so the two can never disagree."""
    import re

    from childinfo.synth.returns import rules as R
    from childinfo.synth.returns.rulebook import rule, rule_wording

    assert q.upn_check_letter_ok is R.upn_check_letter_ok
    tables = {
        "care_episodes": pd.DataFrame({"child_id": ["C1"], "decom": ["2022-05-01"]}),
        "children": pd.DataFrame({"child_id": ["C1"], "upn": [""]}),
    }
    described = []
    for r in q.authority_rules(f"{year}-03-31", tables):
        described += [desc for desc, _ in r.validators.values()]
        described += [desc for _, _, desc, _ in r.row_rules]
    dfe = {d for d in described if re.search(r"\((CIN|903) \w+\)$", d)}
    named = [("CIN", "1510"), ("CIN", "1520"), ("CIN", "8790"), ("CIN", "8869"), ("CIN", "8875")]
    named += [("SSDA903", "178"), ("SSDA903", "302"), ("SSDA903", "378")]
    assert dfe == {rule_wording(ret, code, year) for ret, code in named}
    assert f"{rule('CIN', '1510', year)[1]} (CIN 1510)" in dfe
