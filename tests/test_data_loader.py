"""The labs' one-call loader."""

import pytest

from childinfo.errors import ChildinfoError
from childinfo.toolkit.data import load_authority, load_comparison_authorities


def test_load_default_authority_has_tables_and_marked_truth():
    la = load_authority()
    assert la.config.name == "Brackenfold"
    assert len(la.children) > 55_000 and la.children["child_id"].is_unique
    assert {"referrals", "care_episodes", "voice_records", "partner_records"} <= set(la.tables)
    assert la.truth_warning.startswith("TEACHING ONLY")
    assert set(la.truth) == {"children", "needs"}
    # Codes survive as text (no "01" -> 1 conversions).
    assert la.referrals["referral_source"].isin(["1A", "2A", "6", "10"]).any()
    assert set(la.truth["children"]["child_id"]) == set(la.children["child_id"])


def test_unknown_authority_name_is_a_clear_error():
    with pytest.raises(ChildinfoError, match="choose one of"):
        load_authority("Atlantis")


def test_comparison_authorities_differ_in_practice_culture():
    las = load_comparison_authorities(scale=0.04)
    assert len(las) >= 12
    codes = {la.config.code for la in las.values()}
    assert len(codes) == len(las)
    strict = [la.config.threshold for la in las.values()]
    assert min(strict) < 0 < max(strict)
    prefixes = {la.tables["children"]["child_id"].str[:6].iloc[0] for la in las.values()}
    assert len(prefixes) == len(las)  # child IDs never collide across authorities
