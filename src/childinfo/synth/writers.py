"""Write an authority's tables as CSV (pyarrow's writer), Parquet or one Excel workbook."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from childinfo.errors import ChildinfoError
from childinfo.outputs import SYNTHETIC_NOTE, check_folder, held_signals, new_folder, writing

FORMATS = ("csv", "parquet", "xlsx")
EXCEL_ROWS = 1_048_576  # rows in one Excel sheet, the header row included
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
                arr = pa.array(
                    s.astype(object).where(s.notna(), "").astype(str).tolist(), pa.string()
                )
            cols[c] = pc.fill_null(arr, "")
        else:
            cols[c] = pa.array(s)
    return pa.table(cols)


def prepare_out_dir(out: Path, force: bool) -> Path:
    """Check that ``out`` may be written (see :func:`childinfo.outputs.check_folder`).

    Nothing is deleted here: writers fill a hidden sibling and swap it in when complete.
    """
    check_folder(Path(out), force)
    return Path(out)


def check_excel_rows(tables: dict[str, pd.DataFrame]) -> None:
    """Refuse, before writing, a table too long for one Excel sheet."""
    for name, df in tables.items():
        if len(df) + 1 > EXCEL_ROWS:
            raise ChildinfoError(
                f"table {name} has {len(df):,} rows but an Excel sheet holds "
                f"{EXCEL_ROWS - 1:,}; use --format csv or parquet, or fewer --children"
            )


def write_table(
    df: pd.DataFrame, path: Path, fmt: str, metadata: dict[str, str] | None = None
) -> None:
    if fmt not in ("csv", "parquet"):
        raise ChildinfoError(f"unknown format {fmt!r}; use csv or parquet")
    table = to_arrow(df)
    with writing(path):
        if fmt == "csv":
            pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
        else:
            meta = {b"synthetic": b"true", b"note": SYNTHETIC_NOTE.encode()}
            meta.update({k.encode(): str(v).encode() for k, v in (metadata or {}).items()})
            table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
            pq.write_table(table, path, compression="zstd")


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
    tables = dict(la.tables)
    if la.fault_log is not None:
        tables["fault_log"] = la.fault_log
    if fmt == "xlsx":
        check_excel_rows({**tables, **{f"TRUTH_{k}": v for k, v in la.truth.items()}})
    with new_folder(Path(out), force) as folder:
        return _write_into(la, tables, folder, fmt)


def _write_into(la, tables: dict[str, pd.DataFrame], out: Path, fmt: str) -> dict[str, int]:
    cfg = la.config
    meta = {
        "authority": cfg.name,
        "seed": cfg.seed,
        "collection_year": f"{cfg.year - 1}-{str(cfg.year)[-2:]}",
    }
    counts = {}
    if fmt == "xlsx":
        readme = pd.DataFrame(
            {
                "note": [
                    SYNTHETIC_NOTE,
                    la.truth_warning,
                    f"Authority: {cfg.name}; seed {cfg.seed}; collection year {meta['collection_year']}",
                ]
            }
        )
        book = out / f"{cfg.slug}_synthetic.xlsx"
        # Our own handle: if openpyxl fails half-way (a full disk) the file is still closed here.
        # The writer is not a context manager on purpose: its __exit__ saves the whole workbook
        # even when Ctrl-C stopped the sheets, which made an interrupt wait seconds for a file
        # that is then thrown away. Saving happens only once every sheet is in.
        with writing(book), open(book, "wb") as handle:
            xw = pd.ExcelWriter(handle, engine="openpyxl")
            readme.to_excel(xw, sheet_name="README", index=False)
            for name, df in tables.items():
                df.to_excel(xw, sheet_name=name[:31], index=False)
                counts[name] = len(df)
            for name, df in la.truth.items():
                df.to_excel(xw, sheet_name=f"TRUTH_{name}"[:31], index=False)
                counts[f"truth_{name}"] = len(df)
            xw.close()
    else:
        (out / TRUTH_DIR).mkdir(exist_ok=True)
        jobs = [(df, out / f"{name}.{fmt}", meta) for name, df in tables.items()]
        jobs += [
            (df, out / TRUTH_DIR / f"{name}.{fmt}", {**meta, "teaching_only": "true"})
            for name, df in la.truth.items()
        ]
        _write_all(jobs, fmt)
        counts.update({name: len(df) for name, df in tables.items()})
        counts.update({f"truth_{name}": len(df) for name, df in la.truth.items()})
        (out / TRUTH_DIR / "README.md").write_text(
            "# Teaching-only truth\n\n" + la.truth_warning + "\n", encoding="utf-8"
        )
    import faker

    # The manifest comes last: a folder without it was never finished.
    manifest = {
        "note": SYNTHETIC_NOTE,
        "faker_version": faker.VERSION,
        "authority": cfg.name,
        "code": cfg.code,
        "seed": cfg.seed,
        "collection_year": meta["collection_year"],
        "reference_date": cfg.ref_date.isoformat(),
        "n_children_target": cfg.n_children,
        "threshold": cfg.threshold,
        "recording": cfg.recording,
        "deprivation": cfg.deprivation,
        "format": fmt,
        "rows": counts,
        "sha256": {
            p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*"))
            if p.is_file()
        },
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return counts


def _write_all(jobs: list, fmt: str) -> None:
    """Write the files two at a time; on Ctrl-C or an error, drop the files not yet started."""
    # Arrow's CSV and Parquet writers release the GIL, so two threads write two files at once
    # (each file's bytes are the same as when written alone).
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        # Held while submitting: a signal between a worker thread's start and the pool's record
        # of it would leave a thread that shutdown() does not wait for.
        with held_signals():
            futures = [pool.submit(write_table, df, path, fmt, meta) for df, path, meta in jobs]
        for future in futures:
            future.result()
    finally:
        # Every started file is finished before the caller removes the folder; a second Ctrl-C
        # must not cut this short and leave a thread writing into a folder being deleted.
        with held_signals():
            pool.shutdown(wait=True, cancel_futures=True)
