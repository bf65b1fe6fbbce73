"""Calibration parameters: every rate and share lives in ``params/parameters.csv``.

Each row carries its source, year and a status tag (S sourced, D derived, R recalled from a DfE
release, U model choice or uncertain), so a learner can see where every number came from.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from childinfo.errors import ChildinfoError


@dataclass(frozen=True)
class Parameters:
    """Scalars and categorical distributions read from the parameter table.

    Example:
        >>> p = load_parameters()
        >>> round(p.scalar("csc.cla_per_10k"))
        70
    """

    scalars: dict[str, float]
    distributions: dict[str, dict[str, float]]

    def scalar(self, name: str) -> float:
        try:
            return self.scalars[name]
        except KeyError:
            raise ChildinfoError(
                f"unknown parameter {name!r}; add it to params/parameters.csv"
            ) from None

    def dist(self, name: str) -> tuple[list[str], np.ndarray]:
        """Return the codes and probabilities (normalised to sum to 1) of a distribution."""
        table = self.distributions[name]
        keys = list(table)
        p = np.array([table[k] for k in keys], dtype=float)
        return keys, p / p.sum()


@lru_cache(maxsize=1)
def load_parameters() -> Parameters:
    """Read the packaged parameter table (cached)."""
    text = resources.files("childinfo.synth").joinpath("params/parameters.csv").read_text("utf-8")
    scalars: dict[str, float] = {}
    dists: dict[str, dict[str, float]] = {}
    for row in csv.DictReader(text.splitlines()):
        if row["key"]:
            dists.setdefault(row["name"], {})[row["key"]] = float(row["value"])
        else:
            scalars[row["name"]] = float(row["value"])
    return Parameters(scalars, dists)


def parameter_table() -> list[dict[str, str]]:
    """The parameter table as rows (name, key, value, unit, source, year, status)."""
    text = resources.files("childinfo.synth").joinpath("params/parameters.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))
