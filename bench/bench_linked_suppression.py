"""Time suppressing Brackenfold's full linked set: (ethnicity, age) by need, with ethnicity by
need and age by need, through ``disclosure.publish_linked_tables`` (issue 12).

Run: ``python bench/bench_linked_suppression.py [--repeat N] [--ethnicities N]`` (the first N
ethnic groups only: a smaller set to compare versions quickly). Prints the time of each run,
how many figures each table hides and a digest of the published tables (the same digest before
and after a speed-up means the same cells are hidden), and writes them to
``bench/results/linked_suppression.json``. Nothing passes or fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import pandas as pd

from childinfo.toolkit import disclosure
from childinfo.toolkit.data import load_authority

ROOT = Path(__file__).resolve().parents[1]
VIEWS = [("ethnicity", "age"), ("ethnicity",), ("age",)]


def linked_counts() -> pd.DataFrame:
    """Referrals by the child's ethnicity and age band at referral (rows) and need (columns)."""
    la = load_authority()
    ref = la.referrals.merge(la.children[["child_id", "ethnicity", "dob"]], on="child_id")
    days = pd.to_datetime(ref["referral_date"]) - pd.to_datetime(ref["dob"])
    ref["age"] = disclosure.age_band((days.dt.days // 365.25).clip(lower=0).astype(int))
    ref = ref.dropna(subset=["age"])
    return ref.groupby(["ethnicity", "age", "primary_need_code"]).size().unstack(fill_value=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs to time (default 1)")
    parser.add_argument("--ethnicities", type=int, help="only the first N ethnic groups")
    args = parser.parse_args()
    counts = linked_counts()
    if args.ethnicities:
        keep = sorted(counts.index.get_level_values("ethnicity").unique())[: args.ethnicities]
        counts = counts[counts.index.get_level_values("ethnicity").isin(keep)]
    print(f"linked set: {counts.shape[0]} (ethnicity, age) rows x {counts.shape[1]} needs")
    seconds = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        published = disclosure.publish_linked_tables(counts, VIEWS, disclosure.THRESHOLD)
        seconds.append(time.perf_counter() - start)
        print(f"publish_linked_tables, 3 views: {seconds[-1]:8.1f} s", flush=True)
    hidden = {"/".join(v): int((published[v] == "c").to_numpy().sum()) for v in VIEWS}
    digest = hashlib.sha256(
        "".join(published[v].to_csv() for v in VIEWS).encode("utf-8")
    ).hexdigest()[:16]
    print(f"figures hidden: {hidden}; digest of the published tables: {digest}")
    report = {"shape": list(counts.shape), "seconds": seconds, "hidden": hidden, "digest": digest}
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "linked_suppression.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
