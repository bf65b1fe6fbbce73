"""Checks for labs 5 and 6 (linking rich information; coding voice)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from childinfo.course.checks.core import (
    Feedback,
    _as_number,
    _never_raises,
    not_answered,
    unfilled,
    wrong_type,
)

__all__ = ["check_theme_coding", "check_theme_kappa"]


def _theme_sets(values) -> list[set[str]] | None:
    """Each record's themes as a set; None if ``values`` is not a list-like of codings."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        return None
    out = []
    for v in list(values):
        if isinstance(v, (list, tuple, set)):
            out.append({str(t).strip() for t in v if str(t).strip()})
        elif isinstance(v, str):
            out.append({t.strip() for t in v.split(";") if t.strip()})
        elif v is None or (isinstance(v, float) and np.isnan(v)):
            out.append(set())
        else:
            return None
    return out


@_never_raises
def check_theme_coding(answer, reference, *, themes: Sequence[str] | None = None) -> Feedback:
    """Check a learner's hand-coding of a few texts against reference themes, record by record.

    ``answer`` and ``reference`` hold one coding per text: themes joined by ";" (or a list).
    ``themes``, if given, is the codebook's list, so a misspelt theme is named as such. An
    unfilled scaffold (``...`` anywhere) gets "not answered yet".

    Example:
        >>> key = ["school;friends", "family_time"]
        >>> print(check_theme_coding(["friends;school", "family_time"], key))
        Correct: all 2 of your codings match the answer key.
        >>> print(check_theme_coding(["school", ...], key))
        Not yet: not answered yet: replace each ... in the cell above with the themes you chose, run that cell, then run this check again.
        >>> print(check_theme_coding(["school", "family_time"], key))
        Not yet: 1 of 2 codings match the answer key.
          - Text 1: you left out friends.
    """
    if unfilled(answer):
        return not_answered("the themes you chose", each=True)
    mine, key = _theme_sets(answer), _theme_sets(reference)
    if mine is None:
        return Feedback(
            False,
            f"your coding should be a list with one entry per text, but it is "
            f"{type(answer).__name__}.",
            ('Write each text\'s themes as text, e.g. "school;friends".',),
        )
    if len(mine) != len(key):
        return Feedback(
            False,
            f"you coded {len(mine)} text(s), but there are {len(key)}.",
            ('Give one entry per text, in the order shown; use "" for a text with no theme.',),
        )
    if themes is not None:
        known = set(themes)
        unknown = sorted({t for row in mine for t in row} - known)
        if unknown:
            return Feedback(
                False,
                f"{', '.join(map(repr, unknown))} is not a theme in the codebook.",
                ("Use the names in the codebook's 'theme' column, spelt exactly, joined by ';'.",),
            )
    wrong = [(i, m, k) for i, (m, k) in enumerate(zip(mine, key), start=1) if m != k]
    if not wrong:
        return Feedback(True, f"all {len(key)} of your codings match the answer key.")
    hints = []
    for i, m, k in wrong[:4]:
        parts = []
        if k - m:
            parts.append(f"you left out {', '.join(sorted(k - m))}")
        if m - k:
            parts.append(f"the answer key does not have {', '.join(sorted(m - k))}")
        hints.append(f"Text {i}: {'; '.join(parts)}.")
    return Feedback(
        False, f"{len(key) - len(wrong)} of {len(key)} codings match the answer key.", tuple(hints)
    )


@_never_raises
def check_theme_kappa(answer, coder_a, coder_b, theme: str, *, decimals: int = 2) -> Feedback:
    """Check a learner's Cohen's kappa for one theme between two codings of the same texts.

    Each coding holds one entry per text (themes joined by ";"); kappa is computed on whether
    each text has ``theme`` (yes or no), as :func:`childinfo.toolkit.voice.coder_agreement` does. An
    unfilled scaffold gets "not answered yet"; the raw share of agreement is named as a slip.

    Example:
        >>> a = ["school", "school;friends", "friends", ""]
        >>> b = ["school", "friends", "friends", "school"]
        >>> print(check_theme_kappa(0.0, a, b, "school"))
        Correct: kappa for school is 0.00: the coders agree no more than chance would.
        >>> print(check_theme_kappa(0.5, a, b, "school"))
        Not yet: kappa for school is not 0.5.
          - 0.50 is the share of texts the coders agree on; kappa takes away the agreement expected by chance.
    """
    from childinfo.toolkit.voice import coder_agreement, kappa_strength

    if unfilled(answer):
        return not_answered("your kappa")
    table = coder_agreement(list(coder_a), list(coder_b), [theme])
    kappa = float(table.loc[theme, "kappa"])
    raw = float(table.loc[theme, "percent_agreement"]) / 100
    value = _as_number(answer)
    if value is None:
        return wrong_type(
            "kappa",
            "a single number",
            answer,
            "Pick one value out of the agreement table with .loc[theme, 'kappa'].",
        )
    tol = 0.5 * 10**-decimals + 1e-9
    if np.isnan(kappa):
        return Feedback(
            False,
            f"kappa for {theme} cannot be worked out: both coders gave every text the same answer.",
        )
    if abs(value - kappa) <= tol:
        return Feedback(
            True,
            f"kappa for {theme} is {kappa:.{decimals}f}: the coders agree "
            f"{kappa_strength(kappa)}.",
        )
    hints = []
    if abs(value - raw) <= tol or abs(value - 100 * raw) <= 100 * tol:
        hints.append(
            f"{raw:.2f} is the share of texts the coders agree on; kappa takes away the "
            "agreement expected by chance."
        )
    else:
        hints.append(
            f"Look at the row for {theme} in coder_agreement(coder_a, coder_b), column 'kappa'."
        )
    return Feedback(False, f"kappa for {theme} is not {answer}.", tuple(hints))
