"""The child population: who lives in the authority, with fictional names and identifiers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from faker.providers.person.en_GB import Provider as _GBNames
from stdnum.gb import upn as stdnum_upn

from childinfo.synth import dates as D
from childinfo.synth import places
from childinfo.synth.codes import DISABILITY, ETHNIC_GROUP
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.parameters import Parameters

COHORTS = 22  # birth years simulated: ages 0-21 at the reference date (18-21 only for care leavers)

_LANG = {"White": ["POL", "RUM", "LIT", "POR", "BUL"], "Asian": ["URD", "PAN", "BEN", "GUJ", "TAM"],
         "Black": ["SOM", "YOR", "ARA", "TIG", "FRN"], "Mixed": ["SPA", "POR", "URD", "ARA"],
         "Other": ["ARA", "KUR", "PRS", "CHI", "SPA"]}


def _categorical(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw one index per row from row-wise probabilities ``probs[rows]``, vectorised.

    Each row's cumulative probabilities are shifted by the row number and flattened, so a single
    ``searchsorted`` serves every row at once.
    """
    k = probs.shape[1]
    cum = np.cumsum(probs, axis=1)
    cum /= cum[:, -1:]
    flat = (cum + np.arange(len(cum))[:, None]).ravel()
    u = rng.random(len(rows)) * (1 - 1e-12)
    idx = np.searchsorted(flat, rows + u, side="right")
    return np.minimum(idx - rows * k, k - 1)


def choice(rng: np.random.Generator, keys, p, n: int) -> np.ndarray:
    """Vectorised categorical draw returning an array of keys."""
    idx = np.searchsorted(np.cumsum(p) / np.sum(p), rng.random(n), side="right")
    return np.asarray(keys, dtype=object)[np.minimum(idx, len(keys) - 1)]


def top_share(score: np.ndarray, share: float, mask: np.ndarray | None = None) -> np.ndarray:
    """Flag the highest-scoring ``share`` of the rows in ``mask`` (exact calibration by rank)."""
    mask = np.ones(len(score), bool) if mask is None else mask
    out = np.zeros(len(score), bool)
    if mask.sum() == 0:
        return out
    cut = np.quantile(score[mask], 1 - share)
    out[mask] = score[mask] > cut
    return out


def upn_check_letters(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Check letters for UPN bodies given as two integer halves (7 digits: LA + establishment;
    5 digits: year + serial), computed by python-stdnum.

    ``stdnum.gb.upn.calc_check_digit`` is a weighted sum modulo 23, so the letter for a body is
    fixed by the letters of its two halves, each padded with zeros. Calling stdnum once per
    distinct half, rather than once per pupil, keeps a million pupils fast; a test checks every
    UPN of the default authority with ``calc_check_digit`` directly.
    """
    total = np.zeros(len(left), int)
    for half, fmt in ((left, "{:07d}00000"), (right, "0000000{:05d}")):
        uniq, inv = np.unique(half, return_inverse=True)
        vals = np.array([_ALPHABET.index(stdnum_upn.calc_check_digit(fmt.format(int(u)))) for u in uniq])
        total += vals[inv] if len(uniq) else 0
    return np.array(list(_ALPHABET))[total % 23]


_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"


def make_population(cfg: AuthorityConfig, params: Parameters, rng: np.random.Generator,
                    areas: pd.DataFrame) -> dict[str, np.ndarray]:
    """Children born in the last 22 years, with characteristics and fictional identifiers."""
    ref = D.day(cfg.ref_date)
    m = round(cfg.n_children * COHORTS / 18)
    dob = ref - rng.integers(1, int(COHORTS * 365.25), m)
    dob.sort()
    dob = dob[::-1].copy()  # youngest first is as good as any order; sorting keeps IDs tidy
    age = D.age_years(dob, ref)
    n_areas = len(areas)
    decile = areas["deprivation_decile"].to_numpy()
    # Areas differ in size a little; more children live in more deprived areas.
    area_w = rng.lognormal(0, 0.25, n_areas) * (1 + 0.03 * (10 - decile))
    area = np.searchsorted(np.cumsum(area_w) / area_w.sum(), rng.random(m))
    area = np.minimum(area, n_areas - 1)
    dep = (10 - decile[area]) / 9.0  # 0 least deprived .. 1 most deprived

    male = rng.random(m) < params.scalar("population.male_share")
    sex = np.where(male, "M", "F").astype(object)

    # Ethnicity: national mix, with minority groups more common in more deprived areas and
    # each area having its own diversity.
    keys, p = params.dist("ethnicity")
    area_div = rng.lognormal(0, 0.6, n_areas) * np.exp(0.7 * ((10 - decile) / 9 - 0.5))
    mult = np.where(np.array(keys) == "WBRI", 1.0, 1.0)[None, :] * np.ones((n_areas, 1))
    mult[:, np.array(keys) != "WBRI"] *= area_div[:, None]
    probs = p[None, :] * mult
    eth_idx = _categorical(rng, probs, area)
    ethnicity = np.asarray(keys, dtype=object)[eth_idx]

    eal = params.distributions["eal_by_ethnicity"]
    eal_p = np.array([eal[k] for k in keys])[eth_idx]
    eal = rng.random(m) < eal_p
    group = np.array([ETHNIC_GROUP[k] for k in keys], dtype=object)[eth_idx]
    language = np.full(m, "ENG", dtype=object)
    for g, langs in _LANG.items():
        sel = eal & (group == g)
        language[sel] = np.asarray(langs, dtype=object)[rng.integers(0, len(langs), sel.sum())]

    # Disability: more common for boys and in more deprived areas.
    disabled = top_share(rng.normal(0, 1, m) + 0.35 * male + 0.3 * dep,
                         params.scalar("population.disability_rate"))
    dkeys, dp = params.dist("disability_code")
    d1 = choice(rng, dkeys, dp, m)
    d2 = choice(rng, dkeys, dp, m)
    second = disabled & (rng.random(m) < 0.3) & (d1 != d2)
    disability = np.where(disabled, d1, "NONE").astype(object)
    disability[second] = d1[second] + ";" + d2[second]

    # School-age characteristics (reception to year 13; ages 4-17 at the reference date).
    school = (age >= 4) & (age <= 17)
    fsm = top_share(rng.normal(0, 1, m) + 2.2 * dep, params.scalar("population.fsm_rate"), school)
    sen_score = rng.normal(0, 1, m) + 2.5 * disabled + 0.45 * male + 0.3 * fsm
    ehcp = top_share(sen_score, params.scalar("population.ehcp_rate"), school)
    support = top_share(sen_score + rng.normal(0, 0.8, m), params.scalar("population.sen_support_rate")
                        / (1 - params.scalar("population.ehcp_rate")), school & ~ehcp)
    sen = np.where(ehcp, "E", np.where(support, "K", "N")).astype(object)
    sen[~school] = ""

    # Names from Faker's en_GB lists (pinned Faker), drawn with numpy so the seed governs them.
    forename, surname = draw_names(rng, male)

    # Impossible postcodes (see places.py).
    postcode = places.postcodes(rng, areas["postcode_district"].to_numpy(dtype=object)[area])
    child_id = make_ids(f"SYN{cfg.number:03d}", np.arange(1, m + 1), 7)

    # UPN: allocated on entry to reception (September after the 4th birthday).
    upn = _allocate_upns(cfg, rng, dob, area, ref)
    return {
        "child_id": child_id.astype(object), "forename": forename, "surname": surname,
        "dob": dob, "sex": sex, "ethnicity_true": ethnicity, "first_language": language,
        "disability": disability, "fsm": np.where(school, np.where(fsm, "Y", "N"), "").astype(object),
        "sen_provision": sen, "upn": upn, "area": area, "postcode": postcode, "dep": dep, "male": male, "disabled": disabled,
        "age": age, "eal": eal, "uasc": np.zeros(m, bool), "arrival": np.full(m, D.MISSING),
    }


def make_ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """``prefix`` + zero-padded numbers as an object array (formatted by Arrow, fast at scale)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    digits = pc.utf8_lpad(pa.array(np.asarray(numbers, dtype=np.int64)).cast(pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "").to_numpy(zero_copy_only=False)


def draw_names(rng: np.random.Generator, male: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forenames and surnames from Faker's en_GB lists (surnames weighted as Faker weights them)."""
    fm = np.array(_GBNames.first_names_male, dtype=object)
    ff = np.array(_GBNames.first_names_female, dtype=object)
    last = _GBNames.last_names
    ln = np.array(list(last), dtype=object)
    lw = np.array(list(last.values()), dtype=float) if isinstance(last, dict) else np.ones(len(ln))
    m = len(male)
    forename = np.where(male, fm[rng.integers(0, len(fm), m)], ff[rng.integers(0, len(ff), m)])
    surname = choice(rng, ln, lw, m)
    return forename, surname


def reception_entry(dob: np.ndarray) -> np.ndarray:
    """Day number of 1 September in the year a child starts reception."""
    b = D.to_datetime64(dob)
    y = b.astype("datetime64[Y]").astype(int) + 1970
    m = b.astype("datetime64[M]").astype(int) % 12 + 1
    entry_year = y + 4 + (m >= 9)  # born Sep-Dec start a year later
    return (((entry_year - 1970) * 12 + 8).astype("datetime64[M]").astype("datetime64[D]")).astype("int64")


def _allocate_upns(cfg, rng, dob, area, ref) -> np.ndarray:
    m = len(dob)
    entry = reception_entry(dob)
    has = entry <= ref
    n_schools = max(2, len(np.unique(area)) // 5)
    school = (area * 2654435761 % 997 + rng.integers(0, 2, m)) % n_schools
    est = 2000 + school  # establishment numbers 2000+ (see datasheet)
    yy = (D.to_datetime64(entry).astype("datetime64[Y]").astype(int) + 1970) % 100
    key = est.astype(np.int64) * 100 + yy
    order = np.lexsort((np.arange(m), key))
    ks = key[order]
    starts = np.r_[0, np.flatnonzero(ks[1:] != ks[:-1]) + 1]
    rank = np.arange(m) - np.repeat(starts, np.diff(np.r_[starts, m]))
    serial = np.empty(m, int)
    serial[order] = rank
    # Schools never allocate more than 1000 in a year; overflow moves to a partner number.
    est = est + 4000 * (serial // 1000)
    serial = serial % 1000
    left = cfg.upn_la * 10_000 + est
    right = yy * 1000 + serial
    letters = upn_check_letters(left, right)
    # Build the 13-character strings through Arrow (fast string formatting at scale).
    import pyarrow as pa
    import pyarrow.compute as pc
    lpad = pc.utf8_lpad(pa.array(left.astype(np.int64)).cast(pa.string()), width=7, padding="0")
    rpad = pc.utf8_lpad(pa.array(right.astype(np.int64)).cast(pa.string()), width=5, padding="0")
    out = pc.binary_join_element_wise(pa.array(letters), lpad, rpad, "").to_numpy(zero_copy_only=False).astype(object)
    out[~has] = ""
    return out
