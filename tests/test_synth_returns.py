"""Statutory-return exports: structure, a clean pass of the DfE rules that apply, and faults caught."""

from dataclasses import replace

import pandas as pd
import pytest
from lxml import etree

from childinfo.errors import ChildinfoError
from childinfo.synth import AuthorityConfig, generate_authority
from childinfo.synth.returns import (
    check_903,
    check_cin,
    cin_tables,
    cin_xml,
    parse_cin_xml,
    rules,
    ssda903_tables,
    write_returns,
)
from childinfo.synth.returns.rulebook import rule_label, rulebook, rules_for
from childinfo.synth.returns.rules import REGISTRY, implemented_codes, unknown_codes
from childinfo.synth.returns.ssda903 import COLUMNS

CFG = AuthorityConfig(n_children=15_000, seed=21)


@pytest.fixture(scope="module")
def clean():
    return generate_authority(CFG)


@pytest.fixture(scope="module")
def faulty():
    return generate_authority(CFG, faults=0.05)


def test_cin_xml_follows_the_dfe_structure(clean):
    root = etree.fromstring(cin_xml(cin_tables(clean), clean.config))
    assert root.tag == "Message" and [c.tag for c in root if isinstance(c.tag, str)] == [
        "Header",
        "Children",
    ]
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2023-03-31"
    assert root.findtext("Header/Source/LEA") == "001"
    child = root.find("Children/Child")
    assert [c.tag for c in child][:2] == ["ChildIdentifiers", "ChildCharacteristics"]
    order = [
        "LAchildID",
        "UPN",
        "FormerUPN",
        "UPNunknown",
        "PersonBirthDate",
        "ExpectedPersonBirthDate",
        "GenderCurrent",
        "PersonDeathDate",
    ]
    for ci in root.iter("ChildIdentifiers"):
        tags = [c.tag for c in ci]
        assert tags == sorted(tags, key=order.index)
    det_order = [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "CINclosureDate",
        "ReasonForClosure",
        "DateOfInitialCPC",
        "ReferralNFA",
        "Assessments",
        "CINPlanDates",
        "Section47",
        "ChildProtectionPlans",
    ]
    for det in root.iter("CINdetails"):
        tags = [c.tag for c in det]
        assert tags == sorted(tags, key=det_order.index)
    flat = cin_tables(clean)
    assert len(root.findall("Children/Child")) == len(flat["ChildIdentifiers"])
    assert len(root.findall(".//CINdetails")) == len(flat["CINdetails"])
    assert root.find(".//ChildProtectionPlans/Reviews") is not None


def test_clean_exports_pass_every_implemented_rule(clean):
    flat = parse_cin_xml(cin_xml(cin_tables(clean), clean.config))
    assert len(flat["ChildIdentifiers"]) > 500
    assert check_cin(flat, clean.config).query("severity == 'error'").empty
    t903 = ssda903_tables(clean)
    assert len(t903["Episodes"]) > 100 and len(t903["OC3"]) > 10
    assert check_903(t903, clean.config).query("severity == 'error'").empty


def test_903_columns_in_spec_order(tmp_path, clean):
    files = write_returns(clean, tmp_path / "r")
    assert files[0].suffix == ".xml"
    for name, cols in COLUMNS.items():
        path = tmp_path / "r" / f"synthetic_ssda903_2022-23_{name}.csv"
        assert pd.read_csv(path, nrows=0).columns.tolist() == cols
    header = pd.read_csv(tmp_path / "r" / "synthetic_ssda903_2022-23_Header.csv", dtype=str)
    assert header["DOB"].str.fullmatch(r"\d{2}/\d{2}/\d{4}").all() and set(header["SEX"]) <= {
        "1",
        "2",
    }


def _fired(la) -> set[str]:
    """ "<rule as the fault log names it>|<child>" for every failure of the authority's returns."""
    year = la.config.year
    cin = check_cin(parse_cin_xml(cin_xml(cin_tables(la), la.config)), la.config)
    s903 = check_903(ssda903_tables(la), la.config)
    return {
        f"{rule_label(ret, code, year)}|{child}"
        for ret, report in (("CIN", cin), ("SSDA903", s903))
        for code, child in zip(report["rule"], report["child"])
    }


def _assert_faults_break_their_rules(la):
    log = la.fault_log
    assert list(log.columns)[:8] == [
        "fault_id",
        "table",
        "row_key",
        "column",
        "fault_type",
        "rule",
        "original_value",
        "injected_value",
    ]
    assert log["fault_id"].is_unique and len(log["rule"].unique()) >= 14
    # Each rule the log names is an implemented rule-book entry of the export's year ...
    book = rulebook(la.config.year)
    done = implemented_codes()
    labels = {
        rule_label(r, c, la.config.year): (r, c) for r, c in zip(book["return"], book["code"])
    }
    for name in log["rule"].unique():
        assert name in labels and labels[name][1] in done[labels[name][0]], name
    # ... and really fails on the faulted export, for the child the fault was put on.
    fired = _fired(la)
    missed = log[[f"{r}|{c}" not in fired for r, c in zip(log["rule"], log["child_id"])]]
    assert missed.empty, missed.head()


def test_every_injected_fault_breaks_its_rule(faulty):
    _assert_faults_break_their_rules(faulty)


def test_every_injected_fault_breaks_its_rule_in_2025_26():
    la = generate_authority(replace(CFG, n_children=8_000, year=2026), faults=0.05)
    _assert_faults_break_their_rules(la)


def test_fault_log_values_match_the_tables(faulty, clean):
    log = faulty.fault_log
    keys = {
        "children": "child_id",
        "referrals": "referral_id",
        "cp_plans": "cpp_id",
        "section47": "s47_id",
        "care_episodes": "episode_id",
        "care_leavers": "child_id",
    }
    for _, f in log[log["table"].isin(keys) & (log["column"] != "*")].iterrows():
        key = keys[f["table"]]
        now = faulty.tables[f["table"]].set_index(key).loc[f["row_key"], f["column"]]
        before = clean.tables[f["table"]].set_index(key).loc[f["row_key"], f["column"]]
        assert (now, before) == (f["injected_value"], f["original_value"])


def test_fault_log_lists_every_row_the_faults_add(faulty, clean):
    """The log is complete ground truth: every row that is in the faulty tables but not the clean
    ones is logged, including the referrals copied for a duplicated child."""
    log = faulty.fault_log
    keys = {
        "children": "child_id",
        "referrals": "referral_id",
        "cp_plans": "cpp_id",
        "section47": "s47_id",
        "care_episodes": "episode_id",
        "care_leavers": "child_id",
        "assessments": "assessment_id",
    }
    for table, key in keys.items():
        added = set(faulty.tables[table][key]) - set(clean.tables[table][key])
        logged = set(log.loc[log["table"] == table, "row_key"])
        assert added <= logged, (table, sorted(added - logged)[:5])
    copied = faulty.tables["referrals"]["referral_id"].str.endswith("D")
    assert copied.sum() > 0
    dup = log[(log["table"] == "referrals") & (log["fault_type"] == "duplicate_child")]
    assert sorted(dup["row_key"]) == sorted(faulty.tables["referrals"].loc[copied, "referral_id"])
    added_factors = len(faulty.tables["assessment_factors"]) - len(
        clean.tables["assessment_factors"]
    )
    assert added_factors == (log["table"] == "assessment_factors").sum()
    for name, df in clean.tables.items():
        if name not in keys and name != "assessment_factors":
            assert len(faulty.tables[name]) == len(df), name


def test_faults_leave_the_clean_stream_alone(faulty, clean):
    changed = set(faulty.fault_log.loc[faulty.fault_log["table"] == "care_episodes", "row_key"])
    a = clean.tables["care_episodes"].set_index("episode_id").drop(index=list(changed))
    b = faulty.tables["care_episodes"].set_index("episode_id").drop(index=list(changed))
    pd.testing.assert_frame_equal(a, b)


def test_fault_log_columns_match_the_data_dictionary(faulty):
    from childinfo.synth.dictionary import data_dictionary

    dd = data_dictionary()
    assert (
        faulty.fault_log.columns.tolist() == dd.loc[dd["table"] == "fault_log", "column"].tolist()
    )


def test_the_rule_book_covers_every_year():
    """One rule book lists the DfE rules of each supported year, one wording per code and year."""
    full = rulebook()
    assert set(full["return"]) == {"CIN", "SSDA903"} and len(full) > 400
    assert (full["message"].str.len() > 10).all() and full["severity"].isin(
        ["error", "query"]
    ).all()
    per_year = full.assign(year=full["years"].str.split(";")).explode("year")
    assert not per_year.duplicated(["return", "code", "year"]).any()
    for year in (2023, 2024, 2025, 2026):
        rb = rulebook(year)
        assert {"1510", "1520", "8790", "8873Q"} <= set(rb.loc[rb["return"] == "CIN", "code"])
        assert {"101", "146", "225", "634"} <= set(rb.loc[rb["return"] == "SSDA903", "code"])
    # Collection years before 2022-23 use the 2022-23 rules, the earliest the sources carry.
    for ret in ("CIN", "SSDA903"):
        assert rules_for(ret, 2019) == rules_for(ret, 2022) == rules_for(ret, 2023)


def test_every_check_is_registered_under_a_rule_book_code(monkeypatch):
    assert unknown_codes() == []
    for c in REGISTRY:
        assert any(c.code in rules_for(c.ret, y) for y in (2023, 2024, 2025, 2026)), c
    # A check registered under a code the book lacks stops every run with a clear message.
    monkeypatch.setattr(rules, "REGISTRY", [*REGISTRY, replace(REGISTRY[0], code="9999")])
    assert unknown_codes() == ["CIN 9999"]
    with pytest.raises(ChildinfoError, match="CIN 9999"):
        check_903({}, CFG)


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_report_takes_code_severity_and_message_from_the_rule_book(faulty, year):
    """The same faulted tables checked as each year's return: every row of the report is a rule
    of that year's book, with the book's severity and message, and only that year's rules run."""
    cfg = replace(faulty.config, year=year)
    reports = {
        "CIN": check_cin(parse_cin_xml(cin_xml(cin_tables(faulty), faulty.config)), cfg),
        "SSDA903": check_903(ssda903_tables(faulty), cfg),
    }
    for ret, report in reports.items():
        assert len(report) > 10
        book = rules_for(ret, year)
        for code, severity, message in report[["rule", "severity", "message"]].to_numpy():
            assert book.get(code) == (severity, message), (ret, code, year)
        ran = {c.code for c in REGISTRY if c.ret == ret and c.code in book}
        assert set(report["rule"]) <= ran


def test_a_rule_applies_only_in_the_years_the_rule_book_gives_it():
    la = generate_authority(replace(CFG, n_children=3_000, year=2024))
    # 903 rule 217t (2023-24 only): no placement type P2 from 28 October 2023. Later years drop
    # P2 from the list of placement types instead (rule 146, 2025-26).
    t = ssda903_tables(la)
    e = t["Episodes"]
    i = e.index[pd.to_datetime(e["DECOM"], format="%d/%m/%Y") >= "2023-10-28"][0]
    e.loc[i, "PLACE"] = "P2"
    child = e.loc[i, "CHILD"]

    def failing(year):
        r = check_903(t, replace(la.config, year=year))
        return set(r.loc[r["child"] == child, "rule"])

    assert "217t" in failing(2024) and "146" not in failing(2024)
    assert "217t" not in failing(2025)
    assert "217t" not in failing(2026) and "146" in failing(2026)
    # CIN rule 1570 (from 2024-25): an LA child ID longer than 20 characters. Its 4180 (sex)
    # message changes in the same year, with the element it reads.
    flat = cin_tables(la)
    ci = flat["ChildIdentifiers"]
    ci.loc[ci.index[0], "LAchildID"] = "A" * 25
    r24 = check_cin(flat, replace(la.config, year=2024))
    r25 = check_cin(flat, replace(la.config, year=2025))
    assert "1570" not in set(r24["rule"]) and "1570" in set(r25["rule"])
    assert rules_for("CIN", 2024)["4180"] != rules_for("CIN", 2025)["4180"]
    with pytest.raises(ChildinfoError, match="217t"):
        rule_label("SSDA903", "217t", 2023)
    assert rule_label("SSDA903", "217t", 2024) == "903 217t"
