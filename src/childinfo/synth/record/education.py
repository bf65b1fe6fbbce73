"""Early years (EYFS profile, funded places for 2-year-olds) and school (attendance, suspensions)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import reception_entry, top_share
from childinfo.synth.record.context import Recording


def _common(rec: Recording):
    pop = rec.pop
    return rec.cfg, rec.params, rec.rng, pop, rec.needs.has, pop.child_id, ~pop.uasc


def eyfs_profile(rec: Recording) -> pd.DataFrame:
    """EYFS profile for the last completed reception year (June before the reference date)."""
    cfg, params, rng, pop, has, ids, native = _common(rec)
    m = len(ids)
    entry = reception_entry(pop.dob)
    cohort = native & (entry == D.day(dt.date(cfg.year - 2, 9, 1)))
    month = D.to_datetime64(pop.dob).astype("datetime64[M]").astype(int) % 12 + 1
    summer = np.isin(month, [5, 6, 7, 8])
    autumn = np.isin(month, [9, 10, 11, 12])
    fsm_like = pop.dep + rng.normal(0, 0.35, m) > 0.75  # eligibility proxy for 5-year-olds
    slc = has[:, NEEDS.index("speech_language")]
    score = (
        rng.normal(0, 1, m)
        + 0.33 * ~pop.male
        - 0.75 * fsm_like
        - 0.28 * pop.eal
        - 0.55 * summer
        + 0.25 * autumn
        - 1.3 * slc
        - 1.6 * pop.disabled
    )
    gld = top_share(score, params.scalar("early_years.gld"), cohort)
    idx = np.flatnonzero(cohort)
    areas = {}
    for j, area in enumerate(
        [
            "communication_language",
            "personal_social_emotional",
            "physical",
            "literacy",
            "mathematics",
        ]
    ):
        ok = gld[idx] | (rng.random(len(idx)) < [0.72, 0.75, 0.8, 0.45, 0.55][j])
        areas[area] = ok
    # Without GLD at least one area must fall short: literacy is the most common.
    allok = np.all(np.stack(list(areas.values())), axis=0) & ~gld[idx]
    areas["literacy"] = areas["literacy"] & ~allok
    return pd.DataFrame(
        {
            "child_id": ids[idx],
            "assessment_year": f"{cfg.year - 2}/{str(cfg.year - 1)[-2:]}",
            "fsm_eligible": np.where(fsm_like[idx], "Y", "N"),
            **{f"{k}_expected": np.where(v, "Y", "N") for k, v in areas.items()},
            "good_level_of_development": np.where(gld[idx], "Y", "N"),
        }
    )


def early_education(rec: Recording) -> pd.DataFrame:
    """Funded places for 2-year-olds (January census before the reference date)."""
    cfg, params, rng, pop, has, ids, native = _common(rec)
    m = len(ids)
    jan = D.day(dt.date(cfg.year, 1, 19))
    dec31 = D.day(dt.date(cfg.year - 1, 12, 31))
    twos = native & (D.age_years(pop.dob, dec31) == 2)
    pov = has[:, NEEDS.index("poverty_housing")]
    elig = top_share(
        rng.normal(0, 1, m) + 2.0 * pop.dep + 1.0 * pov + 0.6 * pop.disabled,
        params.scalar("early_years.two_year_eligible"),
        twos,
    )
    took = top_share(
        rng.normal(0, 1, m) - 0.4 * pop.eal - 0.3 * has[:, NEEDS.index("parental_mental_health")],
        params.scalar("early_years.two_year_takeup"),
        elig,
    )
    t = np.flatnonzero(twos)
    return pd.DataFrame(
        {
            "child_id": ids[t],
            "census_date": D.iso(np.full(len(t), jan)),
            "eligible_two_year_funding": np.where(elig[t], "Y", "N"),
            "funded_place_taken": np.where(took[t], "Y", np.where(elig[t], "N", "")),
        }
    )


def school(rec: Recording) -> pd.DataFrame:
    """School attendance and suspensions, autumn and spring terms of the reference year."""
    cfg, params, rng, pop, has, ids, native = _common(rec)
    m, ref = len(ids), rec.ref
    school = (pop.age >= 5) & (pop.age <= 15) | (
        (pop.age >= 16) & (pop.age <= 17) & (rng.random(m) < 0.45)
    )
    school &= (pop.arrival < ref - 60) | ~pop.uasc
    sessions = np.full(m, 250)
    risk = (
        0.45 * (pop.fsm == "Y")
        + 0.35 * has[:, NEEDS.index("child_mental_health")]
        + 0.3 * has[:, NEEDS.index("young_carer")]
        + 0.25 * has[:, NEEDS.index("neglect")]
        + 0.25 * (pop.sen_provision == "E")
        + 0.1 * (pop.age >= 11)
    )
    logit_mean = np.log(0.052) + risk + rng.normal(0, 0.75, m)
    rate = np.clip(np.exp(logit_mean), 0, 0.95)
    rate *= params.scalar("school.absence_rate") / rate[school].mean()
    missed = rng.binomial(sessions, np.clip(rate, 0, 0.98))
    susp_rate = np.exp(-3.2 + 2.2 * risk + 0.5 * pop.male + 0.6 * (pop.age >= 11))
    susp_rate *= params.scalar("school.suspension_rate") * (250 / 380) / susp_rate[school].mean()
    susp = rng.poisson(susp_rate)
    s = np.flatnonzero(school)
    return pd.DataFrame(
        {
            "child_id": ids[s],
            "sessions_possible": sessions[s],
            "sessions_missed": missed[s],
            "persistent_absence": np.where(missed[s] >= 0.1 * sessions[s], "Y", "N"),
            "suspensions": susp[s],
        }
    )
