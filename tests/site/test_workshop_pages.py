"""The built workshop and CPD pages: tasks timed and linked to the lab; a CPD log that counts."""

from __future__ import annotations

import pytest
import yaml
from lxml import html

from tests.course_structure import ROOT

pytestmark = pytest.mark.site
PLANS = yaml.safe_load((ROOT / "chapters" / "workshop-session-plans.yml").read_text())
PAGES = {
    "ninety-minutes": "workshop-90-minutes",
    "half-day": "workshop-half-day",
    "full-day": "workshop-full-day",
}


def _article(site, path):
    return html.parse(str(site / path)).getroot().xpath("//article")[0]


@pytest.mark.parametrize("key", sorted(PLANS))
def test_every_task_row_names_its_tasks_minutes_and_links_to_the_labs_tasks(site, key):
    rows = _article(site, f"chapters/{PAGES[key]}.html").xpath(".//tbody/tr")
    task_rows = [r for r in rows if "practitioner tasks" in r.text_content()]
    segments = [s for s in PLANS[key]["segments"] if s.get("part") == "tasks"]
    assert len(task_rows) == len(segments)
    for row, segment in zip(task_rows, segments):
        text = " ".join(row.text_content().split())
        for task in segment["tasks"]:
            assert f"{task['id'].replace('-', '.')} ({task['minutes']} min)" in text, text
        links = [a.get("href") for a in row.xpath(".//a")]
        lab = next(h for h in links if h.startswith("../notebooks/lab-"))
        # The tasks' own section when the lab page has one (every lab, once the practitioner
        # tasks are in); the lab page itself until then.
        page = html.parse(str(site / "chapters" / lab.split("#")[0])).getroot()
        if page.xpath("//*[@id='practitioner-tasks']"):
            assert lab.endswith("#practitioner-tasks"), lab
        else:
            assert "#" not in lab, lab


def test_the_cpd_log_lists_the_units_and_shows_no_source_paths(site):
    article = _article(site, "chapters/cpd-log.html")
    text = " ".join(article.text_content().split())
    assert "In chapters/" not in text and ".md:" not in text
    targets = {a.get("href") for a in article.xpath(".//ul[contains(@class, 'cpd-units')]//a")}
    found = article.xpath(".//section[contains(@class, 'cpd-unit')]")
    sections = {f"#{s.get('id')}" for s in found}
    assert len(sections) == 10 and targets == sections
    assert "Social Work England" in text and "peer reflection" in text
    assert "Early Help" in text and "analyst" in text
