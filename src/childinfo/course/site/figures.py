"""Brackenfold's figures as MyST substitutions, computed when the book is built.

Chapters write ``{{ bf_referrals_year }}``; this extension fills ``myst_substitutions`` from
:func:`childinfo.course.chapter_figures.brackenfold_figures` when the configuration is read, so a chapter's
numbers always match the committed synthetic data.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from childinfo.course.chapter_figures import brackenfold_figures, england_figures


def _add_figures(app: Sphinx, config) -> None:
    substitutions = dict(getattr(config, "myst_substitutions", None) or {})
    substitutions.update(england_figures())
    substitutions.update(brackenfold_figures())
    config.myst_substitutions = substitutions


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _add_figures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
