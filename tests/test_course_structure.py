"""Every unit has all its parts, and every lab has checked exercises with hints and solutions.

The checker is in tests/course_structure.py; the fixtures show it passes a complete unit and
names each missing part of an incomplete one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.course_structure import (
    ROOT,
    chapter_problems,
    front_matter,
    lab_problems,
    unit_chapters,
)

FIXTURES = Path(__file__).parent / "fixtures"
UNITS = unit_chapters()


def test_checker_passes_a_complete_unit():
    assert chapter_problems(FIXTURES / "unit_complete.md") == []
    assert lab_problems(FIXTURES / "lab_complete.ipynb") == []


def test_checker_names_each_missing_part_of_a_chapter():
    problems = chapter_problems(FIXTURES / "unit_incomplete.md")
    assert "no key points block" in problems
    assert "no 'The evidence and the law' section" in problems
    assert "content_note is true but there is no content-note block" in problems
    assert "'exercise_minutes' must be a whole number of minutes above 0" in problems


def test_checker_names_each_missing_part_of_a_lab():
    problems = lab_problems(FIXTURES / "lab_incomplete.ipynb")
    assert "2 exercise(s); a lab needs at least three" in problems
    assert "exercise fx-ex2 has no hint" in problems
    assert "exercise fx-ex2 has no solution" not in problems  # its solution starts...
    assert "solution fx-ex2 is never closed with solution-end" in problems  # ...but never ends
    assert any("draws a figure without show_figure()" in p for p in problems)
    assert any("nothing interactive works without Python" in p for p in problems)


@pytest.mark.parametrize("chapter", UNITS, ids=[p.stem for p in UNITS])
def test_unit_chapter_has_every_part(chapter: Path):
    assert chapter_problems(chapter) == []


@pytest.mark.parametrize("chapter", UNITS, ids=[p.stem for p in UNITS])
def test_unit_labs_have_checked_exercises_and_are_in_the_book(chapter: Path):
    from tests.course_structure import toc_files

    labs = front_matter(chapter.read_text())["labs"]
    assert labs, f"{chapter.name} names no lab"
    for lab in labs:
        assert lab in toc_files(), f"{lab} is not in _toc.yml"
        assert lab_problems(ROOT / f"{lab}.ipynb") == []


def test_units_are_numbered_once_each():
    numbers = [front_matter(p.read_text())["unit"] for p in UNITS]
    assert len(numbers) == len(set(numbers)), f"a unit number is used twice: {numbers}"


def test_every_practice_is_practised_in_a_unit_lab_exercise():
    import re

    from tests.course_structure import _cells, _source

    practised = set()
    for chapter in UNITS:
        for lab in front_matter(chapter.read_text())["labs"]:
            for cell in _cells(ROOT / f"{lab}.ipynb"):
                if cell["cell_type"] == "markdown" and "{exercise}" in _source(cell):
                    for classes in re.findall(r"^:class:(.*)$", _source(cell), re.M):
                        practised |= {int(n) for n in re.findall(r"practice-(\d)", classes)}
    if UNITS:
        assert practised >= set(range(1, 9)), (
            f"Practices with no exercise: {set(range(1, 9)) - practised}"
        )
