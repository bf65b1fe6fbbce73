"""A myst-nb mime renderer: an image output that carries its alt text gets it on the page.

myst-nb takes an image's alt text only from the cell's metadata, which is typed by hand and goes
stale when the data change. :func:`childinfo.course.display.show_figure` puts the text, worked out
from the data, in the output's own metadata; this plugin (registered under the entry point group
``myst_nb.mime_renderers`` in ``pyproject.toml``) renders the image as myst-nb does and sets it.
"""

from __future__ import annotations

from typing import ClassVar


class AltFromOutput:
    """Render ``image/*`` outputs whose metadata holds ``alt``; leave every other output alone."""

    mime_priority_overrides: ClassVar[list] = []

    @staticmethod
    def handle_mime(renderer, data, inline):
        if inline or not data.mime_type.startswith("image/"):
            return None
        alt = (data.output_metadata.get(data.mime_type) or {}).get("alt")
        if not alt:
            return None
        nodes = renderer.render_image(data)
        for node in nodes:
            node["alt"] = str(alt)
        return nodes
