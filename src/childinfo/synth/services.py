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
from childinfo.synth.codes import NEEDS
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.parameters import Parameters
from childinfo.synth.population import choice, top_share

# How strongly each need draws professional attention (referral intensity weights).
_WEIGHT = {
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
_OVERLAP_INFLATION = 0.94
# Likewise for the routes whose shares are set before overlapping referrals are removed (measured
# over sixteen seeds).
_ROUTE_INFLATION = {"s47": 1.06, "icpc": 0.97, "cla": 1.30}


# How much likelier care is at each age at referral (first five weeks, rest of the first year,
# 1-4, 5-9, 10-15, 16-17), tuned so the ages of children starting care match ``cla_start_age``:
# babies referred at birth after concerns in pregnancy (newborns.py) most often, then older babies
# and 16-17 year olds.
_CLA_AGE_EDGES = np.array([0.1, 1.0, 5.0, 10.0, 16.0])
_CLA_AGE_BOOST = np.array([3.7, 2.3, 0.5, 0.15, -0.1, 1.3])


def _cla_age_boost(age: np.ndarray) -> np.ndarray:
    return _CLA_AGE_BOOST[np.searchsorted(_CLA_AGE_EDGES, age, side="right")]


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


def _intensity_integral(
    x: np.ndarray, first_by_need: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Referral intensity integrated from birth to age ``x``, for each child.

    The intensity at age ``a`` is ``(0.08 + sum of the weights of needs begun by year a) x profile(a)``,
    so each need adds its weight times the profile integral from its first year to ``x``.
    """
    cum = np.r_[0.0, np.cumsum(_AGE_PROFILE)]
    px = _profile_integral(x)
    total = 0.08 * px
    for k, first in enumerate(first_by_need):
        total += weights[k] * np.maximum(px - cum[first], 0.0)
    return total


_STEADY_YEARS = 3


def _steady_care_starts(
    cla: np.ndarray,
    score: np.ndarray,
    pool: np.ndarray,
    date: np.ndarray,
    age: np.ndarray,
    ref: int,
) -> np.ndarray:
    """Hold the chance that a child in need comes into care steady from year to year.

    Starts of care in England have been nearly flat for years (about 33,000 a year in 2023 and
    2024, 32,270 in 2025; DfE CLA). In the model needs never end, so a child who is 12 now had
    fewer needs, and less harm, at 3 than a 3 year old has now; ranking every referral of the
    whole history together would give today's teenagers far fewer care starts when they were
    young than today's young children get (a ramp of about four times over ten years for 1-4 year
    olds). So the share of children in need who start care at each age (``_CLA_AGE_EDGES``) is
    measured over the last ``_STEADY_YEARS`` years (several, so one year's chance does not set the
    whole history) and applied, by rank, within every year.
    """
    band = np.searchsorted(_CLA_AGE_EDGES, age, side="right")
    year = (ref - date) // 365
    recent = year < _STEADY_YEARS
    out = cla.copy()
    for b in range(len(_CLA_AGE_EDGES) + 1):
        in_band = pool & (band == b)
        base = in_band & recent
        if base.sum() < 20:
            continue
        share = float(cla[base].mean())
        for y in np.unique(year[in_band]):
            sel = in_band & (year == y)
            out[sel] = top_share(score, share, sel)[sel] if share > 0 else False
    return out


def simulate_referrals(
    cfg: AuthorityConfig, params: Parameters, rng: np.random.Generator, pop: dict, needs: dict
) -> dict[str, np.ndarray]:
    """Draw referral dates for every child and age (whole histories up to the reference date).

    Each child's referral intensity is a step function of year of age that rises at each need's
    onset. Totals per child are integrated in closed form (no children x ages array); only the
    children who are referred get a row of cumulative intensity by age, to place each referral.
    """
    ref = D.day(cfg.ref_date)
    weights = np.array([_WEIGHT[k] for k in NEEDS])
    # First year of age with each need (18 = never; an infinite onset clips to 18), children x needs.
    first = np.clip(np.ceil(needs["onset_age"] - 0.5), 0, 18).astype(np.int64)
    first_by_need = first.T.copy()  # one contiguous row per need, for the closed-form totals
    age_exact = (ref + 1 - pop["dob"]) / 365.25
    live = ~pop["uasc"]  # arrivals are referred on arrival (see add_uasc)
    rate = params.scalar("csc.referrals_per_10k") / 10_000 * _OVERLAP_INFLATION
    # Normalise on the last three years, when every age 0-17 is in the simulated population.
    upper = np.minimum(age_exact, 18)
    lower = np.clip(age_exact - 3, 0, 18)
    recent_years = np.clip(upper - lower, 0, None)[live].sum()
    recent_intensity = (
        _intensity_integral(upper, first_by_need, weights)
        - _intensity_integral(lower, first_by_need, weights)
    )[live].sum()
    c = rate * recent_years / recent_intensity
    # Referrals per child, then the year of age of each by inverse CDF on the child's row.
    total = np.where(live, _intensity_integral(age_exact, first_by_need, weights), 0.0)
    counts = rng.poisson(total * c)
    child = np.repeat(np.arange(len(counts)), counts)
    u_draw = rng.random(len(child))
    kids, row = np.unique(child, return_inverse=True)
    years = np.arange(18)
    # Step functions by year of age from a difference array: each need adds its weight from its
    # first year on (one weighted bincount over the flattened kids x 19 array).
    base = np.arange(len(kids)) * 19
    slots = (base[:, None] + first[kids]).ravel()
    diff = np.bincount(slots, weights=np.tile(weights, len(kids)), minlength=len(kids) * 19)
    diff[base] += 0.08
    w = np.cumsum(diff.reshape(len(kids), 19), axis=1)[:, :18]
    expo = np.clip(age_exact[kids][:, None] - years[None, :], 0, 1)
    cum = np.cumsum(w * _AGE_PROFILE[None, :] * expo, axis=1)
    u = u_draw * cum[row, -1]  # scaled by the row's own total, so every draw lands in ages 0-17
    age = (u[:, None] > cum[row]).sum(axis=1)
    frac_in = rng.random(len(child))
    s = pop["dob"][child] + np.floor(age * 365.25).astype(np.int64)
    e = pop["dob"][child] + np.floor((age + 1) * 365.25).astype(np.int64)
    e = np.minimum(e, ref + 1)
    date = s + np.floor(frac_in * np.maximum(e - s, 1)).astype(np.int64)
    date = D.mostly_weekdays(rng, date, not_before=pop["dob"][child])
    # Referrals stop a few months before 18 (adult services take over).
    keep = (date <= ref) & (date < D.birthday(pop["dob"][child], 18) - 120)
    child, date = child[keep], date[keep]
    order = np.lexsort((date, child))
    return {"child": child[order], "date": date[order]}


def active_needs(pop: dict, needs: dict, child: np.ndarray, date: np.ndarray) -> np.ndarray:
    """Boolean matrix (referrals x needs): which needs were present on the date."""
    age = (date - pop["dob"][child]) / 365.25
    return needs["onset_age"][child] <= age[:, None]


# A child protection plan ends when the child is judged no longer at risk of significant harm
# (Working Together 2023), so the harm behind a child's first plan is taken to have been reduced:
# in referrals after the child's first plan began, the harm that ranks cases for a section 47
# enquiry and a conference counts at this fraction (model choice, tuned so about 23% of plans are
# a second or later plan, ``csc.second_cpp_share``). Without it needs never end in the model and
# the same children are ranked for a plan at referral after referral.
_HARM_AFTER_PLAN = 0.5
_NO_PLAN = np.iinfo(np.int64).max


def first_plan_starts(n_children: int, cases: dict, prior: np.ndarray | None = None) -> np.ndarray:
    """Earliest child protection plan start of each child (``_NO_PLAN`` if none), over ``cases``
    and the earlier ``prior`` array."""
    out = np.full(n_children, _NO_PLAN, dtype=np.int64) if prior is None else prior.copy()
    sel = cases["cpp"]
    np.minimum.at(out, cases["child"][sel], cases["cpp_start"][sel])
    return out


def build_cases(
    cfg: AuthorityConfig,
    params: Parameters,
    rng: np.random.Generator,
    pop: dict,
    needs: dict,
    refs: dict,
    first_plan: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Turn referral dates into case histories (routes, dates, closures), removing overlaps.

    ``first_plan`` is each child's earliest plan start from cases built before (follow-up rounds).
    """
    ref = D.day(cfg.ref_date)
    child, date = refs["child"], refs["date"]
    n = len(child)
    act = active_needs(pop, needs, child, date)
    wvec = np.array([_WEIGHT[k] for k in NEEDS])
    hvec = np.array([_HARM.get(k, 0.0) for k in NEEDS])
    severity = act @ wvec
    harm = act @ hvec
    age_days = date - pop["dob"][child]
    age = age_days / 365.25
    uasc = pop["uasc"][child]
    noise = rng.normal(0, 1, n)

    # Route at the front door. Strict thresholds send more children with real needs away.
    nfa_share = params.scalar("csc.nfa_share")
    nin_share = params.scalar("csc.not_in_need_share") * float(np.exp(0.3 * cfg.threshold))
    nfa = top_share(-np.log1p(severity) + 1.2 * noise, nfa_share) & ~uasc
    rest = ~nfa
    nin = top_share(
        -np.log1p(severity) + 0.9 * rng.normal(0, 1, n),
        min(0.9, nin_share / (1 - nfa_share)),
        rest & ~uasc,
    )
    in_need = rest & ~nin
    referrals_rate = params.scalar("csc.referrals_per_10k")
    s47_share = params.scalar("csc.s47_per_10k") / referrals_rate
    s47_p = min(0.95, _ROUTE_INFLATION["s47"] * s47_share / max(in_need.mean(), 1e-9))
    icpc_p = min(0.95, params.scalar("csc.icpc_share_of_s47") * _ROUTE_INFLATION["icpc"])
    s47_noise, icpc_noise, plan_u = rng.normal(0, 1, n), rng.normal(0, 1, n), rng.random(n)
    # Harm counts less after a child's first plan (_HARM_AFTER_PLAN). Plans in this batch depend on
    # the ranking and the ranking on earlier plans, so settle them in a few passes.
    first = (
        first_plan
        if first_plan is not None
        else np.full(len(pop["dob"]), _NO_PLAN, dtype=np.int64)
    )
    cpp = np.zeros(n, bool)
    for _ in range(3):
        # A plan in this batch counts from its referral date (the conference is weeks later).
        in_batch = first_plan_starts(
            len(first), {"child": child, "cpp": cpp, "cpp_start": date}, first
        )
        before = in_batch[child] < date
        harm_rank = np.where(before, _HARM_AFTER_PLAN * harm, harm)
        s47 = top_share(harm_rank + 0.25 * severity + 0.8 * s47_noise, s47_p, in_need & ~uasc)
        icpc = top_share(harm_rank + 0.7 * icpc_noise, icpc_p, s47)
        cpp = icpc & (plan_u < 0.8)  # about 1 in 5 conferences decide no plan is needed
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
    cla = _steady_care_starts(cla, cla_score, pool, date, age, ref) | uasc
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
    # Section 47: strategy discussion soon after referral; conference about 15 working days later.
    s47_start = D.add_working_days(date, rng.integers(0, 3, n))
    icpc_target = D.add_working_days(s47_start, np.full(n, 15))
    icpc_date = D.add_working_days(s47_start, 15 + rng.integers(-4, 6, n))
    icpc_date = np.maximum(icpc_date, s47_start + 1)
    icpc_date = D.next_weekday(icpc_date)
    # Child protection plan: starts at the conference; lengths skew right (median under 10 months;
    # nationally 70% of plans ending in 2024-25 had lasted a year or less, EES CIN table D7).
    cpp_dur = np.clip(np.exp(rng.normal(np.log(290), 0.6, n)), 45, 1500).astype(int)
    cpp_start = icpc_date
    cpp_end = cpp_start + cpp_dur
    # Care: for children on a plan, part-way through it (the plan ends); otherwise at the
    # assessment or, in an emergency, soon after the strategy discussion.
    # A baby referred at birth after a pre-birth assessment (newborns.py) is usually removed at once.
    emergency = cla & (rng.random(n) < np.where(age_days < 14, 0.9, 0.3)) & ~uasc
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

    out = {
        "child": child,
        "date": date,
        "severity": severity,
        "harm": harm,
        "act": act,
        "age": age,
        "nfa": nfa,
        "nin": nin,
        "in_need": in_need,
        "s47": s47,
        "icpc": icpc,
        "cpp": cpp,
        "cla": cla,
        "cinplan": cinplan,
        "uasc": uasc,
        "a_start": a_start,
        "a_end": a_end,
        "has_assessment": has_assessment,
        "assess_wd": wd,
        "s47_start": s47_start,
        "icpc_target": icpc_target,
        "icpc_date": icpc_date,
        "cpp_start": cpp_start,
        "cpp_end": cpp_end,
        "cla_start": cla_start,
        "cinplan_start": cinplan_start,
        "cinplan_end": cinplan_end,
    }
    return out


def close_cases(
    cfg: AuthorityConfig,
    rng: np.random.Generator,
    pop: dict,
    cases: dict,
    care_end: np.ndarray,
    care_reason: np.ndarray,
) -> np.ndarray:
    """Closure date and reason for each case; also removes overlapping referrals (returns keep mask)."""
    n = len(cases["child"])
    nfa, nin = cases["nfa"], cases["nin"]
    eighteen = D.birthday(pop["dob"][cases["child"]], 18)
    last = np.maximum.reduce(
        [
            np.where(cases["has_assessment"], cases["a_end"], cases["date"]),
            np.where(cases["icpc"], cases["icpc_date"], D.MISSING),
            np.where(
                cases["s47"], D.add_working_days(cases["s47_start"], np.full(n, 12)), D.MISSING
            ),
            np.where(cases["cpp"], cases["cpp_end"], D.MISSING),
            np.where(cases["cinplan"], cases["cinplan_end"], D.MISSING),
            np.where(cases["cla"], care_end, D.MISSING),
        ]
    )
    close = np.where(
        nfa, cases["date"], np.where(nin, cases["a_end"], last + rng.integers(0, 21, n))
    )
    close = np.where(cases["cla"], np.maximum(care_end, last), close)
    close = np.minimum(close, eighteen)  # services for children end at 18
    for key in ("a_end", "cpp_end", "cinplan_end"):
        cases[key] = np.minimum(cases[key], close)
    # Plans that would start after the case has closed (at 18) never happen.
    cases["cinplan"] &= cases["cinplan_start"] < close
    cases["cpp"] &= cases["cpp_start"] < close
    reason = np.where(
        nfa, "RC7", np.where(nin, np.where(rng.random(n) < 0.25, "RC9", "RC8"), "RC7")
    )
    reason = np.where(cases["cla"], care_reason, reason).astype(object)
    cases["close"] = close
    cases["reason"] = reason
    # Remove referrals made while an earlier case was still open (those become contacts).
    child, date = cases["child"], cases["date"]
    keep = np.ones(n, bool)
    for _ in range(4):
        ends = np.where(keep, close, -np.inf).astype(float)
        prev = _group_prev_max(child, ends)
        keep = date > prev
    ends = np.where(keep, close, -np.inf).astype(float)
    keep &= date > _group_prev_max(child, ends)
    return keep


def clip_to_reference(cfg: AuthorityConfig, cases: dict) -> None:
    """Blank out anything after the reference date (the snapshot cannot see the future)."""
    ref = D.day(cfg.ref_date)
    open_ = cases["close"] > ref
    cases["close"] = np.where(open_, D.MISSING, cases["close"])
    cases["reason"] = np.where(open_, "", cases["reason"]).astype(object)
    for flag, s, e in (
        ("has_assessment", "a_start", "a_end"),
        ("cpp", "cpp_start", "cpp_end"),
        ("cinplan", "cinplan_start", "cinplan_end"),
    ):
        cases[flag] = cases[flag] & (cases[s] <= ref)
        cases[e] = np.where(cases[e] > ref, D.MISSING, cases[e])
    cases["s47"] &= cases["s47_start"] <= ref
    cases["icpc"] &= cases["icpc_date"] <= ref
    cases["cpp"] &= cases["icpc"]


def referral_sources(params: Parameters, rng: np.random.Generator, cases: dict) -> np.ndarray:
    keys, p = params.dist("referral_source")
    src = choice(rng, keys, p, len(cases["child"]))
    # Harm concerns come more often from police; unaccompanied children via other agencies.
    police = (cases["harm"] > 0) & (rng.random(len(src)) < 0.12)
    src[police] = "6"
    src[cases["uasc"]] = choice(
        rng, ["6", "7", "5C", "8"], [0.4, 0.3, 0.2, 0.1], int(cases["uasc"].sum())
    )
    return src
