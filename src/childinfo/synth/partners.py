"""Records held by fictional third-sector partners, under their own identifiers.

Each partner keeps its own spelling of names, dates and postcodes, so linking them to the
authority's records is a real exercise. ``truth_child_id`` (teaching only) says who each record
really belongs to; it is empty for people the authority does not know.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from childinfo.synth import dates as D
from childinfo.synth import places
from childinfo.synth.codes import NEEDS
from childinfo.synth.population import draw_names

# (name, ID prefix, service, need served, share of children with that need who use it)
PARTNERS = [
    ("Lanternway Young Carers", "LYC", "Young carers support", "young_carer", 0.35),
    ("Brightwater Family Support", "BFS", "Family support and food bank", "poverty_housing", 0.15),
    ("Kestrel Youth Project", "KYP", "Youth work and mentoring", "exploitation", 0.4),
    ("Harbourlight Domestic Abuse Service", "HDA", "Children's recovery groups", "domestic_abuse", 0.2),
    ("Little Acorns Talk Club", "LAT", "Speech and language groups", "speech_language", 0.25),
]
_NICK = {"Alexander": "Alex", "Benjamin": "Ben", "Christopher": "Chris", "Daniel": "Dan", "Elizabeth": "Beth",
         "Jessica": "Jess", "Joshua": "Josh", "Katherine": "Kate", "Matthew": "Matt", "Michael": "Mike",
         "Nicholas": "Nick", "Rebecca": "Becky", "Samuel": "Sam", "Thomas": "Tom", "William": "Will",
         "Jennifer": "Jenny", "Victoria": "Vicky", "Jonathan": "Jon", "Abigail": "Abi", "Charlotte": "Charlie"}


def _typo(rng, s: str) -> str:
    if len(s) < 4:
        return s
    i = int(rng.integers(1, len(s) - 1))
    if rng.random() < 0.5:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]  # swap two letters
    return s[:i] + s[i + 1:]  # drop a letter


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


def _vary_dob(rng, dob: int) -> int:
    u = rng.random()
    d = D.to_datetime64(np.array([dob]))[0].astype(object)
    if u < 0.04 and d.day <= 12 and d.day != d.month:  # day and month swapped
        return int(D.day(d.replace(day=d.month, month=d.day)))
    if u < 0.08:
        return dob + int(rng.choice([-1, 1]))
    if u < 0.10:
        return int(D.day(d.replace(day=1)))
    return dob


def make_tables(ctx: dict) -> dict[str, pd.DataFrame]:
    cfg, rng, pop, needs, areas = (ctx[k] for k in ("cfg", "rng", "pop", "needs", "areas"))
    ref, lo = ctx["ref"], ctx["lo"]
    age = pop["age"]
    rows = []
    for name, prefix, service, need, share in PARTNERS:
        k = NEEDS.index(need)
        cand = np.flatnonzero(needs["has"][:, k] & (age <= 17) & (age >= 2))
        use = cand[rng.random(len(cand)) < share]
        for c in use:
            fore, sur = _vary_name(rng, str(pop["forename"][c]), str(pop["surname"][c]))
            post = pop["postcode"][c]
            if rng.random() < 0.1:  # an older address
                post = places.postcodes(rng, np.array([post.split(" ")[0]]))[0]
            rows.append((name, prefix, service, fore, sur, _vary_dob(rng, int(pop["dob"][c])), post,
                         int(lo + rng.random() * (ref - lo)), pop["child_id"][c]))
        # People the authority does not know (moved in, or never referred).
        n_new = max(1, len(use) // 8)
        male = rng.random(n_new) < 0.5
        fn, sn = draw_names(rng, male)
        dobs = ref - rng.integers(3 * 365, 17 * 365, n_new)
        posts = places.postcodes(rng, areas["postcode_district"].to_numpy(dtype=str)[rng.integers(0, len(areas), n_new)])
        for f, s, d, p in zip(fn, sn, dobs, posts):
            rows.append((name, prefix, service, f, s, int(d), p, int(lo + rng.random() * (ref - lo)), ""))
    df = pd.DataFrame(rows, columns=["partner", "prefix", "service", "forename", "surname", "dob", "postcode",
                                     "start_date", "truth_child_id"])
    df = df.sort_values(["prefix", "start_date", "surname"], kind="stable").reset_index(drop=True)
    num = df.groupby("prefix").cumcount() + 1
    df.insert(0, "partner_record_id", df["prefix"] + "-" + num.astype(str).str.zfill(6))
    df["dob"] = D.iso(df["dob"].to_numpy(dtype=np.int64))
    df["start_date"] = D.iso(df["start_date"].to_numpy(dtype=np.int64))
    df = df.drop(columns="prefix")
    return {"partner_records": df[["partner_record_id", "partner", "service", "forename", "surname", "dob",
                                   "postcode", "start_date", "truth_child_id"]]}
