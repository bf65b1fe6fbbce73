"""Run a lab against a workshop table's authority, and read what it said.

Each lab is executed twice in a test run: against Brackenfold by the site build, and once
against a comparison authority in the workshop pack (``tests/test_pack.py``: half the labs at
Quillmere's table, half at Tarnhollow's, in the pack's own environment). These helpers read the
executed notebook's outputs and check that the lab speaks of the authority it ran on.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat

LABS = Path(__file__).resolve().parents[1] / "notebooks"

# Run in the pack's own Python (or this one): execute a lab, write the executed copy beside it.
RUN_NOTEBOOK = """
import sys, nbformat, nbclient
from childinfo.course.kernel_wait import wait_in_slices

wait_in_slices()  # a missed wake-up costs a second, not the cell's whole timeout
path, cwd, out = sys.argv[1:4]
nb = nbformat.read(path, as_version=4)
nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                        resources={"metadata": {"path": cwd}}).execute()
nbformat.write(nb, out)
"""


def outputs(executed: Path) -> list[str]:
    """Each output of an executed notebook, as text (plain, Markdown, HTML and chart specs)."""
    nb = nbformat.read(executed, as_version=4)
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts = [out.get("text", "")]
            parts += [data.get(kind, "") for kind in ("text/plain", "text/markdown", "text/html")]
            parts += [
                json.dumps(v) for k, v in data.items() if k.startswith("application/vnd.vega")
            ]
            texts.append("\n".join(parts))
    return texts


def output_text(executed: Path) -> str:
    """Every output of an executed notebook, as one text."""
    return "\n".join(outputs(executed))


def stale_mentions(output: str, other: str = "Brackenfold") -> list[str]:
    """Sentences in a lab's output that still speak of another authority."""
    found = re.findall(rf"[^\n.]{{0,60}}\b{other}'?s?\b[^\n.]{{0,40}}", output)
    return sorted(set(found))


def names(output: str, name: str) -> bool:
    """Whether a lab's output names the authority it ran on."""
    return re.search(rf"\b{re.escape(name)}\b", output) is not None


def right_answers(output: str) -> list[str]:
    """The option text each quiz marks as right (data-correct="1")."""
    found = re.findall(r'data-correct="1"[^>]*>\s*<label[^>]*>([^<]*)</label>', output)
    return [html.unescape(text) for text in found]


def check_lab_output(lab: str, name: str, la, executed: Path) -> None:
    """A lab run on authority ``name`` names it, never Brackenfold, and its quiz follows its data.

    An output that lists ``name`` beside Brackenfold (a table or chart of the 13 authorities) is
    a comparison, not stale text."""
    texts = outputs(executed)
    output = "\n".join(texts)
    if "load_authority(" in (LABS / lab).read_text():  # a lab that reads no data names none
        assert names(output, name), f"{lab} run on {name} never names {name}"
    stale = [m for t in texts if not names(t, name) for m in stale_mentions(t)]
    assert stale == [], f"{lab} run on {name} still says Brackenfold: {stale[:5]}"
    if lab.startswith("lab-01"):
        _check_lab_1_quiz(name, la, output)


def _check_lab_1_quiz(name: str, la, output: str) -> None:
    from childinfo.course.chapter_figures import brackenfold_figures, compare_with_england
    from childinfo.facts import ENGLAND

    f = brackenfold_figures(la)
    count = int(f["bf_cic"].replace(",", ""))
    pop = int(f["bf_children_0_17"].replace(",", ""))
    verdict = compare_with_england(count, pop, ENGLAND["cic_rate"].value)
    right = [a for a in right_answers(output) if "England" in a and name in a]
    assert len(right) == 1, right
    if verdict["word"] == "close to":
        assert "close to England's" in right[0]
    else:
        fewer = verdict["rate"] < ENGLAND["cic_rate"].value
        assert right[0].startswith("Fewer" if fewer else "More")
