"""Time the lab toolkit on the committed synthetic authority (Brackenfold).

Run: ``python bench/bench_toolkit.py``. Prints one line per step; nothing is asserted, so
machine load cannot fail a build. Results are for planning lab timings on a 2-core machine.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from childinfo.toolkit import disclosure, fairness, linkage, quality, rates, voice
from childinfo.toolkit.data import load_authority


def timed(label: str, func, *args, **kwargs):
    start = time.perf_counter()
    out = func(*args, **kwargs)
    print(f"{label:<55} {time.perf_counter() - start:7.2f} s")
    return out


def main() -> None:
    la = timed("load_authority()", load_authority)
    tables = la.tables
    timed(
        "quality: check_tables on all rules",
        quality.check_tables,
        tables,
        quality.authority_rules(f"{la.config.year}-03-31", tables),
    )
    counts = pd.crosstab(la.children["ethnicity"], la.children["sex"])
    timed(f"disclosure: publish_table {counts.shape}", disclosure.publish_table, counts, 6)
    # Linked tables: (ethnic group, sex) by need, with ethnic group by need and sex by need.
    ref = la.referrals.merge(la.children[["child_id", "ethnicity", "sex"]], on="child_id")
    ref["group"] = ref["ethnicity"].str[0]
    linked = ref.groupby(["group", "sex", "primary_need_code"]).size().unstack(fill_value=0)
    published = timed(
        f"disclosure: publish_linked_tables {linked.shape}, 3 views",
        disclosure.publish_linked_tables,
        linked,
        [("group", "sex"), ("group",), ("sex",)],
        disclosure.THRESHOLD,
    )
    hidden = sum(int((t == "c").to_numpy().sum()) for t in published.values())
    print(f"{'  figures hidden across the three tables':<55} {hidden:7d}")
    timed(
        "disclosure: k_anonymity on children (dob, sex, postcode)",
        disclosure.k_anonymity,
        la.children,
        ["dob", "sex", "postcode"],
    )
    partner = la.partner_records.drop(columns="truth_child_id")
    timed(
        "linkage: link_deterministic",
        linkage.link_deterministic,
        la.children,
        partner,
        [["forename", "surname", "dob"]],
        right_id="partner_record_id",
    )
    timed(
        "linkage: link_probabilistic (splink, DuckDB)",
        linkage.link_probabilistic,
        la.children,
        partner,
        right_id="partner_record_id",
        first_name="forename",
    )
    timed(
        "linkage: keyed pseudonyms for every child",
        linkage.pseudonymise,
        la.children,
        ["forename", "surname", "dob"],
        b"benchmark-key-not-a-real-secret!",
    )
    recs = la.voice_records
    timed("voice: keyword_code on all voice records", voice.keyword_code, recs["text"])
    timed(
        "voice: train_theme_classifier",
        voice.train_theme_classifier,
        recs["text"],
        recs["truth_themes"],
    )
    rng = np.random.default_rng(0)
    units = pd.DataFrame({"la": range(150), "population": rng.integers(5_000, 300_000, 150)})
    units["events"] = rng.poisson(units["population"] * 70 / 10_000)
    timed("rates: funnel_position for 150 authorities", rates.funnel_position, units)
    y = rng.integers(0, 2, 20_000)
    timed(
        "fairness: group_metrics on 20,000 predictions",
        fairness.group_metrics,
        y,
        rng.integers(0, 2, 20_000),
        rng.choice(list("ABCDE"), 20_000),
    )


if __name__ == "__main__":
    main()
