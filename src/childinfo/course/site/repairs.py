"""Repairs to the HTML other packages write, each for a WCAG failure, in one place.

Where Sphinx lets a node's HTML be replaced (``app.add_node(..., override=True)``), the repair is
made in the HTML writer; only the theme's navigation, which the theme builds as an HTML string,
is repaired as text. :data:`UPSTREAM` records, for every repair and every template override in
``templates/``, the upstream code it was written against: ``tests/test_site_upstream.py`` fails
with the list of those that changed when the theme, Sphinx, docutils or myst-nb is upgraded.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import re
from pathlib import Path

from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx.application import Sphinx


def visit_citation(self, node) -> None:
    """A reference-list entry as a plain list item (WCAG 1.3.1).

    Docutils gives each entry the deprecated role ``doc-biblioentry`` inside a ``role="list"``
    container, which then has no list items; ``listitem`` keeps the list's meaning.
    """
    type(self).visit_citation(self, node)  # the writer's own method, then one change
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')


def depart_citation(self, node) -> None:
    type(self).depart_citation(self, node)


def visit_hidden_cell(self, node) -> None:
    """myst-nb names the "Show code cell source" toggle "Toggle hidden content", so its spoken
    name differs from the words on screen (WCAG 2.5.3). Without the label, its name is the text
    it shows."""
    start = len(self.body)
    visit_HideCellInput(self, node)
    self.body[start:] = [
        part.replace('<summary aria-label="Toggle hidden content">', "<summary>")
        for part in self.body[start:]
    ]


_TOGGLE = re.compile(
    r'(<a class="[^"]*reference internal[^"]*" href="[^"]*">)([^<]*)(</a>\s*<details'
    r'(?: open="open")?>)<summary>'
)


def name_nav_toggles(html: str) -> str:
    """The theme's expand buttons in the contents (``<summary>`` with only an icon) have no
    name (WCAG 4.1.2): name each after the page whose sub-pages it shows.

    Example:
        >>> name_nav_toggles('<a class="reference internal" href="u.html">Unit 1</a>'
        ...                  '<details><summary>').endswith('pages under Unit 1">')
        True
    """
    return _TOGGLE.sub(
        lambda m: (
            f"{m.group(1)}{m.group(2)}{m.group(3)}"
            f'<summary aria-label="Show or hide the pages under {m.group(2).strip()}">'
        ),
        html,
    )


def _name_nav_toggles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "childinfo_named", False):
        return

    def named(*args, **kwargs):
        return name_nav_toggles(str(generate(*args, **kwargs)))

    named.childinfo_named = True
    context["generate_toctree_html"] = named


# --- What the repairs and template overrides were written against ------------------------------


def _theme_file(package: str, relative: str):
    def read() -> str:
        root = Path(importlib.import_module(package).__file__).parent
        return (root / relative).read_text(encoding="utf-8")

    return read


def _source(module: str, name: str):
    def read() -> str:
        owner: object = importlib.import_module(module)
        for part in name.split("."):
            owner = getattr(owner, part)
        return inspect.getsource(owner)

    return read


PST = "pydata_sphinx_theme"
PST_THEME = "theme/pydata_sphinx_theme/"


def _pst_override(template: str, upstream: str, what: str, sha256: str) -> dict:
    """The :data:`UPSTREAM` entry for ``templates/<template>``, the course's version of the
    pydata-sphinx-theme file ``upstream``."""
    return {
        f"templates/{template}": (
            f"override: {what}",
            _theme_file(PST, PST_THEME + upstream),
            sha256,
        )
    }


#: name -> (what the course does with it, how to read the upstream code, its sha256 when the
#: course's version was written). Update a hash only after re-checking the override or repair.
UPSTREAM: dict[str, tuple[str, object, str]] = {
    **_pst_override(
        "static/webpack-macros.html",
        "static/webpack-macros.html",
        "drops the Font Awesome and Bootstrap scripts",
        "b1f893e4416c7cc7cf9ed5f2e7a46cf9f94f653cd8c848138bf45a2fda166f67",
    ),
    **_pst_override(
        "layout.html",
        "layout.html",
        "no search engine or index outside the search page",
        "fe5c35806042db60aacb114cbe8ae2a2601721ff7376f500961b2ce0fc456d3e",
    ),
    **_pst_override(
        "sections/sidebar-primary.html",
        "sections/sidebar-primary.html",
        "a labelled region around the sidebar",
        "451dbb9c8132f260c7d084ff08f1003c5978f6ac096db85b1ee18223609ac245",
    ),
    **_pst_override(
        "search-button-field.html",
        "components/search-button-field.html",
        "no aria-label that differs from the visible text",
        "518dda81dd8cd06ab2268f86b25c8257189f237f1b71836afececaa511f40e69",
    ),
    **_pst_override(
        "theme-switcher.html",
        "components/theme-switcher.html",
        "icons without titles",
        "a68d37b2ca353382855a2fb93363dd22d322c32bb9817d431cc41c01ae4929fe",
    ),
    "repairs.visit_citation": (
        "writer repair: role=listitem on reference-list entries",
        _source("docutils.writers._html_base", "HTMLTranslator.visit_citation"),
        "0c5327394e0a27c7249b255dae13b56b2e7192e2d554d50668c592fee3af3462",
    ),
    "repairs.visit_hidden_cell": (
        "writer repair: no aria-label on the hidden-cell toggle",
        _source("myst_nb.sphinx_", "visit_HideCellInput"),
        "4d979a9ab24bb3401fa13a6834ab6a7096c50f1f33d65655ab473595215ed5d8",
    ),
    "repairs.name_nav_toggles": (
        "HTML repair: names the contents' expand buttons",
        _source("pydata_sphinx_theme.toctree", "add_collapse_checkboxes"),
        "0aa15f95206e01d89180e77156e969d55490ae84e386c3c2974db0dd9d402cb3",
    ),
    # childinfo.js passes clicks on the visible sidebar buttons to the one the theme wires,
    # because both themes draw a primary-toggle button.
    "static/childinfo.js forwardToggles (header)": (
        "script: the theme's hidden header buttons",
        _theme_file(PST, PST_THEME + "sections/header.html"),
        "5e68a0b5d9c0f40434c45a33a2a5439f18a10ded012ad08845e5680d558741d7",
    ),
    "static/childinfo.js forwardToggles (article header)": (
        "script: the book theme's visible buttons",
        _theme_file(
            "sphinx_book_theme", "theme/sphinx_book_theme/components/toggle-primary-sidebar.html"
        ),
        "316c98ec6677c6568d15dfd809ec20ad0458569110c435480ed87d2af34f13bb",
    ),
    # Bootstrap's script is not loaded (templates/static/webpack-macros.html), so childinfo.js
    # opens the book theme's download menu itself.
    "static/childinfo.js wireMenus": (
        "script: the book theme's dropdown menu markup",
        _theme_file("sphinx_book_theme", "theme/sphinx_book_theme/macros/buttons.html"),
        "f00ab51a0c5dd653f31e33abe430b42ea8b6539a13e695051d03e652068aadf2",
    ),
}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def changed_upstream() -> list[str]:
    """The overrides and repairs whose upstream code no longer matches what they were written
    against, one line each, naming what to re-check."""
    out = []
    for name, (what, read, expected) in UPSTREAM.items():
        try:
            now = digest(read())
        except (OSError, AttributeError, ImportError, TypeError) as exc:
            out.append(f"{name} ({what}): upstream code not found ({exc})")
            continue
        if now != expected:
            out.append(
                f"{name} ({what}): upstream changed (sha256 {now[:12]}, "
                f"written against {expected[:12] or 'nothing recorded'})"
            )
    return out


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    app.connect("html-page-context", _name_nav_toggles, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
