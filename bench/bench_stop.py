"""Measure how soon `childinfo generate` stops after Ctrl-C, in every output mode.

Run with ``.venv/bin/python bench/bench_stop.py [--repeat 3]``. For each mode it makes an
earlier output, starts the same command again with ``--force``, sends SIGINT once the run is
writing (its hidden sibling exists), and times the run's exit. It prints the median and the
slowest of the repeats and writes them to ``bench/results/stop.json``. Nothing passes or fails:
the figures are set beside the target (Ctrl-C acts within a second in every mode, issue 12).
Whether the earlier output survives is the test suite's job (``tests/test_cli_safety.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0
# mode: (target folder, the command's options, seconds to wait once writing has begun)
MODES = {
    "csv": ("bf", ["--children", "60000", "--seed", "6"], 0.2),
    "parquet": ("pq", ["--children", "60000", "--seed", "6", "--format", "parquet"], 0.2),
    "xlsx": ("xl", ["--children", "5000", "--seed", "6", "--format", "xlsx"], 0.5),
    "returns": ("rt", ["--returns", "--children", "30000", "--seed", "6"], 0.0),
    "england": ("en", ["--england", "--authorities", "12", "--total-children", "240000"], 1.5),
}


def _command(target: str, options: list[str]) -> list[str]:
    return [sys.executable, "-m", "childinfo.cli", "generate", *options, "--out", target]


def stop_seconds(work: Path, target: str, options: list[str], after: float) -> float:
    """Seconds from SIGINT (sent to the whole process group, as a terminal does) to the exit."""
    proc = subprocess.Popen(
        [*_command(target, options), "--force"],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not list(work.glob(f".{target}.partial-*")):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"{target}: the run ended before it could be stopped")
        time.sleep(0.005)
    time.sleep(after)
    sent = time.perf_counter()
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=120)
    return time.perf_counter() - sent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="childinfo-bench-stop-") as tmp:
        work = Path(tmp)
        for mode, (target, options, after) in MODES.items():
            subprocess.run(_command(target, options), cwd=work, check=True, capture_output=True)
            times = [stop_seconds(work, target, options, after) for _ in range(args.repeat)]
            figures[mode] = {"median_s": statistics.median(times), "slowest_s": max(times)}
            print(
                f"{mode:8} stopped {figures[mode]['median_s']:.2f} s after Ctrl-C (median of "
                f"{args.repeat}; slowest {figures[mode]['slowest_s']:.2f} s; "
                f"target <= {TARGET_S:.0f} s)"
            )
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "stop.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
