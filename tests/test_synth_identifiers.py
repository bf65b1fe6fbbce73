"""Identifiers are fictional, well formed and impossible to mistake for a real child's."""

import pandas as pd
import pytest
from stdnum.gb import upn as stdnum_upn

from childinfo.synth.codes import UPN_LA_CODES
from childinfo.toolkit.data import data_dir

DIR = data_dir() / "brackenfold"


@pytest.fixture(scope="module")
def children():
    return pd.read_csv(DIR / "children.csv", dtype=str, keep_default_na=False)


def test_child_ids_use_the_reserved_prefix_and_dfe_limits(children):
    ids = children["child_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"SYN\d{10}").all()
    assert (ids.str.len() <= 20).all() and ids.str.isalnum().all()  # CIN rules 1570/1580


def test_upns_have_stdnum_check_letters_and_the_documented_la_number(children):
    upns = children.loc[children["upn"] != "", "upn"]
    assert len(upns) > 30_000 and upns.is_unique
    assert all(stdnum_upn.calc_check_digit(u[1:]) == u[0] for u in upns)
    assert (upns.str[1:4] == "001").all()
    assert 1 in UPN_LA_CODES  # accepted by CIN rule 1530 ...
    with pytest.raises(Exception):  # ... but not the number of any English LA
        stdnum_upn.validate(upns.iloc[0])


def test_postcodes_and_area_codes_cannot_exist(children):
    assert (
        children["postcode"].str.fullmatch(r"Q[A-Z]\d{1,3} \d[A-Z]{2}").all()
    )  # no UK area starts Q
    areas = pd.read_csv(DIR / "areas.csv", dtype=str)
    assert areas["area_code"].str.match(r"X99").all()  # ONS codes start E, W, S or N
    assert set(children["area_code"]) <= set(areas["area_code"])


def test_partner_records_use_their_own_ids():
    pr = pd.read_csv(DIR / "partner_records.csv", dtype=str, keep_default_na=False)
    assert pr["partner_record_id"].str.fullmatch(r"[A-Z]{3}-\d{6}").all()
    known = pr["truth_child_id"] != ""
    assert 0.7 < known.mean() < 0.95
    children = pd.read_csv(DIR / "children.csv", dtype=str, keep_default_na=False).set_index(
        "child_id"
    )
    linked = pr[known]
    same = (
        linked["forename"].to_numpy()
        == children.loc[linked["truth_child_id"], "forename"].to_numpy()
    )
    assert 0.6 < same.mean() < 0.99  # realistic variation, not identical copies


def test_every_fictional_authority_has_its_own_la_number_that_no_real_authority_has():
    """Issue 12/14: UPNs never collide across authorities, and none can be a real pupil's."""
    from stdnum.exceptions import InvalidComponent

    from childinfo.synth.config import comparison_configs
    from childinfo.synth.england import england_configs

    numbers = [c.upn_la for c in comparison_configs()] + [
        c.upn_la for c in england_configs(n_authorities=676)
    ]
    assert len(numbers) == len(set(numbers)) == 13 + 676
    assert all(1 <= n <= 999 for n in numbers)
    welsh_or_pseudo = set(range(660, 682)) | set(range(701, 709))
    for n in numbers:
        assert n not in welsh_or_pseudo
        body = f"{n:03d}200023001"
        with pytest.raises(InvalidComponent):  # well formed, right check letter, unknown LA
            stdnum_upn.validate(stdnum_upn.calc_check_digit(body) + body)


def test_upns_are_unique_across_the_comparison_authorities():
    from childinfo.synth import generate_authority
    from childinfo.synth.config import comparison_configs

    upns = []
    for cfg in comparison_configs(scale=0.02)[:6]:
        u = generate_authority(cfg).tables["children"]["upn"].astype(str)
        upns.append(u[u != ""])
    allu = pd.concat(upns)
    assert len(allu) > 3_000 and allu.is_unique
    assert all(stdnum_upn.calc_check_digit(u[1:]) == u[0] for u in allu)
