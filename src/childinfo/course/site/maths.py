"""Maths drawn at build time as SVG, so no page loads MathJax (1.2 MB) to show a formula.

Every formula on a page is sent in one batch to MathJax running under Node (``js/
render-maths.js``, with the MathJax package npm installs for the site). The SVG is hidden from
screen readers and the formula is named in words instead. If Node or MathJax is missing, the
build warns and the page keeps its maths for MathJax to draw in the browser.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)
SCRIPT = Path(__file__).parent / "js" / "render-maths.js"

_WORDS = [
    (re.compile(r"\\(?:text|mathrm|mathit|textrm)\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\frac\{([^{}]*)\}\{([^{}]*)\}"), r"(\1) divided by (\2)"),
    (re.compile(r"\\times"), " times "),
    (re.compile(r"\\cdot"), " times "),
    (re.compile(r"\\le(?:q)?\b"), " at most "),
    (re.compile(r"\\ge(?:q)?\b"), " at least "),
    (re.compile(r"\\[,;:! ]"), ""),
    (re.compile(r"[{}]"), ""),
    (re.compile(r"\s+"), " "),
]


def spoken(tex: str) -> str:
    """A formula in words, for its accessible name.

    Example:
        >>> spoken(r"\\text{rate} = \\frac{\\text{referrals}}{\\text{children}} \\times 10\\,000")
        'rate = (referrals) divided by (children) times 10000'
    """
    text = tex
    for _ in range(3):  # nested \\frac and \\text
        for pattern, repl in _WORDS:
            text = pattern.sub(repl, text)
    return text.strip()


def _render(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    found = list(doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))))
    if not found:
        return
    node_bin = shutil.which("node")
    if node_bin is None:
        logger.warning(
            "Node is not installed, so maths is left for MathJax in the browser", location=docname
        )
        return
    batch = [{"tex": n.astext(), "display": isinstance(n, nodes.math_block)} for n in found]
    result = subprocess.run(
        [node_bin, str(SCRIPT)],
        input=json.dumps(batch),
        text=True,
        capture_output=True,
        cwd=app.srcdir,
        timeout=120,
    )
    if result.returncode != 0:
        logger.warning(
            f"maths could not be drawn at build time ({result.stderr.strip()[:200]}); "
            "run `npm ci`",
            location=docname,
        )
        return
    for node, item, svg in zip(found, batch, json.loads(result.stdout)):
        svg = svg.replace("<svg ", '<svg aria-hidden="true" ', 1)
        tag = "div" if item["display"] else "span"
        name = html.escape(spoken(item["tex"]), quote=True)
        node.replace_self(
            nodes.raw(
                "",
                f'<{tag} class="childinfo-math" role="img" aria-label="{name}">{svg}</{tag}>',
                format="html",
            )
        )


def setup(app: Sphinx) -> dict:
    app.connect("doctree-resolved", _render)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
