"""Author-year citations in the built site: one label for one source, in the text and in the list."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import pytest

from tests.site.conftest import toc_pages

pytestmark = pytest.mark.site

CITATION = re.compile(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', re.S)
LINK = re.compile(r'<a class="reference internal" href="([^"#]*)#([^"]+)"[^>]*>(.*?)</a>', re.S)
LIST_ENTRY = re.compile(r'<div class="citation" id="([^"]+)"[^>]*>(.*?)</div>', re.S)
YEAR = re.compile(r"(\d{4}[a-z]*|n\.d\.(?:-[a-z]+)?)$")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment))).strip()


def test_each_author_year_label_names_one_source_and_the_list_shows_its_letter(site: Path):
    sources_by_label: dict[str, set[str]] = defaultdict(set)
    for page in toc_pages():
        for citation in CITATION.findall((site / page).read_text(encoding="utf-8")):
            for target_page, target_id, label in LINK.findall(citation):
                label = _text(label)
                if "," in label:  # "Author, year": textual citations split author and year
                    sources_by_label[label].add(f"{Path(target_page).name}#{target_id}")
    assert sources_by_label, "no author-year citations found in the site"
    shared = {label: sorted(t) for label, t in sources_by_label.items() if len(t) > 1}
    assert shared == {}, f"one label, several sources: {shared}"

    references = (site / "chapters" / "references.html").read_text(encoding="utf-8")
    entries = {cid: _text(body) for cid, body in LIST_ENTRY.findall(references)}
    labels_by_source: dict[str, list[str]] = defaultdict(list)
    for label, targets in sources_by_label.items():
        labels_by_source[next(iter(targets))].append(label)
    assert {s: ls for s, ls in labels_by_source.items() if len(ls) > 1} == {}, (
        "one source, several labels"
    )
    for label, targets in sources_by_label.items():
        (target,) = targets
        year = YEAR.search(label).group(1)
        entry = entries[target.split("#", 1)[1]]
        shown = re.search(rf"\b{re.escape(year)}(?![\w-])", entry)  # 2025a, not 2025 or 2025ab
        assert shown, f"{label!r}: the list entry does not show {year}: {entry[:160]}"
    # the two Department for Education releases of 2025 that unit 1 cites side by side
    assert {"Department for Education, 2025a", "Department for Education, 2025b"} <= set(
        sources_by_label
    )
