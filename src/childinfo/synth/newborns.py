"""Babies referred at birth: concerns known before a baby is born are often acted on at the birth.

When parents' difficulties (domestic abuse, substance use, mental ill health, neglect of older
children) are known during pregnancy, children's services often assess before the birth and act
when the baby arrives. This is why many babies who start to be looked after do so in their first
weeks: nationally, under-ones are about 16% of children starting care in a year (``cla_start_age``)
but 5% of children in care on 31 March (``cla_age``), which needs most of them to start care
soon after birth rather than evenly over the first year.

Unborn children are not simulated (the CIN census would record them with an expected date of
birth), so a pre-birth referral is represented by the baby's first referral falling within two
weeks of birth.
"""

from __future__ import annotations

import numpy as np

from childinfo.synth import services
from childinfo.synth.codes import NEEDS
from childinfo.synth.history import Needs, Population, Referrals
from childinfo.synth.parameters import Parameters

# Family difficulties that, known before the birth, prompt a pre-birth assessment.
PRE_BIRTH_CONCERNS = (
    "domestic_abuse",
    "parental_substance_use",
    "parental_mental_health",
    "neglect",
)


def referrals_at_birth(
    params: Parameters,
    rng: np.random.Generator,
    pop: Population,
    needs: Needs,
    refs: Referrals,
) -> Referrals:
    """Move some babies' first referral to the days after birth (``refs`` sorted by child and date).

    A baby qualifies when its first referral is in its first year and one of the
    ``PRE_BIRTH_CONCERNS`` was present from birth; each qualifying referral moves with chance
    ``csc.birth_referral_share``. The number of referrals is unchanged.
    """
    child, date = refs.child, refs.date
    if len(child) == 0:
        return refs
    dob = pop.dob[child]
    cols = [NEEDS.index(k) for k in PRE_BIRTH_CONCERNS]
    from_birth = (needs.onset_age[:, cols] <= 0.0).any(axis=1)
    first = np.r_[True, child[1:] != child[:-1]]
    qualifies = first & (date - dob < 365) & from_birth[child]
    move = qualifies & (rng.random(len(child)) < params.scalar("csc.birth_referral_share"))
    at_birth = dob + rng.integers(0, 14, len(child))
    date = np.where(move, np.minimum(date, at_birth), date)
    order = services.by_child_then_date(child, date)
    return Referrals(child=child[order], date=date[order])
