"""The core of every exercise check: :class:`Feedback`, the one "not answered yet" rule, and
the general checks of a number, a choice and a table's columns."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from childinfo.course.display import notebook_style

__all__ = [
    "Feedback",
    "check_choice",
    "check_columns",
    "check_number",
    "check_when_answered",
    "not_answered",
    "unfilled",
    "wrong_type",
]


@dataclass(frozen=True)
class Feedback:
    """The result of an exercise check: right or not, why, and what to look at next.

    ``bool(feedback)`` is True when the answer is right, so tests and autograders can use it.

    Example:
        >>> fb = Feedback(True, "That is the rate per 10,000 children.")
        >>> print(fb)
        Correct: That is the rate per 10,000 children.
        >>> bool(Feedback(False, "Not quite.", hints=("Divide by the population.",)))
        False
    """

    correct: bool
    message: str
    hints: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.correct)

    def __str__(self) -> str:
        head = "Correct" if self.correct else "Not yet"
        lines = [f"{head}: {self.message}"]
        lines += [f"  - {h}" for h in self.hints]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        # Classes only: the look (and its contrast reasoning) is in the course stylesheet.
        head = "Correct" if self.correct else "Not yet"
        kind = "correct" if self.correct else "not-yet"
        hints = "".join(f"<li>{html.escape(h)}</li>" for h in self.hints)
        hint_list = f"<ul>{hints}</ul>" if hints else ""
        return (
            notebook_style()
            + f'<div class="childinfo-check childinfo-check--{kind}" role="status" '
            f'aria-live="polite"><strong>{head}:</strong> {html.escape(self.message)}'
            f"{hint_list}</div>"
        )


def unfilled(answer) -> bool:
    """True while an answer is still the scaffold: ``...`` or None, or ``...`` anywhere inside it
    (a dict's keys or values, a list, tuple or set, a dataclass's fields, a table's cells).

    Example:
        >>> unfilled(...), unfilled({"owner": ...}), unfilled(pd.DataFrame({"a": [1, ...]})), unfilled(3)
        (True, True, True, False)
    """
    return answer is None or _holds_ellipsis(answer)


def _holds_ellipsis(value) -> bool:
    if value is Ellipsis:
        return True
    if isinstance(value, dict):
        return any(_holds_ellipsis(k) or _holds_ellipsis(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return any(_holds_ellipsis(v) for v in value)
    if isinstance(value, pd.DataFrame):
        return bool(value.map(lambda v: v is Ellipsis).to_numpy().any())
    if isinstance(value, pd.Series):
        return bool(value.map(lambda v: v is Ellipsis).any())
    if hasattr(value, "__dataclass_fields__"):
        return any(_holds_ellipsis(getattr(value, f)) for f in value.__dataclass_fields__)
    return False


def not_answered(what: str, *, each: bool = False) -> Feedback:
    """The one message for an unfilled scaffold: what to put in place of the ``...``.

    Example:
        >>> print(not_answered("your kappa"))
        Not yet: not answered yet: replace the ... in the cell above with your kappa, run that cell, then run this check again.
    """
    which = "each" if each else "the"
    return Feedback(
        False,
        f"not answered yet: replace {which} ... in the cell above with {what}, "
        "run that cell, then run this check again.",
    )


def wrong_type(
    what: str, should_be: str, answer, *hints: str, plural: bool = False, show: bool = False
) -> Feedback:
    """The one message for an answer of the wrong kind: what it should be, and what it is.

    ``show`` adds the start of the answer itself; ``plural`` says "they are" for a plural ``what``.

    Example:
        >>> print(wrong_type("your table", "a pandas DataFrame", [1, 2], show=True))
        Not yet: your table should be a pandas DataFrame, but it is list [1, 2].
    """
    got = type(answer).__name__ + (f" {answer!r:.60}" if show else "")
    verb = "they are" if plural else "it is"
    return Feedback(False, f"{what} should be {should_be}, but {verb} {got}.", hints)


def _never_raises(func: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Turn any error inside a check into feedback: a learner's mistake must not be a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs) -> Feedback:
        try:
            return func(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - deliberately broad, see docstring
            return Feedback(
                False,
                "I could not check this answer, because working with it gave an error: "
                f"{exc}".strip(),
                (
                    "Check that your answer is the kind of thing the exercise asks for "
                    "(a number, a table, a list), then run the check again.",
                ),
            )

    return wrapper


def _as_number(answer) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, pd.Series) and len(answer) == 1:
        answer = answer.iloc[0]
    if isinstance(answer, pd.DataFrame) and answer.shape == (1, 1):
        answer = answer.iloc[0, 0]
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(value) else value


@_never_raises
def check_number(
    answer,
    expected: float,
    *,
    tolerance: float = 1e-6,
    what: str = "your answer",
    hints: Sequence[str] = (),
) -> Feedback:
    """Check a numeric answer against the expected value, within ``tolerance``.

    ``hints`` are shown when the answer is wrong. A few common slips are recognised and named:
    a percentage given as a proportion (or the reverse), and a rate per 1,000 instead of
    per 10,000.

    Example:
        >>> print(check_number(0.25, expected=25, what="the percentage"))
        Not yet: the percentage is 0.25, but it should be 25.
          - It looks like a proportion: multiply by 100 to get a percentage.
    """
    value = _as_number(answer)
    if value is None:
        return wrong_type(
            what,
            "a single number",
            answer,
            "If you have a table or Series, pick out the one value the question asks for.",
            show=True,
        )
    if abs(value - expected) <= tolerance:
        return Feedback(True, f"{what} is {_fmt(value)}.")
    slips = []
    if expected and abs(value * 100 - expected) <= max(tolerance * 100, abs(expected) * 1e-6):
        slips.append("It looks like a proportion: multiply by 100 to get a percentage.")
    elif expected and abs(value / 100 - expected) <= tolerance:
        slips.append("It looks like a percentage: divide by 100 to get a proportion.")
    elif expected and abs(value * 10 - expected) <= tolerance * 10:
        slips.append("It looks like a rate per 1,000: a rate per 10,000 is 10 times larger.")
    return Feedback(
        False, f"{what} is {_fmt(value)}, but it should be {_fmt(expected)}.", (*slips, *hints)
    )


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


@_never_raises
def check_choice(answer, correct, explanations: dict | None = None) -> Feedback:
    """Check a multiple-choice answer; ``explanations`` maps each option to why it is right or wrong.

    Text answers are compared without regard to case or surrounding spaces.

    Example:
        >>> why = {"c": "c marks a suppressed cell.", "z": "z means not applicable."}
        >>> print(check_choice("Z", "c", why))
        Not yet: you chose 'z'. z means not applicable.
    """

    def norm(x):
        return x.strip().lower() if isinstance(x, str) else x

    explanations = {norm(k): v for k, v in (explanations or {}).items()}
    chosen, right = norm(answer), norm(correct)
    why = explanations.get(chosen, "")
    if chosen == right:
        return Feedback(True, f"{chosen!r} is right. {why}".strip())
    return Feedback(False, f"you chose {chosen!r}. {why}".strip(), ())


@_never_raises
def check_columns(df, required: Sequence[str], *, what: str = "your table") -> Feedback:
    """Check that a learner's table has the columns the next step needs.

    Example:
        >>> print(check_columns(pd.DataFrame({"la": [1]}), ["la", "rate"]))
        Not yet: your table is missing the column(s) 'rate'.
          - Its columns are: 'la'. Check the spelling, or that you kept the column when selecting.
    """
    if not isinstance(df, pd.DataFrame):
        return wrong_type(what, "a pandas DataFrame", df)
    missing = [c for c in required if c not in df.columns]
    if missing:
        have = ", ".join(repr(c) for c in df.columns)
        return Feedback(
            False,
            f"{what} is missing the column(s) {', '.join(map(repr, missing))}.",
            (
                f"Its columns are: {have}. Check the spelling, or that you kept the column when selecting.",
            ),
        )
    if df.empty:
        return Feedback(
            False,
            f"{what} has the right columns but no rows.",
            ("Look at the filter that made it: it may be dropping everything.",),
        )
    return Feedback(True, f"{what} has the columns {', '.join(map(repr, required))}.")


@_never_raises
def check_when_answered(
    answer, check: Callable[..., Feedback], *args, what: str = "your answer", **kwargs
) -> Feedback:
    """Say "not answered yet" while ``answer`` still holds ``...``; otherwise run ``check`` on it.

    Use it in front of a check that expects a table or number, such as
    :func:`check_suppressed_table`, so an unfilled scaffold gets a plain message, not a complaint
    about its type. ``check`` is called as ``check(answer, *args, **kwargs)``.

    Example:
        >>> from childinfo.course.checks import check_suppressed_table
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> print(check_when_answered(..., check_suppressed_table, t, threshold=6, what="your published table"))
        Not yet: not answered yet: replace the ... in the cell above with your published table, run that cell, then run this check again.
        >>> mine = pd.DataFrame({"boys": ["c", "c"], "girls": ["c", "c"]}, index=t.index)
        >>> bool(check_when_answered(mine, check_suppressed_table, t, threshold=6))
        True
    """
    if unfilled(answer):
        return not_answered(what)
    return check(answer, *args, **kwargs)
