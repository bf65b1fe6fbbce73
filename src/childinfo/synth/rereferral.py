"""Re-referrals: when a case closes but the family's difficulties remain, a new referral often follows.

The DfE counts a referral as a re-referral when the same child had an earlier referral in the 12
months before it; in England in 2022-23 that was 22.4% of all referrals (parameter
``csc.rereferral_12m_share``). Referral dates drawn independently for each year of a child's life
give only about half that, because they ignore what the last case did: a case closed with no
further action, or closed after an assessment found the child not in need, leaves the needs that
prompted it in place, and a school, the police or a health visitor soon raises a new concern.

So each case that closes without care may be followed by a new referral some weeks or months
after it closes. The chance depends on how the case closed (highest after no further action or
"not in need", lower after a plan of support) and on how heavy the needs still present at the
closure are (a child whose needs have ended is rarely referred again). The follow-up referrals are then routed like
any other (``services.build_cases``) and can be followed up in turn. A follow-up that arrives
while another case of the child is still open is later turned into a contact, as for any other
overlapping referral (``services.close_cases``).
"""

from __future__ import annotations

import numpy as np

from childinfo.synth import dates as D
from childinfo.synth import needs as N
from childinfo.synth import services
from childinfo.synth.codes import NEEDS
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.history import Cases, Needs, Population, Referrals
from childinfo.synth.parameters import Parameters

_MAX_ROUNDS = 12  # follow-ups of follow-ups; the chain dies out long before this
_CLOSE_LAG = 21  # services.close_cases closes a served case up to 20 days after its last activity


def provisional_closure(cases: Cases) -> tuple[np.ndarray, np.ndarray]:
    """Expected closure date and closure kind (0 no further action, 1 not in need, 2 served,
    -1 care or unaccompanied) of each case, before ``close_cases`` adds care and clipping."""
    n = len(cases.child)
    wd12 = D.add_working_days(cases.s47_start, np.full(n, 12))
    last = np.maximum.reduce(
        [
            np.where(cases.has_assessment, cases.a_end, cases.date),
            np.where(cases.icpc, cases.icpc_date, D.MISSING),
            np.where(cases.s47, wd12, D.MISSING),
            np.where(cases.cpp, cases.cpp_end, D.MISSING),
            np.where(cases.cinplan, cases.cinplan_end, D.MISSING),
        ]
    )
    close = np.where(cases.nfa, cases.date, np.where(cases.nin, cases.a_end, last + _CLOSE_LAG))
    kind = np.select([cases.nfa, cases.nin], [0, 1], 2)
    kind = np.where(cases.cla | cases.uasc, -1, kind)
    return close, kind


def follow_up_referrals(
    cfg: AuthorityConfig,
    params: Parameters,
    rng: np.random.Generator,
    pop: Population,
    needs: Needs,
    cases: Cases,
) -> Referrals:
    """New referrals (child, date) that follow the closure of some of ``cases``."""
    ref = D.day(cfg.ref_date)
    close, kind = provisional_closure(cases)
    base = np.array(
        [
            params.scalar("csc.rereferral_after_nfa"),
            params.scalar("csc.rereferral_after_not_in_need"),
            params.scalar("csc.rereferral_after_services"),
        ]
    )
    # Needs that persist keep prompting concerns: the chance rises with the weight of the needs
    # still present when the case closes (0 for a child whose needs have ended, near the full
    # chance for heavy needs).
    weight = np.array([services.WEIGHT[k] for k in NEEDS])
    left = N.intensity(pop, needs, cases.child, np.minimum(close, ref)) @ weight
    persistence = 1.0 - np.exp(-left / 0.7)
    p = np.where(kind >= 0, base[np.clip(kind, 0, 2)], 0.0) * persistence
    again = rng.random(len(p)) < p
    gap = np.exp(rng.normal(np.log(params.scalar("csc.rereferral_gap_median_days")), 0.8, len(p)))
    date = D.mostly_weekdays(rng, close + np.maximum(gap, 7).astype(np.int64))
    child = cases.child
    # Referrals stop a few months before 18 (as in services.simulate_referrals).
    ok = again & (date <= ref) & (date < D.birthday(pop.dob[child], 18) - 120)
    order = services.by_child_then_date(child[ok], date[ok])
    return Referrals(child=child[ok][order], date=date[ok][order])


def add_rereferrals(
    cfg: AuthorityConfig,
    params: Parameters,
    rng: np.random.Generator,
    pop: Population,
    needs: Needs,
    cases: Cases,
) -> Cases:
    """``cases`` plus the cases of follow-up referrals (and their follow-ups), sorted by child and date."""
    parts = [cases]
    latest = cases
    for _ in range(_MAX_ROUNDS):
        refs = follow_up_referrals(cfg, params, rng, pop, needs, latest)
        if len(refs.child) == 0:
            break
        latest = services.build_cases(cfg, params, rng, pop, needs, refs)
        parts.append(latest)
    if len(parts) == 1:
        return cases
    merged = Cases.concat(parts)
    return merged.take(services.by_child_then_date(merged.child, merged.date))
