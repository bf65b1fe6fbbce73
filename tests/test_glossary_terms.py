"""Words a practitioner knows: every technical term the pages use is in the glossary, and its
first use on each page links there (or the page explains it where it is used)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.course_structure import teaching_pages

ROOT = Path(__file__).resolve().parents[1]

#: Technical terms the course uses, with the pattern that finds a use of each in prose.
TERMS = {
    "Exact Poisson interval": r"exact (?:\(?Poisson\)? )?intervals?|exact Poisson",
    "Wilson interval": r"Wilson(?: 95%)? intervals?",
    "Funnel plot": r"funnel plots?",
    "Funnel plot limits": r"99\.8% (?:funnel )?limits|control limits",
    "ROC curve": r"\bROC curves?",
    "Area under the curve": r"\bAUC\b",
    "Precision": r"\*\*precision\*\*",
    "Recall": r"\*\*recall\*\*",
    "Calibration": r"\bcalibration\b",
    "Logistic regression": r"logistic regression",
    "Base rate": r"\bbase rates?\b",
    "Statistical neighbours": r"statistical neighbours?",
    "Corporate parenting board": r"corporate parenting board",
    "Lead member": r"\blead members?\b",
    "Confidence interval": r"confidence intervals?",
    "Secondary suppression": r"secondary suppression",
    "Pseudonymisation": r"pseudonymis",
    "Special category data": r"special category data",
    "Data protection impact assessment": r"\bDPIA\b|data protection impact assessment",
    "Public task": r"public task",
}

#: Other names the glossary gives the same entry (a link to either counts).
ALIASES = {
    "Data protection impact assessment": ["DPIA"],
    "Pseudonymisation": ["pseudonym"],
    "Funnel plot limits": ["limits"],
    "Recall": ["sensitivity"],
}

#: Pages someone else owns or that are lists rather than teaching text.
SKIP = {
    "glossary.md",
    "references.md",
    "changelog.md",
    "cpd-log.md",
    "learning-record.md",
    "self-paced-route.md",
    "all-exercises.md",
    "key-points.md",
}


def _glossary_terms() -> set[str]:
    text = (ROOT / "chapters" / "glossary.md").read_text()
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {
        line.strip().lower()
        for line in block.splitlines()
        if line and not line[0].isspace() and not line.startswith(":")
    }


def _pages() -> dict[str, str]:
    return teaching_pages(SKIP)


def _prose(text: str) -> str:
    """The text with code spans, code blocks and headings blanked out (kept the same length)."""
    text = re.sub(r"```(?!\{)[^\n]*\n.*?```", lambda m: " " * len(m.group(0)), text, flags=re.S)
    text = re.sub(r"(?<!})`[^`\n]*`", lambda m: " " * len(m.group(0)), text)
    return re.sub(r"(?m)^#.*$", lambda m: " " * len(m.group(0)), text)


def test_every_listed_term_is_in_the_glossary():
    missing = sorted(t for t in TERMS if t.lower() not in _glossary_terms())
    assert missing == [], f"add these terms to chapters/glossary.md: {missing}"


@pytest.mark.parametrize("term", sorted(TERMS))
def test_first_use_on_each_page_links_to_the_glossary_or_is_explained(term):
    unlinked = []
    for page, text in _pages().items():
        prose = _prose(text)
        match = re.search(TERMS[term], prose, re.I)
        if match is None:
            continue
        # Linked anywhere before or at the first use counts; so does a page that explains the
        # term where it is used ("X is ..." / "X means ...").
        linked = any(
            re.search(r"\{term\}`[^`]*" + re.escape(name) + r"[^`]*`", text, re.I)
            for name in [term, *ALIASES.get(term, [])]
        )
        head = prose[match.start() : match.start() + 200]
        explained = re.search(r"^\W*[\w ()*]+?\W* (?:is|are|means) ", head)
        if not linked and not explained:
            line = text[: match.start()].count("\n") + 1
            unlinked.append(f"{page}:{line}: {match.group(0)!r}")
    assert unlinked == [], f"link the first use of {term!r} with {{term}}: {unlinked}"


def test_the_checker_finds_an_unlinked_use():
    prose = _prose("The report goes to the lead member each month.")
    assert re.search(TERMS["Lead member"], prose, re.I)
    assert not re.search(r"\{term\}`[^`]*Lead member", "the lead member", re.I)
