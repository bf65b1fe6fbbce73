"""The analyst track: code exercises fold away on the site and keep working in JupyterLab.

The first tests read the notebooks (no build); the ``site`` tests read the built lab pages and
open one in Chromium.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.course_structure import EXERCISE, GATED_END, GATED_START, toc_files
from tests.site.conftest import ROOT

LABS = [f for f in toc_files() if f.startswith("notebooks/")]
CHART = re.compile(
    r"chart_html|spec_html|alt\.Chart|\.mark_\w+\(|\bplt\.|subplots\(|\bplots\.\w+\("
)
HIDDEN_INPUT = {"hide-input", "remove-input", "remove-cell", "hide-cell"}


def _cells(lab: str) -> list[dict]:
    return json.loads((ROOT / f"{lab}.ipynb").read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def _where(cells: list[dict]) -> list[str]:
    """For each cell: 'exercise' (statement to solution start), 'solution', or 'body'."""
    out, state = [], "body"
    for cell in cells:
        src = _source(cell) if cell["cell_type"] == "markdown" else ""
        if EXERCISE.search(src):
            state = "exercise"
        elif GATED_START.search(src):
            state = "solution"
        out.append(state)
        if GATED_END.search(src):
            state = "body"
    return out


@pytest.mark.parametrize("lab", LABS)
def test_code_exercises_are_marked_for_the_analyst_track(lab):
    cells = _cells(lab)
    problems = []
    for i, (cell, where) in enumerate(zip(cells, _where(cells))):
        src = _source(cell)
        if cell["cell_type"] == "markdown" and EXERCISE.search(src):
            # The exercise's own options: the lines after its opening fence, up to the first blank
            # line (a hint inside it has a :class: of its own).
            options = src[src.index("{exercise}") :].split("\n\n")[0]
            classes = re.search(r"^:class:(.*)$", options, re.M)
            if not classes or "analyst-track" not in classes.group(1).split():
                problems.append(f"cell {i}: exercise without :class: analyst-track")
        scaffold = cell["cell_type"] == "code" and where == "exercise"
        if scaffold and "remove-cell" not in _tags(cell):
            problems.append(
                f"cell {i}: scaffold or check not tagged remove-cell (it would show "
                "Ellipsis or 'not answered yet' on the site)"
            )
    assert not problems, f"{lab}: " + "; ".join(problems)


@pytest.mark.parametrize("lab", LABS)
def test_chart_drawing_code_is_folded(lab):
    cells = _cells(lab)
    shown = [
        i
        for i, (cell, where) in enumerate(zip(cells, _where(cells)))
        if cell["cell_type"] == "code"
        and where == "body"
        and CHART.search(_source(cell))
        and not _tags(cell) & HIDDEN_INPUT
    ]
    assert not shown, (
        f"{lab}: chart-drawing cells {shown} show their code on the site; tag them hide-input"
    )


@pytest.mark.parametrize("lab", LABS)
def test_scaffolds_still_run_in_jupyterlab(lab):
    """Tags change only the site: the scaffold and check cells stay in the notebook, and every
    exercise still has a check_ call (the learner's feedback in JupyterLab)."""
    cells = _cells(lab)
    where = _where(cells)
    in_exercise = [
        _source(c) for c, w in zip(cells, where) if c["cell_type"] == "code" and w == "exercise"
    ]
    n_exercises = sum(
        bool(EXERCISE.search(_source(c))) for c in cells if c["cell_type"] == "markdown"
    )
    assert sum("check_" in s or "Feedback(" in s for s in in_exercise) >= n_exercises
    assert sum("..." in s for s in in_exercise) >= n_exercises


# --- The built site ---------------------------------------------------------------------------


@functools.cache  # three tests read each lab page: parse it once (the tests only read it)
def _page(site: Path, lab: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{lab}.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.site
@pytest.mark.parametrize("lab", LABS)
def test_no_lab_page_shows_an_unanswered_scaffold(site, lab):
    text = _page(site, lab).get_text(" ")
    for phrase in ("Ellipsis", "not answered yet"):
        assert phrase.lower() not in text.lower(), f"{lab}.html contains {phrase!r}"


@pytest.mark.site
@pytest.mark.parametrize("lab", LABS)
def test_every_exercise_sits_in_a_closed_analyst_fold(site, lab):
    soup = _page(site, lab)
    exercises = soup.select("div.exercise")
    for ex in exercises:
        fold = ex.find_parent("details", class_="childinfo-analyst")
        assert fold is not None, f"{lab}: exercise {ex.get('id')} is not in an analyst fold"
        assert not fold.has_attr("open")
        assert fold.summary.get_text().startswith("Analyst track: do it in code")
        # The worked solution, with its code and output, is in the same fold.
        assert fold.select_one("div.solution"), (
            f"{lab}: exercise {ex.get('id')} has no solution in its fold"
        )
    if exercises:
        assert soup.select("details.childinfo-analyst div.solution div.cell_output"), (
            f"{lab}: no worked solution output in the analyst folds"
        )


@pytest.mark.site
@pytest.mark.parametrize("lab", LABS)
def test_chart_cells_show_the_chart_and_fold_the_code(site, lab):
    soup = _page(site, lab)
    for cell in soup.select("div.cell"):
        if cell.find_parent("details", class_="childinfo-analyst"):
            continue  # the worked solutions' code is what the analyst fold is for
        output = cell.select_one("div.cell_output")
        draws = output is not None and output.select_one(".childinfo-chart, img, svg")
        code = cell.select_one("div.cell_input")
        if draws and code is not None:
            assert code.find_parent("details") is not None, (
                f"{lab}: a chart's code is shown unfolded: {code.get_text()[:80]!r}"
            )


@pytest.mark.site
def test_analyst_fold_opens_with_the_keyboard(visit):
    page = visit("notebooks/lab-01-population-to-care.html").page
    fold = page.locator("details.childinfo-analyst").first
    solution_output = fold.locator("div.solution div.cell_output").first
    assert not solution_output.is_visible()
    fold.locator("summary").focus()
    page.keyboard.press("Enter")
    assert fold.get_attribute("open") is not None
    assert solution_output.is_visible()
    assert "children aged 0 to 17" in solution_output.inner_text()
