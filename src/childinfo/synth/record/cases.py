"""What a worker writes on every case: its referral number, team, primary need and source.

These fields are shared by several tables (referrals, assessments, care episodes, contacts), so
they are written onto the simulate side's ``cases`` once, before any table that uses them.
"""

from __future__ import annotations

import numpy as np

from childinfo.synth import recording, services
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import make_ids
from childinfo.synth.record.context import Recording


def annotate(rec: Recording) -> None:
    """Add ``referral_id``, ``team``, ``p_record``, ``primary_need`` and ``source`` to cases."""
    cfg, cases, rng = rec.cfg, rec.cases, rec.rng
    cases.referral_id = make_ids(f"R{cfg.number:03d}", np.arange(len(cases.child)), 8)
    cases.team_idx = rec.pop.area[cases.child] % len(recording.TEAMS)
    team = np.array(recording.TEAMS, dtype=object)[cases.team_idx]
    cwd = cases.act[:, NEEDS.index("disability")] & (rng.random(len(team)) < 0.5)
    team[cwd] = recording.DISABILITY_TEAM
    cases.team = team
    p_rec = np.clip(cfg.recording * recording.TEAM_RECORDING[cases.team_idx], 0.05, 0.97)
    p_rec[cwd] = min(0.97, cfg.recording * 1.3)
    cases.p_record = p_rec
    cases.primary_need = recording.primary_need(rng, cases.act, cases.uasc, cfg.recording)
    cases.source = services.referral_sources(rec.params, rng, cases)
