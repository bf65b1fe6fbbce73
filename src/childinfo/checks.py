"""Exercise checks: tell a learner, in plain words, whether an answer is right.

Every ``check_*`` function returns a :class:`Feedback`. It prints as a sentence in a terminal
and shows as a short panel in a notebook; the panel is a ``role="status"`` element, so a screen
reader announces it. A wrong answer, an answer of the wrong type, or a table with the wrong
columns never raises: the learner gets feedback that says what to look at instead.

Example, in a lab::

    from childinfo.checks import check_number
    check_number(my_rate, expected=51.4, tolerance=0.1, what="the rate per 10,000")
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from childinfo.framework import PRACTICES as FRAMEWORK_PRACTICES
from childinfo.styles import notebook_style

__all__ = [
    "Feedback",
    "check_choice",
    "check_columns",
    "check_number",
    "check_k_anonymity",
    "check_rate_per_10k",
    "check_suppressed_table",
    "check_pseudonymised",
    "check_kappa",
    "check_linkage_metric",
    "check_group_rate",
    "check_funnel_band",
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
                ("Check that your answer is the kind of thing the exercise asks for "
                 "(a number, a table, a list), then run the check again.",),
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
        return Feedback(False, f"{what} should be a single number, but it is {type(answer).__name__} {answer!r:.60}.",
                        ("If you have a table or Series, pick out the one value the question asks for.",))
    if abs(value - expected) <= tolerance:
        return Feedback(True, f"{what} is {_fmt(value)}.")
    slips = []
    if expected and abs(value * 100 - expected) <= max(tolerance * 100, abs(expected) * 1e-6):
        slips.append("It looks like a proportion: multiply by 100 to get a percentage.")
    elif expected and abs(value / 100 - expected) <= tolerance:
        slips.append("It looks like a percentage: divide by 100 to get a proportion.")
    elif expected and abs(value * 10 - expected) <= tolerance * 10:
        slips.append("It looks like a rate per 1,000: a rate per 10,000 is 10 times larger.")
    return Feedback(False, f"{what} is {_fmt(value)}, but it should be {_fmt(expected)}.", (*slips, *hints))


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
        return Feedback(False, f"{what} should be a pandas DataFrame, but it is {type(df).__name__}.")
    missing = [c for c in required if c not in df.columns]
    if missing:
        have = ", ".join(repr(c) for c in df.columns)
        return Feedback(False, f"{what} is missing the column(s) {', '.join(map(repr, missing))}.",
                        (f"Its columns are: {have}. Check the spelling, or that you kept the column when selecting.",))
    if df.empty:
        return Feedback(False, f"{what} has the right columns but no rows.",
                        ("Look at the filter that made it: it may be dropping everything.",))
    return Feedback(True, f"{what} has the columns {', '.join(map(repr, required))}.")


@_never_raises
def check_suppressed_table(published, counts: pd.DataFrame, threshold: int, *, symbol: str = "c",
                           zeros: str = "shown") -> Feedback:
    """Check a learner's suppressed table: small counts hidden, and totals reveal nothing.

    ``published`` is the learner's table of the same cells as ``counts`` (text or numbers,
    with ``symbol`` where a cell is hidden), with its ``Total`` row and column if it has them.
    The check plays the intruder with :func:`childinfo.disclosure.published_table_bounds`: one
    who reads the table, knows the threshold and, when ``zeros`` are shown, that every hidden
    figure is at least 1.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> mine = pd.DataFrame({"boys": ["c", "14"], "girls": ["9", "8"]}, index=t.index)
        >>> print(check_suppressed_table(mine, t, threshold=6))
        Not yet: a hidden cell can be worked out from the totals: under 5 / boys is exactly 2.
          - When a row or column has only one hidden cell, its total gives it away: hide a second cell (secondary suppression).
    """
    from childinfo import disclosure  # local import: keeps checks light to import

    if not isinstance(published, pd.DataFrame):
        return Feedback(False, f"the published table should be a DataFrame, but it is {type(published).__name__}.")
    body = published.drop(index=["Total"], columns=["Total"], errors="ignore")
    if body.shape != counts.shape:
        return Feedback(False, f"your table is {body.shape[0]} rows by {body.shape[1]} columns, "
                        f"but the counts are {counts.shape[0]} by {counts.shape[1]}.",
                        ("Suppress the cells of the original table; keep every row and column.",))
    body = body.reindex(index=counts.index, columns=counts.columns)
    hidden = body.astype(str).apply(lambda col: col.str.strip().str.lower() == symbol.lower())
    primary = disclosure.primary_suppression(counts, threshold, zeros=zeros)
    shown_small = primary & ~hidden
    if shown_small.to_numpy().any():
        cells = [f"{r} / {c} ({int(counts.loc[r, c])})" for r, c in zip(*np.where(shown_small))
                 for r, c in [(counts.index[r], counts.columns[c])]]
        return Feedback(False, f"some counts below {threshold} are still shown: {', '.join(cells[:4])}.",
                        (f"Replace every count from 1 to {threshold - 1} with {symbol!r}.",))
    # A shown cell must show its true value.
    for r, c in zip(*np.where(~hidden.to_numpy())):
        shown = _as_number(body.iat[r, c])
        if shown is None or shown != counts.iat[r, c]:
            written = str(body.iat[r, c]).strip()
            if zeros == "structural" and counts.iat[r, c] == 0 and written == "z":
                continue
            return Feedback(False, f"the cell {counts.index[r]} / {counts.columns[c]} shows {body.iat[r, c]!r}, "
                            f"but the count is {int(counts.iat[r, c])}.",
                            ("Only replace cells with the symbol; leave the other counts as they are.",))
    table = body.astype(object).copy()
    for side, total in (("columns", counts.sum(axis=1)), ("index", counts.sum(axis=0))):
        given = published["Total"] if side == "columns" and "Total" in published.columns else (
            published.loc["Total"] if side == "index" and "Total" in published.index else None)
        if side == "columns":
            table["Total"] = (given.reindex(table.index) if given is not None
                              else total.astype("int64").astype(str))
        else:
            row = (given.reindex(table.columns) if given is not None
                   else total.astype("int64").astype(str))
            if given is None:
                row["Total"] = str(int(counts.to_numpy().sum()))
            table.loc["Total"] = row
    bounds = disclosure.published_table_bounds(table, counts, zeros=zeros, threshold=threshold,
                                               symbol=symbol)
    leaked = bounds[~bounds["safe"]]
    if len(leaked):
        first = leaked.iloc[0]
        where = f"{first['row']} / {first['column']}"
        if first["disclosed"]:
            return Feedback(False, "a hidden cell can be worked out from the totals: "
                            f"{where} is exactly {first['value']}.",
                            ("When a row or column has only one hidden cell, its total gives it "
                             "away: hide a second cell (secondary suppression).",))
        return Feedback(False, f"the totals show that the hidden {where} is a small count, from "
                        f"{first['lower']} to {first['upper']}.",
                        ("Zeros are shown, so every hidden cell is at least 1: hide another cell "
                         "on that line, or hide the small total too.",))
    ours = int((disclosure.publish_table(counts, threshold, symbol=symbol, zeros=zeros)
                .reindex(index=counts.index, columns=counts.columns) == symbol).to_numpy().sum())
    n_hidden = int(hidden.to_numpy().sum())
    note = "" if n_hidden <= ours else (
        f" It hides {n_hidden} cells; {ours} would be enough, so some information was lost that need not be.")
    return Feedback(True, "no small count is shown and no hidden cell can be worked out from the totals." + note)


@_never_raises
def check_k_anonymity(answer, df: pd.DataFrame, quasi_identifiers: Sequence[str]) -> Feedback:
    """Check a learner's value of k for an extract and its quasi-identifiers.

    Example:
        >>> d = pd.DataFrame({"sex": ["F", "F", "M"], "age": [7, 7, 9]})
        >>> print(check_k_anonymity(2, d, ["sex", "age"]))
        Not yet: k is 1, not 2.
          - k is the size of the *smallest* group of records sharing the same quasi-identifiers.
    """
    from childinfo.disclosure import k_anonymity

    k = k_anonymity(df, list(quasi_identifiers))
    value = _as_number(answer)
    if value == k:
        extra = " At least one record is unique, so it can be singled out." if k == 1 else ""
        return Feedback(True, f"the extract is {k}-anonymous.{extra}")
    return Feedback(False, f"k is {k}, not {answer}.",
                    ("k is the size of the *smallest* group of records sharing the same quasi-identifiers.",))


@_never_raises
def check_rate_per_10k(answer, events: float, population: float, *, decimals: int = 1) -> Feedback:
    """Check a rate per 10,000 children, to ``decimals`` places.

    Example:
        >>> print(check_rate_per_10k(70.0, events=350, population=50_000))
        Correct: the rate is 70.0 per 10,000 children.
    """
    expected = round(10_000 * events / population, decimals)
    fb = check_number(answer, expected, tolerance=0.5 * 10**-decimals + 1e-9, what="the rate",
                      hints=("A rate per 10,000 is events / children x 10,000; use the child "
                             "population (aged 0 to 17), not the number of referrals.",))
    if fb:
        return Feedback(True, f"the rate is {expected:.{decimals}f} per 10,000 children.")
    return fb


@_never_raises
def check_pseudonymised(table: pd.DataFrame, identifier_columns: Sequence[str], pseudonym_column: str) -> Feedback:
    """Check a learner's pseudonymised extract: identifiers gone, pseudonym present and consistent.

    Example:
        >>> t = pd.DataFrame({"pid": ["a1", "a1", "b2"], "age": [3, 3, 9]})
        >>> print(check_pseudonymised(t, ["name", "dob"], "pid"))
        Correct: the direct identifiers are gone and every row has a pseudonym.
    """
    if not isinstance(table, pd.DataFrame):
        return Feedback(False, f"the extract should be a DataFrame, but it is {type(table).__name__}.")
    left = [c for c in identifier_columns if c in table.columns]
    if left:
        return Feedback(False, f"the extract still holds the identifier column(s) {', '.join(map(repr, left))}.",
                        ("Drop the direct identifiers once the pseudonym has been made from them.",))
    if pseudonym_column not in table.columns:
        return Feedback(False, f"there is no pseudonym column {pseudonym_column!r}.",
                        ("Add the keyed pseudonym (see childinfo.linkage.keyed_pseudonym) before dropping names.",))
    if table[pseudonym_column].isna().any():
        return Feedback(False, "some rows have no pseudonym.",
                        ("Rows without an identifier cannot be linked; decide whether to drop them and say so.",))
    return Feedback(True, "the direct identifiers are gone and every row has a pseudonym.")


@_never_raises
def check_kappa(answer, coder_a: Sequence, coder_b: Sequence, *, decimals: int = 2) -> Feedback:
    """Check a learner's Cohen's kappa between two coders' labels, to ``decimals`` places.

    Example:
        >>> a = ["safety", "school", "safety", "family"]
        >>> b = ["safety", "school", "family", "family"]
        >>> print(check_kappa(0.64, a, b))
        Correct: kappa is 0.64; the coders agree well beyond chance.
    """
    from sklearn.metrics import cohen_kappa_score

    kappa = cohen_kappa_score(list(coder_a), list(coder_b))
    expected = round(float(kappa), decimals)
    value = _as_number(answer)
    raw = float(np.mean(np.asarray(list(coder_a), dtype=object) == np.asarray(list(coder_b), dtype=object)))
    if value is not None and abs(value - expected) <= 0.5 * 10**-decimals + 1e-9:
        strength = ("well beyond chance" if kappa >= 0.6 else "moderately beyond chance"
                    if kappa >= 0.4 else "little beyond chance")
        return Feedback(True, f"kappa is {expected:.{decimals}f}; the coders agree {strength}.")
    hints = ["Kappa compares the agreement you saw with the agreement expected by chance, "
             "so it is lower than the share of labels that match."]
    if value is not None and abs(value - raw) < 0.005:
        hints.insert(0, f"{raw:.2f} is the raw share of matching labels, not kappa.")
    return Feedback(False, f"kappa is {expected:.{decimals}f}, not {answer}.", tuple(hints))


@_never_raises
def check_linkage_metric(answer, links: pd.DataFrame, truth: pd.DataFrame, metric: str = "precision", *,
                         left_id: str = "child_id", right_id: str = "record_id", decimals: int = 2) -> Feedback:
    """Check a learner's precision, recall or F1 for a set of links against the truth key.

    Example:
        >>> links = pd.DataFrame({"child_id": ["C1", "C2"], "record_id": ["V1", "V9"]})
        >>> truth = pd.DataFrame({"child_id": ["C1", "C3", "C4"], "record_id": ["V1", "V3", "V4"]})
        >>> print(check_linkage_metric(0.5, links, truth, "recall"))
        Not yet: recall is 0.33, not 0.5.
          - 0.5 is the precision. Recall divides the correct links by the true links (3), not by the links made (2).
    """
    from childinfo.linkage import linkage_quality

    if metric not in ("precision", "recall", "f1"):
        return Feedback(False, f"the exercise asked for an unknown measure {metric!r}; use precision, recall or f1.")
    q = linkage_quality(links, truth, left_id=left_id, right_id=right_id)
    expected = round(q[metric], decimals)
    value = _as_number(answer)
    if value is not None and abs(value - expected) <= 0.5 * 10**-decimals + 1e-9:
        return Feedback(True, f"{metric} is {expected:.{decimals}f} ({q['correct']} correct of "
                        f"{q['links'] if metric == 'precision' else q['true_links']}).")
    hints = []
    other = {"precision": "recall", "recall": "precision"}.get(metric)
    if other and value is not None and abs(value - q[other]) <= 0.5 * 10**-decimals + 1e-9:
        hints.append(f"{_fmt(value)} is the {other}. " + (
            f"Recall divides the correct links by the true links ({q['true_links']}), not by the links made ({q['links']})."
            if metric == "recall" else
            f"Precision divides the correct links by the links made ({q['links']}), not by the true links ({q['true_links']})."))
    else:
        hints.append("Count the links that appear in the truth key, then divide by "
                     + ("the links made." if metric == "precision" else "the true links." if metric == "recall"
                        else "combine precision and recall: 2PR / (P + R)."))
    return Feedback(False, f"{metric} is {expected:.{decimals}f}, not {answer}.", tuple(hints))


@_never_raises
def check_group_rate(answer, y_true, y_pred, groups, group, metric: str = "false_positive_rate", *,
                     decimals: int = 2) -> Feedback:
    """Check a learner's rate for one group: selection, false positive or false negative rate.

    Example:
        >>> y, flagged = [1, 0, 0, 0, 1, 0], [1, 1, 0, 1, 0, 0]
        >>> g = ["A", "A", "A", "B", "B", "B"]
        >>> print(check_group_rate(0.5, y, flagged, g, "A"))
        Correct: the false positive rate for A is 0.50: 1 of 2 families without the outcome were flagged. Few children stand behind this rate, so treat it with caution.
    """
    from childinfo.fairness import group_metrics

    names = {"selection_rate": "selection rate", "false_positive_rate": "false positive rate",
             "false_negative_rate": "false negative rate", "base_rate": "base rate"}
    if metric not in names:
        return Feedback(False, f"the exercise asked for an unknown measure {metric!r}.")
    table = group_metrics(y_true, y_pred, groups)
    if str(group) not in table.index:
        return Feedback(False, f"there is no group {group!r}; the groups are {', '.join(map(str, table.index[:-1]))}.")
    row = table.loc[str(group)]
    expected = round(float(row[metric]), decimals)
    value = _as_number(answer)
    detail = {
        "false_positive_rate": f"{int(round(row['false_positive_rate'] * row['negatives']))} of {row['negatives']} "
                               "families without the outcome were flagged",
        "false_negative_rate": f"{int(round(row['false_negative_rate'] * row['positives']))} of {row['positives']} "
                               "children with the outcome were missed",
        "selection_rate": f"{int(round(row['selection_rate'] * row['n']))} of {row['n']} were flagged",
        "base_rate": f"{int(round(row['base_rate'] * row['n']))} of {row['n']} had the outcome recorded",
    }[metric]
    if value is not None and abs(value - expected) <= 0.5 * 10**-decimals + 1e-9:
        note = "" if row["reliable"] else " Few children stand behind this rate, so treat it with caution."
        return Feedback(True, f"the {names[metric]} for {group} is {expected:.{decimals}f}: {detail}.{note}")
    hint = {
        "false_positive_rate": "Divide the flagged children *without* the outcome by all children without it.",
        "false_negative_rate": "Divide the children *with* the outcome who were not flagged by all children with it.",
        "selection_rate": "Divide the flagged children by all children in the group.",
        "base_rate": "Divide the children with the outcome by all children in the group.",
    }[metric]
    return Feedback(False, f"the {names[metric]} for {group} is {expected:.{decimals}f}, not {answer}.", (hint,))


@_never_raises
def check_funnel_band(answer: str, df: pd.DataFrame, unit: str, *, label: str = "la", events: str = "events",
                      population: str = "population", target: float | None = None) -> Feedback:
    """Check which band of a funnel plot a learner says a unit falls in.

    Accepts the band wording of :func:`childinfo.rates.funnel_position` or just "within",
    "above" or "below" (then only the side is checked).

    Example:
        >>> las = pd.DataFrame({"la": ["A", "B", "C"], "events": [40, 300, 8],
        ...                     "population": [5_000, 60_000, 4_000]})
        >>> print(check_funnel_band("within", las, "A"))
        Not yet: A is above 95% limit, not within.
          - Compare its rate (80.0) with the limits for its size: 95% from 30.7 to 70.0.
    """
    from childinfo.rates import funnel_position

    pos = funnel_position(df, events=events, population=population, target=target).set_index(label)
    if unit not in pos.index:
        return Feedback(False, f"there is no {unit!r} in the {label!r} column.")
    row = pos.loc[unit]
    band = row["band"]
    said = str(answer).strip().lower()
    right = said == band or (said in ("within", "above", "below") and band.startswith(said))
    if right:
        return Feedback(True, f"{unit} is {band}.")
    return Feedback(False, f"{unit} is {band}, not {answer}.",
                    (f"Compare its rate ({row['rate']:.1f}) with the limits for its size: "
                     f"95% from {row['lower_95']:.1f} to {row['upper_95']:.1f}.",))


# --- Checks for labs 01 and 02 (population to care; what the codes hide) -------------------

def _not_answered(answer, what: str) -> Feedback | None:
    """Feedback for a scaffold still holding ``...`` (or ``None``); None once it is filled."""
    if answer is Ellipsis or answer is None:
        return Feedback(False, f"not answered yet: replace the ... in the cell above with your code for {what}, "
                        "run that cell, then run this check again.")
    return None


@_never_raises
def check_count(answer, expected: int, *, what: str = "the count", hints: Sequence[str] = ()) -> Feedback:
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
    empty = _not_answered(answer, what)
    if empty is not None:
        return empty
    value = _as_number(answer)
    if value is None:
        return Feedback(False, f"{what} should be a single number, but it is {type(answer).__name__} {answer!r:.60}.",
                        ("If you have a table or Series, pick out the one value the question asks for "
                         "(len(table), or .sum() of a True/False column).",))
    if value == expected:
        return Feedback(True, f"{what} is {_fmt(value)}.")
    gap = value - expected
    side = (f"{_fmt(gap)} too many" if gap > 0 else f"{_fmt(-gap)} too few")
    first = ("Too many: check the filter (dates, ages) and whether you counted rows where the question "
             "asks for children (nunique).") if gap > 0 else (
             "Too few: check the filter is not dropping records it should keep (for example, the end "
             "date of a period that is still open is empty).")
    return Feedback(False, f"{what} is {_fmt(value)}, but it should be {_fmt(expected)} ({side}).", (first, *hints))


@_never_raises
def check_percentage(answer, part: float, whole: float, *, decimals: int = 1,
                     what: str = "the percentage", hints: Sequence[str] = ()) -> Feedback:
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
    empty = _not_answered(answer, what)
    if empty is not None:
        return empty
    expected = round(100 * part / whole, decimals)
    tol = 0.5 * 10**-decimals + 1e-9
    value = _as_number(answer)
    if value is not None and abs(value - expected) <= tol:
        return Feedback(True, f"{what} is {expected:.{decimals}f}% ({_fmt(part)} out of {_fmt(whole)}).")
    extra = []
    if value is not None and whole > part and abs(value - round(100 * (whole - part) / whole, decimals)) <= tol:
        extra.append("That is the percentage of the rest: the question asks about the other group.")
    if value is not None and part and abs(value - round(100 * whole / part, decimals)) <= tol:
        extra.append("The division is the wrong way up: divide the part by the whole.")
    fb = check_number(answer, expected, tolerance=tol, what=what, hints=(*extra, *hints))
    return fb


@_never_raises
def check_rate_vs_england(answer, events: float, population: float, england: float, *,
                          decimals: int = 1, what: str = "the rate", england_label: str = "England") -> Feedback:
    """Check a rate per 10,000 children and, when it is right, say how it compares with England's.

    The comparison uses the rate's exact 95% interval (:func:`childinfo.rates.rate_interval`,
    Wilson, as each child counts once): a local rate is only called above or below England's
    when England's rate lies outside that interval.

    Example:
        >>> print(check_rate_vs_england(60.3, events=363, population=60_210, england=70))
        Correct: the rate is 60.3 per 10,000 children (95% interval 54.4 to 66.8). England's rate of 70 is above the interval, so the difference is unlikely to be chance alone; it still does not say why.
    """
    from childinfo.rates import rate_interval

    empty = _not_answered(answer, what)
    if empty is not None:
        return empty
    fb = check_rate_per_10k(answer, events, population, decimals=decimals)
    if not fb:
        return fb
    ci = rate_interval(events, population, method="wilson").iloc[0]
    lo, hi = float(ci["lower"]), float(ci["upper"])
    rate = round(10_000 * events / population, decimals)
    if lo <= england <= hi:
        verdict = (f"{england_label}'s rate of {_fmt(england)} lies inside the interval, so the data do not "
                   "show a real difference.")
    else:
        where = "above" if england > hi else "below"
        verdict = (f"{england_label}'s rate of {_fmt(england)} is {where} the interval, so the difference is "
                   "unlikely to be chance alone; it still does not say why.")
    return Feedback(True, f"the rate is {rate:.{decimals}f} per 10,000 children "
                    f"(95% interval {lo:.1f} to {hi:.1f}). {verdict}")


# --- Checks for labs 03 and 04 (reviewing a proposed use; needs met) ---------------------------

def _unfilled(answer) -> bool:
    """True while a scaffold still holds ``...`` (or None), anywhere in a dict or list answer."""
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, dict):
        return any(v is Ellipsis for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return any(v is Ellipsis for v in answer)
    return False


@_never_raises
def check_answers(answers, expected: dict, explanations: dict | None = None, *,
                  what: str = "your answers") -> Feedback:
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
    if _unfilled(answers):
        return Feedback(False, "not answered yet: replace each ... in the cell above with an answer, "
                        "run that cell, then run this check again.")
    if not isinstance(answers, dict):
        return Feedback(False, f"{what} should be a dict of question: answer, but it is {type(answers).__name__}.")

    def norm(x):
        if isinstance(x, str):
            x = x.strip().lower()
            return {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}.get(x, x)
        return bool(x) if isinstance(x, (bool, np.bool_)) else x

    explanations = explanations or {}
    missing = [q for q in expected if q not in answers]
    if missing:
        return Feedback(False, f"{what} have no answer for {', '.join(map(repr, missing))}.",
                        ("Keep every question in the dict and give each one an answer.",))
    wrong = [q for q in expected if norm(answers[q]) != norm(expected[q])]
    if not wrong:
        return Feedback(True, f"all {len(expected)} answers match the reasoning of the decision aid.")
    first = wrong[0]
    why = explanations.get(first, "")
    more = tuple(f"Also look again at {q!r}." for q in wrong[1:4])
    return Feedback(False, f"{len(expected) - len(wrong)} of {len(expected)} answers match. "
                    f"Look again at {first!r}: {why}".strip(), more)


@_never_raises
def check_release_extract(extract, quasi_identifiers: Sequence[str], *, k_min: int = 5,
                          direct_identifiers: Sequence[str] = (), sensitive: str | None = None) -> Feedback:
    """Check a generalised record-level extract: no direct identifiers, and k-anonymous at ``k_min``.

    When ``sensitive`` is given, the feedback also reports distinct l-diversity for that column.

    Example:
        >>> d = pd.DataFrame({"age_band": ["5 to 9"] * 5 + ["10 to 15"] * 2, "sex": ["F"] * 7})
        >>> print(check_release_extract(d, ["age_band", "sex"], k_min=5))
        Not yet: the smallest group of records sharing the same age_band, sex has 2 records, so k is 2; it should be at least 5. 2 of 7 records are in groups smaller than 5.
          - Generalise further (wider age bands, larger areas) or drop a quasi-identifier, then measure k again.
    """
    from childinfo.disclosure import k_anonymity, l_diversity, records_below_k

    if _unfilled(extract):
        return Feedback(False, "not answered yet: replace the ... in the cell above with your generalised "
                        "extract, run that cell, then run this check again.")
    if not isinstance(extract, pd.DataFrame):
        return Feedback(False, f"the extract should be a DataFrame, but it is {type(extract).__name__}.")
    qi = list(quasi_identifiers)
    absent = [c for c in qi if c not in extract.columns]
    if absent:
        return Feedback(False, f"the extract has no column(s) {', '.join(map(repr, absent))}.",
                        ("Pass the names of the generalised columns you kept as the quasi-identifiers.",))
    left = [c for c in direct_identifiers if c in extract.columns]
    if left:
        return Feedback(False, f"the extract still holds the direct identifier(s) {', '.join(map(repr, left))}.",
                        ("Drop names, full dates of birth and full postcodes: generalising the others is not enough "
                         "while these are present.",))
    if extract.empty:
        return Feedback(False, "the extract has no rows.", ("Look at the filter that made it.",))
    k = k_anonymity(extract, qi)
    names = ", ".join(qi)
    if k < k_min:
        at_risk = len(records_below_k(extract, qi, k_min))
        return Feedback(False, f"the smallest group of records sharing the same {names} has {k} record"
                        f"{'s' if k != 1 else ''}, so k is {k}; it should be at least {k_min}. "
                        f"{at_risk:,} of {len(extract):,} records are in groups smaller than {k_min}.",
                        ("Generalise further (wider age bands, larger areas) or drop a quasi-identifier, "
                         "then measure k again.",))
    note = ""
    if sensitive and sensitive in extract.columns:
        ell = l_diversity(extract, qi, sensitive)
        note = (f" Its l-diversity for {sensitive!r} is {ell}: "
                + ("some group has only one value, so knowing a child is in it reveals that value."
                   if ell == 1 else "every group holds more than one value."))
    return Feedback(True, f"no direct identifiers, and every record shares its {names} with at least "
                    f"{k - 1} others (k = {k}).{note}")


__all__ += ["check_answers", "check_release_extract"]


# ---------------------------------------------------------------------------------------------
# Checks added for labs 7 (reproducible analysis) and 8 (mapping practice)
# ---------------------------------------------------------------------------------------------



def _has_placeholder(value) -> bool:
    """True if an answer still holds the ``...`` scaffold placeholder anywhere inside it."""
    if value is Ellipsis:
        return True
    if isinstance(value, dict):
        return any(_has_placeholder(k) or _has_placeholder(v) for k, v in value.items())
    if isinstance(value, (list, tuple, set)):
        return any(_has_placeholder(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return any(_has_placeholder(getattr(value, f)) for f in value.__dataclass_fields__)
    return False


def _practice_numbers(value) -> list[int]:
    """Practice numbers from a list (``[3, 5]``) or text (``"3; 5"``); raises ValueError if unreadable."""
    if isinstance(value, str):
        parts = [p for p in value.replace(",", ";").split(";") if p.strip()]
    elif isinstance(value, (int, np.integer)):
        parts = [value]
    else:
        parts = list(value)
    numbers = []
    for p in parts:
        number = float(str(p).strip())
        if not number.is_integer():
            raise ValueError(p)
        numbers.append(int(number))
    return numbers


@_never_raises
def check_catalogue_entry(
    entry,
    required: Sequence[str],
    *,
    must_include: Sequence[int] = (),
    practices_field: str = "practices",
) -> Feedback:
    """Check a learner's practice-catalogue entry: every field filled, Practices valid and apt.

    ``entry`` is a dict (or a one-row DataFrame or a Series) with the catalogue's fields.
    ``practices_field`` holds the numbers of the framework's Practices (1 to 8) the practice
    exercises, as a list (``[7, 1]``) or text (``"7; 1"``). ``must_include`` names the
    Practices an entry for this practice cannot leave out.

    Example:
        >>> e = {"name": "Feedback call", "team": "Early Help", "practices": [7, 1]}
        >>> print(check_catalogue_entry(e, ["name", "team", "practices"], must_include=[7]))
        Correct: every field is filled and the entry names Practice 1 (Bringing voice into co-design of information use) and Practice 7 (Improving voice in operational information use).
        >>> print(check_catalogue_entry({"name": ..., "team": "EH", "practices": ...}, ["name", "team", "practices"]))
        Not yet: this is not answered yet. Replace each ... with your answer (still to fill: name, practices).
    """
    if isinstance(entry, pd.DataFrame):
        if len(entry) != 1:
            return Feedback(False, f"the entry should be one row, but the table has {len(entry)} rows.",
                            ("Build one entry as a dict, then pd.DataFrame([entry]).",))
        entry = entry.iloc[0].to_dict()
    if isinstance(entry, pd.Series):
        entry = entry.to_dict()
    if entry is Ellipsis:
        return Feedback(False, "this is not answered yet. Replace the ... with your entry.")
    if not isinstance(entry, dict):
        return Feedback(False, f"the entry should be a dict of fields, but it is {type(entry).__name__}.",
                        ("Write it as {\"name\": \"...\", \"team\": \"...\", ...}.",))
    unfilled = [f for f in required if f in entry and _has_placeholder(entry[f])]
    if unfilled:
        return Feedback(False, f"this is not answered yet. Replace each ... with your answer "
                        f"(still to fill: {', '.join(unfilled)}).")
    missing = [f for f in required if f not in entry]
    if missing:
        return Feedback(False, f"the entry has no field(s) {', '.join(map(repr, missing))}.",
                        ("Every entry uses the same fields as the catalogue, so it can be compared and searched.",))
    blank = [f for f in required if f != practices_field and not str(entry[f]).strip()]
    if blank:
        return Feedback(False, f"the field(s) {', '.join(map(repr, blank))} are empty.",
                        ("A reader in another authority needs every field to decide whether to try the practice.",))
    if practices_field not in entry:
        return Feedback(False, f"the entry has no {practices_field!r} field.")
    try:
        numbers = _practice_numbers(entry[practices_field])
    except (TypeError, ValueError):
        return Feedback(False, f"I could not read {entry[practices_field]!r} as Practice numbers.",
                        ("Give the numbers of the Practices, for example [7, 1] or \"7; 1\".",))
    if not numbers:
        return Feedback(False, "the entry names no Practice.",
                        ("Name at least one of the eight Practices by its number.",))
    wrong = [n for n in numbers if n not in FRAMEWORK_PRACTICES]
    if wrong:
        return Feedback(False, f"{', '.join(map(str, wrong))} is not a Practice number.",
                        ("The framework has eight Practices, numbered 1 to 8.",))
    left_out = [n for n in must_include if n not in numbers]
    if left_out:
        names = "; ".join(f"Practice {n} ({FRAMEWORK_PRACTICES[n]})" for n in left_out)
        return Feedback(False, f"the entry leaves out {names}, which is what this practice does most.",
                        ("Read the description again: whose words does the practice gather, and where do they go?",))
    named = " and ".join(f"Practice {n} ({FRAMEWORK_PRACTICES[n]})" for n in sorted(set(numbers)))
    return Feedback(True, f"every field is filled and the entry names {named}.")


@_never_raises
def check_rules_catch_faults(rules, table: pd.DataFrame, fault_log: pd.DataFrame, *,
                             min_recall: float = 0.8) -> Feedback:
    """Check a learner's data-quality rules by how many injected faults they catch in one table.

    ``rules`` is a :class:`childinfo.quality.TableRules`; ``table`` is the table with faults
    (e.g. ``load_authority(faults=True).referrals``); ``fault_log`` is the authority's
    ``fault_log``. The rules pass when they catch at least ``min_recall`` of the faults logged
    for ``rules.name`` (a fault is caught when a problem is reported on its row and column);
    the feedback names the kinds of fault they miss.

    Example:
        >>> from childinfo.quality import TableRules
        >>> t = pd.DataFrame({"id": ["a", "b", "c"], "code": ["N1", "Q", ""]})
        >>> log = pd.DataFrame({"table": ["t", "t"], "row_key": ["b", "c"], "column": ["code", "code"],
        ...                     "fault_type": ["invalid code", "missing value"]})
        >>> print(check_rules_catch_faults(TableRules("t", key="id", codes={"code": ["N1"]}), t, log))
        Not yet: your rules catch 1 of the 2 faults injected into t (50%); aim for at least 80%.
          - Missed: missing value (1).
    """
    from childinfo.quality import TableRules, check_table, score_against_faults

    if _has_placeholder(rules):
        return Feedback(False, "this is not answered yet. Replace each ... in the rules with a column "
                        "name, a code list or a pair of dates.")
    if not isinstance(rules, TableRules):
        return Feedback(False, f"the rules should be a TableRules object, but they are {type(rules).__name__}.",
                        ("Build them with TableRules(\"referrals\", key=\"referral_id\", required=[...], ...).",))
    log = fault_log[fault_log["table"].astype(str) == rules.name]
    if log.empty:
        return Feedback(False, f"the fault log has no faults in a table called {rules.name!r}.",
                        ("The first argument of TableRules is the table's name, e.g. \"referrals\".",))
    report = check_table(table, rules)
    score = score_against_faults(report, log).set_index("fault_type")
    total = score.loc["all faults"]
    caught, injected = int(total["detected"]), int(total["injected"])
    recall = caught / injected
    by_type = score.drop(index="all faults")
    missed = by_type[by_type["detected"] < by_type["injected"]]
    missed_text = ", ".join(f"{t} ({int(r['injected'] - r['detected'])})" for t, r in missed.iterrows())
    head = (f"your rules catch {caught} of the {injected} faults injected into {rules.name} "
            f"({100 * recall:.0f}%)")
    if recall >= min_recall:
        extra = f" They still miss: {missed_text}." if missed_text else " They catch every kind of fault."
        return Feedback(True, head + "." + extra)
    return Feedback(False, head + f"; aim for at least {100 * min_recall:.0f}%.",
                    (f"Missed: {missed_text}.",) if missed_text else ())


@_never_raises
def check_figure(answer, expected: float, *, tolerance: float, what: str = "your answer",
                 meaning: str = "", hints: Sequence[str] = ()) -> Feedback:
    """Check a figure for a report, as :func:`check_number` does, and say what a right one means.

    An unfilled ``...`` placeholder gets "not answered yet" feedback rather than a complaint
    about its type. When the answer is right, ``meaning`` (one plain sentence on what the
    figure says in practice) follows the confirmation.

    Example:
        >>> print(check_figure(..., 4, tolerance=0, what="the Practice with no entry"))
        Not yet: this is not answered yet. Replace the ... with the Practice with no entry.
        >>> print(check_figure(4, 4, tolerance=0, what="the Practice with no entry",
        ...                    meaning="Nobody has mapped how information moves between teams."))
        Correct: the Practice with no entry is 4. Nobody has mapped how information moves between teams.
    """
    if _has_placeholder(answer):
        return Feedback(False, f"this is not answered yet. Replace the ... with {what}.")
    fb = check_number(answer, expected, tolerance=tolerance, what=what, hints=hints)
    if fb and meaning:
        return Feedback(True, f"{fb.message} {meaning}".strip())
    return fb


@_never_raises
def check_published_table(published, counts: pd.DataFrame, threshold: int, *, symbol: str = "c",
                          zeros: str = "shown") -> Feedback:
    """Check a table made ready to publish, as :func:`check_suppressed_table` does, with a scaffold guard.

    An unfilled ``...`` gets "not answered yet"; otherwise the table must hide every count from
    1 to ``threshold - 1`` and leave no hidden cell that the totals give back.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> print(check_published_table(..., t, threshold=6))
        Not yet: this is not answered yet. Replace the ... with the table you would publish.
    """
    if _has_placeholder(published):
        return Feedback(False, "this is not answered yet. Replace the ... with the table you would publish.")
    return check_suppressed_table(published, counts, threshold, symbol=symbol, zeros=zeros)


__all__ += ["check_catalogue_entry", "check_figure", "check_published_table",
            "check_rules_catch_faults"]


# --- Checks for labs 09 and 10 (auditing a risk model; owning information use) -------------

def _is_blank(value) -> bool:
    """True for ``...``, None, NaN or empty/whitespace text: a field nobody has filled in."""
    if value is Ellipsis or value is None:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "...")
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@_never_raises
def check_when_answered(answer, check: Callable[..., Feedback], *args, what: str = "your answer",
                        **kwargs) -> Feedback:
    """Say "not answered yet" while ``answer`` still holds ``...``; otherwise run ``check`` on it.

    Use it in front of a check that expects a table or number, such as
    :func:`check_suppressed_table`, so an unfilled scaffold gets a plain message, not a complaint
    about its type. ``check`` is called as ``check(answer, *args, **kwargs)``.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> print(check_when_answered(..., check_suppressed_table, t, threshold=6, what="your published table"))
        Not yet: not answered yet: replace the ... in the cell above with your published table, run that cell, then run this check again.
        >>> mine = pd.DataFrame({"boys": ["c", "c"], "girls": ["c", "c"]}, index=t.index)
        >>> bool(check_when_answered(mine, check_suppressed_table, t, threshold=6))
        True
    """
    if _unfilled_anywhere(answer):
        return Feedback(False, f"not answered yet: replace the ... in the cell above with {what}, "
                        "run that cell, then run this check again.")
    return check(answer, *args, **kwargs)


def _unfilled_anywhere(answer) -> bool:
    if answer is Ellipsis or answer is None:
        return True
    if isinstance(answer, dict):
        return any(_unfilled_anywhere(v) for v in answer.values())
    if isinstance(answer, (list, tuple)):
        return any(_unfilled_anywhere(v) for v in answer)
    if isinstance(answer, pd.DataFrame):
        return bool(answer.map(lambda v: v is Ellipsis).to_numpy().any())
    return False


@_never_raises
def check_record_complete(table, required: Sequence[str], *, what: str = "your table", min_rows: int = 1,
                          sort_column: str | None = None, ascending: bool = True,
                          distinct: str | None = None) -> Feedback:
    """Check a table a person fills in (a transparency record, an action plan): every field filled.

    Checks, in order: it is a DataFrame; it has the ``required`` columns and at least ``min_rows``
    rows; no required cell is blank or still ``...``; when ``sort_column`` is given, the rows are
    in that order (lowest first unless ``ascending=False``); when ``distinct`` is given, that
    column has no repeats (for example one named owner per action, not "everyone").

    Example:
        >>> plan = pd.DataFrame({"element": ["Mapping systems", "Co-design"], "score": [0, 1],
        ...                      "owner": ["Head of performance", ...]})
        >>> print(check_record_complete(plan, ["element", "score", "owner"], what="the action plan"))
        Not yet: not answered yet: the action plan still has a ... to replace (1 field(s), the first in row 2 'owner'). Fill them in, run that cell, then run this check again.
        >>> plan.loc[1, "owner"] = " "
        >>> print(check_record_complete(plan, ["element", "score", "owner"], what="the action plan"))
        Not yet: the action plan has 1 field(s) still empty: row 2 'owner'.
          - Fill every field; write 'not yet known' and who will find out, rather than leave a gap.
        >>> plan.loc[1, "owner"] = "Participation lead"
        >>> print(check_record_complete(plan, ["element", "score", "owner"], what="the action plan", sort_column="score"))
        Correct: the action plan has every field filled in 2 row(s), in order of score.
    """
    if table is Ellipsis or table is None:
        return Feedback(False, f"not answered yet: replace the ... in the cell above with {what}, "
                        "run that cell, then run this check again.")
    if not isinstance(table, pd.DataFrame):
        return Feedback(False, f"{what} should be a pandas DataFrame, but it is {type(table).__name__}.",
                        ("Build it with pd.DataFrame(...), one row per entry.",))
    missing = [c for c in required if c not in table.columns]
    if missing:
        return Feedback(False, f"{what} is missing the column(s) {', '.join(map(repr, missing))}.",
                        ("Keep every column of the template, spelled as it is.",))
    if len(table) < min_rows:
        return Feedback(False, f"{what} has {len(table)} row(s); it needs at least {min_rows}.")
    blanks = [(i + 1, c) for i, (_, row) in enumerate(table[list(required)].iterrows())
              for c in required if _is_blank(row[c])]
    if _unfilled_anywhere(table[list(required)]):
        return Feedback(False, f"not answered yet: {what} still has a ... to replace "
                        f"({len(blanks)} field(s), the first in row {blanks[0][0]} {blanks[0][1]!r}). "
                        "Fill them in, run that cell, then run this check again.")
    if blanks:
        where = ", ".join(f"row {i} {c!r}" for i, c in blanks[:4])
        return Feedback(False, f"{what} has {len(blanks)} field(s) still empty: {where}.",
                        ("Fill every field; write 'not yet known' and who will find out, rather than leave a gap.",))
    if sort_column is not None:
        if sort_column not in table.columns:
            return Feedback(False, f"{what} has no column {sort_column!r} to put in order.")
        values = pd.to_numeric(table[sort_column], errors="coerce")
        ordered = values.is_monotonic_increasing if ascending else values.is_monotonic_decreasing
        if values.isna().any() or not ordered:
            side = "lowest" if ascending else "highest"
            return Feedback(False, f"the rows of {what} are not in order of {sort_column}, {side} first.",
                            (f"Sort with .sort_values({sort_column!r}) so the weakest areas come first.",))
    if distinct is not None and distinct in table.columns:
        repeats = table[distinct][table[distinct].duplicated()].unique().tolist()
        if repeats:
            return Feedback(False, f"{what} repeats {', '.join(map(repr, repeats[:3]))} in {distinct!r}.",
                            (f"Give each row its own {distinct}: when one name owns everything, nobody does.",))
    order = f", in order of {sort_column}" if sort_column is not None else ""
    return Feedback(True, f"{what} has every field filled in {len(table)} row(s){order}.")


__all__ += ["check_record_complete", "check_when_answered"]


# --- Checks for labs 05 and 06 (linking rich information; coding voice) --------------------

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
    if answer is Ellipsis or answer is None or (
            isinstance(answer, (list, tuple)) and any(v is Ellipsis for v in answer)):
        return Feedback(False, "not answered yet: replace each ... in the cell above with the themes you "
                        "chose, run that cell, then run this check again.")
    mine, key = _theme_sets(answer), _theme_sets(reference)
    if mine is None:
        return Feedback(False, f"your coding should be a list with one entry per text, but it is "
                        f"{type(answer).__name__}.", ('Write each text\'s themes as text, e.g. "school;friends".',))
    if len(mine) != len(key):
        return Feedback(False, f"you coded {len(mine)} text(s), but there are {len(key)}.",
                        ("Give one entry per text, in the order shown; use \"\" for a text with no theme.",))
    if themes is not None:
        known = set(themes)
        unknown = sorted({t for row in mine for t in row} - known)
        if unknown:
            return Feedback(False, f"{', '.join(map(repr, unknown))} is not a theme in the codebook.",
                            ("Use the names in the codebook's 'theme' column, spelt exactly, joined by ';'.",))
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
    return Feedback(False, f"{len(key) - len(wrong)} of {len(key)} codings match the answer key.", tuple(hints))


@_never_raises
def check_theme_kappa(answer, coder_a, coder_b, theme: str, *, decimals: int = 2) -> Feedback:
    """Check a learner's Cohen's kappa for one theme between two codings of the same texts.

    Each coding holds one entry per text (themes joined by ";"); kappa is computed on whether
    each text has ``theme`` (yes or no), as :func:`childinfo.voice.coder_agreement` does. An
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
    from childinfo.voice import coder_agreement

    if answer is Ellipsis or answer is None:
        return Feedback(False, "not answered yet: replace the ... in the cell above with your kappa, "
                        "run that cell, then run this check again.")
    table = coder_agreement(list(coder_a), list(coder_b), [theme])
    kappa = float(table.loc[theme, "kappa"])
    raw = float(table.loc[theme, "percent_agreement"]) / 100
    value = _as_number(answer)
    if value is None:
        return Feedback(False, f"kappa should be a single number, but it is {type(answer).__name__}.",
                        ("Pick one value out of the agreement table with .loc[theme, 'kappa'].",))
    tol = 0.5 * 10**-decimals + 1e-9
    if np.isnan(kappa):
        return Feedback(False, f"kappa for {theme} cannot be worked out: both coders gave every text the same answer.")
    if abs(value - kappa) <= tol:
        strength = ("well beyond chance" if kappa >= 0.6 else "moderately beyond chance" if kappa >= 0.4
                    else "little beyond chance" if kappa > 0.05 else "no more than chance would")
        return Feedback(True, f"kappa for {theme} is {kappa:.{decimals}f}: the coders agree {strength}.")
    hints = []
    if abs(value - raw) <= tol or abs(value - 100 * raw) <= 100 * tol:
        hints.append(f"{raw:.2f} is the share of texts the coders agree on; kappa takes away the "
                     "agreement expected by chance.")
    else:
        hints.append(f"Look at the row for {theme} in coder_agreement(coder_a, coder_b), column 'kappa'.")
    return Feedback(False, f"kappa for {theme} is not {answer}.", tuple(hints))


__all__ += ["check_theme_coding", "check_theme_kappa"]
