"""The self-paced route page: its times add up from the units, its Lab column links each lab,
and it has a route for each role."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.course_structure import ROOT, front_matter, unit_chapters

pytestmark = pytest.mark.site

PAGE = "chapters/self-paced-route.html"
ROLES = [
    "Social worker",
    "Early Help or Early Years practitioner",
    "Analyst or performance officer",
    "Manager or information governance lead",
]


def _soup(site) -> BeautifulSoup:
    return BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "html.parser")


def _units() -> dict[int, dict]:
    return {int(m["unit"]): m for m in (front_matter(p.read_text()) for p in unit_chapters())}


def _minutes(text: str) -> int:
    hours = re.search(r"(\d+) hours?", text)
    mins = re.search(r"(\d+) minutes", text.split(":")[0])
    return (int(hours.group(1)) * 60 if hours else 0) + (int(mins.group(1)) if mins else 0)


def _unit_table(soup):
    table = next(
        t
        for t in soup.select("table")
        if "Assumes you know" in [th.get_text(strip=True) for th in t.select("thead th")]
    )
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    return heads, table.select("tbody tr")


def test_lab_column_links_each_units_lab(site):
    heads, rows = _unit_table(_soup(site))
    lab_col = heads.index("Lab")
    units = _units()
    assert len(rows) == len(units)
    for number, row in zip(sorted(units), rows):
        cell = row.select("td")[lab_col]
        links = [a["href"].split("#")[0] for a in cell.select("a")]
        expected = [f"../{lab}.html" for lab in units[number]["labs"]]
        assert links == expected, f"unit {number}: {cell.get_text()!r}"
        assert cell.get_text(strip=True).strip(", "), f"unit {number}: the Lab cell is empty"


def test_every_unit_says_what_it_assumes(site):
    heads, rows = _unit_table(_soup(site))
    col = heads.index("Assumes you know")
    assert all(r.select("td")[col].get_text(strip=True) for r in rows)


def test_total_time_adds_up_from_the_front_matter(site):
    soup = _soup(site)
    units = _units()
    pages = sum(
        int(front_matter((ROOT / f"chapters/{p}.md").read_text()).get(k, 0))
        for p in ("how-to-use", "framework", "law-and-guidance")
        for k in ("teaching", "exercises")
    )
    whole = sum(u["teaching_minutes"] + u["exercise_minutes"] for u in units.values()) + pages
    times = soup.select("p.childinfo-course-time")
    assert _minutes(times[0].get_text()) == whole


def test_a_route_for_each_role_with_its_time(site):
    soup = _soup(site)
    units = _units()
    for role in ROLES:
        heading = next(
            (h for h in soup.select("h3") if h.get_text(strip=True).startswith(role)), None
        )
        assert heading is not None, f"no route for {role}"
        section = heading.find_parent("section")
        time = section.select_one("p.childinfo-course-time")
        assert time is not None and _minutes(time.get_text()) > 0, role
    social = next(
        h for h in soup.select("h3") if h.get_text(strip=True).startswith("Social worker")
    )
    chosen = [1, 2, 3, 6, 9, 4]
    expected = sum(units[n]["teaching_minutes"] + units[n]["exercise_minutes"] for n in chosen)
    time = social.find_parent("section").select_one("p.childinfo-course-time")
    assert _minutes(time.get_text()) == expected
