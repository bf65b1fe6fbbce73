"""The simulated history: typed tables of arrays that the simulate side passes on to the record
side (``generate.simulate`` returns a :class:`History`).

Each class is one kind of row (a child, a case, a period of care) and each field is a column with
one entry per row, in row order. Dates are day numbers (days since 1970-01-01, ``dates.day``;
``dates.MISSING`` where there is none); ages are in years. String columns are held as codes or
Arrow strings (``columns.py``) so a million children never become a million Python strings.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from childinfo.synth import columns


class _Rows:
    """Row operations shared by the tables below (fields left ``None`` stay ``None``)."""

    def _columns(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def take(self, rows: np.ndarray):
        """The rows ``rows`` (indices or a boolean mask) of every column, as a new table."""
        rows = np.flatnonzero(rows) if rows.dtype == bool else rows  # Arrow takes indices only
        return replace(
            self,
            **{
                k: None if v is None else columns.take(v, rows) for k, v in self._columns().items()
            },
        )

    @classmethod
    def concat(cls, parts: list):
        """The rows of ``parts`` (tables of this kind), one after another, as a new table."""
        out = {}
        for k, first in parts[0]._columns().items():
            cols = [getattr(part, k) for part in parts]
            if first is None:
                out[k] = None
            elif all(isinstance(c, np.ndarray) for c in cols):
                out[k] = np.concatenate(cols)
            else:
                out[k] = functools.reduce(columns.concat, cols)
        return cls(**out)


@dataclass(eq=False)
class Population(_Rows):
    """The children who live in the authority (``population.make_population``), then the
    unaccompanied children who arrived (``generate._add_uasc``): one row per child."""

    child_id: pd.api.extensions.ExtensionArray  # "SYN001" and a number (pandas str array)
    forename: pd.Categorical  # fictional names from Faker's en_GB lists
    surname: pd.Categorical
    dob: np.ndarray  # date of birth (day number)
    sex: pd.Categorical  # "F" or "M"
    ethnicity_true: pd.Categorical  # the DfE ethnicity code the child would give (truth)
    first_language: pd.Categorical  # a three-letter language code ("ENG" for English)
    disability: pd.Categorical  # "NONE", one impairment code, or two joined by ";"
    fsm: pd.Categorical  # free school meals: "Y", "N", "" below school age
    sen_provision: pd.Categorical  # SEN: "E" plan, "K" support, "N" none, "" not at school
    upn: object  # unique pupil number, "" before reception (Arrow string array)
    area: np.ndarray  # row of the area the child lives in (index into the areas table)
    postcode: pd.api.extensions.ExtensionArray  # impossible postcode in the area (places.py)
    dep: np.ndarray  # the area's deprivation, 0 least to 1 most deprived
    male: np.ndarray  # bool
    disabled: np.ndarray  # bool: has a disability
    age: np.ndarray  # age in whole years on the reference date
    eal: np.ndarray  # bool: English is an additional language
    uasc: np.ndarray  # bool: an unaccompanied asylum-seeking child
    arrival: np.ndarray  # day an unaccompanied child arrived (day number; MISSING for others)


@dataclass(eq=False)
class Needs:
    """Each child's latent needs as spells (``needs.make_needs``): the truth no system holds.

    The spell columns are children x ``codes.NEEDS`` arrays of age in years (float), infinite for
    a need the child never has. ``services.build_cases`` shortens the spells that a child
    protection plan ends (``needs.shorten``), in place.
    """

    onset_age: np.ndarray  # age the need begins
    ease_age: np.ndarray  # age it eases (weighs ``needs.EASED`` from then)
    end_age: np.ndarray  # age it ends
    adversity: np.ndarray  # family adversity score per child (standard normal plus deprivation)
    # children x needs, bool: present on the reference day; made again by generate.simulate
    # once plans have shortened needs.
    has: np.ndarray


@dataclass(eq=False)
class Referrals:
    """Referrals before they become cases: one row per referral, sorted by child and date."""

    child: np.ndarray  # population row of the child
    date: np.ndarray  # referral date (day number)


@dataclass(eq=False)
class Cases(_Rows):
    """Cases of children's social care, one row per referral (``services.build_cases``, with
    follow-up referrals from ``rereferral.add_rereferrals``), sorted by child and date. Dates are
    day numbers; ``generate.simulate`` clips them to the reference date (MISSING after it)."""

    child: np.ndarray  # population row of the child
    date: np.ndarray  # referral date
    severity: np.ndarray  # weighted intensity of the needs present at referral
    harm: np.ndarray  # weighted intensity of the harm needs present at referral
    act: np.ndarray  # cases x needs, bool: needs present at referral
    age: np.ndarray  # age at referral (years, float)
    nfa: np.ndarray  # bool: no further action at the front door
    nin: np.ndarray  # bool: assessed as not in need
    in_need: np.ndarray  # bool: assessed as in need
    s47: np.ndarray  # bool: a section 47 enquiry
    icpc: np.ndarray  # bool: an initial child protection conference
    cpp: np.ndarray  # bool: a child protection plan
    cla: np.ndarray  # bool: the case leads to care
    cinplan: np.ndarray  # bool: a child in need plan
    uasc: np.ndarray  # bool: the child is unaccompanied (arrival is the referral)
    a_start: np.ndarray  # assessment start
    a_end: np.ndarray  # assessment authorised
    has_assessment: np.ndarray  # bool: assessed (every case but no further action)
    assess_wd: np.ndarray  # assessment length in working days
    s47_start: np.ndarray  # strategy discussion (section 47 start)
    icpc_target: np.ndarray  # conference due: 15 working days after the strategy discussion
    icpc_date: np.ndarray  # conference held
    cpp_start: np.ndarray  # child protection plan start
    cpp_end: np.ndarray  # child protection plan end
    cla_start: np.ndarray  # start of care
    cinplan_start: np.ndarray  # child in need plan start
    cinplan_end: np.ndarray  # child in need plan end
    # Set by services.close_cases:
    close: np.ndarray | None = None  # closure date
    reason: np.ndarray | None = None  # closure reason code (RC1-RC9), "" while open
    # What a worker writes on the case, set by record.cases.annotate:
    referral_id: pd.api.extensions.ExtensionArray | None = None  # "R001" and a number
    team_idx: np.ndarray | None = None  # the area's team (index into recording.TEAMS)
    team: np.ndarray | None = None  # the team that holds the case (its name)
    p_record: np.ndarray | None = None  # chance the team writes down a need that is present
    primary_need: np.ndarray | None = None  # recorded primary need code (N0-N9)
    source: np.ndarray | None = None  # referral source code


@dataclass(eq=False)
class Periods(_Rows):
    """Periods of care, one row per case that leads to care (``care.simulate_periods``); the
    whole future is simulated, so an end may fall after the reference date."""

    start: np.ndarray  # first day in care (day number)
    end: np.ndarray  # day care ends (day number; the 18th birthday for those who stay)
    route: np.ndarray  # how care ends: home, adoption, sgo, cao, until18, other, transfer
    reason: np.ndarray  # SSDA903 reason episode ceased of the last episode (E11 ...)
    cin_reason: np.ndarray  # the case's closure reason when care ends (RC1-RC7)
    age: np.ndarray  # age on entering care (years, float)
    # Set by generate.simulate once cases that overlap have been removed:
    case: np.ndarray | None = None  # row of the case in Cases
    child: np.ndarray | None = None  # population row of the child
    open: np.ndarray | None = None  # bool: still in care on the reference date
    started: np.ndarray | None = None  # bool: started by the reference date


@dataclass(eq=False)
class History:
    """What ``generate.simulate`` hands to the record side: everything that happened."""

    areas: pd.DataFrame  # the authority's areas (places.make_areas), also a recorded table
    pop: Population
    needs: Needs
    cases: Cases
    periods: Periods
    # Care episodes (care.build_episodes) of the periods started by the reference date, one row
    # per episode: period (row in Periods), decom and dec (day numbers, dec MISSING while open),
    # SSDA903 codes rne, ls, place, place_provider, rec, reason_place_change, and segment (one
    # number per placement).
    episodes: pd.DataFrame
