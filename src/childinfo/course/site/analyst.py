"""The analyst track: on the site, a code exercise sits in one fold with its worked solution.

A lab's code exercise is a statement, a scaffold cell with ``...`` to fill in, a check that
gives feedback, and a gated solution. In JupyterLab the learner uses all of them. On the site
there is no kernel, so the scaffold and the check are tagged ``remove-cell`` (they would show a
bare ``Ellipsis`` and a "not answered yet" box), and an exercise marked
``:class: analyst-track`` is folded, together with its solution, into one
"Analyst track: do it in code" ``<details>`` element. A practitioner reads past it; an analyst
opens it and sees the task and the worked solution's code and output.

A native ``<details>`` works with a keyboard, is announced by screen readers and needs no
script, so it also works from ``file://``.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

CLASS = "analyst-track"
SUMMARY = "Analyst track: do it in code"
NOTE = (
    "In JupyterLab this exercise has a cell for your code and a check that tells you whether "
    "your answer is right. This page shows the task and the worked solution, with its output."
)


class analyst_fold(nodes.General, nodes.Element):
    """A fold holding one exercise and its solution; ``title`` names the exercise."""


def _title(exercise: nodes.Element) -> str:
    # Before sphinx-exercise resolves titles, the exercise's own title is its subtitle node.
    for child in exercise.findall(nodes.Element):
        if type(child).__name__ == "exercise_subtitle":
            return child.astext()
    return ""


class FoldAnalystExercises(SphinxTransform):
    """Wrap each ``analyst-track`` exercise and its solution, after gated solutions merge."""

    default_priority = 15  # sphinx-exercise merges gated solutions at 10

    def apply(self) -> None:
        exercises = [
            n
            for n in self.document.findall(nodes.Element)
            if CLASS in n.get("classes", []) and type(n).__name__.startswith("exercise")
        ]
        for exercise in exercises:
            parent = exercise.parent
            start = parent.index(exercise)
            label = exercise.get("label")
            end = (
                next(
                    (
                        i
                        for i in range(start + 1, len(parent.children))
                        if parent[i].get("target_label") == label
                    ),
                    None,
                )
                if label
                else None
            )
            if end is None:  # no solution beside it: fold the exercise alone
                end = start
            fold = analyst_fold(title=_title(exercise))
            fold += nodes.paragraph(text=NOTE, classes=["childinfo-analyst-note"])
            moved = parent.children[start : end + 1]
            del parent.children[start : end + 1]
            fold.extend(moved)
            parent.insert(start, fold)


def visit_fold_html(self, node: analyst_fold) -> None:
    title = f": {node['title']}" if node.get("title") else ""
    self.body.append(
        f'<details class="childinfo-analyst"><summary>{html.escape(SUMMARY + title)}</summary>\n'
    )


def depart_fold_html(self, node: analyst_fold) -> None:
    self.body.append("</details>\n")


def _pass(self, node) -> None:
    pass


def setup(app: Sphinx) -> dict:
    app.add_node(
        analyst_fold,
        html=(visit_fold_html, depart_fold_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
    )
    app.add_transform(FoldAnalystExercises)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
