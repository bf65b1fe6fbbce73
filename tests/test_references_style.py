"""The ``childinfo`` bibliography style: letters for cited items that share author and year."""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.plugin
from pybtex.database import Entry, Person, parse_file

from childinfo.course.site.references import STYLE_NAME, Style, citation_author, setup

ROOT = Path(__file__).resolve().parents[1]


def corporate(key: str, author: str, year: str | None, title: str) -> Entry:
    fields = {"title": title, "howpublished": "GOV.UK"}
    if year is not None:
        fields["year"] = year
    entry = Entry("misc", fields=fields, persons={"author": [Person("{" + author + "}")]})
    entry.key = key
    return entry


def labels(entries) -> dict[str, str]:
    return {
        e.key: f"{citation_author(e)}, {e.fields.get('year', 'n.d.')}"
        for e in Style().sort(entries)
    }


def test_two_items_by_one_author_in_one_year_get_a_and_b_in_reference_list_order():
    entries = [
        corporate("cla", "Department for Education", "2025", "Children looked after in England"),
        corporate("cin", "Department for Education", "2025", "Children in need"),
        corporate("other", "Department for Education", "2024", "Information sharing"),
        corporate("ico", "Information Commissioner's Office", "2025", "Ten steps"),
    ]
    assert labels(entries) == {
        "cin": "Department for Education, 2025a",  # "Children in need" sorts first
        "cla": "Department for Education, 2025b",
        "other": "Department for Education, 2024",
        "ico": "Information Commissioner's Office, 2025",
    }
    # the parsed originals are never changed: each build starts again from the plain year
    assert [e.fields["year"] for e in entries] == ["2025", "2025", "2024", "2025"]


def test_undated_items_get_the_apa_form_and_a_missing_year_counts_as_undated():
    entries = [
        corporate("b", "Department for Education", "n.d.", "Methodology B"),
        corporate("a", "Department for Education", None, "Methodology A"),
        corporate("c", "Department for Education", "n.d.", "Methodology C"),
    ]
    assert labels(entries) == {
        "a": "Department for Education, n.d.-a",
        "b": "Department for Education, n.d.-b",
        "c": "Department for Education, n.d.-c",
    }


def test_the_letter_shows_in_the_reference_list_entry_too():
    entries = [
        corporate(k, "Department for Education", "2025", t)
        for k, t in [("x", "Alpha"), ("y", "Beta")]
    ]
    style = Style()
    rendered = [style.format_entry("1", e).text.render_as("text") for e in style.sort(entries)]
    assert "2025a" in rendered[0] and "Alpha" in rendered[0]
    assert "2025b" in rendered[1] and "Beta" in rendered[1]


def test_the_extension_registers_the_style_the_configuration_names():
    setup(app=None)
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", STYLE_NAME) is Style
    config = (ROOT / "_config.yml").read_text()
    assert re.search(rf"^\s*bibtex_default_style:\s*{STYLE_NAME}\s*$", config, re.M)


def test_references_bib_gives_plain_years_and_every_label_is_distinct():
    bib = parse_file(str(ROOT / "references.bib"))
    years = {key: e.fields.get("year", "") for key, e in bib.entries.items()}
    lettered = {k: y for k, y in years.items() if not re.fullmatch(r"\d{4}|n\.d\.", y)}
    assert lettered == {}, "give the plain year (or n.d.); the build adds the letters"
    rendered = labels(bib.entries.values())
    assert len(set(rendered.values())) == len(rendered)
    # the two Department for Education releases of 2025 that chapters cite side by side
    assert {rendered["dfe2025cin"], rendered["dfe2025cla"]} == {
        "Department for Education, 2025a",
        "Department for Education, 2025b",
    }
