"""Ask your own question of Brackenfold: every table the no-code explorer offers, made in advance.

The explorer page (``chapters/explore-brackenfold.md``; the directive is in
:mod:`childinfo.course.site.explorer`) lets a learner choose a table, keep one group of one field
if they like, and group by one or two fields. Every such view is counted here when the book is
built and suppressed by the toolkit itself (:func:`~childinfo.toolkit.disclosure.publish_table`
with :data:`~childinfo.toolkit.disclosure.THRESHOLD`, zeros shown), so the page's script only
chooses a view and draws it: it never decides what to hide.

Conventions (the page states them): only children aged 0 to 17 on 31 March 2023 are counted;
"on 31 March" means open that day (started by then, no end date), as in
:mod:`childinfo.course.chapter_figures`; a rate per 10,000 divides by the children aged 0 to 17
who share the view's fields about the child (sex, age, ethnic group, area deprivation). A field
about the record (a referral source, a legal status) does not change the denominator.

The fields are coarse on purpose: the views stay a few hundred, and the page holds counts of
groups, never a row about one child.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from childinfo import facts
from childinfo.errors import ChildinfoError
from childinfo.synth.codes import ETHNIC_GROUP, PRIMARY_NEED
from childinfo.toolkit.data import load_authority
from childinfo.toolkit.disclosure import THRESHOLD, age_band, publish_table
from childinfo.toolkit.rates import rate_per_10k

__all__ = ["FAMILIES", "FIELDS", "explorer_data", "view_key", "view_table"]

REFERENCE = pd.Timestamp(facts.REFERENCE_DATE)
YEAR_START = pd.Timestamp(facts.YEAR_START)


@dataclass(frozen=True)
class Field:
    label: str
    values: tuple[str, ...]
    child: bool  # about the child (so the population has it too), or about the record


DEPRIVATION = ("1-2 (most deprived)", "3-4", "5-6", "7-8", "9-10 (least deprived)")
# DfE's top-level referral sources (the first digit of the CIN census code).
SOURCES = {
    "1": "Individual",
    "2": "Schools",
    "3": "Health services",
    "4": "Housing",
    "5": "Local authority services",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}
CP_CATEGORY = {
    "NEG": "Neglect",
    "EMO": "Emotional abuse",
    "PHY": "Physical abuse",
    "SAB": "Sexual abuse",
    "MUL": "Multiple categories",
}
LEGAL_STATUS = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "V2": "Accommodated (section 20)",
    "E1": "Placement order",
    "L2": "Emergency protection",
    "J1": "Youth justice",
}
NOT_RECORDED = "Not recorded"

FIELDS: dict[str, Field] = {
    "sex": Field("Sex", ("Girls", "Boys"), True),
    "age": Field("Age on 31 March 2023", tuple(age_band(range(18)).unique()), True),
    "ethnic_group": Field(
        "Ethnic group", ("White", "Mixed", "Asian", "Black", "Other", "Not known"), True
    ),
    "deprivation": Field("Area deprivation (deciles)", DEPRIVATION, True),
    "source": Field("Referral source", (*SOURCES.values(), NOT_RECORDED), False),
    "need": Field("Primary need", (*PRIMARY_NEED.values(), NOT_RECORDED), False),
    "category": Field("Category of abuse", (*CP_CATEGORY.values(), NOT_RECORDED), False),
    "legal": Field("Legal status", (*LEGAL_STATUS.values(), "Other"), False),
}
CHILD_FIELDS = tuple(k for k, f in FIELDS.items() if f.child)


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    unit: str  # what one count is: "referrals" or "children"
    fields: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "referrals",
        "Referrals to children's social care in the year to 31 March 2023",
        "Referrals",
        (*CHILD_FIELDS, "source"),
    ),
    Family(
        "cin", "Children in need on 31 March 2023", "Children", (*CHILD_FIELDS, "need")
    ),
    Family(
        "cpp",
        "Children on a child protection plan on 31 March 2023",
        "Children",
        (*CHILD_FIELDS, "category"),
    ),
    Family(
        "cic", "Children in care on 31 March 2023", "Children", (*CHILD_FIELDS, "legal")
    ),
)


# --------------------------------------------------------------------------- the records


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.replace("", None), errors="coerce")


def _population(la) -> pd.DataFrame:
    """Children aged 0 to 17 on 31 March 2023, one row each, with the fields about the child."""
    kids = la.children
    dob = _dates(kids["dob"])
    born_by = (dob.dt.month < REFERENCE.month) | (
        (dob.dt.month == REFERENCE.month) & (dob.dt.day <= REFERENCE.day)
    )
    age = REFERENCE.year - dob.dt.year - (~born_by).astype(int)
    keep = (dob <= REFERENCE) & (age <= 17)
    kids, age = kids[keep], age[keep]
    decile = la.areas.set_index("area_code")["deprivation_decile"].astype(int)
    band = (kids["area_code"].map(decile) - 1) // 2
    return pd.DataFrame(
        {
            "child_id": kids["child_id"].to_numpy(),
            "sex": kids["sex"].map({"F": "Girls", "M": "Boys"}).to_numpy(),
            "age": age_band(age.to_numpy()).to_numpy(),
            "ethnic_group": kids["ethnicity"].map(ETHNIC_GROUP).fillna("Not known").to_numpy(),
            "deprivation": band.map(dict(enumerate(DEPRIVATION))).to_numpy(),
        }
    )


def _open(table: pd.DataFrame, start: str, end: str) -> pd.DataFrame:
    """Records open on 31 March 2023, one per child (the one that started last)."""
    s, e = _dates(table[start]), _dates(table[end])
    open_ = table[(s <= REFERENCE) & e.isna()].assign(_start=s)
    return open_.sort_values(["_start", "child_id"]).drop_duplicates("child_id", keep="last")


def _named(codes: pd.Series, names: dict[str, str], other: str = NOT_RECORDED) -> pd.Series:
    return codes.astype(str).str.strip().map(names).fillna(other)


def _records(la) -> dict[str, pd.DataFrame]:
    """Each family's records (one row per thing counted), with their own field."""
    ref = la.referrals
    in_year = ref[_dates(ref["referral_date"]).between(YEAR_START, REFERENCE)]
    source = in_year["referral_source"].astype(str).str.strip().str.extract(r"^(\d+)")[0]
    cin = _open(ref, "referral_date", "closure_date")
    cpp = _open(la.cp_plans, "start_date", "end_date")
    cic = _open(la.care_episodes, "decom", "dec")
    return {
        "referrals": in_year.assign(source=_named(source, SOURCES)),
        "cin": cin.assign(need=_named(cin["primary_need_code"], PRIMARY_NEED)),
        "cpp": cpp.assign(category=_named(cpp["latest_category"], CP_CATEGORY)),
        "cic": cic.assign(legal=_named(cic["legal_status"], LEGAL_STATUS, "Other")),
    }


# --------------------------------------------------------------------------- the views


@dataclass(frozen=True)
class View:
    family: str
    rows: str
    cols: str | None = None
    where: str | None = None  # keep only this field's group...
    value: int | None = None  # ...number ``value`` in the field's list


def view_key(view: View) -> str:
    """The key the page's script builds from the form: ``family|rows|cols|where|value``."""
    parts = [view.family, view.rows, view.cols or "", view.where or ""]
    return "|".join([*parts, "" if view.value is None else str(view.value)])


def _orient(a: str, b: str, values: dict[str, tuple]) -> tuple[str, str]:
    """Rows get the field with more groups (ties: the earlier field): narrow tables on phones."""
    return (a, b) if len(values[a]) >= len(values[b]) else (b, a)


def _views(family: Family, values: dict[str, tuple]) -> list[View]:
    """One field, with or without one group of another kept; or two fields, with nothing kept.

    Two fields and a group kept would be ten times as many tables, and each two-way table costs
    the toolkit's intruder check about a fifth of a second: too slow for every book build.
    """
    fields = family.fields
    out = []
    for rows in fields:
        out.append(View(family.key, rows))
        for where in fields:
            if where != rows:
                out += [View(family.key, rows, None, where, k) for k in range(len(values[where]))]
    out += [
        View(family.key, *_orient(a, b, values))
        for i, a in enumerate(fields)
        for b in fields[i + 1 :]
    ]
    return out


def _counts(frame: pd.DataFrame, view: View, values: dict, column: str) -> pd.DataFrame:
    """The view's table of counts, every group of its fields present (zeros included)."""
    if view.where:
        frame = frame[frame[view.where] == values[view.where][view.value]]
    rows = pd.Index(values[view.rows], name=FIELDS[view.rows].label)
    if view.cols is None:
        n = frame.groupby(view.rows).size().reindex(rows, fill_value=0)
        return n.to_frame(column)
    cols = pd.Index(values[view.cols], name=FIELDS[view.cols].label)
    n = frame.groupby([view.rows, view.cols]).size().unstack(fill_value=0)
    return n.reindex(index=rows, columns=cols, fill_value=0).rename_axis(
        index=rows.name, columns=cols.name
    )


def _rates(published, counts, pop, view: View, values: dict) -> list[list[str]]:
    """Rate per 10,000 for each figure shown; "c" where the count is hidden, "z" with no children.

    The denominator is the children who share the figure's fields about the child; a field about
    the record leaves it unchanged.
    """
    if view.where and FIELDS[view.where].child:
        pop = pop[pop[view.where] == values[view.where][view.value]]
    row_child, col_child = FIELDS[view.rows].child, bool(view.cols and FIELDS[view.cols].child)

    def children(r, c) -> int:
        keep = np.ones(len(pop), dtype=bool)
        if r is not None and row_child:
            keep &= (pop[view.rows] == r).to_numpy()
        if c is not None and col_child:
            keep &= (pop[view.cols] == c).to_numpy()
        return int(keep.sum())

    row_keys = [*counts.index, None]
    col_keys = [*counts.columns, None] if view.cols else [None]
    out = []
    for i, r in enumerate(row_keys):
        line = []
        for j, c in enumerate(col_keys):
            text = published.iat[i, j]
            n = children(r, c if view.cols else None)
            line.append("c" if text == "c" else "z" if n == 0 else _rate(int(text), n))
        out.append(line)
    return out


def _rate(events: int, population: int) -> str:
    return f"{rate_per_10k(events, population):.1f}"


def view_table(view: View, data: tuple | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counts of one view and the table :func:`publish_table` makes of them (for tests)."""
    records, pop, values = data or _prepared()
    family = next(f for f in FAMILIES if f.key == view.family)
    counts = _counts(records[view.family], view, values, family.unit)
    return counts, _publish(counts)


def _publish(counts: pd.DataFrame) -> pd.DataFrame:
    """:func:`publish_table` with the course's threshold, zeros shown.

    A one-column table goes in as one row and is turned back: publish_table cannot yet add the
    Total row to a one-column table under pandas 3, and the one-row table has the same figures
    (the cells and one total), so the same cells are hidden.
    """
    if counts.shape[1] == 1:
        return publish_table(counts.T, THRESHOLD).T
    return publish_table(counts, THRESHOLD)


@lru_cache(maxsize=1)
def _prepared() -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, tuple]]:
    la = load_authority()
    pop = _population(la)
    records = {
        key: frame.drop(columns=[c for c in CHILD_FIELDS if c in frame.columns]).merge(
            pop, on="child_id"  # children aged 0 to 17 only, as the denominator
        )
        for key, frame in _records(la).items()
    }
    values = {}
    for key, field in FIELDS.items():
        seen = set()
        for frame in [pop, *records.values()]:
            if key in frame.columns:
                seen.update(frame[key].dropna().unique())
        values[key] = tuple(v for v in field.values if v in seen)
        unknown = seen - set(field.values)
        if unknown:
            raise ChildinfoError(f"explorer: {key} has groups it does not name: {unknown}.")
    return records, pop, values


def _cell(text: str):
    return text if text in ("c", "z") else int(text)


@lru_cache(maxsize=1)
def explorer_data() -> dict:
    """Everything the page needs, ready for JSON: the fields, the families and every view."""
    records, pop, values = _prepared()
    views = {}
    for family in FAMILIES:
        for view in _views(family, values):
            counts = _counts(records[family.key], view, values, family.unit)
            published = _publish(counts)
            shown = published.to_numpy()
            # Figures hidden because they are small themselves (primary), the rest to protect them.
            full = _with_totals(counts).to_numpy()
            primary = int(((full >= 1) & (full < THRESHOLD)).sum())
            views[view_key(view)] = {
                "n": [[_cell(t) for t in row] for row in shown],
                "r": _rates(published, counts, pop, view, values),
                "p": primary,
                "s": int((shown == "c").sum()) - primary,
            }
    return {
        "threshold": THRESHOLD,
        "fields": {k: {"label": f.label, "values": list(values[k]), "child": f.child}
                   for k, f in FIELDS.items()},
        "families": [
            {"key": f.key, "label": f.label, "unit": f.unit, "fields": list(f.fields)}
            for f in FAMILIES
        ],
        "views": views,
    }


def _with_totals(counts: pd.DataFrame) -> pd.DataFrame:
    """The counts laid out as publish_table lays them out: a Total column (when more than one
    column) and a Total row."""
    out = counts.copy()
    if out.shape[1] > 1:
        out["Total"] = out.sum(axis=1)
    out.loc["Total"] = out.sum(axis=0)
    return out
