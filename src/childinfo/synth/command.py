"""``childinfo generate``: the command line for the synthetic authority generator.

Examples::

    childinfo generate --seed 42 --year 2023 --out out/bf
    childinfo generate --authority quillmere --faults 0.02 --format parquet --out out/qm
    childinfo generate --returns --out out/returns
    childinfo generate --comparison --out out/comparison
    childinfo generate --england --out out/england
    childinfo generate --default --force          # rewrite the committed synthetic_data/

argparse checks each value (``type=`` and ``choices=``); :func:`run` then refuses an option that
does not apply to the mode asked for, and sizes beyond Excel, memory or disk, before any work.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from childinfo.errors import ChildinfoError
from childinfo.facts import DEFAULT_SEED, data_dir, slug
from childinfo.outputs import (
    available_memory,
    check_folder,
    free_disk,
    new_file,
    new_folder,
    unchanged_if_stopped,
    write_manifest,
)
from childinfo.synth.config import DEFAULT_YEAR, SUPPORTED_YEARS, comparison_configs
from childinfo.synth.writers import EXCEL_ROWS, FORMATS

# Measured on this 2-core machine (2,000 to 600,000 children), with about a 2x margin:
# peak memory per child while one authority is generated and written (openpyxl holds a whole
# workbook), and bytes written per child. England adds Parquet's per-file overhead per authority.
MEMORY_PER_CHILD = {"csv": 3_000, "parquet": 3_000, "xlsx": 20_000, "returns": 4_000}
DISK_PER_CHILD = {"csv": 400, "parquet": 50, "xlsx": 250, "returns": 150}
DISK_PER_AUTHORITY = 200_000
ROWS_PER_CHILD = 1.02  # the longest table (children, and its truth copy) per child asked for
DEFAULT_TOTAL_CHILDREN = 12_000_000
MIN_AUTHORITY = 200  # england_configs gives every authority at least this many children


def whole(name: str, lo: int, hi: int, example: int):
    """An argparse ``type=`` for a whole number in [lo, hi]; ``1_000`` and ``1,000`` work too."""

    def convert(text: str) -> int:
        try:
            value = int(text.replace("_", "").replace(",", ""))
        except ValueError:
            value = None
        if value is None or not lo <= value <= hi:
            low, high = (f"{lo:,}", f"{hi:,}") if hi >= 10_000 else (lo, hi)
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number from {low} to {high}; e.g. {name} {example}"
            )
        return value

    convert.__name__ = "whole number"
    return convert


def number(name: str, lo: float, hi: float, example: float):
    """An argparse ``type=`` for a finite number in [lo, hi]."""

    def convert(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not lo <= value <= hi:  # also false for nan
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a number from {lo} to {hi}; e.g. {name} {example}"
            )
        return value

    convert.__name__ = "number"
    return convert


def lower(text: str) -> str:
    """An argparse ``type=`` for a name: the course's one slug rule (``childinfo.facts.slug``)."""
    return slug(text)


def add_parser(subparsers) -> None:
    slugs = [c.slug for c in comparison_configs()]
    p = subparsers.add_parser(
        "generate",
        help="generate synthetic authorities, their statutory returns, or England-scale data",
        description="Generate synthetic local-authority children's data "
        "(every record is invented).",
    )
    p.add_argument(
        "--seed",
        type=whole("--seed", 0, 2**32 - 1, DEFAULT_SEED),
        help=f"random seed (default {DEFAULT_SEED})",
    )
    p.add_argument(
        "--authority",
        type=lower,
        choices=slugs,
        metavar="NAME",
        help="which authority (default brackenfold): " + ", ".join(slugs),
    )
    p.add_argument(
        "--children",
        type=whole("--children", 200, 5_000_000, 60000),
        help="number of children aged 0-17 (default: the authority's size)",
    )
    p.add_argument(
        "--year",
        type=whole("--year", SUPPORTED_YEARS[0], SUPPORTED_YEARS[-1], DEFAULT_YEAR),
        help="collection year, given by the year it ends "
        f"(default {DEFAULT_YEAR} = {DEFAULT_YEAR - 1}-{DEFAULT_YEAR % 100:02d})",
    )
    p.add_argument(
        "--faults",
        type=number("--faults", 0.0, 0.2, 0.02),
        help="rate of injected data-quality faults, 0 to 0.2 (default 0)",
    )
    p.add_argument(
        "--format", type=lower, choices=FORMATS, help="csv, parquet or xlsx (default csv)"
    )
    p.add_argument("--out", type=Path, help="output folder (never replaced without --force)")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an earlier output of this command (only a folder it made)",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--returns", action="store_true", help="write the CIN census XML and SSDA903 CSVs"
    )
    mode.add_argument(
        "--comparison", action="store_true", help="write the thirteen comparison authorities"
    )
    mode.add_argument(
        "--england", action="store_true", help="England scale: Parquet partitioned by authority"
    )
    mode.add_argument(
        "--default", action="store_true", help="rewrite the committed synthetic_data/ folder"
    )
    p.add_argument(
        "--scale",
        type=number("--scale", 0.001, 10.0, 0.1),
        help="shrink every authority (comparison and England modes), e.g. 0.1",
    )
    p.add_argument(
        "--authorities",
        type=whole("--authorities", 1, 400, 153),
        help="England mode: number of authorities (default 153)",
    )
    p.add_argument(
        "--total-children",
        type=whole("--total-children", 1000, 20_000_000, 12_000_000),
        help="England mode: total children (default 12,000,000)",
    )
    p.set_defaults(func=run)


# The options each mode uses; any other given on the command line is an error, not ignored.
APPLIES = {
    "one authority": {"seed", "authority", "children", "year", "faults", "format", "out"},
    "--returns": {"seed", "authority", "children", "year", "faults", "out"},
    "--comparison": {"seed", "year", "faults", "format", "scale", "out"},
    "--england": {"seed", "year", "format", "scale", "authorities", "total_children", "out"},
    "--default": set(),
}
HINTS = {
    ("one authority", "scale"): "use --children to choose its size",
    ("--returns", "format"): "returns are always CIN census XML and SSDA903 CSV files",
    ("--returns", "scale"): "use --children to choose the size",
    ("--comparison", "children"): "use --scale to shrink every authority",
    ("--comparison", "authority"): "it writes all thirteen authorities",
    ("--england", "children"): "use --total-children",
    ("--england", "faults"): "England mode writes clean data",
    ("--default", "out"): "it always writes synthetic_data/; for another folder drop --default",
    ("--default", "seed"): f"it always rewrites the committed data, made with seed {DEFAULT_SEED}",
}


def _mode(args: argparse.Namespace) -> str:
    for name in ("returns", "comparison", "england", "default"):
        if getattr(args, name):
            return f"--{name}"
    return "one authority"


def _check_options(args: argparse.Namespace, mode: str) -> None:
    for dest in (
        "seed",
        "authority",
        "children",
        "year",
        "faults",
        "format",
        "out",
        "scale",
        "authorities",
        "total_children",
    ):
        if getattr(args, dest) is not None and dest not in APPLIES[mode]:
            flag = "--" + dest.replace("_", "-")
            where = "to one authority" if mode == "one authority" else f"with {mode}"
            hint = HINTS.get((mode, dest), f"remove {flag}")
            raise ChildinfoError(f"{flag} does not apply {where}; {hint}")
    if mode == "--england":
        if args.format not in (None, "parquet"):
            raise ChildinfoError(f"England mode writes Parquet only; drop --format {args.format}")
        if args.scale is not None and args.total_children is not None:
            raise ChildinfoError(
                "give --total-children or --scale, not both "
                "(--scale shrinks the default 12,000,000)"
            )
    if mode != "--default" and args.out is None:
        raise ChildinfoError("say where to write with --out DIR (e.g. --out out/brackenfold)")


def _check_size(children: int, fmt: str, out: Path, workers: int = 1) -> None:
    """Refuse, before any work, a size that Excel, memory or the disk cannot take."""
    if fmt == "xlsx" and children * ROWS_PER_CHILD + 1 > EXCEL_ROWS:
        most = int((EXCEL_ROWS - 1) / ROWS_PER_CHILD) // 1000 * 1000
        raise ChildinfoError(
            f"{children:,} children make more rows than an Excel sheet holds "
            f"({EXCEL_ROWS:,}); ask for at most about {most:,} "
            "or use --format csv"
        )
    per_child = MEMORY_PER_CHILD[fmt] * workers
    need, have = children * per_child, available_memory()
    if have is not None and need > have:
        most = int(have / per_child) // 1000 * 1000
        raise ChildinfoError(
            f"{children:,} children need about {_size(need)} of memory but "
            f"{_size(have)} is free; ask for at most about {most:,} children"
        )


def _check_disk(children: int, fmt: str, out: Path, authorities: int = 1) -> None:
    need = children * DISK_PER_CHILD[fmt] + (authorities - 1) * DISK_PER_AUTHORITY
    have = free_disk(out)
    if need > have:
        raise ChildinfoError(
            f"writing {children:,} children needs about {_size(need)} but "
            f"{_size(have)} is free where {out} goes; free some space or "
            "choose another --out"
        )


def _size(n: float) -> str:
    return f"{n / 1e9:.1f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


def run(args: argparse.Namespace) -> int:
    mode = _mode(args)
    _check_options(args, mode)
    seed = DEFAULT_SEED if args.seed is None else args.seed
    year = args.year or DEFAULT_YEAR
    faults = args.faults or 0.0
    fmt = args.format or "csv"
    scale = 1.0 if args.scale is None else args.scale
    if mode == "--default":
        return _write_default(args.force)
    out = args.out
    check_folder(out, args.force)
    with unchanged_if_stopped(out):
        return _generate(args, mode, out, seed, year, faults, fmt, scale)


def _generate(args, mode, out, seed, year, faults, fmt, scale) -> int:
    if mode == "--england":
        from childinfo.synth.england import england_configs, generate_england

        n_auth = args.authorities or 153
        total = args.total_children or round(DEFAULT_TOTAL_CHILDREN * scale)
        if total < MIN_AUTHORITY * n_auth:  # each authority has at least 200 children
            raise ChildinfoError(
                f"{n_auth} authorities of at least {MIN_AUTHORITY} children need "
                f"{MIN_AUTHORITY * n_auth:,} or more children, not {total:,}; "
                "ask for more or for fewer --authorities"
            )
        configs = england_configs(seed, year, n_auth, total)
        _check_size(max(c.n_children for c in configs), "parquet", out, workers=2)
        _check_disk(sum(c.n_children for c in configs), "parquet", out, len(configs))
        summary = generate_england(
            out,
            seed=seed,
            year=year,
            n_authorities=n_auth,
            total_children=total,
            force=args.force,
            progress=sys.stderr.isatty(),
        )
        print(
            f"wrote {summary['children']:,} children in {summary['authorities']} authorities "
            f"to {out}"
        )
        return 0
    if mode == "--comparison":
        from childinfo.synth.generate import generate_authority
        from childinfo.synth.writers import write_authority

        configs = comparison_configs(seed=seed, year=year, scale=scale)
        _check_size(max(c.n_children for c in configs), fmt, out)
        _check_disk(sum(c.n_children for c in configs), fmt, out, len(configs))
        with new_folder(out, args.force) as folder:
            for cfg in configs:
                la = generate_authority(cfg, faults=faults)
                write_authority(la, folder / cfg.slug, fmt)
                print(f"{cfg.name}: {len(la.tables['children']):,} children")
            write_manifest(
                folder,
                {
                    "comparison": [c.slug for c in configs],
                    "seed": seed,
                    "format": fmt,
                    "scale": scale,
                },
            )
        print(f"wrote {len(configs)} authorities to {out}")
        return 0
    cfg = _config(args.authority or "brackenfold", seed, year, args.children)
    _check_size(cfg.n_children, "returns" if mode == "--returns" else fmt, out)
    _check_disk(cfg.n_children, "returns" if mode == "--returns" else fmt, out)
    from childinfo.synth.generate import generate_authority

    la = generate_authority(cfg, faults=faults)
    if mode == "--returns":
        from childinfo.synth.returns import write_returns

        files = write_returns(la, out, force=args.force)
        print(
            f"wrote {len(files)} return files for {cfg.name} {year - 1}-{str(year)[-2:]} to {out}"
        )
        return 0
    from childinfo.synth.writers import write_authority

    counts = write_authority(la, out, fmt, force=args.force)
    print(f"wrote {len(counts)} tables for {cfg.name} ({counts['children']:,} children) to {out}")
    return 0


def _config(slug: str, seed: int, year: int, children: int | None):
    cfg = {c.slug: c for c in comparison_configs(seed=seed, year=year)}[slug]
    if slug == "brackenfold":
        cfg = dataclasses.replace(cfg, seed=seed)  # Brackenfold's seed is the --seed itself
    if children is not None:
        cfg = dataclasses.replace(cfg, n_children=children)
    return cfg


def _write_default(force: bool) -> int:
    from childinfo.synth.config import default_config
    from childinfo.synth.dictionary import data_dictionary
    from childinfo.synth.generate import generate_authority
    from childinfo.synth.writers import write_authority

    folder = data_dir()
    if not folder.exists():
        raise ChildinfoError(
            f"{folder} not found; run --default from a clone of the course repository"
        )
    dictionary = folder / "data_dictionary.csv"
    check_folder(folder / "brackenfold", force)
    la = generate_authority(default_config())
    ours = lambda path: path.name == dictionary.name  # noqa: E731 - always the course's own
    with new_file(dictionary, True, ours, "data dictionary") as tmp:
        data_dictionary().to_csv(tmp, index=False, lineterminator="\n")
        write_authority(la, folder / "brackenfold", "csv", force=force)
    print(f"rewrote {folder / 'brackenfold'} and data_dictionary.csv", file=sys.stdout)
    return 0
