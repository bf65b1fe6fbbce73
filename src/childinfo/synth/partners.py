"""Records held by fictional third-sector partners, under their own identifiers.

Each partner keeps its own spelling of names, dates and postcodes, so linking them to the
authority's records is a real exercise. ``truth_child_id`` (teaching only) says who each record
really belongs to; it is empty for people the authority does not know.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth import places
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import draw_names

if TYPE_CHECKING:  # the record package imports this module
    from childinfo.synth.record.context import Recording

# (name, ID prefix, service, need served, share of children with that need who use it)
PARTNERS = [
    ("Lanternway Young Carers", "LYC", "Young carers support", "young_carer", 0.35),
    ("Brightwater Family Support", "BFS", "Family support and food bank", "poverty_housing", 0.15),
    ("Kestrel Youth Project", "KYP", "Youth work and mentoring", "exploitation", 0.4),
    (
        "Harbourlight Domestic Abuse Service",
        "HDA",
        "Children's recovery groups",
        "domestic_abuse",
        0.2,
    ),
    ("Little Acorns Talk Club", "LAT", "Speech and language groups", "speech_language", 0.25),
]
_NICK = {
    "Alexander": "Alex",
    "Benjamin": "Ben",
    "Christopher": "Chris",
    "Daniel": "Dan",
    "Elizabeth": "Beth",
    "Jessica": "Jess",
    "Joshua": "Josh",
    "Katherine": "Kate",
    "Matthew": "Matt",
    "Michael": "Mike",
    "Nicholas": "Nick",
    "Rebecca": "Becky",
    "Samuel": "Sam",
    "Thomas": "Tom",
    "William": "Will",
    "Jennifer": "Jenny",
    "Victoria": "Vicky",
    "Jonathan": "Jon",
    "Abigail": "Abi",
    "Charlotte": "Charlie",
}


def _typo(rng, s: str) -> str:
    if len(s) < 4:
        return s
    i = int(rng.integers(1, len(s) - 1))
    if rng.random() < 0.5:
        return s[:i] + s[i + 1] + s[i] + s[i + 2 :]  # swap two letters
    return s[:i] + s[i + 1 :]  # drop a letter


def _vary_name(rng, fore: str, sur: str) -> tuple[str, str]:
    u = rng.random(5)
    if u[0] < 0.15 and fore in _NICK:
        fore = _NICK[fore]
    if u[1] < 0.08:
        fore = _typo(rng, fore)
    if u[2] < 0.08:
        sur = _typo(rng, sur)
    if u[3] < 0.05:
        sur = f"{sur}-{['Hughes', 'Khan', 'Walsh', 'Okafor', 'Nowak'][int(rng.integers(0, 5))]}"
    if u[4] < 0.05:
        fore, sur = fore.upper(), sur.upper()
    return fore, sur


def _vary_dobs(u: np.ndarray, dob: np.ndarray) -> np.ndarray:
    """Partners' versions of dates of birth: some with day and month swapped, a day out, or the 1st."""
    d = D.to_datetime64(dob)
    month = d.astype("datetime64[M]")
    day = (d - month).astype(np.int64) + 1
    mon = month.astype(np.int64) % 12 + 1
    year_start = d.astype("datetime64[Y]").astype("datetime64[M]")
    swapped = (year_start + (day - 1)).astype("datetime64[D]") + (
        mon - 1
    )  # month <- day, day <- month
    out = np.asarray(dob, dtype=np.int64).copy()
    swap = (u < 0.04) & (day <= 12) & (day != mon)
    out[swap] = swapped[swap].astype(np.int64)
    near = ~swap & (u < 0.08)
    out[near] += np.where((u[near] * 1000).astype(np.int64) % 2 == 0, -1, 1)  # a day either way
    first = ~swap & ~near & (u < 0.10)
    out[first] = month[first].astype("datetime64[D]").astype(np.int64)
    return out


def partner_records(rec: Recording) -> pd.DataFrame:
    """Partner agencies' records of children they serve, with names and dates as they hold them."""
    rng, pop, needs, areas, ref, lo = rec.rng, rec.pop, rec.needs, rec.areas, rec.ref, rec.lo
    age = pop.age
    frames = []
    columns = [
        "partner",
        "prefix",
        "service",
        "forename",
        "surname",
        "dob",
        "postcode",
        "start_date",
        "truth_child_id",
    ]
    for name, prefix, service, need, share in PARTNERS:
        k = NEEDS.index(need)
        cand = np.flatnonzero(needs.has[:, k] & (age <= 17) & (age >= 2))
        use = cand[rng.random(len(cand)) < share]
        u = rng.random((len(use), 3))
        names = [
            _vary_name(rng, f, s)
            for f, s in zip(
                np.asarray(pop.forename[use], dtype=object),
                np.asarray(pop.surname[use], dtype=object),
            )
        ]
        post = np.asarray(pop.postcode[use], dtype=object).copy()
        older = np.flatnonzero(u[:, 0] < 0.1)  # an older address in the same district
        post[older] = places.postcodes(
            rng, np.array([p.split(" ")[0] for p in post[older]], dtype=object)
        )
        known = pd.DataFrame(
            {
                "forename": [f for f, _ in names],
                "surname": [s for _, s in names],
                "dob": _vary_dobs(u[:, 1], pop.dob[use]),
                "postcode": post,
                "start_date": (lo + u[:, 2] * (ref - lo)).astype(np.int64),
                "truth_child_id": pop.child_id[use],
            }
        )
        # People the authority does not know (moved in, or never referred).
        n_new = max(1, len(use) // 8)
        male = rng.random(n_new) < 0.5
        fn, sn = draw_names(rng, male)
        dobs = ref - rng.integers(3 * 365, 17 * 365, n_new)
        posts = places.postcodes(
            rng,
            areas["postcode_district"].to_numpy(dtype=object)[rng.integers(0, len(areas), n_new)],
        )
        unknown = pd.DataFrame(
            {
                "forename": np.asarray(fn, dtype=object),
                "surname": np.asarray(sn, dtype=object),
                "dob": dobs,
                "postcode": posts,
                "start_date": (lo + rng.random(n_new) * (ref - lo)).astype(np.int64),
                "truth_child_id": "",
            }
        )
        both = pd.concat([known, unknown], ignore_index=True)
        both.insert(0, "partner", name)
        both.insert(1, "prefix", prefix)
        both.insert(2, "service", service)
        frames.append(both)
    df = pd.concat(frames, ignore_index=True)[columns]
    df = df.sort_values(["prefix", "start_date", "surname"], kind="stable").reset_index(drop=True)
    num = df.groupby("prefix").cumcount() + 1
    df.insert(0, "partner_record_id", df["prefix"] + "-" + num.astype(str).str.zfill(6))
    df["dob"] = D.iso(df["dob"].to_numpy(dtype=np.int64))
    df["start_date"] = D.iso(df["start_date"].to_numpy(dtype=np.int64))
    df = df.drop(columns="prefix")
    return df[
        [
            "partner_record_id",
            "partner",
            "service",
            "forename",
            "surname",
            "dob",
            "postcode",
            "start_date",
            "truth_child_id",
        ]
    ]
