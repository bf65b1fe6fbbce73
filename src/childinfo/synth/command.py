"""``childinfo generate``: the command line for the synthetic authority generator.

Examples::

    childinfo generate --seed 42 --year 2023 --out out/bf
    childinfo generate --authority quillmere --faults 0.02 --format parquet --out out/qm
    childinfo generate --returns --out out/returns
    childinfo generate --comparison --out out/comparison
    childinfo generate --england --out out/england
    childinfo generate --default --force          # rewrite the committed synthetic_data/
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from childinfo.errors import ChildinfoError
from childinfo.facts import slug
from childinfo.synth.config import SUPPORTED_YEARS, comparison_configs
from childinfo.synth.writers import FORMATS


def _int(value: str, name: str, lo: int, hi: int, example: str) -> int:
    try:
        out = int(str(value).replace("_", "").replace(",", ""))
    except ValueError:
        raise ChildinfoError(f"{name} must be a whole number, e.g. {example}") from None
    if not lo <= out <= hi:
        fmt = (lambda v: f"{v:,}") if hi >= 10_000 and name != "--year" else str
        raise ChildinfoError(f"{name} must be between {fmt(lo)} and {fmt(hi)}, e.g. {example}")
    return out


def _float(value: str, name: str, lo: float, hi: float, example: str) -> float:
    try:
        out = float(value)
    except ValueError:
        raise ChildinfoError(f"{name} must be a number, e.g. {example}") from None
    if not lo <= out <= hi:
        raise ChildinfoError(f"{name} must be between {lo} and {hi}, e.g. {example}")
    return out


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "generate", help="generate synthetic authorities, their statutory returns, or England-scale data",
        description="Generate synthetic local-authority children's data (every record is invented).")
    p.add_argument("--seed", default="42", help="random seed (default 42)")
    p.add_argument("--authority", default="brackenfold",
                   help="which authority: " + ", ".join(c.slug for c in comparison_configs()))
    p.add_argument("--children", default=None, help="number of children aged 0-17 (default: the authority's size)")
    p.add_argument("--year", default="2023", help="collection year, given by the year it ends (2023 = 2022-23)")
    p.add_argument("--faults", default="0", help="rate of injected data-quality faults, 0 to 0.2 (default 0)")
    p.add_argument("--format", default="csv", help="csv, parquet or xlsx (default csv)")
    p.add_argument("--out", default=None, help="output directory (never overwritten without --force)")
    p.add_argument("--force", action="store_true", help="replace an existing output directory")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--returns", action="store_true", help="write the CIN census XML and SSDA903 CSVs")
    mode.add_argument("--comparison", action="store_true", help="write the thirteen comparison authorities")
    mode.add_argument("--england", action="store_true", help="England scale: Parquet partitioned by authority")
    mode.add_argument("--default", action="store_true", help="rewrite the committed synthetic_data/ folder")
    p.add_argument("--scale", default="1", help="shrink every authority (comparison/England modes), e.g. 0.1")
    p.add_argument("--authorities", default="153", help="England mode: number of authorities (default 153)")
    p.add_argument("--total-children", default="12000000", help="England mode: total children (default 12,000,000)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    seed = _int(args.seed, "--seed", 0, 2**32 - 1, "--seed 42")
    year = _int(args.year, "--year", SUPPORTED_YEARS[0], SUPPORTED_YEARS[-1], "--year 2023")
    faults = _float(args.faults, "--faults", 0.0, 0.2, "--faults 0.02")
    scale = _float(args.scale, "--scale", 0.001, 10.0, "--scale 0.1")
    fmt = args.format.strip().lower()
    if fmt not in FORMATS:
        raise ChildinfoError(f"--format {args.format!r} is not known; use csv, parquet or xlsx")
    if args.default:
        return _write_default(args.force)
    if not args.out:
        raise ChildinfoError("say where to write with --out DIR (e.g. --out out/brackenfold)")
    out = Path(args.out)
    if args.england:
        from childinfo.synth.england import generate_england
        n_auth = _int(args.authorities, "--authorities", 1, 400, "--authorities 153")
        total = _int(args.total_children, "--total-children", 1000, 20_000_000, "--total-children 12000000")
        summary = generate_england(out, seed=seed, year=year, n_authorities=n_auth,
                                   total_children=int(total * scale), force=args.force)
        print(f"wrote {summary['children']:,} children in {summary['authorities']} authorities to {out}")
        return 0
    if args.comparison:
        from childinfo.synth.generate import generate_authority
        from childinfo.synth.writers import prepare_out_dir, write_authority
        prepare_out_dir(out, args.force)
        for cfg in comparison_configs(seed=seed, year=year, scale=scale):
            la = generate_authority(cfg, faults=faults)
            write_authority(la, out / cfg.slug, fmt, force=True)
            print(f"{cfg.name}: {len(la.tables['children']):,} children -> {out / cfg.slug}")
        return 0
    cfg = _config(args.authority, seed, year, args.children)
    from childinfo.synth.generate import generate_authority
    la = generate_authority(cfg, faults=faults)
    if args.returns:
        from childinfo.synth.returns import write_returns
        files = write_returns(la, out, force=args.force)
        print(f"wrote {len(files)} return files for {cfg.name} {year - 1}-{str(year)[-2:]} to {out}")
        return 0
    from childinfo.synth.writers import write_authority
    counts = write_authority(la, out, fmt, force=args.force)
    print(f"wrote {len(counts)} tables for {cfg.name} ({counts['children']:,} children) to {out}")
    return 0


def _config(name: str, seed: int, year: int, children: str | None):
    configs = {c.slug: c for c in comparison_configs(seed=seed, year=year)}
    key = slug(name)
    if key not in configs:
        raise ChildinfoError(f"--authority {name!r} is not known; choose one of: {', '.join(configs)}")
    cfg = configs[key]
    if key == "brackenfold":
        cfg = dataclasses.replace(cfg, seed=seed)  # Brackenfold's seed is the --seed itself
    if children is not None:
        cfg = dataclasses.replace(cfg, n_children=_int(children, "--children", 200, 5_000_000, "--children 60000"))
    return cfg


def _write_default(force: bool) -> int:
    from childinfo.data import data_dir
    from childinfo.synth.config import default_config
    from childinfo.synth.dictionary import data_dictionary
    from childinfo.synth.generate import generate_authority
    from childinfo.synth.writers import write_authority
    folder = data_dir()
    if not folder.exists():
        raise ChildinfoError(f"{folder} not found; run --default from a clone of the course repository")
    write_authority(generate_authority(default_config()), folder / "brackenfold", "csv", force=force)
    data_dictionary().to_csv(folder / "data_dictionary.csv", index=False, lineterminator="\n")
    print(f"rewrote {folder / 'brackenfold'} and data_dictionary.csv", file=sys.stdout)
    return 0
