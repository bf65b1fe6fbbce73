"""The simulated history is typed: every column of a table has one entry per row, and the fields
filled in later (closure, what a worker writes) are filled by the time the tables are recorded."""

from dataclasses import fields

import numpy as np
import pytest

from childinfo.synth.config import AuthorityConfig
from childinfo.synth.generate import simulate
from childinfo.synth.history import Cases, History, Periods, Population
from childinfo.synth.parameters import load_parameters
from childinfo.synth.record import cases as record_cases
from childinfo.synth.record.context import Recording
from childinfo.synth.streams import rng_for


@pytest.fixture(scope="module")
def recording():
    cfg, params = AuthorityConfig(n_children=2000, seed=11), load_parameters()
    history = simulate(cfg, params)
    assert isinstance(history, History)
    rec = Recording.of(history, cfg=cfg, params=params, rng=rng_for(cfg.seed, "recording"))
    record_cases.annotate(rec)
    return rec


@pytest.mark.parametrize(
    "name, kind, rows",
    [("pop", Population, "dob"), ("cases", Cases, "child"), ("periods", Periods, "start")],
)
def test_every_column_has_one_entry_per_row(recording, name, kind, rows):
    table = getattr(recording, name)
    assert isinstance(table, kind)
    n = len(getattr(table, rows))
    assert n > 0
    for f in fields(table):
        column = getattr(table, f.name)
        assert column is not None, f"{name}.{f.name} was never filled"
        assert len(column) == n, f"{name}.{f.name} has {len(column)} rows, not {n}"


def test_take_and_concat_keep_the_rows_together(recording):
    cases = recording.cases
    firsts = cases.take(np.arange(3))
    both = Cases.concat([firsts, cases.take(np.arange(3, 5))])
    assert both.child.tolist() == cases.child[:5].tolist()
    assert both.referral_id.tolist() == list(cases.referral_id[:5])
    assert both.act.shape == (5, cases.act.shape[1])
