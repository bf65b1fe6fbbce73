"""Where the course lives is set once, in _config.yml, and CITATION.cff agrees with it."""

from __future__ import annotations

from types import SimpleNamespace

import yaml

from childinfo.course.site.course import course_home
from tests.course_structure import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text())


def test_citation_cff_names_the_same_repository_as_the_config():
    assert (CONFIG.get("childinfo_repository") or None) == CITATION.get("repository-code")


def test_unset_addresses_are_left_out_cleanly():
    assert course_home(SimpleNamespace(childinfo_repository="", childinfo_feedback="")) == []


def test_set_addresses_become_links():
    items = course_home(
        SimpleNamespace(
            childinfo_repository="https://example.org/course",
            childinfo_feedback="training@example.org",
        )
    )
    assert items == [
        ("The course's repository", "https://example.org/course", "https://example.org/course"),
        ("Send feedback", "mailto:training@example.org", "training@example.org"),
    ]
