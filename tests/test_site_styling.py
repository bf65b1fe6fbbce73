"""The site's styling and weight helpers, without building the book (issues 16 and 17)."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

from childinfo.course import display as charts
from childinfo.course import display as styles
from childinfo.course.checks import Feedback
from childinfo.course.quiz import Question, Quiz
from childinfo.course.site import exercises, glossary, weight

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / weight.ICONS


def test_purge_keeps_rules_a_page_can_use_and_drops_the_rest():
    css = (
        ".used{color:red}.unused{color:blue}.used .unused{margin:0}"
        "a:not(.nowhere){color:green}"
        "@media (max-width: 10px){.unused{x:y}.used > p{x:z}}"
        '@font-face{font-family:"Font Awesome 6 Free";src:url(x)}'
        "@font-face{font-family:Other;src:url(y)}"
        "@keyframes spin{from{a:b}to{a:c}}"
        ".used,.gone{padding:0}"
    )
    out = weight.purge_css(css, {"used"}, ("Font Awesome",))
    assert ".used{color:red}" in out and ".used > p{x:z}" in out
    assert ".unused" not in out and ".gone" not in out
    assert "a:not(.nowhere)" in out  # a class named only inside :not() need not exist
    assert "Font Awesome" not in out and "font-family:Other" in out
    assert "@keyframes spin" in out
    assert ".used{padding:0}" in out


def test_purge_keeps_statements_even_in_a_file_with_no_rules():
    css = '/* basic */\n@import "../basic.css";\n'
    assert weight.purge_css(css, set()) == '@import "../basic.css";'


@pytest.mark.skipif(not ICONS.is_dir(), reason="npm packages not installed")
def test_icons_become_inline_svg_keeping_their_classes_and_attributes():
    html = (
        '<button><i class="theme-switch fa-solid fa-sun fa-lg" data-mode="light" '
        'aria-hidden="true"></i><span class="fa-solid fa-bars"></span></button>'
    )
    out, left = weight.inline_icons(html, ICONS)
    assert left == 0 and "<i " not in out and "<span" not in out
    svgs = re.findall(r"<svg [^>]*>", out)
    assert len(svgs) == 2
    assert 'data-mode="light"' in svgs[0] and svgs[0].count("aria-hidden") == 1
    assert all("childinfo-icon" in s and 'focusable="false"' in s for s in svgs)


def test_an_icon_with_no_svg_is_left_as_it_was():
    html = '<i class="fa-solid fa-no-such-icon"></i>'
    out, left = weight.inline_icons(html, ICONS)
    assert out == html and left == 1


def test_exercises_are_numbered_under_their_unit():
    assert exercises.unit_prefix("notebooks/lab-01-population-to-care") == 1
    assert exercises.unit_prefix("notebooks/lab-10-owning-information-use") == 10
    assert exercises.unit_prefix("notebooks/lab-tour-brackenfold") == "T"
    assert exercises.unit_prefix("chapters/glossary") is None


def test_glossary_index_links_each_letter_to_its_first_term():
    found = {"A": "term-anonymisation", "C": "term-child-in-care"}
    out = glossary.index_html(found)
    assert 'aria-label="Glossary A to Z"' in out
    assert '<a href="#term-anonymisation">A</a>' in out
    assert '<a href="#term-child-in-care">C</a>' in out
    assert "<span>B</span>" in out and out.count("<li") == 26


def test_charts_size_to_their_column_with_legible_text():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x").properties(width=600)
    spec = charts.responsive(chart.to_dict())
    assert spec["width"] == "container"
    assert spec["config"]["axis"]["labelFontSize"] >= charts.MIN_FONT_PX
    assert spec["config"]["legend"]["titleFontSize"] >= charts.MIN_FONT_PX
    composed = charts.responsive(alt.hconcat(chart, chart).to_dict())
    assert composed.get("width") != "container"  # cannot shrink: it scrolls in its own box


def test_quiz_and_check_outputs_carry_classes_not_inline_styles(monkeypatch):
    monkeypatch.setenv(styles.SITE_BUILD_ENV, "1")
    quiz = Quiz([Question("2 + 2?", ["3", "4"], answer=1)])._repr_html_()
    check = Feedback(True, "Well done", ("a hint",))._repr_html_()
    for html in (quiz, check):
        assert "style=" not in html and "<style" not in html
    assert "childinfo-check--correct" in check


def test_outside_the_site_outputs_bring_the_stylesheet_rules(monkeypatch):
    monkeypatch.delenv(styles.SITE_BUILD_ENV, raising=False)
    html = Feedback(False, "Not there yet")._repr_html_()
    assert html.startswith("<style>") and ".childinfo-check--correct" in html
    assert "--ci-good" in html  # the palette travels with the rules


def test_one_palette_no_hex_colours_left_in_plots():
    source = (ROOT / "src" / "childinfo" / "toolkit" / "plots.py").read_text()
    code = "\n".join(
        line for line in source.splitlines() if ">>>" not in line and "['#" not in line
    )
    assert re.findall(r'"#[0-9a-fA-F]{6}"', code) == []
