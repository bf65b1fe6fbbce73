"""Write an authority's tables as CSV (pyarrow's writer), Parquet or one Excel workbook."""

from __future__ import annotations

import hashlib
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from childinfo.errors import ChildinfoError

FORMATS = ("csv", "parquet", "xlsx")
SYNTHETIC_NOTE = "SYNTHETIC DATA: every person, place and identifier is invented (childinfo generator)."
TRUTH_DIR = "teaching_only_truth"


def to_arrow(df: pd.DataFrame) -> pa.Table:
    """Arrow table with plain string columns (object/str columns as utf8)."""
    cols = {}
    for c in df.columns:
        s = df[c]
        if s.dtype == object or str(s.dtype) in ("str", "string"):
            try:  # fast path: the column already holds text
                arr = pa.array(s, type=pa.string(), from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError):
                arr = pa.array(s.astype(object).where(s.notna(), "").astype(str).tolist(), pa.string())
            cols[c] = pc.fill_null(arr, "")
        else:
            cols[c] = pa.array(s)
    return pa.table(cols)


def prepare_out_dir(out: Path, force: bool) -> Path:
    """Refuse to overwrite an existing, non-empty directory unless ``force``."""
    out = Path(out)
    if out.exists() and (not out.is_dir()):
        raise ChildinfoError(f"output path {out} is a file; choose a directory path with --out")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ChildinfoError(f"output directory {out} already exists and is not empty; "
                                 "choose a new --out or add --force to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    return out


def write_table(df: pd.DataFrame, path: Path, fmt: str, metadata: dict[str, str] | None = None) -> None:
    table = to_arrow(df)
    if fmt == "csv":
        pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
    elif fmt == "parquet":
        meta = {b"synthetic": b"true", b"note": SYNTHETIC_NOTE.encode()}
        meta.update({k.encode(): str(v).encode() for k, v in (metadata or {}).items()})
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
        pq.write_table(table, path, compression="zstd")
    else:
        raise ChildinfoError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_authority(la, out: Path, fmt: str = "csv", force: bool = False) -> dict[str, int]:
    """Write every table (truth tables under ``teaching_only_truth/``) and a manifest.

    Returns the row count of each table.

    Example:
        >>> from childinfo.synth import AuthorityConfig, generate_authority
        >>> import tempfile, pathlib
        >>> la = generate_authority(AuthorityConfig(n_children=1000, seed=2))
        >>> counts = write_authority(la, pathlib.Path(tempfile.mkdtemp()) / "x", "parquet")
        >>> counts["children"] > 0
        True
    """
    if fmt not in FORMATS:
        raise ChildinfoError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = prepare_out_dir(Path(out), force)
    cfg = la.config
    meta = {"authority": cfg.name, "seed": cfg.seed, "collection_year": f"{cfg.year - 1}-{str(cfg.year)[-2:]}"}
    tables = dict(la.tables)
    if la.fault_log is not None:
        tables["fault_log"] = la.fault_log
    counts = {}
    if fmt == "xlsx":
        readme = pd.DataFrame({"note": [SYNTHETIC_NOTE, la.truth_warning,
                                        f"Authority: {cfg.name}; seed {cfg.seed}; collection year {meta['collection_year']}"]})
        with pd.ExcelWriter(out / f"{cfg.slug}_synthetic.xlsx", engine="openpyxl") as xw:
            readme.to_excel(xw, sheet_name="README", index=False)
            for name, df in tables.items():
                df.to_excel(xw, sheet_name=name[:31], index=False)
                counts[name] = len(df)
            for name, df in la.truth.items():
                df.to_excel(xw, sheet_name=f"TRUTH_{name}"[:31], index=False)
                counts[f"truth_{name}"] = len(df)
    else:
        (out / TRUTH_DIR).mkdir(exist_ok=True)
        jobs = [(df, out / f"{name}.{fmt}", meta) for name, df in tables.items()]
        jobs += [(df, out / TRUTH_DIR / f"{name}.{fmt}", {**meta, "teaching_only": "true"})
                 for name, df in la.truth.items()]
        # Arrow's CSV and Parquet writers release the GIL, so two threads write two files at once
        # (each file's bytes are the same as when written alone).
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda job: write_table(job[0], job[1], fmt, job[2]), jobs))
        counts.update({name: len(df) for name, df in tables.items()})
        counts.update({f"truth_{name}": len(df) for name, df in la.truth.items()})
        (out / TRUTH_DIR / "README.md").write_text(
            "# Teaching-only truth\n\n" + la.truth_warning + "\n", encoding="utf-8")
    import faker
    manifest = {"note": SYNTHETIC_NOTE, "faker_version": faker.VERSION, "authority": cfg.name, "code": cfg.code, "seed": cfg.seed,
                "collection_year": meta["collection_year"], "reference_date": cfg.ref_date.isoformat(),
                "n_children_target": cfg.n_children, "threshold": cfg.threshold, "recording": cfg.recording,
                "deprivation": cfg.deprivation, "format": fmt, "rows": counts,
                "sha256": {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                           for p in sorted(out.rglob("*")) if p.is_file()}}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return counts
