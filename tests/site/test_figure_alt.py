"""Images made by a lab carry alt text worked out from the data, never typed into a notebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from childinfo.course.chapter_figures import brackenfold_figures, number_word
from tests.site.conftest import ROOT

pytestmark = pytest.mark.site

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Labs that draw a matplotlib figure, and how many each draws.
FIGURES = {
    "lab-00-first-look": 1,
    "lab-03-reviewing-a-proposed-use": 1,
    "lab-04-needs-met": 2,
    "lab-07-reproducible-analysis": 1,
}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_notebook_types_an_images_alt_text(notebook: Path):
    # myst-nb would take alt text from a cell's metadata: typed once, it goes stale when the
    # data change. show_figure() puts the computed text in the output instead.
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        typed = cell.get("metadata", {}).get("mystnb", {}).get("image", {})
        assert "alt" not in typed, f"{notebook.name}: typed alt text {typed['alt'][:60]!r}"


@pytest.mark.parametrize("lab, count", FIGURES.items())
def test_lab_images_carry_the_alt_text_their_cells_computed(site, lab, count):
    soup = BeautifulSoup((site / "notebooks" / f"{lab}.html").read_text(encoding="utf-8"), "lxml")
    images = [img for img in soup.select("article img") if "_images/" in img.get("src", "")]
    assert len(images) == count, [img.get("src") for img in images]
    for img in images:
        alt = img.get("alt", "")
        assert len(alt) > 80 and any(ch.isdigit() for ch in alt), alt


def test_the_funnel_image_and_the_practitioner_task_agree(site):
    # The lab draws its funnel from its own tables; the task beside it quotes the chapter
    # figures. Both come from the data, so they must say the same.
    f = brackenfold_figures()
    html = (site / "notebooks" / "lab-07-reproducible-analysis.html").read_text(encoding="utf-8")
    img = BeautifulSoup(html, "lxml").select_one("#fig-lab07-funnel img")
    assert img is not None
    found = re.search(r"Of (\d+) wards, (\w+) lies? outside the 99\.8% limits", img["alt"])
    assert found, img["alt"]
    outside = "none" if found[2] == "none" else number_word(int(found[2]))
    assert (found[1], outside) == (f["bf_wards"], f["bf_wards_outside_998"]), img["alt"]
