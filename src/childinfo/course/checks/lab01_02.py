"""Checks for labs 1 and 2 (population to care; what the codes hide)."""

from __future__ import annotations

from collections.abc import Sequence

from childinfo.course.checks.core import (
    Feedback,
    _as_number,
    _fmt,
    _never_raises,
    check_number,
    not_answered,
    unfilled,
    wrong_type,
)
from childinfo.course.checks.general import check_rate_per_10k

__all__ = ["check_count", "check_percentage", "check_rate_vs_england"]


@_never_raises
def check_count(
    answer, expected: int, *, what: str = "the count", hints: Sequence[str] = ()
) -> Feedback:
    """Check a whole-number count (of children, referrals ...), saying how far off a wrong one is.

    An unfilled scaffold (``...``) gets "not answered yet". A count that is too high often means
    rows were counted where children were asked for, so that hint is given first.

    Example:
        >>> print(check_count(..., 60_210, what="the number of children aged 0 to 17"))
        Not yet: not answered yet: replace the ... in the cell above with your code for the number of children aged 0 to 17, run that cell, then run this check again.
        >>> print(check_count(60_568, 60_210, what="the number of children aged 0 to 17"))
        Not yet: the number of children aged 0 to 17 is 60,568, but it should be 60,210 (358 too many).
          - Too many: check the filter (dates, ages) and whether you counted rows where the question asks for children (nunique).
    """
    if unfilled(answer):
        return not_answered(f"your code for {what}")
    value = _as_number(answer)
    if value is None:
        return wrong_type(
            what,
            "a single number",
            answer,
            "If you have a table or Series, pick out the one value the question asks for "
            "(len(table), or .sum() of a True/False column).",
            show=True,
        )
    if value == expected:
        return Feedback(True, f"{what} is {_fmt(value)}.")
    gap = value - expected
    side = f"{_fmt(gap)} too many" if gap > 0 else f"{_fmt(-gap)} too few"
    first = (
        (
            "Too many: check the filter (dates, ages) and whether you counted rows where the question "
            "asks for children (nunique)."
        )
        if gap > 0
        else (
            "Too few: check the filter is not dropping records it should keep (for example, the end "
            "date of a period that is still open is empty)."
        )
    )
    return Feedback(
        False,
        f"{what} is {_fmt(value)}, but it should be {_fmt(expected)} ({side}).",
        (first, *hints),
    )


@_never_raises
def check_percentage(
    answer,
    part: float,
    whole: float,
    *,
    decimals: int = 1,
    what: str = "the percentage",
    hints: Sequence[str] = (),
) -> Feedback:
    """Check a percentage ``part / whole x 100``, to ``decimals`` places, naming common slips.

    The slips named are: a proportion instead of a percentage, and the part divided by the
    wrong whole (the rest instead of the total, or the whole the wrong way up).

    Example:
        >>> print(check_percentage(90.4, part=216, whole=239, what="the share in suitable accommodation"))
        Correct: the share in suitable accommodation is 90.4% (216 out of 239).
        >>> print(check_percentage(0.904, part=216, whole=239))
        Not yet: the percentage is 0.904, but it should be 90.4.
          - It looks like a proportion: multiply by 100 to get a percentage.
    """
    if unfilled(answer):
        return not_answered(f"your code for {what}")
    expected = round(100 * part / whole, decimals)
    tol = 0.5 * 10**-decimals + 1e-9
    value = _as_number(answer)
    if value is not None and abs(value - expected) <= tol:
        return Feedback(
            True, f"{what} is {expected:.{decimals}f}% ({_fmt(part)} out of {_fmt(whole)})."
        )
    extra = []
    if (
        value is not None
        and whole > part
        and abs(value - round(100 * (whole - part) / whole, decimals)) <= tol
    ):
        extra.append(
            "That is the percentage of the rest: the question asks about the other group."
        )
    if value is not None and part and abs(value - round(100 * whole / part, decimals)) <= tol:
        extra.append("The division is the wrong way up: divide the part by the whole.")
    fb = check_number(answer, expected, tolerance=tol, what=what, hints=(*extra, *hints))
    return fb


@_never_raises
def check_rate_vs_england(
    answer,
    events: float,
    population: float,
    england: float,
    *,
    decimals: int = 1,
    what: str = "the rate",
    england_label: str = "England",
) -> Feedback:
    """Check a rate per 10,000 children and, when it is right, say how it compares with England's.

    The comparison uses the rate's exact 95% interval (:func:`childinfo.toolkit.rates.rate_interval`,
    Wilson, as each child counts once): a local rate is only called above or below England's
    when England's rate lies outside that interval.

    Example:
        >>> print(check_rate_vs_england(60.3, events=363, population=60_210, england=70))
        Correct: the rate is 60.3 per 10,000 children (95% interval 54.4 to 66.8). England's rate of 70 is above the interval, so the difference is unlikely to be chance alone; it still does not say why.
    """
    from childinfo.toolkit.rates import rate_interval

    if unfilled(answer):
        return not_answered(f"your code for {what}")
    fb = check_rate_per_10k(answer, events, population, decimals=decimals)
    if not fb:
        return fb
    ci = rate_interval(events, population, method="wilson").iloc[0]
    lo, hi = float(ci["lower"]), float(ci["upper"])
    rate = round(10_000 * events / population, decimals)
    if lo <= england <= hi:
        verdict = (
            f"{england_label}'s rate of {_fmt(england)} lies inside the interval, so the data do not "
            "show a real difference."
        )
    else:
        where = "above" if england > hi else "below"
        verdict = (
            f"{england_label}'s rate of {_fmt(england)} is {where} the interval, so the difference is "
            "unlikely to be chance alone; it still does not say why."
        )
    return Feedback(
        True,
        f"the rate is {rate:.{decimals}f} per 10,000 children "
        f"(95% interval {lo:.1f} to {hi:.1f}). {verdict}",
    )
