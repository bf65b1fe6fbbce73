"""The framework diagram comes from childinfo.course.framework, names every part and can be read aloud."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from childinfo.course.framework import (
    APPROACHES,
    ENABLERS,
    PRACTICES,
    PRINCIPLES,
    framework_svg,
    framework_text,
)

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_the_diagram_is_an_image_with_a_title_and_description():
    root = ET.fromstring(framework_svg())
    assert root.get("role") == "img"
    ids = root.get("aria-labelledby").split()
    found = {el.get("id") for el in root.iter() if el.get("id")}
    assert set(ids) <= found and root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text


def test_the_diagram_and_its_text_version_name_every_part():
    drawn = " ".join(_texts(framework_svg()).split())
    text = framework_text()
    for name in [*PRINCIPLES, *APPROACHES.values(), *PRACTICES.values(), *ENABLERS]:
        # A name may be wrapped over lines in the drawing: its words appear in order.
        assert all(word in drawn for word in name.split()), name
        assert name in text.replace("&#x27;", "'"), name
    assert drawn.count("Practice ") == 8 and drawn.count("Approach ") == 4
