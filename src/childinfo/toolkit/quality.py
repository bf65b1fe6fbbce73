"""Data-quality checks on children's-services tables, declared as pandera schemas.

A table's rules are written once as a :class:`TableRules` (which columns must be filled, which
code list each coded column uses, which dates must come in which order, what must be unique,
how soon things must be recorded). :func:`build_schema` turns them into a pandera
:class:`~pandera.api.pandas.container.DataFrameSchema`; :func:`check_table` runs it lazily
(every failure, not just the first) and returns a tidy table with one row per problem:

======== =========================================================================
table    the table's name
row_key  the value of the table's key column (e.g. the child's ID) on that row
column   the column at fault
dimension completeness, validity, consistency, uniqueness or timeliness
rule     a plain description of the rule that failed
value    the value found
======== =========================================================================

:func:`quality_summary` counts problems by dimension and column, and
:func:`score_against_faults` measures the checks against the synthetic generator's fault
log: how many injected faults each rule caught, and how many flags were not injected faults.

The checking itself is pandera's; this module only declares the rules and reshapes pandera's
failure cases into the tidy report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from childinfo._validation import (
    as_list,
    parse_date,
    parse_dates,
    require_columns,
    require_frame,
    shown,
)
from childinfo.errors import ChildinfoError
from childinfo.synth.returns.rulebook import rule_wording
from childinfo.synth.returns.rules import (
    factor_21_with_others,
    needs_provider,
    none_beside_a_disability,
    on_a_weekend,
    p1_under_v2,
    repeated,
    starts_before_birth,
    upn_check_letter_ok,
)

__all__ = [
    "DIMENSIONS",
    "REPORT_COLUMNS",
    "TableRules",
    "authority_rules",
    "build_schema",
    "check_table",
    "check_tables",
    "completeness_profile",
    "quality_summary",
    "score_against_faults",
    "upn_check_letter_ok",
]

DIMENSIONS = ("completeness", "validity", "consistency", "uniqueness", "timeliness")
REPORT_COLUMNS = ["table", "row_key", "column", "dimension", "rule", "value"]
# pandera reports a check by its error text; we pack dimension, column and rule into it, joined by
# the ASCII unit separator, which cannot appear in a rule's own words or a regular expression.
_SEP = "\x1f"


@dataclass
class TableRules:
    """The quality rules for one table.

    Attributes:
        name: the table's name, used in the report.
        key: the column that identifies a row (e.g. ``"child_id"``), reported as ``row_key``.
        required: columns that must be filled (blank or whitespace counts as missing).
        codes: column -> allowed codes (the DfE code list). Missing values are left to
            ``required``, so a blank is reported once, as incomplete.
        patterns: column -> regular expression a value must match in full (e.g. a UPN).
        dates: columns that must hold readable dates.
        date_order: ``(earlier, later)`` pairs: ``later`` must not be before ``earlier``.
        not_after: column -> the latest date allowed (e.g. the census reference date).
        unique: columns, or lists of columns, whose values must not repeat.
        timely: ``(event, recorded, max_days)``: ``recorded`` within ``max_days`` of ``event``.
        validators: column -> ``(description, function)``; the function takes one value and
            returns True if it is valid (e.g. a UPN check-letter test).
        row_rules: ``(dimension, column, description, function)``: the function takes the
            whole table and returns a True/False Series, True where the row passes. For rules
            across columns or rows, such as "a provider is required unless the placement is T".

    Example:
        >>> rules = TableRules("referrals", key="referral_id", required=["child_id"],
        ...                    codes={"source": ["1A", "1B", "2A"]},
        ...                    date_order=[("referral_date", "closure_date")])
        >>> rules.columns()
        ['referral_id', 'child_id', 'source', 'referral_date', 'closure_date']
    """

    name: str
    key: str
    required: Sequence[str] = ()
    codes: Mapping[str, Collection] = field(default_factory=dict)
    patterns: Mapping[str, str] = field(default_factory=dict)
    dates: Sequence[str] = ()
    date_order: Sequence[tuple[str, str]] = ()
    not_after: Mapping[str, object] = field(default_factory=dict)
    unique: Sequence[str | Sequence[str]] = ()
    timely: Sequence[tuple[str, str, int]] = ()
    validators: Mapping[str, tuple[str, Callable[[object], bool]]] = field(default_factory=dict)
    row_rules: Sequence[tuple[str, str, str, Callable[[pd.DataFrame], pd.Series]]] = ()

    def columns(self) -> list[str]:
        """Every column the rules mention, in first-mentioned order.

        Example:
            >>> TableRules("t", key="id", unique=[["la", "id"]]).columns()
            ['id', 'la']
        """
        cols: list[str] = [
            self.key,
            *self.required,
            *self.codes,
            *self.patterns,
            *self.validators,
            *self.dates,
        ]
        for pair in self.date_order:
            cols += list(pair)
        cols += list(self.not_after)
        for u in self.unique:
            cols += [u] if isinstance(u, str) else list(u)
        for event, recorded, _ in self.timely:
            cols += [event, recorded]
        cols += [col for _, col, _, _ in self.row_rules]
        return list(dict.fromkeys(cols))


def _label(dimension: str, column: str, rule: str) -> str:
    return _SEP.join((dimension, column, rule))


def _blank(s: pd.Series) -> pd.Series:
    return s.astype("string").str.strip().ne("")


def _check_rules(rules: TableRules) -> None:
    """Reject a rule that could never run, before pandera turns it into a silent pass."""
    for col, pattern in rules.patterns.items():
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise ChildinfoError(
                f"the pattern for {col!r} in {rules.name!r} is not a valid regular expression "
                f"({exc}); fix the pattern."
            ) from None
    for col, rule in rules.validators.items():
        if not (isinstance(rule, tuple) and len(rule) == 2 and callable(rule[1])):
            raise ChildinfoError(f"the validator for {col!r} must be (description, function).")
    for item in rules.timely:
        days = item[2] if len(item) == 3 else None
        if isinstance(days, bool) or not isinstance(days, (int, np.integer)) or days < 0:
            raise ChildinfoError(
                "a timely rule must be (event, recorded, max_days) with max_days a whole "
                f"number of days, 0 or more; got {item!r}."
            )
    for item in rules.row_rules:
        if len(item) != 4 or not callable(item[3]):
            raise ChildinfoError(
                f"a row rule must be (dimension, column, description, function); got {item!r}."
            )
    for col, latest in rules.not_after.items():
        try:
            pd.Timestamp(latest)
        except (TypeError, ValueError):
            raise ChildinfoError(
                f"not_after for {col!r} must be a date, got {latest!r}."
            ) from None


def build_schema(rules: TableRules) -> pa.DataFrameSchema:
    """Turn :class:`TableRules` into a pandera schema (lazy validation gives every failure).

    Example:
        >>> schema = build_schema(TableRules("children", key="child_id", required=["sex"],
        ...                                  codes={"sex": ["M", "F", "U"]}))
        >>> sorted(schema.columns)
        ['child_id', 'sex']
    """
    if not isinstance(rules, TableRules):
        raise ChildinfoError(
            "build_schema needs a TableRules object describing the table's rules."
        )
    _check_rules(rules)
    checks: dict[str, list[pa.Check]] = {c: [] for c in rules.columns()}
    nullable = {c: True for c in checks}
    for col in rules.required:
        nullable[col] = False
        checks[col].append(pa.Check(_blank, error=_label("completeness", col, "blank")))
    for col, allowed in rules.codes.items():
        allowed = list(allowed)
        shown = ", ".join(map(str, allowed[:8])) + (", ..." if len(allowed) > 8 else "")
        # Compare as text so "1" in a CSV matches the code 1 in a list, and vice versa. No
        # stripping: "WOTH " with a trailing space is not the code WOTH to a validator.
        text_codes = {str(a) for a in allowed}
        checks[col].append(
            pa.Check(
                lambda s, t=text_codes: s.astype("string").isin(t),
                error=_label("validity", col, f"not in the code list ({shown})"),
            )
        )
    for col, pattern in rules.patterns.items():
        checks[col].append(
            pa.Check(
                lambda s, p=pattern: s.astype("string").str.fullmatch(p).fillna(False),
                error=_label("validity", col, f"does not match the pattern {pattern}"),
            )
        )
    for col, (description, func) in rules.validators.items():
        checks[col].append(
            pa.Check(
                lambda s, f=func: s.map(lambda v: bool(f(v))),
                element_wise=False,
                error=_label("validity", col, description),
            )
        )
    date_cols = list(
        dict.fromkeys(
            [
                *rules.dates,
                *(c for pair in rules.date_order for c in pair),
                *rules.not_after,
                *(c for e, r, _ in rules.timely for c in (e, r)),
            ]
        )
    )
    for col in date_cols:
        checks[col].append(
            pa.Check(
                lambda s: parse_dates(s, strict=False).notna(),
                error=_label("validity", col, "not a readable date"),
            )
        )
    frame_checks: list[pa.Check] = []
    for earlier, later in rules.date_order:
        frame_checks.append(
            pa.Check(
                lambda d, e=earlier, la=later: (
                    ~(parse_dates(d[la], strict=False) < parse_dates(d[e], strict=False))
                ),
                error=_label("consistency", later, f"{later} is before {earlier}"),
            )
        )
    for col, latest in rules.not_after.items():
        limit = pd.Timestamp(latest)
        frame_checks.append(
            pa.Check(
                lambda d, c=col, t=limit: ~(parse_dates(d[c], strict=False) > t),
                error=_label("consistency", col, f"{col} is after {limit:%Y-%m-%d}"),
            )
        )
    for cols in rules.unique:
        cols = [cols] if isinstance(cols, str) else list(cols)
        frame_checks.append(
            pa.Check(
                lambda d, c=cols: ~d.duplicated(subset=c, keep=False) | d[c].isna().any(axis=1),
                error=_label("uniqueness", cols[0], f"{' + '.join(cols)} repeated"),
            )
        )
    for event, recorded, max_days in rules.timely:
        frame_checks.append(
            pa.Check(
                lambda d, e=event, r=recorded, m=max_days: (
                    ~(
                        (parse_dates(d[r], strict=False) - parse_dates(d[e], strict=False)).dt.days
                        > m
                    )
                ),
                error=_label(
                    "timeliness", recorded, f"{recorded} more than {max_days} days after {event}"
                ),
            )
        )
    for dimension, col, description, func in rules.row_rules:
        if dimension not in DIMENSIONS:
            raise ChildinfoError(
                f"row rule dimension must be one of {', '.join(DIMENSIONS)}, got {dimension!r}."
            )
        frame_checks.append(
            pa.Check(
                lambda d, f=func: pd.Series(f(d), index=d.index).fillna(True).astype(bool),
                error=_label(dimension, col, description),
            )
        )
    columns = {c: pa.Column(nullable=nullable[c], checks=checks[c], required=True) for c in checks}
    return pa.DataFrameSchema(
        columns, checks=frame_checks, name=rules.name, strict=False, coerce=False
    )


def check_table(df: pd.DataFrame, rules: TableRules) -> pd.DataFrame:
    """Check one table against its rules; return the tidy problem report (empty if clean).

    Example:
        >>> kids = pd.DataFrame({"child_id": ["A1", "A2", "A2"], "sex": ["M", None, "Q"]})
        >>> rules = TableRules("children", key="child_id", required=["sex"],
        ...                    codes={"sex": ["M", "F", "U"]}, unique=["child_id"])
        >>> check_table(kids, rules)[["row_key", "column", "dimension", "value"]]
          row_key    column     dimension value
        0      A2       sex  completeness   NaN
        1      A2       sex      validity     Q
        2      A2  child_id    uniqueness    A2
        3      A2  child_id    uniqueness    A2
    """
    require_frame(df, f"table {getattr(rules, 'name', '')!r}".strip())
    schema = build_schema(rules)
    require_columns(df, rules.columns(), f"table {rules.name!r}")
    repeated = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
    if repeated:
        raise ChildinfoError(
            f"table {rules.name!r} has repeated column name(s) {', '.join(map(repr, repeated))}; "
            "rename or drop the copies first."
        )
    data = df.reset_index(drop=True)
    # CSVs read as text hold "" for blanks; treat blank text as missing, as pandas does for NaN.
    text_cols = [
        c
        for c in rules.columns()
        if not pd.api.types.is_numeric_dtype(data[c])
        and not pd.api.types.is_datetime64_any_dtype(data[c])
    ]
    if text_cols:
        data = data.copy()
        for c in text_cols:
            blank = data[c].astype("string").str.strip().eq("").fillna(False).to_numpy()
            if blank.any():
                data[c] = data[c].astype(object).where(~blank, None)
    try:
        schema.validate(data, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    labels = cases["check"].astype(str)
    # A check that raised shows up with no row: the rule could not run, which is not a pass.
    broken = cases[cases["index"].isna() & (labels.str.count(re.escape(_SEP)) == 2)]
    if len(broken):
        dimension, column, rule = str(broken["check"].iloc[0]).split(_SEP, 2)
        why = str(broken["failure_case"].iloc[0]).splitlines()[0][:160]
        raise ChildinfoError(
            f"the {dimension} rule {rule!r} on {column!r} in {rules.name!r} could not run "
            f"({why}); fix the rule: nothing was checked by it."
        )
    cases = cases[cases["index"].notna()].copy()
    labels = cases["check"].astype(str)
    ours = labels.str.count(re.escape(_SEP)) == 2
    # pandera's own checks: a missing value in a non-nullable column is incompleteness.
    cases.loc[labels == "not_nullable", "check"] = cases.loc[
        labels == "not_nullable", "column"
    ].map(lambda c: _label("completeness", c, "missing"))
    cases = cases[ours | (labels == "not_nullable")]
    if cases.empty:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    parts = cases["check"].str.split(_SEP, n=2, expand=True)
    report = pd.DataFrame(
        {
            "row": cases["index"].astype(int).to_numpy(),
            "dimension": parts[0].to_numpy(),
            "column": parts[1].to_numpy(),
            "rule": parts[2].to_numpy(),
        }
    ).drop_duplicates()  # a frame-wide check reports each column of a failing row
    report["table"] = rules.name
    report["row_key"] = data[rules.key].to_numpy()[report["row"]]
    report["value"] = [data.at[r, c] for r, c in zip(report["row"], report["column"])]
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    report = report.sort_values(
        ["dimension", "row"],
        key=lambda s: s.map(order) if s.name == "dimension" else s,
        kind="stable",
    )
    return report[REPORT_COLUMNS].reset_index(drop=True)


def _tables_by_name(tables: object) -> Mapping:
    if not isinstance(tables, Mapping):
        raise ChildinfoError(
            f"tables must be a dict from table name to DataFrame (authority.tables), "
            f"got {shown(tables)}."
        )
    return tables


def check_tables(tables: Mapping[str, pd.DataFrame], rules: Sequence[TableRules]) -> pd.DataFrame:
    """Check several tables (by name) and stack their reports.

    Example:
        >>> t = {"children": pd.DataFrame({"child_id": ["A1"], "sex": ["M"]})}
        >>> len(check_tables(t, [TableRules("children", key="child_id", required=["sex"])]))
        0
    """
    _tables_by_name(tables)
    rules = as_list(rules, "rules")
    if not all(isinstance(r, TableRules) for r in rules):
        raise ChildinfoError("rules must be a list of TableRules, e.g. authority_rules().")
    missing = [r.name for r in rules if r.name not in tables]
    if missing:
        raise ChildinfoError(
            f"no table named {', '.join(map(repr, missing))}; tables given: {', '.join(tables)}."
        )
    reports = [check_table(tables[r.name], r) for r in rules]
    reports = [r for r in reports if len(r)]
    return (
        pd.concat(reports, ignore_index=True) if reports else pd.DataFrame(columns=REPORT_COLUMNS)
    )


def quality_summary(
    report: pd.DataFrame, row_counts: Mapping[str, int] | None = None
) -> pd.DataFrame:
    """Count problems by table, dimension, column and rule; with ``row_counts``, the share of rows.

    Example:
        >>> rep = pd.DataFrame({"table": ["t", "t", "t"], "row_key": [1, 2, 2],
        ...     "column": ["sex", "sex", "dob"], "dimension": ["validity", "validity", "completeness"],
        ...     "rule": ["bad code", "bad code", "missing"], "value": ["Q", "Q", None]})
        >>> quality_summary(rep, {"t": 10})
          table     dimension column      rule  problems  rows  percent_of_rows
        0     t  completeness    dob   missing         1    10             10.0
        1     t      validity    sex  bad code         2    10             20.0
    """
    require_frame(report, "the quality report", allow_empty=True)
    require_columns(report, REPORT_COLUMNS, "the quality report")
    keys = ["table", "dimension", "column", "rule"]
    summary = (
        report.groupby(keys, sort=False).size().rename("problems").reset_index()
        if len(report)
        else pd.DataFrame(columns=[*keys, "problems"])
    )
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    summary = summary.sort_values(
        ["table", "dimension", "column"],
        key=lambda s: s.map(order) if s.name == "dimension" else s,
    ).reset_index(drop=True)
    if row_counts is not None:
        if not isinstance(row_counts, Mapping) or any(
            isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0
            for n in row_counts.values()
        ):
            raise ChildinfoError(
                "row_counts must map each table's name to its number of rows "
                "(a whole number, 0 or more), e.g. {'children': len(children)}."
            )
        summary["rows"] = summary["table"].map(row_counts).astype("Int64")
        # A table with no rows has no share of rows: missing, not infinite.
        share = 100 * summary["problems"] / summary["rows"].where(summary["rows"] > 0)
        summary["percent_of_rows"] = share.astype("Float64").round(1)
    return summary


def completeness_profile(df: pd.DataFrame) -> pd.DataFrame:
    """The share of each column that is missing or blank, worst first.

    Example:
        >>> completeness_profile(pd.DataFrame({"a": [1, None], "b": ["x", " "], "c": [1, 2]}))
          column  missing  percent_missing
        0      a        1             50.0
        1      b        1             50.0
        2      c        0              0.0
    """
    require_frame(df, "table")
    missing = {
        c: int((df[c].isna() | df[c].astype("string").str.strip().eq("").fillna(False)).sum())
        for c in df.columns
    }
    out = pd.DataFrame({"column": list(missing), "missing": list(missing.values())})
    out["percent_missing"] = (100 * out["missing"] / len(df)).round(1)
    return out.sort_values("missing", ascending=False, kind="stable").reset_index(drop=True)


def score_against_faults(
    report: pd.DataFrame,
    faults: pd.DataFrame,
    *,
    table: str = "table",
    row_key: str = "row_key",
    column: str = "column",
    fault_type: str = "fault_type",
) -> pd.DataFrame:
    """Score a quality report against a log of injected faults.

    A fault counts as *detected* when the report has a problem on the same table, row key and
    column (or, for a fault logged against the whole row with column ``*``, any column). Returns one row per fault type (``injected``, ``detected``, ``recall``) and a final
    ``all faults`` row that also gives ``flags`` (problems reported), ``flags_on_faults`` and
    ``precision``. Flags that match no fault are not all mistakes: synthetic data, like real
    data, has some problems that no one injected (a child whose ethnicity was never asked).

    The column names of the fault log are parameters, so any log with a table, row key,
    column and fault type will do.

    Example:
        >>> rep = pd.DataFrame({"table": ["t", "t"], "row_key": ["A", "B"], "column": ["sex", "sex"],
        ...     "dimension": ["validity"] * 2, "rule": ["bad code"] * 2, "value": ["Q", "M"]})
        >>> log = pd.DataFrame({"table": ["t", "t"], "row_key": ["A", "C"], "column": ["sex", "dob"],
        ...     "fault_type": ["invalid code", "missing"]})
        >>> score_against_faults(rep, log)[["fault_type", "injected", "detected", "recall", "precision"]]
             fault_type  injected  detected  recall  precision
        0  invalid code         1         1     1.0        NaN
        1       missing         1         0     0.0        NaN
        2    all faults         2         1     0.5        0.5
    """
    require_frame(report, "the quality report", allow_empty=True)
    require_columns(report, ["table", "row_key", "column"], "the quality report")
    require_frame(faults, "the fault log")
    require_columns(faults, [table, row_key, column, fault_type], "the fault log")
    log = pd.DataFrame(
        {
            "table": faults[table].astype(str).to_numpy(),
            "row_key": faults[row_key].astype(str).to_numpy(),
            "column": faults[column].astype(str).to_numpy(),
            "fault_type": faults[fault_type].astype(str).to_numpy(),
        }
    )
    flags = report[["table", "row_key", "column"]].astype(str).drop_duplicates()
    flagged = set(map(tuple, flags.to_numpy()))
    flagged_rows = set(map(tuple, flags[["table", "row_key"]].to_numpy()))
    # A fault on the whole row (column "*", e.g. a duplicated child) is caught by any flag on it.
    log["detected"] = [
        (t, k) in flagged_rows if c == "*" else (t, k, c) in flagged
        for t, k, c in log[["table", "row_key", "column"]].to_numpy()
    ]
    by_type = log.groupby("fault_type", sort=True).agg(
        injected=("detected", "size"), detected=("detected", "sum")
    )
    by_type = by_type.reset_index()
    injected = set(map(tuple, log[["table", "row_key", "column"]].to_numpy()))
    whole_rows = set(map(tuple, log.loc[log["column"] == "*", ["table", "row_key"]].to_numpy()))
    on_faults = sum(tuple(r) in injected or (r[0], r[1]) in whole_rows for r in flags.to_numpy())
    total = pd.DataFrame(
        [
            {
                "fault_type": "all faults",
                "injected": len(log),
                "detected": int(log["detected"].sum()),
                "flags": len(flags),
                "flags_on_faults": on_faults,
                "precision": on_faults / len(flags) if len(flags) else float("nan"),
            }
        ]
    )
    out = pd.concat([by_type, total], ignore_index=True)
    out["recall"] = out["detected"] / out["injected"]
    out["detected"] = out["detected"].astype(int)
    out["flags"] = out["flags"].astype("Int64")
    out["flags_on_faults"] = out["flags_on_faults"].astype("Int64")
    return out[
        ["fault_type", "injected", "detected", "recall", "flags", "flags_on_faults", "precision"]
    ]


def _disability_ok(value) -> bool:
    from childinfo.synth.codes import DISABILITY

    codes = [c.strip() for c in str(value).split(";") if c.strip()]
    return (
        bool(codes) and all(c in DISABILITY for c in codes) and not none_beside_a_disability(codes)
    )


def _weekday(col: str):
    def ok(d: pd.DataFrame) -> pd.Series:
        return ~on_a_weekend(parse_dates(d[col], strict=False))

    return ok


def _factor_21_alone(d: pd.DataFrame) -> pd.Series:
    return ~factor_21_with_others(d["assessment_id"], d["factor"])


def _provider_present(d: pd.DataFrame) -> pd.Series:
    return ~needs_provider(d["place"]) | d["place_provider"].notna()


def _no_p1_under_v2(d: pd.DataFrame) -> pd.Series:
    return ~p1_under_v2(d["place"], d["legal_status"])


def _born_before_care(first_decom: pd.Series):
    def ok(d: pd.DataFrame) -> pd.Series:
        dob = parse_dates(d["dob"], strict=False)
        first = parse_dates(d["child_id"].map(first_decom), strict=False)
        return ~starts_before_birth(first, dob)

    return ok


def _not_on_a_repeated_child(copies: set):
    def ok(d: pd.DataFrame) -> pd.Series:
        return ~d["child_id"].isin(copies)

    return ok


def authority_rules(
    reference_date: str = "2023-03-31", tables: Mapping[str, pd.DataFrame] | None = None
) -> list[TableRules]:
    """Quality rules for the course's synthetic authority tables (CIN- and 903-style).

    Code lists are the 2022-23 DfE lists the generator uses (``childinfo.synth.codes``). A rule
    that follows a DfE validation rule runs the same check as the statutory-return export
    (``childinfo.synth.returns.rules``) and is described in the rule book's words for the
    collection year of ``reference_date``, followed by its code (e.g. "... (CIN 1510)").
    ``reference_date`` is the census date: nothing should be dated after it. Pass the
    authority's ``tables`` to add the checks that need two tables (a date of birth after the
    child's first care episode, 903 rule 302; a referral recorded against the later record of a
    child whose UPN repeats an earlier one, CIN 1520).

    Timeliness uses the one lag the tables record, assessment start to authorisation (63
    calendar days, about 45 working days); a real system would also compare event and
    recording dates.

    Example:
        >>> [r.name for r in authority_rules()][:3]
        ['children', 'contacts', 'referrals']
    """
    from childinfo.synth import codes as C

    ref = parse_date(reference_date, "reference_date")
    if tables is not None:
        _tables_by_name(tables)
    year = ref.year + (ref.month > 3)  # the collection year ends on 31 March

    def dfe(ret: str, code: str) -> str:
        return rule_wording(ret, code, year)

    yes_no = ["Y", "N"]
    true_false = ["true", "false"]
    child_rows: list = []
    if tables is not None and "care_episodes" in tables:
        eps = tables["care_episodes"]
        first = parse_dates(eps["decom"], strict=False).groupby(eps["child_id"]).min()
        child_rows.append(
            (
                "consistency",
                "dob",
                dfe("SSDA903", "302"),
                _born_before_care(first),
            )
        )
    referral_rows: list = []
    if tables is not None and "children" in tables:
        ch = tables["children"]
        later = repeated(ch["upn"], keep="first")
        referral_rows.append(
            (
                "uniqueness",
                "child_id",
                dfe("CIN", "1520"),
                _not_on_a_repeated_child(set(ch.loc[later, "child_id"])),
            )
        )
    accom = "[" + C.OC3_ACCOM_LETTERS + "][12]|0"
    return [
        TableRules(
            "children",
            key="child_id",
            required=["child_id", "dob", "sex", "ethnicity"],
            codes={
                "sex": ["M", "F"],
                "ethnicity": list(C.ETHNICITY),
                "uasc": yes_no,
                "fsm": yes_no,
                "sen_provision": ["N", "K", "E"],
            },
            validators={
                "upn": (dfe("CIN", "1510"), upn_check_letter_ok),
                "disability": (dfe("CIN", "8790"), _disability_ok),
            },
            dates=["dob", "arrival_date"],
            not_after={"dob": ref},
            unique=["child_id", "upn"],
            row_rules=child_rows,
        ),
        TableRules(
            "contacts",
            key="contact_id",
            required=["child_id", "contact_date"],
            codes={"contact_source": C.REFERRAL_SOURCES},
            dates=["contact_date"],
            not_after={"contact_date": ref},
            unique=["contact_id"],
        ),
        TableRules(
            "referrals",
            key="referral_id",
            required=["child_id", "referral_date", "referral_source", "primary_need_code"],
            codes={
                "referral_source": C.REFERRAL_SOURCES,
                "primary_need_code": list(C.PRIMARY_NEED),
                "reason_for_closure": C.REASON_FOR_CLOSURE,
                "referral_nfa": true_false,
            },
            date_order=[("referral_date", "closure_date")],
            not_after={"referral_date": ref, "closure_date": ref},
            unique=["referral_id"],
            row_rules=referral_rows,
        ),
        TableRules(
            "assessments",
            key="assessment_id",
            required=["child_id", "start_date"],
            date_order=[("start_date", "authorisation_date")],
            not_after={"start_date": ref, "authorisation_date": ref},
            unique=["assessment_id"],
            timely=[("start_date", "authorisation_date", 63)],
        ),
        TableRules(
            "assessment_factors",
            key="assessment_id",
            required=["factor"],
            codes={"factor": C.ASSESSMENT_FACTORS},
            row_rules=[
                (
                    "consistency",
                    "factor",
                    dfe("CIN", "8869"),
                    _factor_21_alone,
                )
            ],
        ),
        TableRules(
            "cin_plans",
            key="plan_id",
            required=["child_id", "start_date"],
            date_order=[("start_date", "end_date")],
            not_after={"start_date": ref, "end_date": ref},
            unique=["plan_id"],
        ),
        TableRules(
            "section47",
            key="s47_id",
            required=["child_id", "start_date"],
            codes={"icpc_not_required": true_false},
            date_order=[("start_date", "icpc_date")],
            not_after={"start_date": ref, "icpc_date": ref},
            unique=["s47_id"],
            row_rules=[
                (
                    "validity",
                    "icpc_date",
                    dfe("CIN", "8875"),
                    _weekday("icpc_date"),
                )
            ],
        ),
        TableRules(
            "cp_plans",
            key="cpp_id",
            required=["child_id", "start_date", "initial_category"],
            codes={
                "initial_category": C.CATEGORY_OF_ABUSE,
                "latest_category": C.CATEGORY_OF_ABUSE,
            },
            date_order=[("start_date", "end_date")],
            not_after={"start_date": ref, "end_date": ref},
            unique=["cpp_id"],
        ),
        TableRules(
            "care_episodes",
            key="episode_id",
            required=["child_id", "decom", "rne", "legal_status", "place"],
            codes={
                "rne": C.RNE,
                "legal_status": C.LEGAL_STATUS,
                "place": C.PLACEMENT,
                "place_provider": C.PLACEMENT_PROVIDER,
                "rec": C.REASON_CEASED,
                "reason_place_change": C.REASON_PLACE_CHANGE,
                "cin": [f"N{i}" for i in range(1, 9)],
            },
            date_order=[("decom", "dec")],
            not_after={"decom": ref, "dec": ref},
            unique=["episode_id"],
            row_rules=[
                (
                    "completeness",
                    "place_provider",
                    dfe("SSDA903", "178"),
                    _provider_present,
                ),
                (
                    "consistency",
                    "legal_status",
                    dfe("SSDA903", "378"),
                    _no_p1_under_v2,
                ),
            ],
        ),
        TableRules(
            "care_leavers",
            key="child_id",
            required=["in_touch"],
            codes={"in_touch": C.OC3_IN_TOUCH, "activity": C.OC3_ACTIV},
            patterns={"accommodation": accom},
        ),
    ]
