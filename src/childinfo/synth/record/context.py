"""What every record builder receives: the simulated history and the recording stream."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.history import History
from childinfo.synth.parameters import Parameters


def window_mask(start: np.ndarray, end: np.ndarray, lo: int) -> np.ndarray:
    """Rows whose [start, end] overlaps the window (end MISSING means still open)."""
    return (end == D.MISSING) | (end >= lo)


@dataclass(eq=False, repr=False)
class Recording(History):
    """The simulated history as the record side sees it, and what it has recorded so far.

    The history's fields (``pop``, ``needs``, ``cases``, ``periods``, ``episodes``: see
    ``synth/history.py``) come first; ``record.cases.annotate`` fills in what a worker writes
    on each case. Builders draw from ``rng`` in the order ``record.BUILDERS`` runs them, so a
    new builder goes at the end of the list (or draws from a stream of its own) to leave every
    other table as it was. ``tables`` holds the tables already recorded, for a builder that
    follows another (the care leaver survey asks the care leavers).
    """

    cfg: AuthorityConfig
    params: Parameters
    rng: np.random.Generator
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    # Children given early help (population rows), for the truth table's unmet need.
    early_help_children: np.ndarray | None = None
    # Worked out from the history once, for every builder (no random draws):
    ref: int = field(init=False)  # the reference date and the window's first day (day numbers)
    lo: int = field(init=False)
    in_window: np.ndarray = field(init=False)  # per case: open at some time in the window
    in_scope: np.ndarray = field(init=False)  # per child: covered by the authority's tables
    window_episodes: pd.DataFrame = field(init=False)  # episodes of periods in the window

    @classmethod
    def of(cls, history: History, **kwargs) -> Recording:
        """A recording of ``history`` (``kwargs``: ``cfg``, ``params`` and ``rng``)."""
        return cls(**{f.name: getattr(history, f.name) for f in fields(History)}, **kwargs)

    def __post_init__(self) -> None:
        self.ref = D.day(self.cfg.ref_date)
        self.lo = D.day(self.cfg.window_start)
        cases, periods = self.cases, self.periods
        self.in_window = window_mask(cases.date, cases.close, self.lo) & (cases.date <= self.ref)
        # Children aged 0-17, or up to 21 if ever in care or known in the window.
        ever_care = np.zeros(len(self.pop.dob), bool)
        ever_care[periods.child[periods.started]] = True
        had_case = np.zeros(len(self.pop.dob), bool)
        had_case[cases.child[self.in_window]] = True
        age = self.pop.age
        self.in_scope = (age <= 17) | ((age <= 21) & (ever_care | had_case))
        # Whole periods are kept: every episode of a period that overlaps the window.
        per_open = np.where(periods.open, D.MISSING, periods.end)
        per_keep = periods.started & window_mask(periods.start, per_open, self.lo)
        ep = self.episodes
        self.window_episodes = ep[per_keep[ep["period"].to_numpy()]].copy()
