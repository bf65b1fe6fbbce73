"""Generate one synthetic authority: simulate whole histories, then record them as tidy tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from childinfo.errors import ChildinfoError
from childinfo.synth import (
    care,
    columns,
    education,
    newborns,
    partners,
    places,
    recording,
    rereferral,
    reviews,
    services,
    texts,
)
from childinfo.synth import dates as D
from childinfo.synth.codes import NEEDS, NO_URN_PLACEMENTS
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.needs import make_needs, present
from childinfo.synth.parameters import Parameters, load_parameters
from childinfo.synth.population import (
    children_columns,
    choice,
    draw_names,
    make_ids,
    make_population,
)
from childinfo.synth.streams import rng_for

TRUTH_WARNING = (
    "TEACHING ONLY: the simulated truth about each child. No real system holds this; use it to "
    "score your work, never as if it were data an authority could have."
)
_UASC_ETH = {"OOTH": 0.3, "AOTH": 0.25, "BAFR": 0.25, "BOTH": 0.1, "WOTH": 0.05, "MOTH": 0.05}

# Postcode unit letters (the final two) never use C, I, K, M, O or V.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_NEXT_UNIT_LETTER = dict(zip(_UNIT_LETTERS, _UNIT_LETTERS[1:] + _UNIT_LETTERS[0]))


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
    pop: dict,
    areas: pd.DataFrame,
) -> None:
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
    base = len(pop["dob"])
    ids = make_ids(f"SYN{cfg.number:03d}", np.arange(base + 1, base + k + 1), 7)
    forename, surname = draw_names(rng, male)
    extra = {
        "child_id": ids,
        "forename": forename,
        "surname": surname,
        "dob": dob,
        "sex": np.where(male, "M", "F").astype(object),
        "ethnicity_true": choice(rng, list(_UASC_ETH), list(_UASC_ETH.values()), k),
        "first_language": choice(
            rng, ["PRS", "PUS", "ARA", "TIG", "KUR", "SOM"], [0.25, 0.2, 0.15, 0.15, 0.15, 0.1], k
        ),
        "disability": np.full(k, "NONE", dtype=object),
        "fsm": np.full(k, "", dtype=object),
        "sen_provision": np.full(k, "", dtype=object),
        "upn": np.full(k, "", dtype=object),
        "area": area,
        "postcode": places.postcodes(rng, areas["postcode_district"].to_numpy(dtype=object)[area]),
        "dep": (10 - areas["deprivation_decile"].to_numpy()[area]) / 9.0,
        "male": male,
        "disabled": np.zeros(k, bool),
        "age": D.age_years(dob, ref),
        "eal": np.ones(k, bool),
        "uasc": np.ones(k, bool),
        "arrival": arrival,
    }
    for key, val in extra.items():
        pop[key] = columns.concat(pop[key], val)


def _window_mask(start: np.ndarray, end: np.ndarray, lo: int) -> np.ndarray:
    """Rows whose [start, end] overlaps the window (end MISSING means still open)."""
    return (end == D.MISSING) | (end >= lo)


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
    params = load_parameters()
    rng = rng_for(cfg.seed, "simulate")
    ref = D.day(cfg.ref_date)
    lo = D.day(cfg.window_start)

    areas = places.make_areas(
        rng,
        cfg.n_children,
        cfg.deprivation,
        cfg.code,
        int(params.scalar("population.children_per_area")),
    )
    pop = make_population(cfg, params, rng, areas)
    _add_uasc(cfg, params, rng, pop, areas)
    needs = make_needs(params, rng, pop, ref)  # unaccompanied children bring no family needs

    refs = services.simulate_referrals(cfg, params, rng, pop, needs)
    refs = newborns.referrals_at_birth(params, rng, pop, needs, refs)
    refs = services.drop_future(refs, ref)
    uidx = np.flatnonzero(pop["uasc"])
    child = np.concatenate([refs["child"], uidx])
    date = np.concatenate([refs["date"], pop["arrival"][uidx]])
    order = np.lexsort((date, child))
    refs = {"child": child[order], "date": date[order]}
    cases = services.build_cases(cfg, params, rng, pop, needs, refs)
    cases = rereferral.add_rereferrals(cfg, params, rng, pop, needs, cases)
    needs["has"] = present(pop, needs, ref)  # after plans have shortened some

    # Care periods for cases that lead to care (whole future simulated, clipped later).
    dob_c = pop["dob"][cases["child"]]
    eighteen = D.birthday(dob_c, 18)
    cases["cla"] &= cases["cla_start"] < eighteen - 7
    ci = np.flatnonzero(cases["cla"])
    periods = care.simulate_periods(rng, cases["cla_start"][ci], dob_c[ci], cases["uasc"][ci])
    care_end = np.full(len(dob_c), D.MISSING)
    care_reason = np.full(len(dob_c), "", dtype=object)
    care_end[ci] = periods["end"]
    care_reason[ci] = periods["cin_reason"]
    keep = services.close_cases(cfg, rng, pop, cases, care_end, care_reason)
    period_keep = keep[ci]
    for key in list(cases):
        cases[key] = cases[key][keep]
    for key in list(periods):
        periods[key] = periods[key][period_keep]
    periods["case"] = np.flatnonzero(cases["cla"])
    periods["child"] = cases["child"][periods["case"]]
    cpp_before = cases["cpp"][periods["case"]]
    episodes = care.build_episodes(
        rng, periods, pop["dob"][periods["child"]], pop["uasc"][periods["child"]], cpp_before
    )
    services.clip_to_reference(cfg, cases)
    cases["cla"] &= cases["cla_start"] <= ref
    started = periods["start"] <= ref
    episodes = episodes[started[episodes["period"].to_numpy()]].copy()
    episodes = episodes[episodes["decom"] <= ref].copy()
    fut = episodes["dec"] > ref
    episodes.loc[fut, "dec"] = D.MISSING
    episodes.loc[fut, "rec"] = ""
    periods["open"] = periods["end"] > ref
    periods["started"] = started

    tables: dict[str, pd.DataFrame] = {}
    truth: dict[str, pd.DataFrame] = {}
    rng_rec = rng_for(cfg.seed, "recording")
    ethnicity = recording.recorded_ethnicity(
        rng_rec, pop["ethnicity_true"], params.scalar("population.ethnicity_missing_rate")
    )
    ever_care = np.zeros(len(pop["dob"]), bool)
    ever_care[periods["child"][started]] = True
    in_win = _window_mask(cases["date"], cases["close"], lo) & (cases["date"] <= ref)
    had_case = np.zeros(len(pop["dob"]), bool)
    had_case[cases["child"][in_win]] = True
    in_scope = (pop["age"] <= 17) | ((pop["age"] <= 21) & (ever_care | had_case))
    ids = pop["child_id"]

    tables["areas"] = areas
    tables["children"] = columns.frame(
        children_columns(pop, areas, ethnicity, np.flatnonzero(in_scope))
    )

    # Cases within the window.
    case_idx = np.flatnonzero(in_win)
    cases["referral_id"] = make_ids(f"R{cfg.number:03d}", np.arange(len(cases["child"])), 8)
    cases["team_idx"] = pop["area"][cases["child"]] % len(recording.TEAMS)
    team = np.array(recording.TEAMS, dtype=object)[cases["team_idx"]]
    cwd = cases["act"][:, NEEDS.index("disability")] & (rng_rec.random(len(team)) < 0.5)
    team[cwd] = recording.DISABILITY_TEAM
    cases["team"] = team
    p_rec = np.clip(cfg.recording * recording.TEAM_RECORDING[cases["team_idx"]], 0.05, 0.97)
    p_rec[cwd] = min(0.97, cfg.recording * 1.3)
    cases["p_record"] = p_rec
    cases["primary_need"] = recording.primary_need(
        rng_rec, cases["act"], cases["uasc"], cfg.recording
    )
    cases["source"] = services.referral_sources(params, rng_rec, cases)

    sel = case_idx
    tables["referrals"] = pd.DataFrame(
        {
            "referral_id": cases["referral_id"][sel],
            "child_id": ids[cases["child"][sel]],
            "referral_date": D.iso(cases["date"][sel]),
            "referral_source": cases["source"][sel],
            "primary_need_code": cases["primary_need"][sel],
            "referral_nfa": np.where(cases["nfa"][sel], "true", "false"),
            "closure_date": D.iso(cases["close"][sel]),
            "reason_for_closure": cases["reason"][sel],
            "team": cases["team"][sel],
        }
    )
    asel = sel[cases["has_assessment"][sel]]
    # Assessments that finished before the window are not kept.
    asel = asel[_window_mask(cases["a_start"][asel], cases["a_end"][asel], lo)]
    assess_id = ("A" + cases["referral_id"][asel]).astype(object)
    a_end = cases["a_end"][asel]
    tables["assessments"] = pd.DataFrame(
        {
            "assessment_id": assess_id,
            "referral_id": cases["referral_id"][asel],
            "child_id": ids[cases["child"][asel]],
            "start_date": D.iso(cases["a_start"][asel]),
            "authorisation_date": D.iso(a_end),
            "working_days": np.where(a_end == D.MISSING, pd.NA, cases["assess_wd"][asel]),
            "team": cases["team"][asel],
        }
    )
    tables["assessments"]["working_days"] = tables["assessments"]["working_days"].astype("Int64")
    f_row, f_code = recording.assessment_factors(
        rng_rec,
        cases["act"][asel],
        cases["uasc"][asel],
        cases["p_record"][asel],
        served=~cases["nin"][asel],
    )
    done = (a_end != D.MISSING)[f_row]
    tables["assessment_factors"] = pd.DataFrame(
        {"assessment_id": assess_id[f_row[done]], "factor": f_code[done]}
    )

    psel = sel[cases["cinplan"][sel]]
    psel = psel[_window_mask(cases["cinplan_start"][psel], cases["cinplan_end"][psel], lo)]
    tables["cin_plans"] = pd.DataFrame(
        {
            "plan_id": ("P" + cases["referral_id"][psel]).astype(object),
            "referral_id": cases["referral_id"][psel],
            "child_id": ids[cases["child"][psel]],
            "start_date": D.iso(cases["cinplan_start"][psel]),
            "end_date": D.iso(cases["cinplan_end"][psel]),
        }
    )
    ssel = sel[cases["s47"][sel]]
    icpc_d = np.where(cases["icpc"][ssel], cases["icpc_date"][ssel], D.MISSING)
    ssel_keep = (
        (cases["s47_start"][ssel] >= lo)
        | (icpc_d >= lo)
        | ((icpc_d == D.MISSING) & (cases["s47_start"][ssel] >= lo - 30))
    )
    ssel, icpc_d = ssel[ssel_keep], icpc_d[ssel_keep]
    tables["section47"] = pd.DataFrame(
        {
            "s47_id": ("S" + cases["referral_id"][ssel]).astype(object),
            "referral_id": cases["referral_id"][ssel],
            "child_id": ids[cases["child"][ssel]],
            "start_date": D.iso(cases["s47_start"][ssel]),
            "icpc_target_date": D.iso(cases["icpc_target"][ssel]),
            "icpc_date": D.iso(icpc_d),
            "icpc_not_required": np.where(
                ~cases["icpc"][ssel]
                & (D.add_working_days(cases["s47_start"][ssel], np.full(len(ssel), 12)) <= ref),
                "true",
                "false",
            ),
        }
    )
    csel = sel[cases["cpp"][sel]]
    csel = csel[_window_mask(cases["cpp_start"][csel], cases["cpp_end"][csel], lo)]
    cat_keys, cat_p = params.dist("cpp_category")
    cat = choice(rng_rec, cat_keys, cat_p, len(csel))
    harmful = cases["act"][csel]
    cat = np.where(
        harmful[:, NEEDS.index("neglect")] & (rng_rec.random(len(csel)) < 0.6), "NEG", cat
    )
    cat = np.where(
        harmful[:, NEEDS.index("domestic_abuse")]
        & (cat == "NEG")
        & (rng_rec.random(len(csel)) < 0.4),
        "EMO",
        cat,
    )
    latest = np.where(
        rng_rec.random(len(csel)) < 0.1, choice(rng_rec, cat_keys, cat_p, len(csel)), cat
    )
    cpp_id = ("C" + cases["referral_id"][csel]).astype(object)
    # Previous plans: count earlier plans of the same child in the whole history.
    allc = np.flatnonzero(cases["cpp"])
    prev_count = (
        pd.Series(cases["child"][allc]).groupby(cases["child"][allc]).cumcount().to_numpy()
    )
    prev_map = dict(zip(allc, prev_count))
    tables["cp_plans"] = pd.DataFrame(
        {
            "cpp_id": cpp_id,
            "referral_id": cases["referral_id"][csel],
            "child_id": ids[cases["child"][csel]],
            "start_date": D.iso(cases["cpp_start"][csel]),
            "end_date": D.iso(cases["cpp_end"][csel]),
            "initial_category": cat,
            "latest_category": latest,
            "number_previous_cpp": [prev_map[i] for i in csel],
        }
    )
    # Review conferences: within 3 months of the conference, then at most 6 months apart; a few
    # are late (reviews.py). They have their own random stream.
    rv_plan, rv_day = reviews.cp_review_dates(
        rng_for(cfg.seed, "cp_reviews"),
        cases["cpp_start"][csel],
        cases["cpp_end"][csel],
        ref,
        params.scalar("csc.cpp_review_late_share"),
    )
    tables["cp_reviews"] = pd.DataFrame({"cpp_id": cpp_id[rv_plan], "review_date": D.iso(rv_day)})

    # Care: episodes of periods that overlap the window, whole periods kept.
    per_child = periods["child"]
    per_open = np.where(periods["open"], D.MISSING, periods["end"])
    per_keep = periods["started"] & _window_mask(periods["start"], per_open, lo)
    ep = episodes[per_keep[episodes["period"].to_numpy()]].copy()
    pc = per_child[ep["period"].to_numpy()]
    home_post = pop["postcode"][pc]
    # Placement postcode and URN are drawn once per placement (segment), so a change of legal
    # status alone keeps them; 22% of placements are outside the authority (QZ9).
    seg = ep["segment"].to_numpy()
    useg, seg_idx = np.unique(seg, return_inverse=True)
    ns = len(useg)
    seg_post = places.postcodes(
        rng_rec,
        np.where(
            rng_rec.random(ns) < 0.22,
            "QZ9",
            areas["postcode_district"].to_numpy(dtype=str)[rng_rec.integers(0, len(areas), ns)],
        ),
    )
    pl_post = seg_post[seg_idx].astype(object)
    pl_post = np.where(ep["place"].to_numpy() == "P1", home_post, pl_post)
    # Only a placement with parents (P1) shares the home postcode (903 rule 392d): a random draw
    # that lands on it moves to the next unit letter, with no new draw, so nothing else changes.
    clash = (ep["place"].to_numpy() != "P1") & (pl_post == home_post)
    pl_post[clash] = [p[:-1] + _NEXT_UNIT_LETTER[p[-1]] for p in pl_post[clash]]
    needs_urn = ~np.isin(ep["place"].to_numpy(), sorted(NO_URN_PLACEMENTS | {"H5", "P2"}))
    urn = make_ids("XU", rng_rec.integers(0, 1000000, ns), 6)[seg_idx]
    urn[~needs_urn] = ""
    tables["care_episodes"] = pd.DataFrame(
        {
            "episode_id": make_ids(f"E{cfg.number:03d}", np.arange(len(ep)), 7),
            "period_id": make_ids(f"PC{cfg.number:03d}", ep["period"].to_numpy(), 6),
            "child_id": ids[pc],
            "decom": D.iso(ep["decom"].to_numpy()),
            "rne": ep["rne"].to_numpy(),
            "legal_status": ep["ls"].to_numpy(),
            "cin": cases["primary_need"][periods["case"][ep["period"].to_numpy()]],
            "place": ep["place"].to_numpy(),
            "place_provider": ep["place_provider"].to_numpy(),
            "dec": D.iso(ep["dec"].to_numpy()),
            "rec": ep["rec"].to_numpy(),
            "reason_place_change": ep["reason_place_change"].to_numpy(),
            "home_post": home_post,
            "pl_post": pl_post,
            "urn": urn,
        }
    )
    # The category of need in care must be a code N1-N8.
    cin = tables["care_episodes"]["cin"].to_numpy(dtype=object).copy()
    cin[~np.isin(cin, ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"])] = "N1"
    tables["care_episodes"]["cin"] = cin

    ctx = {
        "cfg": cfg,
        "params": params,
        "rng": rng_rec,
        "pop": pop,
        "needs": needs,
        "cases": cases,
        "periods": periods,
        "episodes": ep,
        "areas": areas,
        "in_scope": in_scope,
        "ref": ref,
        "lo": lo,
    }
    tables.update(education.make_tables(ctx))
    tables.update(services_extra(ctx))
    ctx["care_leavers_table"] = tables["care_leavers"]
    if cfg.rich_text:
        tables.update(texts.make_tables(ctx))
        tables.update(partners.make_tables(ctx))

    # Truth (teaching only).
    # Only needs present on the reference day (begun on or before it, not ended) are in the truth.
    has = needs["has"]
    ci_, ki = np.nonzero(has[in_scope])
    sc = np.flatnonzero(in_scope)
    onset_day = pop["dob"][sc[ci_]] + (needs["onset_age"][sc[ci_], ki] * 365.25).astype(np.int64)
    truth["needs"] = pd.DataFrame(
        {
            "child_id": ids[sc[ci_]],
            "need": np.array(NEEDS, dtype=object)[ki],
            "onset_date": D.iso(onset_day),
        }
    )
    served = np.zeros(len(pop["dob"]), bool)
    served[cases["child"][in_win & cases["in_need"]]] = True
    truth["children"] = columns.frame(
        {
            "child_id": ids[sc],
            "ethnicity_true": pop["ethnicity_true"][sc],
            "family_adversity": np.round(needs["adversity"][sc], 2),
            "n_needs": has[sc].sum(axis=1),
        }
    )
    served[ctx["early_help_children"]] = True
    helped = served[sc]
    truth["children"]["unmet_need"] = np.where(
        (truth["children"]["n_needs"] > 0) & ~helped, "Y", "N"
    )
    la = Authority(cfg, tables, truth)
    if faults > 0:
        from childinfo.synth.faults import inject_faults

        la = inject_faults(la, rate=faults)
    return la


def services_extra(ctx: dict) -> dict[str, pd.DataFrame]:
    """Contacts, early help and care-leaver tables (built from the same histories)."""
    from childinfo.synth import services_extra as sx

    return sx.make_tables(ctx)
