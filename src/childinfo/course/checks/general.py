"""Checks built on the analyst's toolkit, used across labs: suppression, k-anonymity, rates,
pseudonyms, kappa, linkage, group rates and funnel bands."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from childinfo.course.checks.core import (
    Feedback,
    _as_number,
    _fmt,
    _never_raises,
    check_number,
    wrong_type,
)

__all__ = [
    "check_funnel_band",
    "check_group_rate",
    "check_k_anonymity",
    "check_kappa",
    "check_linkage_metric",
    "check_pseudonymised",
    "check_rate_per_10k",
    "check_suppressed_table",
]


@_never_raises
def check_suppressed_table(
    published, counts: pd.DataFrame, threshold: int, *, symbol: str = "c", zeros: str = "shown"
) -> Feedback:
    """Check a learner's suppressed table: small counts hidden, and totals reveal nothing.

    ``published`` is the learner's table of the same cells as ``counts`` (text or numbers,
    with ``symbol`` where a cell is hidden), with its ``Total`` row and column if it has them.
    The check plays the intruder with :func:`childinfo.toolkit.disclosure.published_table_bounds`: one
    who reads the table, knows the threshold and, when ``zeros`` are shown, that every hidden
    figure is at least 1.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> mine = pd.DataFrame({"boys": ["c", "14"], "girls": ["9", "8"]}, index=t.index)
        >>> print(check_suppressed_table(mine, t, threshold=6))
        Not yet: a hidden cell can be worked out from the totals: under 5 / boys is exactly 2.
          - When a row or column has only one hidden cell, its total gives it away: hide a second cell (secondary suppression).
    """
    from childinfo.toolkit import disclosure  # local import: keeps checks light to import

    if not isinstance(published, pd.DataFrame):
        return wrong_type("the published table", "a DataFrame", published)
    body = published.drop(index=["Total"], columns=["Total"], errors="ignore")
    if body.shape != counts.shape:
        return Feedback(
            False,
            f"your table is {body.shape[0]} rows by {body.shape[1]} columns, "
            f"but the counts are {counts.shape[0]} by {counts.shape[1]}.",
            ("Suppress the cells of the original table; keep every row and column.",),
        )
    body = body.reindex(index=counts.index, columns=counts.columns)
    hidden = body.astype(str).apply(lambda col: col.str.strip().str.lower() == symbol.lower())
    primary = disclosure.primary_suppression(counts, threshold, zeros=zeros)
    shown_small = primary & ~hidden
    if shown_small.to_numpy().any():
        cells = [
            f"{r} / {c} ({int(counts.loc[r, c])})"
            for r, c in zip(*np.where(shown_small))
            for r, c in [(counts.index[r], counts.columns[c])]
        ]
        return Feedback(
            False,
            f"some counts below {threshold} are still shown: {', '.join(cells[:4])}.",
            (f"Replace every count from 1 to {threshold - 1} with {symbol!r}.",),
        )
    # A shown cell must show its true value.
    for r, c in zip(*np.where(~hidden.to_numpy())):
        shown = _as_number(body.iat[r, c])
        if shown is None or shown != counts.iat[r, c]:
            written = str(body.iat[r, c]).strip()
            if zeros == "structural" and counts.iat[r, c] == 0 and written == "z":
                continue
            return Feedback(
                False,
                f"the cell {counts.index[r]} / {counts.columns[c]} shows {body.iat[r, c]!r}, "
                f"but the count is {int(counts.iat[r, c])}.",
                ("Only replace cells with the symbol; leave the other counts as they are.",),
            )
    table = body.astype(object).copy()
    for side, total in (("columns", counts.sum(axis=1)), ("index", counts.sum(axis=0))):
        given = (
            published["Total"]
            if side == "columns" and "Total" in published.columns
            else (
                published.loc["Total"] if side == "index" and "Total" in published.index else None
            )
        )
        if side == "columns":
            table["Total"] = (
                given.reindex(table.index)
                if given is not None
                else total.astype("int64").astype(str)
            )
        else:
            row = (
                given.reindex(table.columns)
                if given is not None
                else total.astype("int64").astype(str)
            )
            if given is None:
                row["Total"] = str(int(counts.to_numpy().sum()))
            table.loc["Total"] = row
    bounds = disclosure.published_table_bounds(
        table, counts, zeros=zeros, threshold=threshold, symbol=symbol
    )
    leaked = bounds[~bounds["safe"]]
    if len(leaked):
        first = leaked.iloc[0]
        where = f"{first['row']} / {first['column']}"
        if first["disclosed"]:
            return Feedback(
                False,
                "a hidden cell can be worked out from the totals: "
                f"{where} is exactly {first['value']}.",
                (
                    "When a row or column has only one hidden cell, its total gives it "
                    "away: hide a second cell (secondary suppression).",
                ),
            )
        return Feedback(
            False,
            f"the totals show that the hidden {where} is a small count, from "
            f"{first['lower']} to {first['upper']}.",
            (
                "Zeros are shown, so every hidden cell is at least 1: hide another cell "
                "on that line, or hide the small total too.",
            ),
        )
    ours = int(
        (
            disclosure.publish_table(counts, threshold, symbol=symbol, zeros=zeros).reindex(
                index=counts.index, columns=counts.columns
            )
            == symbol
        )
        .to_numpy()
        .sum()
    )
    n_hidden = int(hidden.to_numpy().sum())
    note = (
        ""
        if n_hidden <= ours
        else (
            f" It hides {n_hidden} cells; {ours} would be enough, so some information was lost that need not be."
        )
    )
    return Feedback(
        True,
        "no small count is shown and no hidden cell can be worked out from the totals." + note,
    )


@_never_raises
def check_k_anonymity(answer, df: pd.DataFrame, quasi_identifiers: Sequence[str]) -> Feedback:
    """Check a learner's value of k for an extract and its quasi-identifiers.

    Example:
        >>> d = pd.DataFrame({"sex": ["F", "F", "M"], "age": [7, 7, 9]})
        >>> print(check_k_anonymity(2, d, ["sex", "age"]))
        Not yet: k is 1, not 2.
          - k is the size of the *smallest* group of records sharing the same quasi-identifiers.
    """
    from childinfo.toolkit.disclosure import k_anonymity

    k = k_anonymity(df, list(quasi_identifiers))
    value = _as_number(answer)
    if value == k:
        extra = " At least one record is unique, so it can be singled out." if k == 1 else ""
        return Feedback(True, f"the extract is {k}-anonymous.{extra}")
    return Feedback(
        False,
        f"k is {k}, not {answer}.",
        ("k is the size of the *smallest* group of records sharing the same quasi-identifiers.",),
    )


@_never_raises
def check_rate_per_10k(answer, events: float, population: float, *, decimals: int = 1) -> Feedback:
    """Check a rate per 10,000 children, to ``decimals`` places.

    Example:
        >>> print(check_rate_per_10k(70.0, events=350, population=50_000))
        Correct: the rate is 70.0 per 10,000 children.
    """
    expected = round(10_000 * events / population, decimals)
    fb = check_number(
        answer,
        expected,
        tolerance=0.5 * 10**-decimals + 1e-9,
        what="the rate",
        hints=(
            "A rate per 10,000 is events / children x 10,000; use the child "
            "population (aged 0 to 17), not the number of referrals.",
        ),
    )
    if fb:
        return Feedback(True, f"the rate is {expected:.{decimals}f} per 10,000 children.")
    return fb


@_never_raises
def check_pseudonymised(
    table: pd.DataFrame, identifier_columns: Sequence[str], pseudonym_column: str
) -> Feedback:
    """Check a learner's pseudonymised extract: identifiers gone, pseudonym present and consistent.

    Example:
        >>> t = pd.DataFrame({"pid": ["a1", "a1", "b2"], "age": [3, 3, 9]})
        >>> print(check_pseudonymised(t, ["name", "dob"], "pid"))
        Correct: the direct identifiers are gone and every row has a pseudonym.
    """
    if not isinstance(table, pd.DataFrame):
        return wrong_type("the extract", "a DataFrame", table)
    left = [c for c in identifier_columns if c in table.columns]
    if left:
        return Feedback(
            False,
            f"the extract still holds the identifier column(s) {', '.join(map(repr, left))}.",
            ("Drop the direct identifiers once the pseudonym has been made from them.",),
        )
    if pseudonym_column not in table.columns:
        return Feedback(
            False,
            f"there is no pseudonym column {pseudonym_column!r}.",
            (
                "Add the keyed pseudonym (see childinfo.toolkit.linkage.keyed_pseudonym) before dropping names.",
            ),
        )
    if table[pseudonym_column].isna().any():
        return Feedback(
            False,
            "some rows have no pseudonym.",
            (
                "Rows without an identifier cannot be linked; decide whether to drop them and say so.",
            ),
        )
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

    from childinfo.toolkit.voice import kappa_strength

    kappa = cohen_kappa_score(list(coder_a), list(coder_b))
    expected = round(float(kappa), decimals)
    value = _as_number(answer)
    raw = float(
        np.mean(np.asarray(list(coder_a), dtype=object) == np.asarray(list(coder_b), dtype=object))
    )
    if value is not None and abs(value - expected) <= 0.5 * 10**-decimals + 1e-9:
        return Feedback(
            True,
            f"kappa is {expected:.{decimals}f}; the coders agree {kappa_strength(kappa)}.",
        )
    hints = [
        "Kappa compares the agreement you saw with the agreement expected by chance, "
        "so it is lower than the share of labels that match."
    ]
    if value is not None and abs(value - raw) < 0.005:
        hints.insert(0, f"{raw:.2f} is the raw share of matching labels, not kappa.")
    return Feedback(False, f"kappa is {expected:.{decimals}f}, not {answer}.", tuple(hints))


@_never_raises
def check_linkage_metric(
    answer,
    links: pd.DataFrame,
    truth: pd.DataFrame,
    metric: str = "precision",
    *,
    left_id: str = "child_id",
    right_id: str = "record_id",
    decimals: int = 2,
) -> Feedback:
    """Check a learner's precision, recall or F1 for a set of links against the truth key.

    Example:
        >>> links = pd.DataFrame({"child_id": ["C1", "C2"], "record_id": ["V1", "V9"]})
        >>> truth = pd.DataFrame({"child_id": ["C1", "C3", "C4"], "record_id": ["V1", "V3", "V4"]})
        >>> print(check_linkage_metric(0.5, links, truth, "recall"))
        Not yet: recall is 0.33, not 0.5.
          - 0.5 is the precision. Recall divides the correct links by the true links (3), not by the links made (2).
    """
    from childinfo.toolkit.linkage import linkage_quality

    if metric not in ("precision", "recall", "f1"):
        return Feedback(
            False,
            f"the exercise asked for an unknown measure {metric!r}; use precision, recall or f1.",
        )
    q = linkage_quality(links, truth, left_id=left_id, right_id=right_id)
    expected = round(q[metric], decimals)
    value = _as_number(answer)
    if value is not None and abs(value - expected) <= 0.5 * 10**-decimals + 1e-9:
        return Feedback(
            True,
            f"{metric} is {expected:.{decimals}f} ({q['correct']} correct of "
            f"{q['links'] if metric == 'precision' else q['true_links']}).",
        )
    hints = []
    other = {"precision": "recall", "recall": "precision"}.get(metric)
    if other and value is not None and abs(value - q[other]) <= 0.5 * 10**-decimals + 1e-9:
        hints.append(
            f"{_fmt(value)} is the {other}. "
            + (
                f"Recall divides the correct links by the true links ({q['true_links']}), not by the links made ({q['links']})."
                if metric == "recall"
                else f"Precision divides the correct links by the links made ({q['links']}), not by the true links ({q['true_links']})."
            )
        )
    else:
        hints.append(
            "Count the links that appear in the truth key, then divide by "
            + (
                "the links made."
                if metric == "precision"
                else "the true links."
                if metric == "recall"
                else "combine precision and recall: 2PR / (P + R)."
            )
        )
    return Feedback(False, f"{metric} is {expected:.{decimals}f}, not {answer}.", tuple(hints))


@_never_raises
def check_group_rate(
    answer,
    y_true,
    y_pred,
    groups,
    group,
    metric: str = "false_positive_rate",
    *,
    decimals: int = 2,
) -> Feedback:
    """Check a learner's rate for one group: selection, false positive or false negative rate.

    Example:
        >>> y, flagged = [1, 0, 0, 0, 1, 0], [1, 1, 0, 1, 0, 0]
        >>> g = ["A", "A", "A", "B", "B", "B"]
        >>> print(check_group_rate(0.5, y, flagged, g, "A"))
        Correct: the false positive rate for A is 0.50: 1 of 2 families without the outcome were flagged. Few children stand behind this rate, so treat it with caution.
    """
    from childinfo.toolkit.fairness import group_metrics

    names = {
        "selection_rate": "selection rate",
        "false_positive_rate": "false positive rate",
        "false_negative_rate": "false negative rate",
        "base_rate": "base rate",
    }
    if metric not in names:
        return Feedback(False, f"the exercise asked for an unknown measure {metric!r}.")
    table = group_metrics(y_true, y_pred, groups)
    if str(group) not in table.index:
        return Feedback(
            False,
            f"there is no group {group!r}; the groups are {', '.join(map(str, table.index[:-1]))}.",
        )
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
        note = (
            ""
            if row["reliable"]
            else " Few children stand behind this rate, so treat it with caution."
        )
        return Feedback(
            True, f"the {names[metric]} for {group} is {expected:.{decimals}f}: {detail}.{note}"
        )
    hint = {
        "false_positive_rate": "Divide the flagged children *without* the outcome by all children without it.",
        "false_negative_rate": "Divide the children *with* the outcome who were not flagged by all children with it.",
        "selection_rate": "Divide the flagged children by all children in the group.",
        "base_rate": "Divide the children with the outcome by all children in the group.",
    }[metric]
    return Feedback(
        False,
        f"the {names[metric]} for {group} is {expected:.{decimals}f}, not {answer}.",
        (hint,),
    )


@_never_raises
def check_funnel_band(
    answer: str,
    df: pd.DataFrame,
    unit: str,
    *,
    label: str = "la",
    events: str = "events",
    population: str = "population",
    target: float | None = None,
) -> Feedback:
    """Check which band of a funnel plot a learner says a unit falls in.

    Accepts the band wording of :func:`childinfo.toolkit.rates.funnel_position` or just "within",
    "above" or "below" (then only the side is checked).

    Example:
        >>> las = pd.DataFrame({"la": ["A", "B", "C"], "events": [40, 300, 8],
        ...                     "population": [5_000, 60_000, 4_000]})
        >>> print(check_funnel_band("within", las, "A"))
        Not yet: A is above 95% limit, not within.
          - Compare its rate (80.0) with the limits for its size: 95% from 30.7 to 70.0.
    """
    from childinfo.toolkit.rates import funnel_position

    pos = funnel_position(df, events=events, population=population, target=target).set_index(label)
    if unit not in pos.index:
        return Feedback(False, f"there is no {unit!r} in the {label!r} column.")
    row = pos.loc[unit]
    band = row["band"]
    said = str(answer).strip().lower()
    right = said == band or (said in ("within", "above", "below") and band.startswith(said))
    if right:
        return Feedback(True, f"{unit} is {band}.")
    return Feedback(
        False,
        f"{unit} is {band}, not {answer}.",
        (
            f"Compare its rate ({row['rate']:.1f}) with the limits for its size: "
            f"95% from {row['lower_95']:.1f} to {row['upper_95']:.1f}.",
        ),
    )
