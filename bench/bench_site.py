"""Measure the site: build times, each notebook's execution time, size, and page weight.

Run with ``make bench`` (or ``.venv/bin/python bench/bench_site.py``). It prints a report and
writes the figures to ``bench/results/site.json``. ``bench_site.py --site _build/html`` only
weighs the pages of a site already built. Nothing here passes or fails: the figures
are compared with the course's targets so a change that slows the build shows up as a ratio.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from childinfo.course.book import build_command  # noqa: E402
from childinfo.course.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from tests.site.conftest import toc_pages  # noqa: E402

# Page weight targets from issue 16: a text page with everything it loads at most 400 KB raw and
# 100 KB gzip; a lab page at most 1 MB raw and 300 KB gzip (vega included when it has charts).
TARGETS = {
    "clean_build_s": 240.0,
    "rebuild_s": 10.0,
    "text_page_kb": 400.0,
    "lab_page_kb": 1000.0,
    "text_page_gzip_kb": 100.0,
    "lab_page_gzip_kb": 300.0,
    "explorer_s": 15.0,  # issue 11: the explorer's views add at most about 15 s to a build
}
EXECUTED = re.compile(r"(\S+\.ipynb): Executed notebook in ([\d.]+) seconds")


def build(out: Path) -> tuple[float, str]:
    cmd = build_command(out, ROOT)
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"The build failed, so there is nothing to measure:\n{result.stdout[-3000:]}")
    return elapsed, result.stdout + result.stderr


def page_weights(site: Path) -> dict[str, tuple[int, int]]:
    """Bytes each page transfers when opened cold, with every resource it loads: as this
    uncompressing test server sends them, and gzip-compressed as a typical web server would."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in toc_pages():
            context = browser.new_context()
            page = context.new_page()
            total = [0, 0]

            def add(request, total=total):
                sizes = request.sizes()
                total[0] += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                response = request.response()
                body = response.body() if response is not None else b""
                total[1] += len(gzip.compress(body, 6)) + sizes["responseHeadersSize"]

            page.on("requestfinished", add)
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            weights[path] = (total[0], total[1])
            context.close()
        browser.close()
    return weights


def explorer_cost() -> dict:
    """The Brackenfold explorer's share of a build: making and suppressing every view it offers
    (CPU and wall seconds, data loading included) and the size of the JSON embedded in its page.
    Run in a fresh process so no cache helps it."""
    code = (
        "import gzip, json, time\n"
        "c = time.process_time()\n"
        "from childinfo.course import explorer\n"
        "i, w = time.process_time(), time.perf_counter()\n"
        "data = explorer.explorer_data()\n"
        "text = json.dumps(data, separators=(',', ':')).encode()\n"
        "print(json.dumps({'views': len(data['views']),\n"
        "  'import_cpu_s': round(i - c, 1),\n"
        "  'precompute_cpu_s': round(time.process_time() - i, 1),\n"
        "  'precompute_wall_s': round(time.perf_counter() - w, 1),\n"
        "  'json_kb': round(len(text) / 1e3), 'json_gzip_kb': round(len(gzip.compress(text)) / 1e3)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def weigh_only(site: Path) -> None:
    """``--site PATH``: weigh the pages of a site already built, without building (for working on
    page weight; the full run builds afresh)."""
    weights = page_weights(site)
    for kind in ("text", "lab"):
        rows = {p: w for p, w in weights.items() if p.startswith("notebooks/") == (kind == "lab")}
        raw = [w[0] for w in rows.values()]
        gz = [w[1] for w in rows.values()]
        print(
            f"{kind} page: median {statistics.median(raw) / 1e3:.0f} KB raw, "
            f"{statistics.median(gz) / 1e3:.0f} KB gzip; max {max(raw) / 1e3:.0f} KB raw "
            f"({max(rows, key=lambda p: rows[p][0])}), {max(gz) / 1e3:.0f} KB gzip"
        )
    for path, (raw, gz) in weights.items():
        print(f"  {path:<55} {raw / 1e3:7.0f} KB {gz / 1e3:6.0f} KB gzip")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--site":
        weigh_only(Path(sys.argv[2]))
        return
    if sys.argv[1:] == ["--explorer"]:
        print(json.dumps(explorer_cost(), indent=2))
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        clean_s, log = build(out)
        rebuild_s, _ = build(out)
        site = out / "_build" / "html"
        notebooks = {Path(p).name: float(s) for p, s in EXECUTED.findall(log)}
        size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
        weights = page_weights(site)

    def pages(kind: str, compressed: int) -> list[int]:
        return [
            w[compressed]
            for p, w in weights.items()
            if p.startswith("notebooks/") == (kind == "lab")
        ]

    figures = {
        "clean_build_s": round(clean_s, 1),
        "rebuild_s": round(rebuild_s, 1),
        "notebook_execution_s": notebooks,
        "site_size_mb": round(size / 1e6, 1),
        "text_page_kb": {
            "median": round(statistics.median(pages("text", 0)) / 1e3),
            "max": round(max(pages("text", 0)) / 1e3),
        },
        "lab_page_kb": {
            "median": round(statistics.median(pages("lab", 0)) / 1e3),
            "max": round(max(pages("lab", 0)) / 1e3),
        },
        "text_page_gzip_kb": {
            "median": round(statistics.median(pages("text", 1)) / 1e3),
            "max": round(max(pages("text", 1)) / 1e3),
        },
        "lab_page_gzip_kb": {
            "median": round(statistics.median(pages("lab", 1)) / 1e3),
            "max": round(max(pages("lab", 1)) / 1e3),
        },
        "pages": {p: [round(w[0] / 1e3), round(w[1] / 1e3)] for p, w in weights.items()},
        "explorer": explorer_cost(),
    }

    def ratio(value: float, key: str) -> str:
        return f"{value / TARGETS[key]:.2f} of target {TARGETS[key]:g}"

    print(
        f"clean build           {figures['clean_build_s']:>8.1f} s   ({ratio(clean_s, 'clean_build_s')})"
    )
    print(
        f"no-change rebuild     {figures['rebuild_s']:>8.1f} s   ({ratio(rebuild_s, 'rebuild_s')})"
    )
    for name, secs in notebooks.items():
        print(f"  executed {name:<40} {secs:6.1f} s")
    print(f"site size             {figures['site_size_mb']:>8.1f} MB")
    e = figures["explorer"]
    print(
        f"explorer              {e['views']} views in {e['precompute_cpu_s']} s CPU "
        f"({e['precompute_wall_s']} s wall, target ~{TARGETS['explorer_s']:g} s); "
        f"JSON {e['json_kb']} KB, {e['json_gzip_kb']} KB gzip"
    )
    for kind in ("text_page_kb", "lab_page_kb", "text_page_gzip_kb", "lab_page_gzip_kb"):
        f = figures[kind]
        target = kind
        print(
            f"{kind.replace('_kb', '').replace('_', ' '):<21} median {f['median']:>6} KB, "
            f"max {f['max']:>6} KB ({ratio(f['max'], target)})"
        )
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "site.json").write_text(json.dumps(figures, indent=2))
    print(f"figures written to {results / 'site.json'}")


if __name__ == "__main__":
    main()
