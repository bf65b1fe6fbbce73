"""A source for every claim that matters: statements of law and national statistics in the
chapters and labs carry a citation nearby.

A statement is a mention of an Article, a section, a Schedule paragraph, Working Together, a
golden rule or an England rate. "Nearby" means a ``{cite:...}`` role in the same paragraph or list
item, or within :data:`WINDOW` characters of it. A page may also point to the law page, where
each item is cited with its source: ``{doc}`law-and-guidance``` in the same paragraph counts.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.course_structure import teaching_pages

ROOT = Path(__file__).resolve().parents[1]

#: Characters either side of a statement in which a citation counts as nearby.
WINDOW = 300

#: What counts as a statement of law or a national statistic.
STATEMENTS = re.compile(
    r"\bArticles? \d+(?:\(\d\))?(?:\([a-z]+\))?"
    r"|\bsections? \d+[A-Z]*\b(?! of (?:this|the) (?:page|unit|lab|chapter))(?! enquir)"
    r"|\bSchedule \d+,? (?:Part \d+,? )?paragraphs? \d+"
    r"|\bWorking Together\b"
    r"|\bgolden rules?\b"
    r"|\bper 10,000 in England\b|\bEngland(?:'s)? (?:rate|figure)s? (?:of|was|is) \d",
    re.I,
)
CITATION = re.compile(r"\{cite:[a-z]+\}`|\{doc\}`[^`]*law-and-guidance`|\{ref\}`law-")

#: Pages that are lists of other pages' content, or that others own.
SKIP = {
    "references.md",
    "changelog.md",
    "cpd-log.md",
    "learning-record.md",
    "self-paced-route.md",
    "all-exercises.md",
    "key-points.md",
    "how-to-cite.md",
    "licence.md",
    "handouts.md",
    "accessibility.md",
}


def _pages() -> dict[str, str]:
    return teaching_pages(SKIP)


def uncited(text: str) -> list[str]:
    """The statements in ``text`` with no citation in their paragraph or within WINDOW."""
    # Headings name a topic; the paragraph under them makes the claim.
    text = re.sub(r"(?m)^#.*$", lambda m: " " * len(m.group(0)), text)
    found = []
    for block in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        for m in STATEMENTS.finditer(block.group(0)):
            start = block.start() + m.start()
            near = text[max(0, start - WINDOW) : start + WINDOW]
            if CITATION.search(block.group(0)) or CITATION.search(near):
                continue
            line = text[:start].count("\n") + 1
            found.append(f"{line}: {m.group(0)!r}")
    return found


def test_the_checker_flags_a_bare_statement_and_accepts_a_cited_one():
    assert uncited("Under Article 9(2)(g) you may share.") == ["1: 'Article 9(2)(g)'"]
    assert uncited("Under Article 9(2)(g) you may share {cite:p}`ukgdpr`.") == []
    assert uncited("England's rate was 70 per 10,000.") != []
    assert uncited("Golden rule 3 says so.\n\nSee the advice {cite:p}`dfe2024infosharing`.") == []


def test_every_statement_of_law_or_national_statistic_has_a_citation_nearby():
    problems = [f"{page}:{where}" for page, text in _pages().items() for where in uncited(text)]
    assert problems == [], "cite these (with a pinpoint) or point to the law page:\n" + "\n".join(
        problems
    )
