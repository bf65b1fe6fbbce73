"""Labs name the authority they are run on, and their quiz answers follow its data.

A workshop table's labs load the comparison authority its ``default_authority.txt`` names. Here
Tarnhollow is written to a temporary folder laid out the same way and every lab is executed
there: its output must name Tarnhollow, never Brackenfold, and lab 1's quiz must mark as right
the comparison Tarnhollow's own interval supports. The workshop pack's test does the same with
Quillmere (``tests/test_pack.py``), and the site build runs every lab on Brackenfold.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from childinfo.course.pack import lab_notebooks, write_table_authority
from childinfo.toolkit.data import load_authority
from tests.lab_runs import RUN_NOTEBOOK, check_lab_output

LABS = lab_notebooks()


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    """A table folder laid out as the workshop pack lays one out: ``synthetic_data/`` and
    ``labs/``."""
    folder = tmp_path_factory.mktemp("tarnhollow")
    write_table_authority("tarnhollow", folder / "synthetic_data")
    (folder / "labs").mkdir()
    with pytest.MonkeyPatch.context() as mp:  # the labs read the table's data, as a table does
        mp.chdir(folder / "labs")
        la = load_authority()
    return la.config.name, la, folder


@pytest.mark.parametrize("lab", LABS, ids=[p.stem for p in LABS])
def test_lab_names_its_authority_and_has_no_stale_text(table, lab: Path):
    name, la, folder = table
    target = folder / "labs" / lab.name
    shutil.copy(lab, target)
    executed = target.with_suffix(".out.ipynb")
    run = subprocess.run(
        [sys.executable, "-c", RUN_NOTEBOOK, target, target.parent, executed],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, f"{lab.name} failed on {name}:\n{run.stderr[-3000:]}"
    check_lab_output(lab.name, name, la, executed)
