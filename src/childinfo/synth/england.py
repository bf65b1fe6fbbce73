"""England-scale mode: about 12 million children in 153 fictional authorities, as Parquet.

Authorities are generated one at a time per worker (two workers, one per core), each written
straight to ``<table>/authority=<code>/part-0.parquet`` and then dropped, so memory stays bounded
by the largest authority rather than growing with England. A tqdm bar shows progress.
"""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np
from tqdm import tqdm

from childinfo.errors import ChildinfoError
from childinfo.synth.config import ENGLAND_LA_NUMBERS, AuthorityConfig
from childinfo.synth.places import place_names
from childinfo.synth.writers import SYNTHETIC_NOTE, TRUTH_DIR, prepare_out_dir, write_table


def england_configs(seed: int = 42, year: int = 2023, n_authorities: int = 153,
                    total_children: int = 12_000_000) -> list[AuthorityConfig]:
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
    rng = np.random.default_rng([seed, 153])
    w = rng.lognormal(0, 0.6, n_authorities)
    sizes = np.maximum(200, np.floor(w / w.sum() * total_children)).astype(int)
    names = place_names(rng, n_authorities)
    out = []
    for i in range(n_authorities):
        out.append(AuthorityConfig(
            name=names[i], code=f"{chr(65 + i // 26)}{chr(65 + i % 26)}", number=i + 1, upn_la=ENGLAND_LA_NUMBERS[i],
            n_children=int(sizes[i]), seed=seed * 1000 + i, year=year,
            deprivation=float(np.clip(rng.normal(0, 0.5), -1, 1)), threshold=float(np.clip(rng.normal(0, 0.5), -1.5, 1.5)),
            recording=float(rng.uniform(0.35, 0.95)), rich_text=False,
        ))
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
    return {"code": cfg.code, "name": cfg.name, "children": len(la.tables["children"]), "rows": rows}


def generate_england(out: Path, seed: int = 42, year: int = 2023, n_authorities: int = 153,
                     total_children: int = 12_000_000, force: bool = False, workers: int = 2,
                     progress: bool = True) -> dict:
    """Generate every authority and write Parquet partitioned by authority; returns a summary.

    Example:
        >>> import tempfile, pathlib
        >>> s = generate_england(pathlib.Path(tempfile.mkdtemp()) / "e", n_authorities=2,
        ...                      total_children=2_000, progress=False, workers=1)
        >>> s["authorities"]
        2
    """
    out = prepare_out_dir(Path(out), force)
    configs = england_configs(seed, year, n_authorities, total_children)
    results = []
    bar = tqdm(total=sum(c.n_children for c in configs), unit=" children", unit_scale=True,
               desc="England", disable=not progress)
    if workers <= 1:
        for cfg in configs:
            results.append(_one(cfg, str(out)))
            bar.update(cfg.n_children)
    else:
        # Largest first keeps both cores busy to the end; each worker holds one authority at a time.
        order = sorted(configs, key=lambda c: -c.n_children)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_one, cfg, str(out)): cfg for cfg in order}
            for fut in as_completed(futures):
                results.append(fut.result())
                bar.update(futures[fut].n_children)
    bar.close()
    results.sort(key=lambda r: r["code"])
    summary = {"note": SYNTHETIC_NOTE, "seed": seed, "collection_year": f"{year - 1}-{str(year)[-2:]}",
               "authorities": len(results), "children": sum(r["children"] for r in results),
               "by_authority": results}
    (out / "manifest.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary
