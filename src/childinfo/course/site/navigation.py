"""A skip link at the top of each lab to its "Practitioner tasks" section.

Reaching a lab's first task by keyboard took over a hundred Tab presses (every code block is a
tab stop). The link is added only to pages that have a section with the id
``practitioner-tasks``, so a lab without one gets no dead link.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

TASKS_ID = "practitioner-tasks"
SKIP_LINK = '<p class="childinfo-skip"><a href="#{id}">Skip to the practitioner tasks</a></p>\n'


def has_tasks(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    return any(TASKS_ID in section["ids"] for section in doctree.findall(nodes.section))


def _skip_to_tasks(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body or not has_tasks(doctree):
        return
    # After the page's title, so the link is the first thing read in the lab's content.
    end = body.find("</h1>")
    at = end + len("</h1>") if end >= 0 else 0
    context["body"] = body[:at] + SKIP_LINK.format(id=TASKS_ID) + body[at:]


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _skip_to_tasks)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
