"""Speed of the synthetic authority generator, reported as ratios (never asserted in tests).

Run from the repository root:

    python bench/bench_generator.py            # everything, including England (minutes)
    python bench/bench_generator.py --quick    # skip the England run

It reports, in one run:
1. a naive Faker-per-row children table (the baseline, about 6,000 rows/s on a laptop) and our
   vectorised children table at 1M rows, as rows/s and as a ratio (target >= 150x);
2. the whole 1M-child authority with every table written to Parquet (target <= 10 s);
3. England mode, about 12 million children in 153 authorities (target <= 3 min, <= 4 GB peak).
Timings depend on the machine and on what else it is doing; the ratio in (1) is the robust figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def naive_children(n: int, seed: int = 1) -> list[dict]:
    """The baseline: one Faker call after another for every row (how many generators start)."""
    from faker import Faker
    fake = Faker("en_GB")
    Faker.seed(seed)
    eth = ["WBRI", "WOTH", "MWBC", "AIND", "APKN", "BAFR", "OOTH"]
    rows = []
    for i in range(n):
        sex = fake.random_element(["M", "F"])
        rows.append({
            "child_id": f"SYN001{i:07d}",
            "forename": fake.first_name_male() if sex == "M" else fake.first_name_female(),
            "surname": fake.last_name(),
            "dob": fake.date_between(start_date="-18y", end_date="today").isoformat(),
            "sex": sex,
            "ethnicity": fake.random_element(eth),
            "postcode": fake.postcode(),
            "fsm": fake.random_element(["Y", "N"]),
        })
    return rows


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (steady under a busy machine)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_rss_gb() -> float:
    kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return kb / 1024 / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the England run")
    ap.add_argument("--naive-rows", type=int, default=20_000)
    args = ap.parse_args(argv)
    from childinfo.synth import AuthorityConfig, generate_authority
    from childinfo.synth.children_table import children_table
    from childinfo.synth.writers import write_authority

    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    t, c = time.perf_counter(), _cpu()
    naive_children(args.naive_rows)
    naive_rate, naive_cpu = args.naive_rows / (time.perf_counter() - t), args.naive_rows / (_cpu() - c)
    print(f"1. naive Faker-per-row children table: {naive_rate:,.0f} rows/s wall, {naive_cpu:,.0f} rows/CPU-s "
          f"({args.naive_rows:,} rows)")
    t, c = time.perf_counter(), _cpu()
    df = children_table(1_000_000, seed=1)  # an Arrow table
    ours, ours_cpu = df.num_rows / (time.perf_counter() - t), df.num_rows / (_cpu() - c)
    print(f"   childinfo children table at 1M rows: {ours:,.0f} rows/s wall, {ours_cpu:,.0f} rows/CPU-s")
    print(f"   ratio: {ours / naive_rate:,.0f}x wall, {ours_cpu / naive_cpu:,.0f}x CPU (target >= 150x)")

    tmp = Path(tempfile.mkdtemp(prefix="childinfo-bench-"))
    try:
        t, c = time.perf_counter(), _cpu()
        la = generate_authority(AuthorityConfig(n_children=1_000_000, seed=1))
        t_gen = time.perf_counter() - t
        write_authority(la, tmp / "one_million", "parquet")
        t_all, c_all = time.perf_counter() - t, _cpu() - c
        n_rows = sum(len(v) for v in la.tables.values()) + sum(len(v) for v in la.truth.values())
        print(f"2. 1M-child authority, every table to Parquet: {t_all:.1f} s wall, {c_all:.1f} CPU-s "
              f"(generate {t_gen:.1f} s; {len(la.tables) + len(la.truth)} tables, {n_rows:,} rows; target <= 10 s)")
        del la
        if not args.quick:
            from childinfo.synth.england import generate_england
            t, c = time.perf_counter(), _cpu()
            s = generate_england(tmp / "england", progress=True)
            t_eng, c_eng = time.perf_counter() - t, _cpu() - c
            print(f"3. England mode: {s['children']:,} children in {s['authorities']} authorities: "
                  f"{t_eng:.0f} s wall, {c_eng:.0f} CPU-s over 2 workers (target <= 180 s); "
                  f"peak memory of the largest process {_peak_rss_gb():.2f} GB (target <= 4 GB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
