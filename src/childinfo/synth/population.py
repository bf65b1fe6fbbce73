"""The child population: who lives in the authority, with fictional names and identifiers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from faker.providers.person.en_GB import Provider as _GBNames
from stdnum.gb import upn as stdnum_upn

from childinfo.synth import dates as D
from childinfo.synth import places
from childinfo.synth.codes import ETHNIC_GROUP
from childinfo.synth.columns import coded, distinct_ints, formatted, take
from childinfo.synth.config import AuthorityConfig
from childinfo.synth.history import Population
from childinfo.synth.parameters import Parameters

COHORTS = (
    22  # birth years simulated: ages 0-21 at the reference date (18-21 only for care leavers)
)

_LANG = {
    "White": ["POL", "RUM", "LIT", "POR", "BUL"],
    "Asian": ["URD", "PAN", "BEN", "GUJ", "TAM"],
    "Black": ["SOM", "YOR", "ARA", "TIG", "FRN"],
    "Mixed": ["SPA", "POR", "URD", "ARA"],
    "Other": ["ARA", "KUR", "PRS", "CHI", "SPA"],
}


def choice_index(rng: np.random.Generator, p, n: int) -> np.ndarray:
    """Vectorised categorical draw returning indices into ``p`` (weights; need not sum to 1).

    Draws how many rows take each category (multinomial), then shuffles them: the same
    distribution as ``n`` independent draws, without a search per row.
    """
    p = np.asarray(p, dtype=float)
    counts = rng.multinomial(n, p / p.sum())
    out = np.repeat(np.arange(len(p), dtype=np.int32), counts)
    rng.shuffle(out)  # in place; the same draws as rng.permutation
    return out.astype(np.int64)


def choice(rng: np.random.Generator, keys, p, n: int) -> np.ndarray:
    """Vectorised categorical draw returning an array of keys."""
    return np.asarray(keys, dtype=object)[choice_index(rng, p, n)]


def top_share(score: np.ndarray, share: float, mask: np.ndarray | None = None) -> np.ndarray:
    """Flag the highest-scoring ``share`` of the rows in ``mask`` (exact calibration by rank)."""
    mask = np.ones(len(score), bool) if mask is None else mask
    out = np.zeros(len(score), bool)
    if mask.sum() == 0:
        return out
    cut = np.quantile(score[mask], 1 - share)
    out[mask] = score[mask] > cut
    return out


def upn_check_letter_index(parts: list[tuple[np.ndarray, str]]) -> np.ndarray:
    """Check letters, as indices into ``_ALPHABET``, for UPN bodies given in integer parts, each
    with the format that puts it in its place in the 12 characters (e.g. ``"{:07d}00000"``),
    computed by python-stdnum.

    ``stdnum.gb.upn.calc_check_digit`` is a weighted sum modulo 23, so the letter for a body is
    fixed by the letters of its parts, each padded with zeros. Calling stdnum once per distinct
    part, rather than once per pupil, keeps a million pupils fast; a test checks every UPN of the
    default authority with ``calc_check_digit`` directly.
    """
    total = np.zeros(len(parts[0][0]), np.int64)
    for values, fmt in parts:
        if not len(values):
            continue
        uniq, lo = distinct_ints(values)
        table = np.zeros(int(uniq[-1]) - lo + 1, np.int64)
        table[uniq - lo] = [
            _ALPHABET.index(stdnum_upn.calc_check_digit(fmt.format(int(u)))) for u in uniq
        ]
        total += table[values - lo]
    return total % 23


_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"


def make_population(
    cfg: AuthorityConfig, params: Parameters, rng: np.random.Generator, areas: pd.DataFrame
) -> Population:
    """Children born in the last 22 years, with characteristics and fictional identifiers."""
    ref = D.day(cfg.ref_date)
    m = round(cfg.n_children * COHORTS / 18)
    # Birth dates uniform over the cohorts, youngest first (sorted, so IDs are tidy): the number
    # born on each day is drawn at once, which gives the dates already in order.
    span = int(COHORTS * 365.25) - 1
    dob = ref - np.repeat(np.arange(1, span + 1), rng.multinomial(m, np.full(span, 1 / span)))
    age = D.age_years(dob, ref)
    n_areas = len(areas)
    decile = areas["deprivation_decile"].to_numpy()
    # Areas differ in size a little; more children live in more deprived areas.
    area_w = rng.lognormal(0, 0.25, n_areas) * (1 + 0.03 * (10 - decile))
    area = choice_index(rng, area_w, m)
    dep = (10 - decile[area]) / 9.0  # 0 least deprived .. 1 most deprived

    male = rng.random(m) < params.scalar("population.male_share")
    sex = coded(male.astype(np.int8), ["F", "M"])

    # Ethnicity: national mix. Each area scales every minority group by its own diversity (higher
    # in more deprived areas), so the chance of White British depends on the area while the mix
    # among the other groups is the national one everywhere.
    keys, p = params.dist("ethnicity")
    keys, p = list(keys), np.asarray(p, float) / np.sum(p)
    area_div = rng.lognormal(0, 0.6, n_areas) * np.exp(0.7 * ((10 - decile) / 9 - 0.5))
    wbri = keys.index("WBRI")
    p_wbri = p[wbri] / (p[wbri] + area_div * (1 - p[wbri]))
    others = np.flatnonzero(np.arange(len(keys)) != wbri)
    eth_idx = others[choice_index(rng, p[others], m)]
    eth_idx[rng.random(m) < p_wbri[area]] = wbri
    ethnicity = coded(eth_idx, keys)

    eal = params.distributions["eal_by_ethnicity"]
    eal_p = np.array([eal[k] for k in keys])[eth_idx]
    eal = rng.random(m) < eal_p
    groups = list(_LANG)
    group = np.array([groups.index(ETHNIC_GROUP[k]) for k in keys])[eth_idx]
    lang_vocab = ["ENG"] + [lang for g in groups for lang in _LANG[g]]
    lang_code = np.zeros(m, np.int64)
    offset = 1
    for gi, g in enumerate(groups):
        sel = eal & (group == gi)
        lang_code[sel] = offset + rng.integers(0, len(_LANG[g]), sel.sum())
        offset += len(_LANG[g])
    language = coded(lang_code, lang_vocab)

    # Scores that only rank children are kept in single precision (half the memory traffic).
    noise = lambda scale=1.0: rng.standard_normal(m, dtype=np.float32) * np.float32(scale)
    boy, dep32 = male.astype(np.float32), dep.astype(np.float32)
    # Disability: more common for boys and in more deprived areas.
    disabled = top_share(
        noise() + 0.35 * boy + 0.3 * dep32, params.scalar("population.disability_rate")
    )
    dkeys, dp = params.dist("disability_code")
    # Codes: 0 = NONE, 1.. = one impairment, then every ordered pair "d1;d2" (about 3 in 10
    # disabled children have two).
    k, nd = len(dkeys), int(disabled.sum())
    d1, d2 = choice_index(rng, dp, nd), choice_index(rng, dp, nd)
    second = (rng.random(nd) < 0.3) & (d1 != d2)
    dis_vocab = ["NONE"] + list(dkeys) + [f"{a};{b}" for a in dkeys for b in dkeys]
    dis_code = np.zeros(m, np.int64)
    dis_code[disabled] = np.where(second, 1 + k + d1 * k + d2, 1 + d1)
    disability = coded(dis_code, dis_vocab)

    # School-age characteristics (reception to year 13; ages 4-17 at the reference date).
    school = (age >= 4) & (age <= 17)
    fsm = top_share(noise() + 2.2 * dep32, params.scalar("population.fsm_rate"), school)
    sen_score = (
        noise() + 2.5 * disabled.astype(np.float32) + 0.45 * boy + 0.3 * fsm.astype(np.float32)
    )
    ehcp = top_share(sen_score, params.scalar("population.ehcp_rate"), school)
    support = top_share(
        sen_score + noise(0.8),
        params.scalar("population.sen_support_rate") / (1 - params.scalar("population.ehcp_rate")),
        school & ~ehcp,
    )
    sen = coded(
        np.where(~school, 0, np.where(ehcp, 1, np.where(support, 2, 3))), ["", "E", "K", "N"]
    )

    # Names from Faker's en_GB lists (pinned Faker), drawn with numpy so the seed governs them.
    forename, surname = draw_names(rng, male)

    # Impossible postcodes (see places.py).
    postcode = places.postcodes(
        rng, coded(area, areas["postcode_district"].to_numpy(dtype=object))
    )
    child_id = make_ids(f"SYN{cfg.number:03d}", np.arange(1, m + 1), 7)

    # UPN: allocated on entry to reception (September after the 4th birthday).
    upn = _allocate_upns(cfg, rng, dob, area, ref)
    return Population(
        child_id=child_id,
        forename=forename,
        surname=surname,
        dob=dob,
        sex=sex,
        ethnicity_true=ethnicity,
        first_language=language,
        disability=disability,
        fsm=coded(np.where(school, 1 + fsm, 0), ["", "N", "Y"]),
        sen_provision=sen,
        upn=upn,
        area=area,
        postcode=postcode,
        dep=dep,
        male=male,
        disabled=disabled,
        age=age,
        eal=eal,
        uasc=np.zeros(m, bool),
        arrival=np.full(m, D.MISSING),
    )


def children_columns(
    pop: Population, areas: pd.DataFrame, ethnicity, rows: np.ndarray | None = None
) -> dict:
    """The columns of the authority's ``children`` table for the population ``rows`` (all when
    None, without copying), in order, with the ``ethnicity`` column as recorded (kept as codes and
    Arrow strings; see columns.py)."""
    rows = slice(None) if rows is None else rows
    return {
        "child_id": pop.child_id[rows],
        "forename": pop.forename[rows],
        "surname": pop.surname[rows],
        "dob": D.iso(pop.dob[rows]),
        "sex": pop.sex[rows],
        "ethnicity": ethnicity[rows],
        "first_language": pop.first_language[rows],
        "disability": pop.disability[rows],
        "fsm": pop.fsm[rows],
        "sen_provision": pop.sen_provision[rows],
        "upn": take(pop.upn, rows),
        "postcode": pop.postcode[rows],
        "area_code": coded(pop.area[rows], areas["area_code"].to_numpy(dtype=object)),
        "uasc": coded(pop.uasc[rows].astype(np.int8), ["N", "Y"]),
        "arrival_date": D.iso(pop.arrival[rows]),
    }


def make_ids(prefix: str, numbers: np.ndarray, width: int) -> pd.api.extensions.ExtensionArray:
    """``prefix`` + zero-padded numbers, formatted by Arrow and kept as a pandas string array
    (indexes like a numpy array; becomes a DataFrame column without copying)."""
    digits = pc.utf8_lpad(
        pa.array(np.asarray(numbers, dtype=np.int64)).cast(pa.string()), width=width, padding="0"
    )
    return pd.array(pc.binary_join_element_wise(prefix, digits, ""), dtype="str")


def draw_names(rng: np.random.Generator, male: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Forenames and surnames from Faker's en_GB lists (surnames weighted as Faker weights them)."""
    fm = np.array(_GBNames.first_names_male, dtype=object)
    ff = np.array(_GBNames.first_names_female, dtype=object)
    last = _GBNames.last_names
    ln = np.array(list(last), dtype=object)
    lw = np.array(list(last.values()), dtype=float) if isinstance(last, dict) else np.ones(len(ln))
    m = len(male)
    forename = np.where(male, rng.integers(0, len(fm), m), len(fm) + rng.integers(0, len(ff), m))
    surname = choice_index(rng, lw, m)
    return coded(forename, np.r_[fm, ff]), coded(surname, ln)


def reception_entry(dob: np.ndarray) -> np.ndarray:
    """Day number of 1 September in the year a child starts reception."""
    return D.per_day(_reception_entry, dob)


def _reception_entry(dob: np.ndarray) -> np.ndarray:
    b = D.to_datetime64(dob)
    y = b.astype("datetime64[Y]").astype(int) + 1970
    m = b.astype("datetime64[M]").astype(int) % 12 + 1
    entry_year = y + 4 + (m >= 9)  # born Sep-Dec start a year later
    return (((entry_year - 1970) * 12 + 8).astype("datetime64[M]").astype("datetime64[D]")).astype(
        "int64"
    )


def _allocate_upns(cfg, rng, dob, area, ref) -> pa.Array:
    m = len(dob)
    entry = reception_entry(dob)
    n_schools = max(2, int(np.count_nonzero(np.bincount(area))) // 5)
    school = (area * 2654435761 % 997 + rng.integers(0, 2, m)) % n_schools
    # Only children who have started school (reception entry by the reference date) have a UPN.
    pupil = np.flatnonzero(entry <= ref)
    school, entry = school[pupil], entry[pupil]
    n = len(pupil)
    est = 2000 + school  # establishment numbers 2000+ (see datasheet)
    yy = D.per_day(
        lambda d: (D.to_datetime64(d).astype("datetime64[Y]").astype(int) + 1970) % 100, entry
    )
    # Serial numbers count pupils within each school and year of entry, in row order: a stable
    # sort by (school, year), done as a radix sort on 16-bit keys when they fit.
    year = (yy - yy.min()) % 100 if n else yy
    n_years = int(year.max()) + 1 if n else 1
    group = (school * n_years + year).astype(
        np.uint16 if n_schools * n_years <= 2**16 else np.int64
    )
    order = np.argsort(group, kind="stable")
    ks = group[order]
    starts = np.r_[0, np.flatnonzero(ks[1:] != ks[:-1]) + 1] if n else np.array([], np.int64)
    rank = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    serial = np.empty(n, np.int64)
    serial[order] = rank
    # Schools never allocate more than 1000 in a year; overflow moves to a partner number.
    est = est + 4000 * (serial // 1000)
    serial = serial % 1000
    left = cfg.upn_la * 10_000 + est
    letters = pa.array(list(_ALPHABET)).take(
        pa.array(
            upn_check_letter_index(
                [(left, "{:07d}00000"), (yy, "0000000{:02d}000"), (serial, "000000000{:03d}")]
            )
        )
    )
    # The 13 characters: check letter, LA and establishment (7), year (2), serial (3).
    joined = pc.binary_join_element_wise(
        letters,
        formatted(left, "{:07d}"),
        formatted(yy, "{:02d}"),
        formatted(serial, "{:03d}"),
        "",
    )
    # Back to one row per child: pupils' UPNs, and "" for children not yet at school.
    slot = np.full(m, -1, np.int64)
    slot[pupil] = np.arange(n)
    return pc.fill_null(
        joined.take(pa.array(slot, mask=slot < 0)), ""
    )  # an Arrow column (see columns.py)
