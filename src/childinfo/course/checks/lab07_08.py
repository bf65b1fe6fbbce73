"""Checks for labs 7 and 8 (reproducible analysis; mapping practice)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from childinfo.course.checks.core import (
    Feedback,
    _never_raises,
    check_number,
    not_answered,
    unfilled,
    wrong_type,
)
from childinfo.course.checks.general import check_suppressed_table
from childinfo.course.framework import PRACTICES as FRAMEWORK_PRACTICES

__all__ = [
    "check_catalogue_entry",
    "check_figure",
    "check_published_table",
    "check_rules_catch_faults",
]


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
        Not yet: not answered yet: replace each ... in the cell above with your answer (still to fill: name, practices), run that cell, then run this check again.
    """
    if isinstance(entry, pd.DataFrame):
        if len(entry) != 1:
            return Feedback(
                False,
                f"the entry should be one row, but the table has {len(entry)} rows.",
                ("Build one entry as a dict, then pd.DataFrame([entry]).",),
            )
        entry = entry.iloc[0].to_dict()
    if isinstance(entry, pd.Series):
        entry = entry.to_dict()
    if entry is Ellipsis:
        return not_answered("your entry")
    if not isinstance(entry, dict):
        return wrong_type(
            "the entry",
            "a dict of fields",
            entry,
            'Write it as {"name": "...", "team": "...", ...}.',
        )
    todo = [f for f in required if f in entry and unfilled(entry[f])]
    if todo:
        return not_answered(f"your answer (still to fill: {', '.join(todo)})", each=True)
    missing = [f for f in required if f not in entry]
    if missing:
        return Feedback(
            False,
            f"the entry has no field(s) {', '.join(map(repr, missing))}.",
            (
                "Every entry uses the same fields as the catalogue, so it can be compared and searched.",
            ),
        )
    blank = [f for f in required if f != practices_field and not str(entry[f]).strip()]
    if blank:
        return Feedback(
            False,
            f"the field(s) {', '.join(map(repr, blank))} are empty.",
            (
                "A reader in another authority needs every field to decide whether to try the practice.",
            ),
        )
    if practices_field not in entry:
        return Feedback(False, f"the entry has no {practices_field!r} field.")
    try:
        numbers = _practice_numbers(entry[practices_field])
    except (TypeError, ValueError):
        return Feedback(
            False,
            f"I could not read {entry[practices_field]!r} as Practice numbers.",
            ('Give the numbers of the Practices, for example [7, 1] or "7; 1".',),
        )
    if not numbers:
        return Feedback(
            False,
            "the entry names no Practice.",
            ("Name at least one of the eight Practices by its number.",),
        )
    wrong = [n for n in numbers if n not in FRAMEWORK_PRACTICES]
    if wrong:
        return Feedback(
            False,
            f"{', '.join(map(str, wrong))} is not a Practice number.",
            ("The framework has eight Practices, numbered 1 to 8.",),
        )
    left_out = [n for n in must_include if n not in numbers]
    if left_out:
        names = "; ".join(f"Practice {n} ({FRAMEWORK_PRACTICES[n]})" for n in left_out)
        return Feedback(
            False,
            f"the entry leaves out {names}, which is what this practice does most.",
            (
                "Read the description again: whose words does the practice gather, and where do they go?",
            ),
        )
    named = " and ".join(f"Practice {n} ({FRAMEWORK_PRACTICES[n]})" for n in sorted(set(numbers)))
    return Feedback(True, f"every field is filled and the entry names {named}.")


@_never_raises
def check_rules_catch_faults(
    rules, table: pd.DataFrame, fault_log: pd.DataFrame, *, min_recall: float = 0.8
) -> Feedback:
    """Check a learner's data-quality rules by how many injected faults they catch in one table.

    ``rules`` is a :class:`childinfo.toolkit.quality.TableRules`; ``table`` is the table with faults
    (e.g. ``load_authority(faults=True).referrals``); ``fault_log`` is the authority's
    ``fault_log``. The rules pass when they catch at least ``min_recall`` of the faults logged
    for ``rules.name`` (a fault is caught when a problem is reported on its row and column);
    the feedback names the kinds of fault they miss.

    Example:
        >>> from childinfo.toolkit.quality import TableRules
        >>> t = pd.DataFrame({"id": ["a", "b", "c"], "code": ["N1", "Q", ""]})
        >>> log = pd.DataFrame({"table": ["t", "t"], "row_key": ["b", "c"], "column": ["code", "code"],
        ...                     "fault_type": ["invalid code", "missing value"]})
        >>> print(check_rules_catch_faults(TableRules("t", key="id", codes={"code": ["N1"]}), t, log))
        Not yet: your rules catch 1 of the 2 faults injected into t (50%); aim for at least 80%.
          - Missed: missing value (1).
    """
    from childinfo.toolkit.quality import TableRules, check_table, score_against_faults

    if unfilled(rules):
        return not_answered("a column name, a code list or a pair of dates", each=True)
    if not isinstance(rules, TableRules):
        return wrong_type(
            "the rules",
            "a TableRules object",
            rules,
            'Build them with TableRules("referrals", key="referral_id", required=[...], ...).',
            plural=True,
        )
    log = fault_log[fault_log["table"].astype(str) == rules.name]
    if log.empty:
        return Feedback(
            False,
            f"the fault log has no faults in a table called {rules.name!r}.",
            ('The first argument of TableRules is the table\'s name, e.g. "referrals".',),
        )
    report = check_table(table, rules)
    score = score_against_faults(report, log).set_index("fault_type")
    total = score.loc["all faults"]
    caught, injected = int(total["detected"]), int(total["injected"])
    recall = caught / injected
    by_type = score.drop(index="all faults")
    missed = by_type[by_type["detected"] < by_type["injected"]]
    missed_text = ", ".join(
        f"{t} ({int(r['injected'] - r['detected'])})" for t, r in missed.iterrows()
    )
    head = (
        f"your rules catch {caught} of the {injected} faults injected into {rules.name} "
        f"({100 * recall:.0f}%)"
    )
    if recall >= min_recall:
        extra = (
            f" They still miss: {missed_text}."
            if missed_text
            else " They catch every kind of fault."
        )
        return Feedback(True, head + "." + extra)
    return Feedback(
        False,
        head + f"; aim for at least {100 * min_recall:.0f}%.",
        (f"Missed: {missed_text}.",) if missed_text else (),
    )


@_never_raises
def check_figure(
    answer,
    expected: float,
    *,
    tolerance: float,
    what: str = "your answer",
    meaning: str = "",
    hints: Sequence[str] = (),
) -> Feedback:
    """Check a figure for a report, as :func:`check_number` does, and say what a right one means.

    An unfilled ``...`` placeholder gets "not answered yet" feedback rather than a complaint
    about its type. When the answer is right, ``meaning`` (one plain sentence on what the
    figure says in practice) follows the confirmation.

    Example:
        >>> print(check_figure(..., 4, tolerance=0, what="the Practice with no entry"))
        Not yet: not answered yet: replace the ... in the cell above with the Practice with no entry, run that cell, then run this check again.
        >>> print(check_figure(4, 4, tolerance=0, what="the Practice with no entry",
        ...                    meaning="Nobody has mapped how information moves between teams."))
        Correct: the Practice with no entry is 4. Nobody has mapped how information moves between teams.
    """
    if unfilled(answer):
        return not_answered(what)
    fb = check_number(answer, expected, tolerance=tolerance, what=what, hints=hints)
    if fb and meaning:
        return Feedback(True, f"{fb.message} {meaning}".strip())
    return fb


@_never_raises
def check_published_table(
    published, counts: pd.DataFrame, threshold: int, *, symbol: str = "c", zeros: str = "shown"
) -> Feedback:
    """Check a table made ready to publish, as :func:`check_suppressed_table` does, with a scaffold guard.

    An unfilled ``...`` gets "not answered yet"; otherwise the table must hide every count from
    1 to ``threshold - 1`` and leave no hidden cell that the totals give back.

    Example:
        >>> t = pd.DataFrame({"boys": [2, 14], "girls": [9, 8]}, index=["under 5", "5 to 9"])
        >>> print(check_published_table(..., t, threshold=6))
        Not yet: not answered yet: replace the ... in the cell above with the table you would publish, run that cell, then run this check again.
    """
    if unfilled(published):
        return not_answered("the table you would publish")
    return check_suppressed_table(published, counts, threshold, symbol=symbol, zeros=zeros)
