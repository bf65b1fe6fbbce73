"""England-scale mode: about 12 million children in 153 fictional authorities, as Parquet.

Authorities are generated one at a time per worker (two workers, one per core), each written
straight to ``<table>/authority=<code>/part-0.parquet`` and then dropped, so memory stays bounded
by the largest authority rather than growing with England. A tqdm bar shows progress.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
from pathlib import Path

import numpy as np
from tqdm import tqdm

from childinfo.errors import ChildinfoError
from childinfo.facts import DEFAULT_SEED
from childinfo.outputs import MANIFEST, held_signals, new_folder
from childinfo.synth.config import DEFAULT_YEAR, ENGLAND_LA_NUMBERS, AuthorityConfig
from childinfo.synth.places import place_names
from childinfo.synth.streams import rng_for
from childinfo.synth.writers import SYNTHETIC_NOTE, TRUTH_DIR, write_table


def england_configs(
    seed: int = DEFAULT_SEED,
    year: int = DEFAULT_YEAR,
    n_authorities: int = 153,
    total_children: int = 12_000_000,
) -> list[AuthorityConfig]:
    """Fictional authorities whose sizes (children 0-17) add up to ``total_children``.

    Sizes are log-normal, like real authorities (a few very large, many middling); practice
    cultures (deprivation, threshold, recording) vary at random.

    Example:
        >>> cs = england_configs(n_authorities=5, total_children=50_000)
        >>> len(cs), sum(c.n_children for c in cs) >= 49_000
        (5, True)
    """
    if n_authorities > min(26 * 26, len(ENGLAND_LA_NUMBERS)):
        raise ChildinfoError("at most 676 authorities (two-letter codes); use --authorities 153")
    rng = rng_for(seed, "england")
    w = rng.lognormal(0, 0.6, n_authorities)
    sizes = np.maximum(200, np.floor(w / w.sum() * total_children)).astype(int)
    names = place_names(rng, n_authorities)
    out = []
    for i in range(n_authorities):
        out.append(
            AuthorityConfig(
                name=names[i],
                code=f"{chr(65 + i // 26)}{chr(65 + i % 26)}",
                number=i + 1,
                upn_la=ENGLAND_LA_NUMBERS[i],
                n_children=int(sizes[i]),
                seed=seed * 1000 + i,
                year=year,
                deprivation=float(np.clip(rng.normal(0, 0.5), -1, 1)),
                threshold=float(np.clip(rng.normal(0, 0.5), -1.5, 1.5)),
                recording=float(rng.uniform(0.35, 0.95)),
                rich_text=False,
            )
        )
    return out


def _one(cfg: AuthorityConfig, out: str) -> dict:
    from childinfo.synth.generate import generate_authority

    la = generate_authority(cfg)
    rows = {}
    meta = {"authority": cfg.name, "seed": cfg.seed}
    for name, df in la.tables.items():
        part = Path(out) / name / f"authority={cfg.code}"
        part.mkdir(parents=True, exist_ok=True)
        write_table(df, part / "part-0.parquet", "parquet", meta)
        rows[name] = len(df)
    for name, df in la.truth.items():
        part = Path(out) / TRUTH_DIR / name / f"authority={cfg.code}"
        part.mkdir(parents=True, exist_ok=True)
        write_table(df, part / "part-0.parquet", "parquet", {**meta, "teaching_only": "true"})
    return {
        "code": cfg.code,
        "name": cfg.name,
        "children": len(la.tables["children"]),
        "rows": rows,
    }


def generate_england(
    out: Path,
    seed: int = DEFAULT_SEED,
    year: int = DEFAULT_YEAR,
    n_authorities: int = 153,
    total_children: int = 12_000_000,
    force: bool = False,
    workers: int = 2,
    progress: bool = True,
) -> dict:
    """Generate every authority and write Parquet partitioned by authority; returns a summary.

    Example:
        >>> import tempfile, pathlib
        >>> s = generate_england(pathlib.Path(tempfile.mkdtemp()) / "e", n_authorities=2,
        ...                      total_children=2_000, progress=False, workers=1)
        >>> s["authorities"]
        2
    """
    configs = england_configs(seed, year, n_authorities, total_children)
    with new_folder(Path(out), force) as folder:
        results = _write_all(configs, folder, workers, progress)
        summary = {
            "note": SYNTHETIC_NOTE,
            "seed": seed,
            "collection_year": f"{year - 1}-{str(year)[-2:]}",
            "authorities": len(results),
            "children": sum(r["children"] for r in results),
            "by_authority": results,
        }
        # Last: the file list that lets --force recognise this folder later.
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        (folder / MANIFEST).write_text(
            json.dumps({**summary, "files": files}, indent=1) + "\n", encoding="utf-8"
        )
    return summary


def _quiet_worker() -> None:
    # Ctrl-C goes to the whole process group: the parent alone decides, and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _write_all(
    configs: list[AuthorityConfig], out: Path, workers: int, progress: bool
) -> list[dict]:
    results = []
    bar = tqdm(
        total=sum(c.n_children for c in configs),
        unit=" children",
        unit_scale=True,
        desc="England",
        disable=not progress,
        leave=False,
    )  # cleared when done
    try:
        if workers <= 1:
            for cfg in configs:
                results.append(_one(cfg, str(out)))
                bar.update(cfg.n_children)
        else:
            # Largest first keeps both cores busy to the end; each worker holds one authority.
            order = sorted(configs, key=lambda c: -c.n_children)
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_quiet_worker)
            try:
                pending = [pool.apply_async(_one, (cfg, str(out))) for cfg in order]
                for cfg, result in zip(order, pending):
                    while not result.ready():  # short waits, so Ctrl-C is seen at once
                        result.wait(0.1)
                    results.append(result.get())
                    bar.update(cfg.n_children)
                pool.close()
            finally:
                with held_signals():  # a second Ctrl-C must not leave a worker writing
                    pool.terminate()  # on Ctrl-C or an error: stop them now, not after their authority
                    pool.join()
    finally:
        bar.close()
    results.sort(key=lambda r: r["code"])
    return results
