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


def test_only_scripts_a_page_loads_keep_css_rules(tmp_path):
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    for name in ("used.js", "scripts/theme.js", "never.js"):
        (tmp_path / "_static" / name).write_text("el.classList.add('x');")
    page = tmp_path / "notebooks" / "lab.html"
    page.parent.mkdir()
    page.write_text(
        '<script src="../_static/used.js?v=1"></script>'
        '<script defer src="../_static/scripts/theme.js?digest=2"></script>'
    )
    loaded = weight.loaded_scripts(tmp_path, [page])
    assert [p.relative_to(tmp_path).as_posix() for p in loaded] == [
        "_static/scripts/theme.js",
        "_static/used.js",
    ]


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


def test_site_charts_are_compiled_to_vega_and_load_only_vega():
    data = pd.DataFrame({"x": [1 / 3, 2.0]})
    chart = alt.Chart(data).mark_bar().encode(x="x", tooltip=["x"])
    html = charts.chart_html(chart, "Two bars")
    assert '{"x": 0.333333}' in html and "0.3333333" not in html  # data, rounded
    assert '"$schema": "https://vega.github.io/schema/vega/v6.json"' in html
    assert "vega-lite" not in html and "vega-embed" not in html
    assert charts.VENDOR_SCRIPTS == ("_vendor/vega/vega.min.js",)
    assert 'aria-label="Two bars"' in html
    assert "containerSize()" in html  # still takes its column's width


def _chart_png(path: Path) -> None:
    """A chart-like picture: flat bars and a sloping line, anti-aliased by drawing it large and
    scaling it down, so it holds a few hundred colours as a matplotlib figure does."""
    from PIL import Image, ImageDraw

    big = Image.new("RGB", (1600, 800), "white")
    draw = ImageDraw.Draw(big)
    for i, colour in enumerate([(0, 114, 178), (230, 159, 0), (0, 158, 115)]):
        draw.rectangle((100 + i * 450, 200 + i * 100, 400 + i * 450, 700), fill=colour)
    draw.line((0, 790, 1600, 10), fill=(204, 121, 167), width=9)
    big.resize((400, 200), Image.Resampling.LANCZOS).save(path)


def test_chart_images_get_a_palette_and_photographs_are_left_alone(tmp_path):
    import numpy as np
    from PIL import Image

    chart, photo = tmp_path / "chart.png", tmp_path / "photo.png"
    _chart_png(chart)
    before = np.asarray(Image.open(chart).convert("RGB"), dtype=int)
    size = chart.stat().st_size
    assert weight.palette_png(chart) > 0
    with Image.open(chart) as image:
        assert image.mode == "P" and chart.stat().st_size < size
        after = np.asarray(image.convert("RGB"), dtype=int)
    assert np.abs(after - before).max() <= 16
    assert weight.palette_png(chart) == 0  # already a palette: left as it is
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 256, (64, 128, 3), dtype=np.uint8)).save(photo)
    data = photo.read_bytes()
    assert weight.palette_png(photo) == 0 and photo.read_bytes() == data


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


def test_the_site_bundles_only_the_vega_its_charts_use(tmp_path):
    # The bundle draws the course's kinds of chart (a bar chart with a bound parameter, a
    # layered line and rule chart with a log scale), and is smaller than Vega's full build.
    import json
    import subprocess

    from childinfo.course.site import _bundle_vega

    modules = Path(__file__).resolve().parents[1] / "node_modules"
    bundle = tmp_path / "vega.min.js"
    _bundle_vega(modules, bundle)
    full = modules / "vega" / "build" / "vega.min.js"
    assert bundle.stat().st_size < 0.85 * full.stat().st_size
    data = pd.DataFrame({"x": ["a", "b"], "n": [3, 30], "p": [10, 1000]})
    pick = alt.param(name="pick", value="a", bind=alt.binding_select(options=["a", "b"]))
    bars = alt.Chart(data).mark_bar().encode(x="x:N", y="n:Q", tooltip=["n"]).add_params(pick)
    line = alt.Chart(data).mark_line().encode(x=alt.X("p:Q", scale=alt.Scale(type="log")), y="n:Q")
    rule = alt.Chart(data).mark_rule().encode(y="mean(n):Q")
    specs = [charts.to_vega(c.to_dict()) for c in (bars, line + rule)]
    script = (
        "const vm = require('vm'); const fs = require('fs');"
        f"vm.runInThisContext(fs.readFileSync({json.dumps(str(bundle))}, 'utf8'));"
        f"const specs = {json.dumps(specs)};"
        "Promise.all(specs.map(s => new vega.View(vega.parse(s), {renderer: 'none'}).toSVG()))"
        ".then(svgs => console.log(svgs.map(s => s.length).join(' ')))"
        ".catch(e => { console.error(e.message); process.exit(1); });"
    )
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-400:]
    assert all(int(n) > 500 for n in result.stdout.split()), result.stdout
