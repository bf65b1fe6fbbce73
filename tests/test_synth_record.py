"""The record room: one builder per recorded table, run in the order of their random draws."""

import pandas as pd
import pytest

from childinfo.synth import AuthorityConfig, generate_authority, record

CFG = AuthorityConfig(n_children=2000, seed=11)


@pytest.fixture(scope="module")
def la():
    return generate_authority(CFG)


def test_every_recorded_table_has_one_builder(la):
    builders = {**record.BUILDERS, **record.RICH_TEXT_BUILDERS}
    assert set(la.tables) == {"areas", "children"} | set(builders)
    assert set(la.truth) == set(record.TRUTH_BUILDERS)
    # Each builder is its own function (one table each), not one function for several tables.
    assert len({id(f) for f in builders.values()}) == len(builders)


def test_a_builder_added_at_the_end_leaves_every_other_table_as_it_was(la, monkeypatch):
    def extra(rec):
        return pd.DataFrame({"draw": rec.rng.random(5)})

    monkeypatch.setitem(record.RICH_TEXT_BUILDERS, "extra", extra)
    more = generate_authority(CFG)
    assert list(more.tables)[-1] == "extra"
    for name, df in la.tables.items():
        pd.testing.assert_frame_equal(more.tables[name], df, obj=name)


def test_a_builder_put_first_would_shift_the_tables_after_it(la, monkeypatch):
    # The reason for the rule above: builders share the recording stream in order.
    def early(rec):
        return pd.DataFrame({"draw": rec.rng.random(5)})

    monkeypatch.setattr(record, "BUILDERS", {"early": early, **record.BUILDERS})
    moved = generate_authority(CFG)
    assert not moved.tables["school"].equals(la.tables["school"])
