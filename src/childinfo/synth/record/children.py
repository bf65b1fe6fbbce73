"""The children table: every child the authority's tables cover, as recorded."""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import columns, recording
from childinfo.synth.population import children_columns
from childinfo.synth.record.context import Recording


def children(rec: Recording) -> pd.DataFrame:
    """One row per child in scope; ethnicity as recorded (some codes missing, not at random)."""
    pop = rec.pop
    ethnicity = recording.recorded_ethnicity(
        rec.rng, pop.ethnicity_true, rec.params.scalar("population.ethnicity_missing_rate")
    )
    return columns.frame(children_columns(pop, rec.areas, ethnicity, np.flatnonzero(rec.in_scope)))
