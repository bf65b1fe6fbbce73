"""What every unit must contain (see CONTRIBUTING.md), checked from the source files.

Each ``*_problems`` function returns a list of plain-English problems; an empty list means the
unit or lab is complete. The tests call them on every unit in the table of contents and on
deliberately incomplete fixtures, so the checker itself is shown to catch what it should.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# Lesson blocks and headings a chapter needs, in the order they must appear.
CHAPTER_PARTS: list[tuple[str, re.Pattern]] = [
    ("questions block", re.compile(r"^[:`]{3,}\{questions\}", re.M)),
    ("learning objectives block", re.compile(r"^[:`]{3,}\{objectives\}", re.M)),
    ("'The finding in plain words' section", re.compile(r"^## The finding in plain words", re.M)),
    ("'The evidence and the law' section", re.compile(r"^## The evidence and the law", re.M)),
    ("worked example in Brackenfold", re.compile(r"^## A worked example in Brackenfold", re.M)),
    (
        "'What this means for your practice' section",
        re.compile(r"^## What this means for your practice", re.M),
    ),
    ("discussion prompts block", re.compile(r"^[:`]{3,}\{discussion\}", re.M)),
    ("instructor notes block", re.compile(r"^[:`]{3,}\{instructor-note\}", re.M)),
    ("key points block", re.compile(r"^[:`]{3,}\{keypoints\}", re.M)),
    ("CPD reflection block", re.compile(r"^[:`]{3,}\{cpd-reflection\}", re.M)),
    ("'Further reading' section", re.compile(r"^## Further reading", re.M)),
]
CONTENT_NOTE = re.compile(r"^[:`]{3,}\{content-note\}", re.M)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)

EXERCISE = re.compile(r"^```+\{exercise\}[^\n]*\n(?:.*?\n)?:label:\s*(\S+)", re.M | re.S)
SOLUTION = re.compile(r"^```+\{solution(?:-start)?\}\s+(\S+)", re.M)
GATED_START = re.compile(r"^```+\{solution-start\}\s+(\S+)", re.M)
GATED_END = re.compile(r"^```+\{solution-end\}", re.M)
HINT = re.compile(r"\{hint\}")
PLOTTING = re.compile(r"\bplt\.|\.plot\(|subplots\(|\.hist\(|\bplots\.\w+\(")
STATIC_INTERACTIVE = re.compile(r"alt\.param\([^)]*bind=|\bQuiz\(", re.S)


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    return yaml.safe_load(match.group(1)) if match else {}


def chapter_problems(path: Path) -> list[str]:
    """Problems with a unit chapter: missing front matter, parts, order, citations or terms."""
    text = path.read_text(encoding="utf-8")
    meta = front_matter(text)
    problems = []
    for key in ("unit", "finding", "teaching_minutes", "exercise_minutes", "labs"):
        if key not in meta:
            problems.append(f"front matter has no '{key}'")
    for key in ("teaching_minutes", "exercise_minutes"):
        if key in meta and not (isinstance(meta[key], int) and meta[key] > 0):
            problems.append(f"'{key}' must be a whole number of minutes above 0")
    for lab in meta.get("labs") or []:
        if not (ROOT / f"{lab}.ipynb").exists():
            problems.append(f"lab {lab}.ipynb does not exist")
    if "content_note" not in meta:
        problems.append("front matter must say content_note: true or false")
    elif meta["content_note"] and not CONTENT_NOTE.search(text):
        problems.append("content_note is true but there is no content-note block")
    positions = []
    for name, pattern in CHAPTER_PARTS:
        match = pattern.search(text)
        if match is None:
            problems.append(f"no {name}")
        else:
            positions.append((match.start(), name))
    found_order = [name for _, name in sorted(positions)]
    expected_order = [name for name, _ in CHAPTER_PARTS if name in found_order]
    if found_order != expected_order:
        problems.append(f"parts out of order: {found_order}")
    if "{cite" not in text:
        problems.append("no citation ({cite} role) from references.bib")
    if "{term}" not in text:
        problems.append("no glossary term linked with {term}")
    return problems


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def lab_problems(path: Path) -> list[str]:
    """Problems with a lab: too few checked exercises, missing hints, solutions or alt text."""
    cells = _cells(path)
    problems = []
    exercises: list[tuple[int, str]] = []  # (cell index, label)
    solutions: dict[str, int] = {}
    for i, cell in enumerate(cells):
        src = _source(cell)
        if cell.get("outputs"):
            problems.append(f"cell {i} is committed with outputs")
        if cell["cell_type"] == "markdown":
            for label in EXERCISE.findall(src):
                exercises.append((i, label))
                if not HINT.search(src):
                    problems.append(f"exercise {label} has no hint")
            for label in SOLUTION.findall(src):
                solutions[label] = i
    if len(exercises) < 3:
        problems.append(f"{len(exercises)} exercise(s); a lab needs at least three")
    for i, label in exercises:
        if label not in solutions:
            problems.append(f"exercise {label} has no solution")
            continue
        between = cells[i + 1 : solutions[label]]
        if not any(c["cell_type"] == "code" and "check_" in _source(c) for c in between):
            problems.append(f"exercise {label} has no check_ call before its solution")
    problems += _gating_problems(cells)
    code = [_source(c) for c in cells if c["cell_type"] == "code"]
    if not any(STATIC_INTERACTIVE.search(src) for src in code):
        problems.append(
            "nothing interactive works without Python (an Altair chart with a "
            "bound control, or a Quiz)"
        )
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code" or not PLOTTING.search(_source(cell)):
            continue
        if "remove-cell" in cell.get("metadata", {}).get("tags", []):
            continue
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        if "show_figure(" not in _source(cell):
            # show_figure puts alt text worked out from the data on the image; typed alt text
            # goes stale (tests/site/test_figure_alt.py).
            problems.append(f"cell {i} draws a figure without show_figure() and its alt text")
        if not (mystnb.get("figure") or {}).get("caption"):
            problems.append(f"cell {i} draws a figure without a caption naming its data")
    return problems


def _gating_problems(cells: list[dict]) -> list[str]:
    """A solution that runs code must be gated: code cells sit between start and end."""
    problems, open_label = [], None
    for i, cell in enumerate(cells):
        src = _source(cell)
        if cell["cell_type"] == "markdown":
            start = GATED_START.search(src)
            if start:
                if open_label:
                    problems.append(f"solution {open_label} is not closed before cell {i}")
                open_label = start.group(1)
            if GATED_END.search(src):
                if not open_label:
                    problems.append(f"cell {i} ends a solution that was never started")
                open_label = None
    if open_label:
        problems.append(f"solution {open_label} is never closed with solution-end")
    return problems


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return files


def unit_chapters() -> list[Path]:
    """Chapters in the table of contents whose front matter names a unit."""
    paths = [ROOT / f"{f}.md" for f in toc_files() if f.startswith("chapters/")]
    return [p for p in paths if p.exists() and "unit" in front_matter(p.read_text())]


def teaching_pages(skip: set[str]) -> dict[str, str]:
    """Each teaching page's prose by file name: chapters (less ``skip`` and the workshop
    pages), and the labs' Markdown cells joined as paragraphs."""
    out = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        if path.name not in skip and not path.name.startswith("workshop"):
            out[path.name] = path.read_text()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        out[path.name] = "\n\n".join(
            "".join(c["source"]) for c in cells if c["cell_type"] == "markdown"
        )
    return out
