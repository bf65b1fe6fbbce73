"""Labs name the authority they are run on, and their quiz answers follow its data.

A workshop table's labs load the comparison authority its ``default_authority.txt`` names. Here
two comparison authorities are written to a temporary folder laid out the same way, and lab 1 and
the tour are executed there (nbclient): the output must name that authority, never Brackenfold,
and lab 1's quiz must mark as right the comparison its own interval supports.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbclient
import nbformat
import pytest

from childinfo.course.chapter_figures import brackenfold_figures, compare_with_england
from childinfo.facts import ENGLAND
from childinfo.synth.config import comparison_configs
from childinfo.synth.generate import generate_authority
from childinfo.synth.writers import write_authority
from childinfo.toolkit.data import DEFAULT_AUTHORITY_FILE

ROOT = Path(__file__).resolve().parents[1]
AUTHORITIES = ["quillmere", "tarnhollow"]
LABS = ["lab-01-population-to-care.ipynb", "lab-tour-brackenfold.ipynb"]


@pytest.fixture(scope="module", params=AUTHORITIES)
def table(request, tmp_path_factory):
    """A table folder: ``synthetic_data/<slug>/`` with the marker file, and ``labs/``."""
    config = {c.slug: c for c in comparison_configs()}[request.param]
    la = generate_authority(config)
    folder = tmp_path_factory.mktemp(request.param)
    data = folder / "synthetic_data"
    write_authority(la, data / config.slug)
    (data / DEFAULT_AUTHORITY_FILE).write_text(config.slug + "\n")
    (folder / "labs").mkdir()
    return config.name, la, folder


def _run(lab: str, folder: Path) -> str:
    """Execute a lab in the table's ``labs/`` folder; return every output's text."""
    target = folder / "labs" / lab
    shutil.copy(ROOT / "notebooks" / lab, target)
    nb = nbformat.read(target, as_version=4)
    nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(target.parent)}},
    ).execute()
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            data = out.get("data", {})
            texts.append(data.get("text/plain", ""))
            texts.append(data.get("text/html", ""))
            if "application/vnd.vegalite.v5+json" in data:
                texts.append(json.dumps(data["application/vnd.vegalite.v5+json"]))
    return "\n".join(texts)


def _right_answers(output: str) -> list[str]:
    """The option text each quiz marks as right (data-correct="1")."""
    found = re.findall(r'data-correct="1"[^>]*>\s*<label[^>]*>([^<]*)</label>', output)
    return [html.unescape(text) for text in found]


@pytest.mark.parametrize("lab", LABS)
def test_lab_names_its_authority_and_has_no_stale_text(table, lab):
    name, _, folder = table
    output = _run(lab, folder)
    assert f"{name}'s" in output or f"in {name}" in output, f"{lab} never names {name}"
    stale = sorted(set(re.findall(r"[^\n.]{0,60}\bBrackenfold'?s?\b[^\n.]{0,40}", output)))
    assert stale == [], f"{lab} run on {name} still says Brackenfold: {stale[:5]}"
    if lab.startswith("lab-01"):
        _check_lab_1_quiz(table, output)


def _check_lab_1_quiz(table, output: str) -> None:
    name, la, _ = table
    f = brackenfold_figures(la)
    count = int(f["bf_cic"].replace(",", ""))
    pop = int(f["bf_children_0_17"].replace(",", ""))
    verdict = compare_with_england(count, pop, ENGLAND["cic_rate"].value)
    right = [a for a in _right_answers(output) if "England" in a and name in a]
    assert len(right) == 1, right
    if verdict["word"] == "close to":
        assert "close to England's" in right[0]
    else:
        fewer = verdict["rate"] < ENGLAND["cic_rate"].value
        assert right[0].startswith("Fewer" if fewer else "More")
