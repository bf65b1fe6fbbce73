"""Accessible multiple-choice quizzes that work on the static site and in JupyterLab.

Why not jupyterquiz: it grades each option as the arrow keys land on it, hides keyboard focus
and does not announce feedback. Here each question is a native ``<fieldset>`` of radio
buttons with a "Check answer" button: arrow keys only choose, the button (or Enter) grades,
and the feedback sits in an ``aria-live`` region so screen readers announce it. Colour is
never the only signal: feedback starts with "Correct." or "Not quite.".

Example:
    >>> from childinfo.course.quiz import Question, Quiz
    >>> q = Quiz([Question("2 + 2?", ["3", "4"], answer=1)])
    >>> "aria-live" in q._repr_html_()
    True
"""

from __future__ import annotations

import html
import json
import re
import uuid
from dataclasses import dataclass, field

from childinfo.course.display import notebook_style
from childinfo.errors import ChildinfoError

# The quiz's look is in the course stylesheet (childinfo.course.display.notebook_style).

_SCRIPT = """<script>
(function () {
  var quiz = document.getElementById(%(quiz_id)s);
  if (!quiz || quiz.dataset.ready) { return; }
  quiz.dataset.ready = "1";
  quiz.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var out = form.querySelector(".childinfo-feedback");
      var chosen = form.querySelector("input[type=radio]:checked");
      if (!chosen) {
        out.dataset.result = "none";
        out.textContent = "Choose an answer first.";
        return;
      }
      var right = chosen.dataset.correct === "1";
      out.dataset.result = right ? "correct" : "incorrect";
      out.textContent = (right ? "Correct. " : "Not quite. ") + chosen.dataset.feedback;
    });
  });
})();
</script>"""


@dataclass(frozen=True)
class Question:
    """One multiple-choice question.

    ``answer`` is the index of the right option. ``feedback`` gives, for any option, what a
    learner who chose it should think about next; options without feedback fall back to
    ``explanation`` (for the right answer) or a prompt to look again.
    """

    prompt: str
    options: list[str]
    answer: int
    feedback: dict[int, str] = field(default_factory=dict)
    explanation: str = ""

    def __post_init__(self) -> None:
        if len(self.options) < 2:
            raise ChildinfoError(
                f"Question {self.prompt!r} has {len(self.options)} option(s); give at least two."
            )
        if not 0 <= self.answer < len(self.options):
            raise ChildinfoError(
                f"Question {self.prompt!r}: answer={self.answer} is not an option number; "
                f"use 0 to {len(self.options) - 1}."
            )
        unknown = sorted(set(self.feedback) - set(range(len(self.options))))
        if unknown:
            raise ChildinfoError(
                f"Question {self.prompt!r}: feedback given for option(s) {unknown}, which do not "
                "exist; number options from 0."
            )

    def feedback_for(self, index: int) -> str:
        """The plain-words feedback a learner sees after choosing option ``index``.

        The page already says "Correct." or "Not quite.", so a feedback that opens with its own
        verdict ("Right.", "Correct.", "Not quite.") loses it rather than read "Correct. Right.".

        Example:
            >>> q = Question("1 + 1?", ["2", "3"], answer=0, feedback={0: "Right. Two."})
            >>> q.feedback_for(0)
            'Two.'
        """
        if index in self.feedback:
            text = self.feedback[index]
        elif index == self.answer:
            text = self.explanation
        else:
            return (
                "Read the question again and think about what each option would mean in practice."
            )
        return _VERDICT.sub("", text, count=1)


#: A verdict a feedback text may open with; the page gives its own.
_VERDICT = re.compile(r"^\s*(?:Right|Correct|Yes|Not quite|No)[.!]\s+")


def rate_question(
    name: str, what: str, events: int, population: int, england: float, england_text: str
) -> Question:
    """A question whose right answer follows the data: is the authority's rate of ``what`` (a
    count of children on 31 March) above, below or close to England's?

    The comparison is :func:`childinfo.course.chapter_figures.compare_with_england` ("close to" when England's
    figure lies inside the 95% interval), so the right option changes when the data do.

    Example:
        >>> q = rate_question("Quillmere", "children in care", 190, 25_000, 70.0, "70")
        >>> q.options[q.answer].startswith("Quillmere's rate is close to England's")
        True
    """
    from childinfo.course.chapter_figures import (
        compare_with_england,  # figures loads data; quiz stays light
    )

    c = compare_with_england(events, population, england)
    rate = c["rate"]
    side = "Fewer" if rate < england else "More"
    lower = "lower" if rate < england else "higher"
    options = [
        f"{name}'s children have {lower} needs than children in England.",
        f"{side} {what} in {name} for its size than in England; the figures alone do not say why.",
        f"{name}'s rate is close to England's: England's {england_text} lies inside its 95% "
        "interval, so these figures show no real difference.",
        f"{name}'s data must be wrong, because its rate is not the same as England's.",
    ]
    answer = 2 if c["word"] == "close to" else 1
    interval = f"{c['lower']:.0f} to {c['upper']:.0f}"
    feedback = {
        0: "A rate counts children the system is looking after, not children's needs. Thresholds, "
        "support for families at home and delays in decisions all change it.",
        1: (
            "The difference is larger than chance alone would easily give. The next question is "
            "whether it comes from need, response or recording."
            if answer == 1
            else f"The 95% interval ({interval}) includes England's {england_text}: a gap this size is "
            "within what chance alone could give, so 'fewer' or 'more' over-reads it."
        ),
        2: (
            "A gap this size is within chance, so there is no difference to explain yet."
            if answer == 2
            else f"England's {england_text} lies outside the 95% interval ({interval}), so the "
            "difference is unlikely to be chance alone."
        ),
        3: "Local rates differ widely: in 2025 they ranged from under 30 to over 180 per 10,000. "
        "A difference is a question, not an error.",
    }
    return Question(
        f"{name} has {rate:.0f} {what} per 10,000 children; England has "
        f"{england_text}. What can you conclude?",
        options,
        answer,
        feedback,
    )


class Quiz:
    """A set of :class:`Question` objects shown as accessible HTML (``_repr_html_``)."""

    def __init__(self, questions: list[Question], title: str = "Check your understanding"):
        if not questions:
            raise ChildinfoError("A quiz needs at least one Question.")
        self.questions = list(questions)
        self.title = title
        self.quiz_id = f"childinfo-quiz-{uuid.uuid4().hex[:10]}"

    def _question_html(self, number: int, question: Question) -> str:
        name = f"{self.quiz_id}-q{number}"
        options = []
        for i, text in enumerate(question.options):
            option_id = f"{name}-o{i}"
            options.append(
                f'<div class="childinfo-option"><input type="radio" name="{name}" '
                f'id="{option_id}" value="{i}" data-correct="{int(i == question.answer)}" '
                f'data-feedback="{html.escape(question.feedback_for(i), quote=True)}">'
                f'<label for="{option_id}">{html.escape(text)}</label></div>'
            )
        return (
            f"<form><fieldset><legend>{number}. {html.escape(question.prompt)}</legend>"
            + "".join(options)
            + '<button type="submit">Check answer</button>'
            + '<p class="childinfo-feedback" role="status" aria-live="polite"></p>'
            + "</fieldset></form>"
        )

    def _repr_html_(self) -> str:
        body = "".join(self._question_html(n, q) for n, q in enumerate(self.questions, 1))
        return (
            notebook_style()
            + f'<section class="childinfo-quiz" id="{self.quiz_id}" '
            + f'aria-label="{html.escape(self.title, quote=True)}">{body}</section>'
            + _SCRIPT % {"quiz_id": json.dumps(self.quiz_id)}
        )
