"""Generate one synthetic authority: simulate whole histories, then record them as tidy tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from childinfo.errors import ChildinfoError
from childinfo.synth import care, newborns, places, rereferral, services
from childinfo.synth import dates as D
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.faults import inject_faults
from childinfo.synth.history import History, Population, Referrals
from childinfo.synth.needs import make_needs, present
from childinfo.synth.pages import small_pages
from childinfo.synth.parameters import Parameters, load_parameters
from childinfo.synth.population import choice, draw_names, make_ids, make_population
from childinfo.synth.record import record
from childinfo.synth.record.context import Recording
from childinfo.synth.streams import rng_for

TRUTH_WARNING = (
    "TEACHING ONLY: the simulated truth about each child. No real system holds this; use it to "
    "score your work, never as if it were data an authority could have."
)
_UASC_ETH = {"OOTH": 0.3, "AOTH": 0.25, "BAFR": 0.25, "BOTH": 0.1, "WOTH": 0.05, "MOTH": 0.05}


@dataclass
class Authority:
    """A generated authority: recorded ``tables``, the teaching-only ``truth`` tables and metadata.

    Example:
        >>> la = generate_authority(AuthorityConfig(n_children=2000, seed=3))
        >>> la.tables["children"].columns[0]
        'child_id'
    """

    config: AuthorityConfig
    tables: dict[str, pd.DataFrame]
    truth: dict[str, pd.DataFrame] = field(default_factory=dict)
    fault_log: pd.DataFrame | None = None
    truth_warning: str = TRUTH_WARNING

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __dir__(self):
        return list(super().__dir__()) + list(self.tables)


def _add_uasc(
    cfg: AuthorityConfig,
    params: Parameters,
    rng: np.random.Generator,
    pop: Population,
    areas: pd.DataFrame,
) -> Population:
    """Unaccompanied children arriving in the last seven years (they join the population on arrival)."""
    ref = D.day(cfg.ref_date)
    per_year = (
        cfg.n_children
        / 10_000
        * params.scalar("csc.cla_starts_per_10k")
        * params.scalar("csc.cla_uasc_share_of_starts")
    )
    k = rng.poisson(per_year * 7)
    arrival = ref - rng.integers(0, 7 * 365, k)
    # Ages on arrival 14.9-17.6, so about 13% of those in care on 31 March are under 16 (2022).
    dob = arrival - (rng.uniform(14.9, 17.6, k) * 365.25).astype(np.int64)
    keep = D.age_years(dob, ref) <= 21
    arrival, dob = arrival[keep], dob[keep]
    k = len(dob)
    male = rng.random(k) < 0.95
    area = rng.integers(0, len(areas), k)
    base = len(pop.dob)
    ids = make_ids(f"SYN{cfg.number:03d}", np.arange(base + 1, base + k + 1), 7)
    forename, surname = draw_names(rng, male)
    # Plain arrays for the new rows; ``concat`` joins each to its column's kind.
    arrived = Population(
        child_id=ids,
        forename=forename,
        surname=surname,
        dob=dob,
        sex=np.where(male, "M", "F").astype(object),
        ethnicity_true=choice(rng, list(_UASC_ETH), list(_UASC_ETH.values()), k),
        first_language=choice(
            rng, ["PRS", "PUS", "ARA", "TIG", "KUR", "SOM"], [0.25, 0.2, 0.15, 0.15, 0.15, 0.1], k
        ),
        disability=np.full(k, "NONE", dtype=object),
        fsm=np.full(k, "", dtype=object),
        sen_provision=np.full(k, "", dtype=object),
        upn=np.full(k, "", dtype=object),
        area=area,
        postcode=places.postcodes(rng, areas["postcode_district"].to_numpy(dtype=object)[area]),
        dep=(10 - areas["deprivation_decile"].to_numpy()[area]) / 9.0,
        male=male,
        disabled=np.zeros(k, bool),
        age=D.age_years(dob, ref),
        eal=np.ones(k, bool),
        uasc=np.ones(k, bool),
        arrival=arrival,
    )
    return Population.concat([pop, arrived])


def generate_authority(cfg: AuthorityConfig | None = None, faults: float = 0.0) -> Authority:
    """Generate one synthetic authority from its config (deterministic given ``cfg.seed``).

    ``faults`` is the rate of injected data-quality faults (0 = clean); faults come from their own
    seeded stream, so the clean data are identical with and without them.

    Example:
        >>> la = generate_authority(AuthorityConfig(n_children=2000, seed=5))
        >>> int(la.tables["children"]["child_id"].str.startswith("SYN").all())
        1
    """
    if isinstance(faults, bool) or not isinstance(faults, (int, float)) or not 0 <= faults <= 1:
        raise ChildinfoError(f"faults is a rate from 0 to 1 (0.02 is typical), got {faults!r}")
    cfg = cfg or AuthorityConfig()
    with small_pages():
        params = load_parameters()
        history = simulate(cfg, params)
        rng = rng_for(cfg.seed, "recording")
        tables, truth = record(Recording.of(history, cfg=cfg, params=params, rng=rng))
        la = Authority(cfg, tables, truth)
        if faults > 0:
            la = inject_faults(la, rate=faults)
    return la


def simulate(cfg: AuthorityConfig, params: Parameters) -> History:
    """The simulated history (``history.py``): areas, the population, their needs, the cases of
    social care and the care periods and episodes, clipped to the reference date."""
    rng = rng_for(cfg.seed, "simulate")
    ref = D.day(cfg.ref_date)

    areas = places.make_areas(
        rng,
        cfg.n_children,
        cfg.deprivation,
        cfg.code,
        int(params.scalar("population.children_per_area")),
    )
    pop = make_population(cfg, params, rng, areas)
    pop = _add_uasc(cfg, params, rng, pop, areas)
    needs = make_needs(params, rng, pop, ref)  # unaccompanied children bring no family needs

    refs = services.simulate_referrals(cfg, params, rng, pop, needs)
    refs = newborns.referrals_at_birth(params, rng, pop, needs, refs)
    refs = services.drop_future(refs, ref)
    uidx = np.flatnonzero(pop.uasc)
    child = np.concatenate([refs.child, uidx])
    date = np.concatenate([refs.date, pop.arrival[uidx]])
    order = np.lexsort((date, child))
    refs = Referrals(child=child[order], date=date[order])
    cases = services.build_cases(cfg, params, rng, pop, needs, refs)
    cases = rereferral.add_rereferrals(cfg, params, rng, pop, needs, cases)
    needs.has = present(pop, needs, ref)  # after plans have shortened some

    # Care periods for cases that lead to care (whole future simulated, clipped later).
    dob_c = pop.dob[cases.child]
    eighteen = D.birthday(dob_c, 18)
    cases.cla &= cases.cla_start < eighteen - 7
    ci = np.flatnonzero(cases.cla)
    periods = care.simulate_periods(rng, cases.cla_start[ci], dob_c[ci], cases.uasc[ci])
    care_end = np.full(len(dob_c), D.MISSING)
    care_reason = np.full(len(dob_c), "", dtype=object)
    care_end[ci] = periods.end
    care_reason[ci] = periods.cin_reason
    keep = services.close_cases(cfg, rng, pop, cases, care_end, care_reason)
    period_keep = keep[ci]
    cases = cases.take(keep)
    periods = periods.take(period_keep)
    periods.case = np.flatnonzero(cases.cla)
    periods.child = cases.child[periods.case]
    cpp_before = cases.cpp[periods.case]
    episodes = care.build_episodes(
        rng, periods, pop.dob[periods.child], pop.uasc[periods.child], cpp_before
    )
    services.clip_to_reference(cfg, cases)
    cases.cla &= cases.cla_start <= ref
    started = periods.start <= ref
    episodes = episodes[started[episodes["period"].to_numpy()]].copy()
    episodes = episodes[episodes["decom"] <= ref].copy()
    fut = episodes["dec"] > ref
    episodes.loc[fut, "dec"] = D.MISSING
    episodes.loc[fut, "rec"] = ""
    periods.open = periods.end > ref
    periods.started = started

    return History(
        areas=areas, pop=pop, needs=needs, cases=cases, periods=periods, episodes=episodes
    )
