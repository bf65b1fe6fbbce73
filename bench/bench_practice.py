"""Measure the practitioner tasks: what they add to a lab page, and how fast a task answers.

Run after a build: ``.venv/bin/python bench/bench_practice.py [_build/html]``. It prints a report
and writes ``bench/results/practice.json``. Nothing passes or fails; the figures are compared
with the targets in issue 11:

* ``added_kb_gzip``: the gzip size of ``practice.js`` and ``practice.css`` plus what the task
  sections add to the page's own HTML (page gzipped with and without them), per lab page;
* ``click_ms``: from a click on a task's answer button to its feedback on screen (the next
  animation frame), in Chromium, for every task on every lab page.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from childinfo.course.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

TARGETS = {"added_kb_gzip": 150.0, "click_ms": 100.0}
SECTION = re.compile(r'<section class="practice [^>]*data-practice=.*?</section>', re.S)

# Fill a task's inputs as a learner would, click its last button (the one that answers) and
# wait for the next frame, so the time includes drawing the feedback.
CLICK = """async (id) => {
  const s = document.querySelector(`section[data-practice="${id}"]`);
  s.querySelectorAll('input[type=number]').forEach(i => { i.value = '50'; });
  s.querySelectorAll('textarea').forEach(t => { t.value = 'A draft with no names.'; });
  const radio = s.querySelector('input[type=radio]'); if (radio) radio.checked = true;
  const buttons = [...s.querySelectorAll('.practice-body button')].filter(b => !b.disabled);
  const button = buttons[buttons.length - 1];
  const t0 = performance.now();
  button.click();
  await new Promise(r => requestAnimationFrame(() => r()));
  const ms = performance.now() - t0;
  if (!s.querySelector('.practice-feedback').textContent) throw new Error('no feedback: ' + id);
  return ms;
}"""


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def added_sizes(site: Path) -> dict[str, float]:
    assets = sum(
        _gz((site / "_static" / name).read_bytes()) for name in ("practice.js", "practice.css")
    )
    sizes = {}
    for page in sorted((site / "notebooks").glob("lab-*.html")):
        html = page.read_text(encoding="utf-8")
        bare = SECTION.sub("", html)
        sizes[page.stem] = (assets + _gz(html.encode()) - _gz(bare.encode())) / 1024
    return sizes


def click_times(site: Path) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for page_path in sorted((site / "notebooks").glob("lab-*.html")):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}notebooks/{page_path.name}", wait_until="load")
            tasks = page.eval_on_selector_all(
                "section[data-practice]",
                "els => els.map(e => [e.dataset.practice, e.dataset.kind])",
            )
            for task_id, kind in tasks:
                times.setdefault(kind, []).append(page.evaluate(CLICK, task_id))
            context.close()
        browser.close()
    return times


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    if not (site / "_static" / "practice.js").exists():
        sys.exit(
            f"No built site with practitioner tasks at {site}: build the book first "
            "(jupyter-book build .) or pass the folder holding index.html."
        )
    sizes = added_sizes(site)
    times = click_times(site)
    every = [t for ts in times.values() for t in ts]
    report = {
        "added_kb_gzip": {
            "per_page": {k: round(v, 1) for k, v in sizes.items()},
            "max": round(max(sizes.values()), 1),
            "target": TARGETS["added_kb_gzip"],
        },
        "click_ms": {
            "per_kind_median": {k: round(statistics.median(v), 1) for k, v in times.items()},
            "median": round(statistics.median(every), 1),
            "max": round(max(every), 1),
            "tasks": len(every),
            "target": TARGETS["click_ms"],
        },
    }
    print("Practitioner tasks: gzip KB added to each lab page (target <= 150)")
    for name, kb in sizes.items():
        print(f"  {name:40s} {kb:6.1f}")
    print(
        f"Click to feedback over {len(every)} tasks (target <= 100 ms): median "
        f"{report['click_ms']['median']} ms, slowest {report['click_ms']['max']} ms"
    )
    for kind, ms in report["click_ms"]["per_kind_median"].items():
        print(f"  {kind:12s} median {ms:6.1f} ms")
    out = ROOT / "bench" / "results" / "practice.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
