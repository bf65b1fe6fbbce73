"""Checks for labs 3 and 4 (reviewing a proposed use; needs met)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from childinfo.course.checks.core import (
    Feedback,
    _never_raises,
    not_answered,
    unfilled,
    wrong_type,
)

__all__ = ["check_answers", "check_release_extract"]


@_never_raises
def check_answers(
    answers, expected: dict, explanations: dict | None = None, *, what: str = "your answers"
) -> Feedback:
    """Check a set of named answers (a checklist of yes/no or short choices) against the expected ones.

    ``answers`` and ``expected`` are dicts keyed by question; ``explanations`` gives, for each
    question, the reason for the expected answer, shown when the learner's answer differs.
    Text is compared without regard to case or spaces; "yes"/"no" match True/False.

    Example:
        >>> want = {"special_category": True, "consent_is_the_basis": False}
        >>> why = {"consent_is_the_basis": "Consent is rarely right when a family cannot freely refuse."}
        >>> print(check_answers({"special_category": "yes", "consent_is_the_basis": True}, want, why))
        Not yet: 1 of 2 answers match. Look again at 'consent_is_the_basis': Consent is rarely right when a family cannot freely refuse.
        >>> print(check_answers({"special_category": ..., "consent_is_the_basis": False}, want))
        Not yet: not answered yet: replace each ... in the cell above with an answer, run that cell, then run this check again.
    """
    if unfilled(answers):
        return not_answered("an answer", each=True)
    if not isinstance(answers, dict):
        return wrong_type(what, "a dict of question: answer", answers)

    def norm(x):
        if isinstance(x, str):
            x = x.strip().lower()
            return {
                "yes": True,
                "y": True,
                "true": True,
                "no": False,
                "n": False,
                "false": False,
            }.get(x, x)
        return bool(x) if isinstance(x, (bool, np.bool_)) else x

    explanations = explanations or {}
    missing = [q for q in expected if q not in answers]
    if missing:
        return Feedback(
            False,
            f"{what} have no answer for {', '.join(map(repr, missing))}.",
            ("Keep every question in the dict and give each one an answer.",),
        )
    wrong = [q for q in expected if norm(answers[q]) != norm(expected[q])]
    if not wrong:
        return Feedback(
            True, f"all {len(expected)} answers match the reasoning of the decision aid."
        )
    first = wrong[0]
    why = explanations.get(first, "")
    more = tuple(f"Also look again at {q!r}." for q in wrong[1:4])
    return Feedback(
        False,
        f"{len(expected) - len(wrong)} of {len(expected)} answers match. "
        f"Look again at {first!r}: {why}".strip(),
        more,
    )


@_never_raises
def check_release_extract(
    extract,
    quasi_identifiers: Sequence[str],
    *,
    k_min: int = 5,
    direct_identifiers: Sequence[str] = (),
    sensitive: str | None = None,
) -> Feedback:
    """Check a generalised record-level extract: no direct identifiers, and k-anonymous at ``k_min``.

    When ``sensitive`` is given, the feedback also reports distinct l-diversity for that column.

    Example:
        >>> d = pd.DataFrame({"age_band": ["5 to 9"] * 5 + ["10 to 15"] * 2, "sex": ["F"] * 7})
        >>> print(check_release_extract(d, ["age_band", "sex"], k_min=5))
        Not yet: the smallest group of records sharing the same age_band, sex has 2 records, so k is 2; it should be at least 5. 2 of 7 records are in groups smaller than 5.
          - Generalise further (wider age bands, larger areas) or drop a quasi-identifier, then measure k again.
    """
    from childinfo.toolkit.disclosure import k_anonymity, l_diversity, records_below_k

    if unfilled(extract):
        return not_answered("your generalised extract")
    if not isinstance(extract, pd.DataFrame):
        return wrong_type("the extract", "a DataFrame", extract)
    qi = list(quasi_identifiers)
    absent = [c for c in qi if c not in extract.columns]
    if absent:
        return Feedback(
            False,
            f"the extract has no column(s) {', '.join(map(repr, absent))}.",
            ("Pass the names of the generalised columns you kept as the quasi-identifiers.",),
        )
    left = [c for c in direct_identifiers if c in extract.columns]
    if left:
        return Feedback(
            False,
            f"the extract still holds the direct identifier(s) {', '.join(map(repr, left))}.",
            (
                "Drop names, full dates of birth and full postcodes: generalising the others is not enough "
                "while these are present.",
            ),
        )
    if extract.empty:
        return Feedback(False, "the extract has no rows.", ("Look at the filter that made it.",))
    k = k_anonymity(extract, qi)
    names = ", ".join(qi)
    if k < k_min:
        at_risk = len(records_below_k(extract, qi, k_min))
        return Feedback(
            False,
            f"the smallest group of records sharing the same {names} has {k} record"
            f"{'s' if k != 1 else ''}, so k is {k}; it should be at least {k_min}. "
            f"{at_risk:,} of {len(extract):,} records are in groups smaller than {k_min}.",
            (
                "Generalise further (wider age bands, larger areas) or drop a quasi-identifier, "
                "then measure k again.",
            ),
        )
    note = ""
    if sensitive and sensitive in extract.columns:
        ell = l_diversity(extract, qi, sensitive)
        note = f" Its l-diversity for {sensitive!r} is {ell}: " + (
            "some group has only one value, so knowing a child is in it reveals that value."
            if ell == 1
            else "every group holds more than one value."
        )
    return Feedback(
        True,
        f"no direct identifiers, and every record shares its {names} with at least "
        f"{k - 1} others (k = {k}).{note}",
    )
