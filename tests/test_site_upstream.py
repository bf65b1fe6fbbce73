"""The course's template overrides and HTML repairs still match the pinned upstream code.

When the theme, Sphinx, docutils or myst-nb is upgraded, this names each override or repair
whose upstream file or function changed, so it can be re-checked (and its hash updated in
``childinfo.course.site.repairs.UPSTREAM``) before the site silently loses a fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from childinfo.course.site import repairs

TEMPLATES = Path(repairs.__file__).parent / "templates"


def test_upstream_code_is_what_the_overrides_and_repairs_were_written_against():
    changed = repairs.changed_upstream()
    assert changed == [], "re-check these against the upgraded packages:\n" + "\n".join(changed)


def test_every_template_override_is_tracked():
    # The course's own new templates (not overrides of a theme file) need no tracking.
    own = {"childinfo-footer.html"}
    overrides = {
        p.relative_to(TEMPLATES.parent).as_posix()
        for p in TEMPLATES.rglob("*.html")
        if p.name not in own
    }
    untracked = overrides - set(repairs.UPSTREAM)
    assert not untracked, f"template overrides not tracked in repairs.UPSTREAM: {untracked}"


@pytest.mark.parametrize("name", sorted(repairs.UPSTREAM))
def test_an_altered_copy_of_each_upstream_file_is_reported(monkeypatch, name):
    """Each tracked file or function, altered by one line as an upgrade would alter it, is named
    (and nothing else is)."""
    what, read, expected = repairs.UPSTREAM[name]
    altered = read() + "\n<!-- a newer release -->"
    monkeypatch.setitem(repairs.UPSTREAM, name, (what, lambda: altered, expected))
    changed = repairs.changed_upstream()
    assert len(changed) == 1 and changed[0].startswith(f"{name} ({what}): upstream changed")


def test_an_upstream_file_that_is_gone_is_reported(monkeypatch):
    name = "templates/layout.html"
    what, _, expected = repairs.UPSTREAM[name]
    gone = repairs._theme_file(repairs.PST, repairs.PST_THEME + "no-such-layout.html")
    monkeypatch.setitem(repairs.UPSTREAM, name, (what, gone, expected))
    assert [line.split(" (")[0] for line in repairs.changed_upstream()] == [name]
    assert "upstream code not found" in repairs.changed_upstream()[0]


def test_no_template_hard_codes_an_asset_digest():
    for path in TEMPLATES.rglob("*.html"):
        assert "digest=" not in path.read_text(), f"{path} hard-codes a theme asset digest"
