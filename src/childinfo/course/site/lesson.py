"""Lesson blocks for chapters: questions, objectives, key points, instructor notes and more.

They come from sphinx-lesson (the CodeRefinery take on the Carpentries' blocks), registered
one by one: sphinx-lesson's own ``exercise`` and ``solution`` would replace sphinx-exercise's,
which the labs use. Each block is an admonition whose CSS class is its name, so the course
structure test and the collected pages (all key points, all instructor notes) can find them.

Usage in a chapter (MyST)::

    :::{questions}
    - What can a rate per 10,000 children tell you?
    :::
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx_lesson import directives as lesson

# Only sphinx-lesson's public blocks are built on. A block's CSS class (and the name the
# collected pages look for) is made from its class name, so "Content_NoteDirective" is
# "content-note" whatever it inherits from.
DiscussionDirective = lesson.DiscussionDirective
Instructor_NoteDirective = lesson.Instructor_NoteDirective
ObjectivesDirective = lesson.ObjectivesDirective
PrerequisitesDirective = lesson.PrerequisitesDirective
QuestionsDirective = lesson.QuestionsDirective


class KeypointsDirective(lesson.KeypointsDirective):
    title_text = "Key points"


class Learning_ObjectivesDirective(ObjectivesDirective):
    title_text = "Learning objectives"

    @classmethod
    def get_cssname(cls):  # same class as sphinx-lesson's objectives block
        return "objectives"


class Content_NoteDirective(lesson.CalloutDirective):
    """A warning before distressing material, so readers can prepare or skip ahead."""

    title_text = "Content note"
    extra_classes = ["warning"]


class Cpd_ReflectionDirective(lesson.CalloutDirective):
    """A prompt a social worker can answer and keep as a CPD (continuing development) record."""

    title_text = "Reflection for your CPD record"


DIRECTIVES = {
    "questions": QuestionsDirective,
    "objectives": Learning_ObjectivesDirective,
    "keypoints": KeypointsDirective,
    "instructor-note": Instructor_NoteDirective,
    "discussion": DiscussionDirective,
    "prerequisites": PrerequisitesDirective,
    "content-note": Content_NoteDirective,
    "cpd-reflection": Cpd_ReflectionDirective,
}


def setup(app: Sphinx) -> dict:
    # {exerciselist} collects blocks by class onto one page (all key points, all notes...).
    app.setup_extension("sphinx_lesson.exerciselist")
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
