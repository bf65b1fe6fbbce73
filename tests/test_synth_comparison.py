"""Practice cultures show in the data: strict thresholds close more cases, thin recording loses needs."""

import pytest

from childinfo.synth import AuthorityConfig, generate_authority


@pytest.fixture(scope="module")
def pair():
    strict = generate_authority(
        AuthorityConfig(n_children=12_000, seed=5, threshold=1.5, recording=0.35)
    )
    lenient = generate_authority(
        AuthorityConfig(n_children=12_000, seed=5, threshold=-1.5, recording=0.95)
    )
    return strict, lenient


def _not_in_need(la):
    r = la.tables["referrals"]
    return r["reason_for_closure"].isin(["RC8", "RC9"]).mean()


def _only_21(la):
    f = la.tables["assessment_factors"]
    per = f.groupby("assessment_id")["factor"].apply(lambda s: set(s) == {"21"})
    return per.mean()


def test_strict_thresholds_close_more_cases_as_not_in_need(pair):
    strict, lenient = pair
    assert _not_in_need(strict) > _not_in_need(lenient) + 0.1


def test_thin_recording_writes_down_fewer_needs(pair):
    strict, lenient = pair
    assert _only_21(strict) > _only_21(lenient) + 0.1
    per_strict = len(strict.tables["assessment_factors"]) / len(strict.tables["assessments"])
    per_lenient = len(lenient.tables["assessment_factors"]) / len(lenient.tables["assessments"])
    assert per_strict < per_lenient


def test_unmet_need_is_higher_where_thresholds_are_strict(pair):
    strict, lenient = pair
    um = lambda la: (la.truth["children"]["unmet_need"] == "Y").mean()
    assert um(strict) > um(lenient)


def test_a_more_deprived_authority_has_lower_deprivation_deciles():
    """Decile 1 is the most deprived, so a deprived profile (+1) pulls deciles down."""
    import numpy as np

    from childinfo.synth.places import make_areas

    def mean_decile(deprivation: float) -> float:
        areas = make_areas(np.random.default_rng(1), 35_000, deprivation, "SM", 300)
        return areas["deprivation_decile"].astype(int).mean()

    assert mean_decile(0.9) < 4.5 < 5.5 < mean_decile(-0.9)
