"""An A-Z index at the top of every glossary, made from its terms when the page is read.

The glossary runs to dozens of terms; the index links each letter to the first term that
starts with it, so a reader jumps there instead of scrolling. Terms added later get their
letter automatically: nothing here is typed by hand.
"""

from __future__ import annotations

import html
import string

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def first_terms(glossary: addnodes.glossary) -> dict[str, str]:
    """Letter -> id of the first term starting with that letter (terms with no letter first
    are left out)."""
    found: dict[str, str] = {}
    for term in glossary.findall(nodes.term):
        text = term.astext().strip()
        letter = text[:1].upper()
        if letter in string.ascii_uppercase and letter not in found and term["ids"]:
            found[letter] = term["ids"][0]
    return found


def index_html(found: dict[str, str]) -> str:
    """The A-Z as a labelled navigation; letters with no term are shown but not linked."""
    items = []
    for letter in string.ascii_uppercase:
        if letter in found:
            items.append(f'<li><a href="#{html.escape(found[letter])}">{letter}</a></li>')
        else:
            items.append(f'<li aria-hidden="true"><span>{letter}</span></li>')
    return (
        '<nav class="childinfo-az" aria-label="Glossary A to Z"><ul>'
        + "".join(items)
        + "</ul></nav>"
    )


def _add_index(app: Sphinx, doctree: nodes.document) -> None:
    for glossary in list(doctree.findall(addnodes.glossary)):
        found = first_terms(glossary)
        if len(found) < 2:
            continue
        glossary.parent.insert(
            glossary.parent.index(glossary), nodes.raw("", index_html(found), format="html")
        )


def setup(app: Sphinx) -> dict:
    app.connect("doctree-read", _add_index)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
