"""The no-code Brackenfold explorer on the site: the ``{brackenfold-explorer}`` directive.

The directive places a form, a summary read out when it changes, and a scrolling box for the
results; the tables themselves are made when the book is built
(:func:`childinfo.course.explorer.explorer_data`, suppressed by the toolkit's ``publish_table``)
and embedded in the page as JSON. ``_static/childinfo-explorer.js`` only looks a view up and
draws it, so the page works offline, from ``file://``, and never decides what to hide.

The page depends on the data and on the code that suppresses them: both are declared to Sphinx
(``note_dependency``), so a rebuild after either changes rewrites the page, never leaving stale
figures on it.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from childinfo.course import explorer
from childinfo.facts import data_dir
from childinfo.synth import codes
from childinfo.toolkit import data, disclosure, rates
from childinfo.toolkit.data import default_authority

SCRIPT = "childinfo-explorer.js"
MARKER = 'class="childinfo-explorer"'


class explorer_node(nodes.General, nodes.Element):
    pass


def _dependencies() -> list[Path]:
    """The files whose change changes the page: the authority's data and the code behind it."""
    folder = data_dir() / default_authority()
    modules = [explorer, disclosure, rates, data, codes]
    return [*sorted(folder.glob("*.csv")), *(Path(m.__file__) for m in modules)]


class BrackenfoldExplorer(SphinxDirective):
    def run(self):
        for path in _dependencies():
            self.env.note_dependency(str(path))
        return [explorer_node()]


def visit_explorer_html(self, node: explorer_node) -> None:
    payload = json.dumps(explorer.explorer_data(), separators=(",", ":"))
    payload = payload.replace("</", "<\\/")
    self.body.append(f"""
<div {MARKER} data-threshold="{html.escape(str(disclosure.THRESHOLD))}">
<form class="childinfo-explorer-form" aria-describedby="cx-hint">
  <p class="childinfo-explorer-field"><label for="cx-family">Table</label>
     <select id="cx-family" name="family"></select></p>
  <p class="childinfo-explorer-field"><label for="cx-rows">Group rows by</label>
     <select id="cx-rows" name="rows"></select></p>
  <p class="childinfo-explorer-field"><label for="cx-cols">Split columns by</label>
     <select id="cx-cols" name="cols"></select></p>
  <p class="childinfo-explorer-field"><label for="cx-where">Keep only</label>
     <select id="cx-where" name="where"></select></p>
  <p id="cx-hint" class="childinfo-explorer-hint">Choose a second field for the columns or one
     group to keep, not both: choosing one sets the other back to everyone.</p>
</form>
<p class="childinfo-explorer-summary" role="status" aria-live="polite" aria-atomic="true"></p>
<div class="childinfo-explorer-results" role="region" aria-label="Explorer results: counts and
 rates" tabindex="0"></div>
<noscript><p>The explorer needs JavaScript, which is switched off in this browser.</p></noscript>
</div>
<script type="application/json" id="childinfo-explorer-data">{payload}</script>
""")
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _add_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Load the explorer's script only on the page that has the explorer."""
    if MARKER in context.get("body", ""):
        app.add_js_file(SCRIPT, defer="defer")


def setup(app: Sphinx) -> dict:
    app.add_node(
        explorer_node, html=(visit_explorer_html, None), latex=(_skip, None), text=(_skip, None)
    )
    app.add_directive("brackenfold-explorer", BrackenfoldExplorer)
    app.connect("html-page-context", _add_script)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
