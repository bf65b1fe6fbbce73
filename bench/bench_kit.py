"""Measure the trainer's kit: how long `childinfo kit` takes after `make book`, and its size.

Run with ``.venv/bin/python bench/bench_kit.py [--site _build/html]`` after ``make book``. It
prints a report and writes the figures to ``bench/results/kit.json``. Nothing passes or fails:
the figures are set beside the targets (the kit in at most 2 minutes).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from childinfo.course.kit import make_kit  # noqa: E402

TARGETS = {"kit_s": 120.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(f"No built site at {args.site}: run `make book` first.", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="childinfo-bench-kit-"))
    try:
        start = time.perf_counter()
        kit = make_kit(work / "kit", args.site)
        elapsed = time.perf_counter() - start

        def mb(path: Path) -> float:
            files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
            return round(sum(p.stat().st_size for p in files) / 1e6, 2)

        figures = {
            "kit_s": round(elapsed, 1),
            "site_zip_mb": mb(kit / "site.zip"),
            "site_unzipped_mb": mb(args.site),
            "slides_mb": mb(kit / "slides"),
            "print_mb": mb(kit / "print"),
            "decks": len(list((kit / "slides").glob("*.html"))),
            "pdfs": len(list((kit / "print").glob("*.pdf"))),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"kit written in {figures['kit_s']} s (target <= {TARGETS['kit_s']:.0f} s, ratio "
        f"{figures['kit_s'] / TARGETS['kit_s']:.2f})"
    )
    for key in ("site_zip_mb", "site_unzipped_mb", "slides_mb", "print_mb", "decks", "pdfs"):
        print(f"  {key}: {figures[key]}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    report = {"figures": figures, "targets": TARGETS}
    (results / "kit.json").write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
