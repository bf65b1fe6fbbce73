"""The children table on its own (population only), used by the speed benchmark."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from childinfo.synth import dates as D
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.parameters import load_parameters
from childinfo.synth.places import make_areas
from childinfo.synth.population import make_population


def children_table(n: int, seed: int = 1) -> pa.Table:
    """A children table of about ``n`` rows (ages 0-17), made the vectorised way, as an Arrow table.

    Example:
        >>> children_table(2000).num_rows >= 1990
        True
    """
    cfg = AuthorityConfig(n_children=n * 18 // 22, seed=seed)
    params = load_parameters()
    rng = np.random.default_rng(seed)
    areas = make_areas(rng, cfg.n_children, 0.0, cfg.code, 300)
    pop = make_population(cfg, params, rng, areas)
    cols = {"child_id": pop["child_id"], "forename": pop["forename"], "surname": pop["surname"],
            "dob": D.iso(pop["dob"]), "sex": pop["sex"], "ethnicity": pop["ethnicity_true"],
            "postcode": pop["postcode"], "fsm": pop["fsm"], "upn": pop["upn"]}
    return pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()})
