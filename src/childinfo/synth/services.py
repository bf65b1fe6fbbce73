"""Children's social care histories: referrals, assessments, plans, section 47 enquiries and care.

Every child's whole history is simulated from birth to the reference date, so stocks at 31 March
(children in need, on a plan, in care) come out of the flows rather than being drawn directly.
Where a national share is known (no further action, not in need, section 47, starting care), the
cases that take that route are the highest-ranked by a noisy severity score, so the share is met
exactly while *which* children take it still depends on their needs.
"""

from __future__ import annotations

import numpy as np

from childinfo.synth import dates as D
from childinfo.synth import needs as N
from childinfo.synth.codes import NEEDS
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.history import Cases, Needs, Population, Referrals
from childinfo.synth.parameters import Parameters
from childinfo.synth.population import choice, top_share

# How strongly each need draws professional attention (referral intensity weights).
WEIGHT = {
    "domestic_abuse": 2.0,
    "parental_mental_health": 1.0,
    "parental_substance_use": 2.0,
    "neglect": 3.0,
    "poverty_housing": 0.4,
    "disability": 0.35,
    "young_carer": 0.3,
    "exploitation": 3.0,
    "child_mental_health": 0.8,
    "speech_language": 0.1,
}
_HARM = {"domestic_abuse": 1.0, "parental_substance_use": 1.0, "neglect": 1.5, "exploitation": 1.5}
# Referrals by age of child (relative), so that teenagers and babies are prominent.
_AGE_PROFILE = np.array(
    [1.6, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 0.9, 0.9, 1.0, 1.1, 1.2, 1.3, 1.35, 1.35, 1.1, 0.9]
)
# Referrals dropped because a case was already open become contacts (which inflates the raw draw),
# and follow-up referrals after a case closes (rereferral.py) come on top of these first referrals
# (which deflates it); the net factor makes the recorded referral rate meet its target (measured
# over sixteen seeds, including the default authority's).
_OVERLAP_INFLATION = 0.915
# Likewise for the routes whose shares are set before overlapping referrals are removed (measured
# over sixteen seeds).
_ROUTE_INFLATION = {"s47": 1.18, "icpc": 1.16, "cla": 1.3}


# How much likelier care is at each age at referral (first five weeks, rest of the first year,
# 1-4, 5-9, 10-15, 16-17), tuned so the ages of children starting care match ``cla_start_age``:
# babies referred at birth after concerns in pregnancy (newborns.py) most often, then older babies
# and 16-17 year olds.
_CLA_AGE_EDGES = np.array([0.1, 1.0, 5.0, 10.0, 16.0])
_CLA_AGE_BOOST = np.array([2.4, 0.0, 1.2, 0.3, 0.0, 1.2])


def _cla_age_boost(age: np.ndarray) -> np.ndarray:
    return _CLA_AGE_BOOST[np.searchsorted(_CLA_AGE_EDGES, age, side="right")]


def by_child_then_date(child: np.ndarray, date: np.ndarray) -> np.ndarray:
    """The stable order of rows by child, then date: ``np.lexsort((date, child))``, as one stable
    sort of a combined integer key (a third of the time on a million rows)."""
    child, date = np.asarray(child, dtype=np.int64), np.asarray(date, dtype=np.int64)
    if len(child) == 0:
        return np.lexsort((date, child))
    span = int(date.max()) - int(date.min()) + 1
    if (int(child.max()) - int(child.min()) + 1) * span >= 2**62:  # the key would overflow
        return np.lexsort((date, child))
    return np.argsort((child - child.min()) * span + (date - date.min()), kind="stable")


def _group_prev_max(child: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For rows sorted by child: the max of ``values`` over earlier rows of the same child."""
    n = len(child)
    if n == 0:
        return values.astype(float)
    values = np.asarray(values, dtype=float)
    finite = np.isfinite(values)
    floor = (values[finite].min() - 1.0) if finite.any() else 0.0
    values = np.where(finite, values, floor)
    span = float(values.max() - values.min() + 10)
    rank = np.cumsum(np.r_[0, child[1:] != child[:-1]])
    shifted = values + rank * span
    cm = np.maximum.accumulate(shifted)
    prev = np.r_[-np.inf, cm[:-1]] - rank * span
    first = np.r_[True, child[1:] != child[:-1]]
    prev[first] = -np.inf
    prev[prev <= floor] = -np.inf
    return prev


def _profile_integral(x: np.ndarray) -> np.ndarray:
    """Integral of the age profile from birth to age ``x`` years (piecewise linear, flat after 18)."""
    cum = np.r_[0.0, np.cumsum(_AGE_PROFILE)]
    x = np.clip(x, 0, 18)
    whole = np.minimum(np.floor(x).astype(np.int64), 17)
    return cum[whole] + (x - whole) * _AGE_PROFILE[whole]


_BLOCK = 1 << 15  # children per block in _intensity_integral


def _intensity_integral(x: np.ndarray, years: tuple, weights: np.ndarray) -> np.ndarray:
    """Referral intensity integrated from birth to age ``x``, for each child.

    ``years`` holds the first years of age (need x child, 18 = never) from which each need is
    present, eased and ended. The intensity at age ``a`` is ``(0.08 + the weights of the needs
    present in year a, eased ones at N.EASED) x profile(a)``.
    """
    cum = np.r_[0.0, np.cumsum(_AGE_PROFILE)]
    out = np.empty(len(x))
    # Block by block of children, so that each need's temporaries stay in the CPU's cache.
    for block in range(0, len(x), _BLOCK):
        rows = slice(block, block + _BLOCK)
        px = _profile_integral(x[rows])
        total = out[rows]
        np.multiply(0.08, px, out=total)
        for k in range(len(weights)):
            # weights[k] * (full + N.EASED * part), in place (three arrays per need, not a
            # dozen): the profile since onset, since easing and since the end give the two.
            full, since_ease, part = (np.maximum(px - cum[y[k, rows]], 0.0) for y in years)
            full -= since_ease  # onset to easing
            np.subtract(since_ease, part, out=part)  # easing to end
            part *= N.EASED
            full += part
            full *= weights[k]
            total += full
    return out


def simulate_referrals(
    cfg: AuthorityConfig,
    params: Parameters,
    rng: np.random.Generator,
    pop: Population,
    needs: Needs,
) -> Referrals:
    """Draw referral dates for every child and age (whole histories up to the reference date).

    Each child's referral intensity is a step function of year of age that rises at each need's
    onset, falls when it eases and falls again when it ends. Totals per child are integrated in closed form (no children x ages array); only the
    children who are referred get a row of cumulative intensity by age, to place each referral.
    """
    ref = D.day(cfg.ref_date)
    weights = np.array([WEIGHT[k] for k in NEEDS])
    # First year of age with each need present, eased and ended (18 = never; infinite clips to 18),
    # children x needs; one contiguous row per need for the closed-form totals.
    # In place and as int8 (years 0-18): these are children x needs, the largest arrays here.
    steps = []
    for spell in (needs.onset_age, needs.ease_age, needs.end_age):
        y = spell - 0.5
        np.ceil(y, out=y)
        steps.append(np.clip(y, 0, 18, out=y).astype(np.int8))
    years = tuple(y.T.copy() for y in steps)
    age_exact = (ref + 1 - pop.dob) / 365.25
    live = ~pop.uasc  # arrivals are referred on arrival (see add_uasc)
    rate = params.scalar("csc.referrals_per_10k") / 10_000 * _OVERLAP_INFLATION
    # Normalise on the last three years, when every age 0-17 is in the simulated population.
    upper = np.minimum(age_exact, 18)
    lower = np.clip(age_exact - 3, 0, 18)
    recent_years = np.clip(upper - lower, 0, None)[live].sum()
    recent_intensity = (
        _intensity_integral(upper, years, weights) - _intensity_integral(lower, years, weights)
    )[live].sum()
    c = rate * recent_years / recent_intensity
    # A baby's whole first year is drawn, even past the reference date, so that a baby born in
    # the last year can have the referral that newborns.py moves to its birth as often as older
    # children had; referrals still in the future are dropped after that (``drop_future``).
    horizon = np.maximum(age_exact, 1.0)
    # Referrals per child, then the year of age of each by inverse CDF on the child's row.
    total = np.where(live, _intensity_integral(horizon, years, weights), 0.0)
    counts = rng.poisson(total * c)
    child = np.repeat(np.arange(len(counts)), counts)
    u_draw = rng.random(len(child))
    kids, row = np.unique(child, return_inverse=True)
    years = np.arange(18)
    # Step functions by year of age from a difference array: each need adds its weight from its
    # first year, gives back part of it when it eases and the rest when it ends (one weighted
    # bincount over the flattened kids x 19 array).
    base = np.arange(len(kids)) * 19
    slots = np.concatenate([(base[:, None] + y[kids]).ravel() for y in steps])
    change = np.concatenate(
        [np.tile(f * weights, len(kids)) for f in (1.0, N.EASED - 1.0, -N.EASED)]
    )
    diff = np.bincount(slots, weights=change, minlength=len(kids) * 19)
    diff[base] += 0.08
    w = np.cumsum(diff.reshape(len(kids), 19), axis=1)[:, :18]
    expo = np.clip(horizon[kids][:, None] - years[None, :], 0, 1)
    cum = np.cumsum(w * _AGE_PROFILE[None, :] * expo, axis=1)
    u = u_draw * cum[row, -1]  # scaled by the row's own total, so every draw lands in ages 0-17
    age = (u[:, None] > cum[row]).sum(axis=1)
    frac_in = rng.random(len(child))
    s = pop.dob[child] + np.floor(age * 365.25).astype(np.int64)
    e = pop.dob[child] + np.floor((age + 1) * 365.25).astype(np.int64)
    e = np.minimum(e, np.maximum(ref + 1, pop.dob[child] + 365))
    date = s + np.floor(frac_in * np.maximum(e - s, 1)).astype(np.int64)
    date = D.mostly_weekdays(rng, date, not_before=pop.dob[child])
    # Referrals stop a few months before 18 (adult services take over).
    first_year = date < pop.dob[child] + 365
    keep = ((date <= ref) | first_year) & (date < D.birthday(pop.dob[child], 18) - 120)
    child, date = child[keep], date[keep]
    order = by_child_then_date(child, date)
    return Referrals(child=child[order], date=date[order])


def drop_future(refs: Referrals, ref: int) -> Referrals:
    """The referrals on or before the reference day ``ref`` (see ``simulate_referrals``)."""
    keep = refs.date <= ref
    return Referrals(child=refs.child[keep], date=refs.date[keep])


def active_needs(pop: Population, needs: Needs, child: np.ndarray, date: np.ndarray) -> np.ndarray:
    """Boolean matrix (referrals x needs): which needs were present on the date (begun, not
    ended)."""
    return N.intensity(pop, needs, child, date) > 0


# How much chance, against harm, decides a section 47 enquiry and a conference (model choice: the
# less chance, the more often the same children with lasting harm are ranked for a plan again,
# tuned with the needs' durations so about csc.second_cpp_share of plans are repeats).
_S47_NOISE = 0.39
_ICPC_NOISE = 0.335
# Needs a child protection plan works on: its harm needs (those in ``_HARM``).
_HARM_COLS = np.array([NEEDS.index(k) for k in _HARM])


def _plans_shorten_needs(
    pop: Population,
    needs: Needs,
    child: np.ndarray,
    act: np.ndarray,
    plan_end: np.ndarray,
    u: np.ndarray,
    p_end: float,
) -> None:
    """A child protection plan ends when the child is judged no longer at risk of significant harm
    (Working Together 2023): each harm need present when the plan's referral came in ends by the
    plan's end with chance ``p_end`` (``csc.plan_ends_harm_need``), in place."""
    hit = act[:, _HARM_COLS] & (u[:, None] < p_end)
    row, col = np.nonzero(hit)
    N.shorten(pop, needs, child[row], _HARM_COLS[col], plan_end[row])


def build_cases(
    cfg: AuthorityConfig,
    params: Parameters,
    rng: np.random.Generator,
    pop: Population,
    needs: Needs,
    refs: Referrals,
) -> Cases:
    """Turn referral dates into case histories (routes, dates, closures), removing overlaps.

    The child protection plans of these cases shorten the harm needs behind them (``needs`` is
    updated in place), so later referrals of the same child meet the needs that remain.
    """
    child, date = refs.child, refs.date
    n = len(child)
    wvec = np.array([WEIGHT[k] for k in NEEDS])
    hvec = np.array([_HARM.get(k, 0.0) for k in NEEDS])
    age_days = date - pop.dob[child]
    age = age_days / 365.25
    uasc = pop.uasc[child]
    noise, nin_noise = rng.normal(0, 1, n), rng.normal(0, 1, n)
    s47_noise, icpc_noise, plan_u = rng.normal(0, 1, n), rng.normal(0, 1, n), rng.random(n)
    end_u = rng.random(n)
    # Section 47: strategy discussion soon after referral; conference about 15 working days later.
    s47_start = D.add_working_days(date, rng.integers(0, 3, n))
    icpc_target = D.add_working_days(s47_start, np.full(n, 15))
    icpc_date = D.add_working_days(s47_start, 15 + rng.integers(-4, 6, n))
    icpc_date = np.maximum(icpc_date, s47_start + 1)
    icpc_date = D.next_weekday(icpc_date)
    # Child protection plan: starts at the conference; lengths skew right (median under 10 months;
    # nationally 70% of plans ending in 2024-25 had lasted a year or less, EES CIN table D7).
    cpp_dur = np.clip(np.exp(rng.normal(np.log(290), 0.6, n)), 45, 1500).astype(int)

    nfa_share = params.scalar("csc.nfa_share")
    nin_share = params.scalar("csc.not_in_need_share") * float(np.exp(0.3 * cfg.threshold))
    referrals_rate = params.scalar("csc.referrals_per_10k")
    s47_share = params.scalar("csc.s47_per_10k") / referrals_rate
    icpc_p = min(0.95, params.scalar("csc.icpc_share_of_s47") * _ROUTE_INFLATION["icpc"])
    p_end = params.scalar("csc.plan_ends_harm_need")
    # The routes are settled from the needs as they came into this batch; the plans then shorten
    # the harm needs behind them, which the next batch of referrals (rereferral.py) meets.
    # (This was three passes, each restoring the needs first and so identical: one suffices.)
    inten = N.intensity(pop, needs, child, date)
    severity = inten @ wvec
    harm = inten @ hvec
    # Route at the front door. Strict thresholds send more children with real needs away.
    nfa = top_share(-np.log1p(severity) + 1.2 * noise, nfa_share) & ~uasc
    rest = ~nfa
    nin = top_share(
        -np.log1p(severity) + 0.9 * nin_noise,
        min(0.9, nin_share / (1 - nfa_share)),
        rest & ~uasc,
    )
    in_need = rest & ~nin
    s47_p = min(0.95, _ROUTE_INFLATION["s47"] * s47_share / max(in_need.mean(), 1e-9))
    s47 = top_share(harm + 0.25 * severity + _S47_NOISE * s47_noise, s47_p, in_need & ~uasc)
    icpc = top_share(harm + _ICPC_NOISE * icpc_noise, icpc_p, s47)
    cpp = icpc & (plan_u < 0.8)  # about 1 in 5 conferences decide no plan is needed
    act = inten > 0
    _plans_shorten_needs(
        pop, needs, child[cpp], act[cpp], (icpc_date + cpp_dur)[cpp], end_u[cpp], p_end
    )
    cla_share = params.scalar("csc.cla_starts_per_10k") * (
        1 - params.scalar("csc.cla_uasc_share_of_starts")
    )
    cla_score = harm + _cla_age_boost(age) + 1.0 * cpp + 0.9 * rng.normal(0, 1, n)
    pool = in_need & ~uasc
    cla = top_share(
        cla_score,
        min(0.9, _ROUTE_INFLATION["cla"] * cla_share / referrals_rate / max(in_need.mean(), 1e-9)),
        pool,
    )
    cla |= uasc
    cla &= age < 17.9

    # Assessment: starts within a few days; duration in working days (median about 33).
    a_start = D.add_working_days(date, rng.integers(0, 4, n))  # within three working days
    wd = np.clip(
        np.rint(np.exp(rng.normal(np.log(params.scalar("csc.assessment_median_wd")), 0.37, n))),
        3,
        110,
    ).astype(int)
    a_end = D.add_working_days(a_start, wd)
    has_assessment = ~nfa
    cpp_start = icpc_date
    cpp_end = cpp_start + cpp_dur
    # Care: for children on a plan, part-way through it (the plan ends); otherwise at the
    # assessment or, in an emergency, soon after the strategy discussion.
    # A baby referred at birth after a pre-birth assessment (newborns.py) is usually removed at once,
    # with no child protection plan first.
    emergency = cla & (rng.random(n) < np.where(age_days < 14, 0.9, 0.3)) & ~uasc
    cpp &= ~(emergency & (age_days < 14))
    cla_start = np.where(
        cpp,
        cpp_start + (rng.random(n) * cpp_dur * 0.7).astype(int) + 1,
        np.where(emergency, s47_start + rng.integers(0, 3, n), a_end),
    )
    cla_start = np.where(uasc, date, cla_start)
    cpp_end = np.where(cla & cpp, cla_start, cpp_end)
    # CIN plan: after an assessment for children in need without a CPP or care; or as a step down
    # after a plan ends.
    plan_dur = np.clip(np.exp(rng.normal(np.log(160), 0.65, n)), 20, 1400).astype(int)
    cinplan = in_need & ~cla & (~cpp | (rng.random(n) < 0.6))
    cinplan_start = np.where(cpp, cpp_end + 1, a_end + rng.integers(0, 8, n))
    cinplan_end = cinplan_start + plan_dur

    return Cases(
        child=child,
        date=date,
        severity=severity,
        harm=harm,
        act=act,
        age=age,
        nfa=nfa,
        nin=nin,
        in_need=in_need,
        s47=s47,
        icpc=icpc,
        cpp=cpp,
        cla=cla,
        cinplan=cinplan,
        uasc=uasc,
        a_start=a_start,
        a_end=a_end,
        has_assessment=has_assessment,
        assess_wd=wd,
        s47_start=s47_start,
        icpc_target=icpc_target,
        icpc_date=icpc_date,
        cpp_start=cpp_start,
        cpp_end=cpp_end,
        cla_start=cla_start,
        cinplan_start=cinplan_start,
        cinplan_end=cinplan_end,
    )


def close_cases(
    cfg: AuthorityConfig,
    rng: np.random.Generator,
    pop: Population,
    cases: Cases,
    care_end: np.ndarray,
    care_reason: np.ndarray,
) -> np.ndarray:
    """Closure date and reason for each case; also removes overlapping referrals (returns keep mask)."""
    n = len(cases.child)
    nfa, nin = cases.nfa, cases.nin
    eighteen = D.birthday(pop.dob[cases.child], 18)
    last = np.maximum.reduce(
        [
            np.where(cases.has_assessment, cases.a_end, cases.date),
            np.where(cases.icpc, cases.icpc_date, D.MISSING),
            np.where(cases.s47, D.add_working_days(cases.s47_start, np.full(n, 12)), D.MISSING),
            np.where(cases.cpp, cases.cpp_end, D.MISSING),
            np.where(cases.cinplan, cases.cinplan_end, D.MISSING),
            np.where(cases.cla, care_end, D.MISSING),
        ]
    )
    close = np.where(nfa, cases.date, np.where(nin, cases.a_end, last + rng.integers(0, 21, n)))
    close = np.where(cases.cla, np.maximum(care_end, last), close)
    close = np.minimum(close, eighteen)  # services for children end at 18
    cases.a_end = np.minimum(cases.a_end, close)
    cases.cpp_end = np.minimum(cases.cpp_end, close)
    cases.cinplan_end = np.minimum(cases.cinplan_end, close)
    # Plans that would start after the case has closed (at 18) never happen.
    cases.cinplan &= cases.cinplan_start < close
    cases.cpp &= cases.cpp_start < close
    reason = np.where(
        nfa, "RC7", np.where(nin, np.where(rng.random(n) < 0.25, "RC9", "RC8"), "RC7")
    )
    reason = np.where(cases.cla, care_reason, reason).astype(object)
    cases.close = close
    cases.reason = reason
    # Remove referrals made while an earlier case was still open (those become contacts).
    child, date = cases.child, cases.date
    keep = np.ones(n, bool)
    for _ in range(4):
        ends = np.where(keep, close, -np.inf).astype(float)
        prev = _group_prev_max(child, ends)
        keep = date > prev
    ends = np.where(keep, close, -np.inf).astype(float)
    keep &= date > _group_prev_max(child, ends)
    # Adoption ends the birth family's needs for the child (a new family): no referral follows it.
    adopted = keep & (reason == "RC1")
    adoption = np.full(len(pop.dob), np.iinfo(np.int64).max)
    np.minimum.at(adoption, child[adopted], close[adopted])
    keep &= date <= adoption[child]
    return keep


def clip_to_reference(cfg: AuthorityConfig, cases: Cases) -> None:
    """Blank out anything after the reference date (the snapshot cannot see the future)."""
    ref = D.day(cfg.ref_date)
    open_ = cases.close > ref
    cases.close = np.where(open_, D.MISSING, cases.close)
    cases.reason = np.where(open_, "", cases.reason).astype(object)
    cases.has_assessment = cases.has_assessment & (cases.a_start <= ref)
    cases.a_end = np.where(cases.a_end > ref, D.MISSING, cases.a_end)
    cases.cpp = cases.cpp & (cases.cpp_start <= ref)
    cases.cpp_end = np.where(cases.cpp_end > ref, D.MISSING, cases.cpp_end)
    cases.cinplan = cases.cinplan & (cases.cinplan_start <= ref)
    cases.cinplan_end = np.where(cases.cinplan_end > ref, D.MISSING, cases.cinplan_end)
    cases.s47 &= cases.s47_start <= ref
    cases.icpc &= cases.icpc_date <= ref
    cases.cpp &= cases.icpc


def referral_sources(params: Parameters, rng: np.random.Generator, cases: Cases) -> np.ndarray:
    keys, p = params.dist("referral_source")
    src = choice(rng, keys, p, len(cases.child))
    # Harm concerns come more often from police; unaccompanied children via other agencies.
    police = (cases.harm > 0) & (rng.random(len(src)) < 0.12)
    src[police] = "6"
    src[cases.uasc] = choice(
        rng, ["6", "7", "5C", "8"], [0.4, 0.3, 0.2, 0.1], int(cases.uasc.sum())
    )
    return src
