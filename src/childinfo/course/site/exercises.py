"""Exercise numbers within their unit: lab 1's exercises are 1.1, 1.2, ...

sphinx-exercise numbers exercises through Sphinx's figure numbering, which runs across the whole
book (lab 1 started at "Exercise 5"), so an exercise was hard to name in a workshop. After Sphinx
has assigned its numbers, each lab's exercises are renumbered from 1 under the lab's own
number, taken from its file name (``lab-01-...`` is unit 1). A lab without a number, such as the
Brackenfold tour, uses its letter from :data:`UNNUMBERED`. Titles, references and the collected
exercise pages all read the same numbers.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

LAB_NUMBER = re.compile(r"(?:^|/)lab-(\d+)-")
#: Labs without a unit number: the prefix their exercises take.
UNNUMBERED = {"notebooks/lab-tour-brackenfold": "T"}


def unit_prefix(docname: str) -> str | int | None:
    """The number a page's exercises are numbered under, or None to keep Sphinx's numbers.

    Example:
        >>> unit_prefix("notebooks/lab-01-population-to-care"), unit_prefix("chapters/glossary")
        (1, None)
    """
    match = LAB_NUMBER.search(docname)
    if match:
        return int(match.group(1))
    return UNNUMBERED.get(docname)


def _renumber(app: Sphinx, env) -> list[str]:
    for docname, numbers in env.toc_fignumbers.items():
        prefix = unit_prefix(docname)
        exercises = numbers.get("exercise")
        if prefix is None or not exercises:
            continue
        # Sphinx's numbers follow the page order, so sorting by them keeps that order.
        ordered = sorted(exercises, key=lambda ident: exercises[ident])
        numbers["exercise"] = {ident: (prefix, n) for n, ident in enumerate(ordered, 1)}
    return []


def setup(app: Sphinx) -> dict:
    # Sphinx numbers figures in its toctree collector's env-get-updated handler (priority 500);
    # this runs after it, before any page is written.
    app.connect("env-get-updated", _renumber, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
