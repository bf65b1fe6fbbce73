"""The children table on its own (population only), used by the speed benchmark."""

from __future__ import annotations

import pyarrow as pa

from childinfo.synth.columns import to_arrow
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.parameters import load_parameters
from childinfo.synth.places import make_areas
from childinfo.synth.population import children_columns, make_population
from childinfo.synth.streams import rng_for


def children_table(n: int, seed: int = 1) -> pa.Table:
    """A children table of ``n`` rows with the columns of the authority's ``children`` table,
    made by the generator's own population code, as an Arrow table.

    Example:
        >>> t = children_table(2000)
        >>> t.num_rows, t.column_names[:3]
        (2000, ['child_id', 'forename', 'surname'])
    """
    cfg = AuthorityConfig(n_children=round(n * 18 / 22), seed=seed)  # 22 birth years in all
    params = load_parameters()
    rng = rng_for(seed, "simulate")
    areas = make_areas(rng, cfg.n_children, 0.0, cfg.code, 300)
    pop = make_population(cfg, params, rng, areas)
    cols = children_columns(pop, areas, pop.ethnicity_true)
    return pa.table({k: to_arrow(v) for k, v in cols.items()})
