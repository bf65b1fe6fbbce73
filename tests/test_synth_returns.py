"""Statutory-return exports: structure, a clean pass of the DfE rules that apply, and faults caught."""

import pandas as pd
import pytest
from lxml import etree

from childinfo.synth import AuthorityConfig, generate_authority
from childinfo.synth.returns import (
    check_903,
    check_cin,
    cin_tables,
    cin_xml,
    parse_cin_xml,
    ssda903_tables,
    write_returns,
)
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


def test_every_injected_fault_breaks_its_rule(faulty):
    log = faulty.fault_log
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
    cin = check_cin(parse_cin_xml(cin_xml(cin_tables(faulty), faulty.config)), faulty.config)
    s903 = check_903(ssda903_tables(faulty), faulty.config)
    fired = set("CIN " + cin["rule"] + "|" + cin["child"]) | set(
        "903 " + s903["rule"] + "|" + s903["child"]
    )
    caught = [f"{r}|{c}" in fired for r, c in zip(log["rule"], log["child_id"])]
    missed = log[[not c for c in caught]]
    assert missed.empty, missed.head()


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


def test_the_rule_book_covers_every_rule_and_every_fault(faulty):
    """One rule book lists the DfE rules of each supported year; each rule our checks report, and
    each rule the fault log names, is in it for that year and implemented here."""
    from childinfo.synth.returns.rulebook import implemented_codes, rulebook

    full = rulebook()
    assert set(full["return"]) == {"CIN", "SSDA903"} and len(full) > 400
    assert (full["message"].str.len() > 10).all() and full["severity"].isin(
        ["error", "query"]
    ).all()
    for year in (2023, 2024, 2025, 2026):
        rb = rulebook(year)
        assert {"1510", "1520", "8790", "8873Q"} <= set(rb.loc[rb["return"] == "CIN", "code"])
        assert {"101", "146", "225", "634"} <= set(rb.loc[rb["return"] == "SSDA903", "code"])
    assert "217t" in set(rulebook(2024)["code"]) and "217t" not in set(rulebook(2023)["code"])
    done = implemented_codes()
    rb = rulebook(faulty.config.year)
    for name in faulty.fault_log["rule"].unique():
        ret, code = name.split(" ")
        ret = "SSDA903" if ret == "903" else ret
        assert code in done[ret], name
        assert ((rb["return"] == ret) & (rb["code"] == code)).any(), name
