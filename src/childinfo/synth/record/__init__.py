"""The record room: the authority's tables, written from the simulated history.

Each recorded table has one builder, a function that takes the :class:`Recording` (the
simulated history and the recording random stream) and returns the table. ``record`` runs them
in the order of ``BUILDERS``, which is the order of their random draws: add a new table at the
end of the list (or give it a stream of its own in ``streams.py``) so every other table stays
as it was for a given seed.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from childinfo.synth import partners, texts
from childinfo.synth.record import (
    assessments,
    care,
    cases,
    children,
    contacts,
    education,
    plans,
    referrals,
    truth,
)
from childinfo.synth.record.context import Recording

Builder = Callable[[Recording], pd.DataFrame]

# table name: builder, in the order they draw from the recording stream.
# The children table is recorded first, then what a worker writes on every case
# (``cases.annotate``), which the case tables below share.
BUILDERS: dict[str, Builder] = {
    "referrals": referrals.referrals,
    "assessments": assessments.assessments,
    "assessment_factors": assessments.assessment_factors,
    "cin_plans": plans.cin_plans,
    "section47": plans.section47,
    "cp_plans": plans.cp_plans,
    "cp_reviews": plans.cp_reviews,
    "care_episodes": care.care_episodes,
    "eyfs_profile": education.eyfs_profile,
    "early_education": education.early_education,
    "school": education.school,
    "contacts": contacts.contacts,
    "early_help": contacts.early_help,
    "care_leavers": care.care_leavers,
}
# Texts, surveys and partner records (left out when the config's ``rich_text`` is off).
RICH_TEXT_BUILDERS: dict[str, Builder] = {
    "voice_records": texts.voice_records,
    "survey_information_use": texts.survey_information_use,
    "care_leaver_survey": texts.care_leaver_survey,
    "partner_records": partners.partner_records,
}
# Teaching-only truth tables (no random draws).
TRUTH_BUILDERS: dict[str, Builder] = {"needs": truth.needs, "children": truth.children}


def record(rec: Recording) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The authority's tables and the teaching-only truth tables, from the simulated history."""
    rec.tables["areas"] = rec.areas
    rec.tables["children"] = children.children(rec)
    cases.annotate(rec)
    builders = {**BUILDERS, **(RICH_TEXT_BUILDERS if rec.cfg.rich_text else {})}
    for name, build in builders.items():
        rec.tables[name] = build(rec)
    return rec.tables, {name: build(rec) for name, build in TRUTH_BUILDERS.items()}
