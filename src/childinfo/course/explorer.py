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
from childinfo.toolkit.disclosure import SHOWN_IF_SAFE, THRESHOLD, age_band, publish_table
from childinfo.toolkit.rates import rate_per_10k

__all__ = [
    "FAMILIES",
    "FIELDS",
    "View",
    "all_views",
    "explorer_data",
    "view_counts",
    "view_entry",
    "view_key",
]

REFERENCE = pd.Timestamp(facts.REFERENCE_DATE)
YEAR_START = pd.Timestamp(facts.YEAR_START)


@dataclass(frozen=True)
class Field:
    label: str
    values: tuple[str, ...]
    child: bool  # about the child (so the population has it too), or about the record
    noun: str = ""  # how a rate's caption names it: "children ... with the same <noun>"


# DfE's age bands for children in care, as the toolkit writes them, with a capital letter.
AGE_BANDS = {band: band[0].upper() + band[1:] for band in age_band(range(18)).unique()}
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
    "sex": Field("Sex", ("Girls", "Boys"), True, "sex"),
    "age": Field("Age on 31 March 2023", tuple(AGE_BANDS.values()), True, "age band"),
    "ethnic_group": Field(
        "Ethnic group",
        ("White", "Mixed", "Asian", "Black", "Other", "Not known"),
        True,
        "ethnic group",
    ),
    "deprivation": Field("Area deprivation (deciles)", DEPRIVATION, True, "deprivation band"),
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
    Family("cin", "Children in need on 31 March 2023", "Children", (*CHILD_FIELDS, "need")),
    Family(
        "cpp",
        "Children on a child protection plan on 31 March 2023",
        "Children",
        (*CHILD_FIELDS, "category"),
    ),
    Family("cic", "Children in care on 31 March 2023", "Children", (*CHILD_FIELDS, "legal")),
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
            "age": age_band(age.to_numpy()).map(AGE_BANDS).to_numpy(),
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


def _grid(codes: dict[str, np.ndarray], view: View, sizes: dict[str, int]) -> np.ndarray:
    """Counts by the view's rows and columns (one column with none), after keeping its group.

    ``codes`` gives each field as the position of each record's group in the field's list; a
    field missing from ``codes`` is treated as one group (the population has no record fields).
    """
    n = len(next(iter(codes.values())))
    keep = np.ones(n, dtype=bool)
    if view.where in codes:
        keep = codes[view.where] == view.value

    def axis(field):
        if field in codes:
            return codes[field][keep], sizes[field]
        return np.zeros(int(keep.sum()), dtype=int), 1

    (r, nr), (c, nc) = axis(view.rows), axis(view.cols)
    return np.bincount(r * nc + c, minlength=nr * nc).reshape(nr, nc)


def _with_totals(grid: np.ndarray) -> np.ndarray:
    """A grid laid out as publish_table lays it out: a Total column when there is more than one
    column, and a Total row."""
    if grid.shape[1] > 1:
        grid = np.column_stack([grid, grid.sum(axis=1)])
    return np.vstack([grid, grid.sum(axis=0)])


def _rates(published: np.ndarray, pop: np.ndarray, view: View) -> list[list[str]]:
    """Rate per 10,000 for each figure shown; "c" where the count is hidden, "z" with no children.

    ``pop`` is the children by the view's fields about the child, with totals; a field about the
    record (a referral source) has one group there, so every figure beside it shares it.
    """
    out = []
    for i, line in enumerate(published):
        row = []
        for j, text in enumerate(line):
            n = int(pop[min(i, pop.shape[0] - 1), min(j, pop.shape[1] - 1)])
            row.append("c" if text == "c" else "z" if n == 0 else _rate(int(text), n))
        out.append(row)
    return out


def _rate(events: int, population: int) -> str:
    return f"{rate_per_10k(events, population):.1f}"


def _publish(counts: pd.DataFrame) -> pd.DataFrame:
    """:func:`publish_table` with the course's threshold, zeros shown where that is safe."""
    return publish_table(counts, THRESHOLD, zeros=SHOWN_IF_SAFE)


def zeros_hidden(counts: pd.DataFrame, published: pd.DataFrame) -> bool:
    """Whether the published view hides its zeros (:data:`SHOWN_IF_SAFE` fell back)."""
    cells = published.iloc[: counts.shape[0], : counts.shape[1]].to_numpy()
    return bool(((counts.to_numpy() == 0) & (cells == "c")).any())


def _cell(text: str):
    return text if text in ("c", "z") else int(text)


@dataclass(frozen=True)
class _Prepared:
    values: dict[str, tuple[str, ...]]  # each field's groups, in the order the page lists them
    records: dict[str, dict[str, np.ndarray]]  # family -> field -> each record's group number
    population: dict[str, np.ndarray]  # child field -> each child's group number


@lru_cache(maxsize=1)
def _prepared() -> _Prepared:
    """The families' records and the population, each field as group numbers."""
    la = load_authority()
    pop = _population(la)
    frames = {
        key: frame.drop(columns=[c for c in CHILD_FIELDS if c in frame.columns]).merge(
            pop,
            on="child_id",  # children aged 0 to 17 only, as the denominator
        )
        for key, frame in _records(la).items()
    }
    values = {}
    for key, field in FIELDS.items():
        seen = set()
        for frame in [pop, *frames.values()]:
            if key in frame.columns:
                seen.update(frame[key].dropna().unique())
        unknown = seen - set(field.values)
        if unknown:
            raise ChildinfoError(
                f"the explorer has no name for these {field.label} groups: {sorted(unknown)}; "
                "add them to FIELDS in childinfo.course.explorer."
            )
        values[key] = tuple(v for v in field.values if v in seen)

    def codes(frame: pd.DataFrame, fields) -> dict[str, np.ndarray]:
        out = {f: pd.Categorical(frame[f], categories=values[f]).codes for f in fields}
        blank = [f for f, c in out.items() if (c < 0).any()]
        if blank:
            raise ChildinfoError(
                f"the explorer found records with no group for {', '.join(blank)}; "
                "regenerate the data (childinfo generate --default --force)."
            )
        return out

    families = {f.key: f for f in FAMILIES}
    return _Prepared(
        values,
        {key: codes(frame, families[key].fields) for key, frame in frames.items()},
        codes(pop, CHILD_FIELDS),
    )


def all_views() -> list[View]:
    """Every view the page offers, for every family."""
    values = _prepared().values
    return [view for family in FAMILIES for view in _views(family, values)]


def view_counts(view: View) -> pd.DataFrame:
    """The view's table of counts, before any suppression (for tests and teaching)."""
    data = _prepared()
    sizes = {k: len(v) for k, v in data.values.items()}
    grid = _grid(data.records[view.family], view, sizes)
    rows = pd.Index(data.values[view.rows], name=FIELDS[view.rows].label)
    if view.cols is None:
        unit = next(f.unit for f in FAMILIES if f.key == view.family)
        return pd.DataFrame(grid, index=rows, columns=[unit])
    cols = pd.Index(data.values[view.cols], name=FIELDS[view.cols].label)
    return pd.DataFrame(grid, index=rows, columns=cols)


def view_entry(view: View) -> dict:
    """One view as the page holds it: ``n`` the published counts (numbers, or "c"), ``r`` the
    rates as text, ``p`` how many figures were small themselves, ``s`` how many more were
    hidden to protect them and ``z`` whether zeros are hidden too (:func:`zeros_hidden`). Rows
    and columns end with their totals, as publish_table writes."""
    data = _prepared()
    counts = view_counts(view)
    published = _publish(counts)
    shown = published.to_numpy()
    full = _with_totals(counts.to_numpy())
    primary = int(((full >= 1) & (full < THRESHOLD)).sum())
    sizes = {k: len(v) for k, v in data.values.items()}
    pop = _with_totals(_grid(data.population, view, sizes))
    return {
        "n": [[_cell(t) for t in row] for row in shown],
        "r": _rates(shown, pop, view),
        "p": primary,
        "s": int((shown == "c").sum()) - primary,
        "z": zeros_hidden(counts, published),
    }


@lru_cache(maxsize=1)
def explorer_data() -> dict:
    """Everything the page needs, ready for JSON: the fields, the families and every view."""
    values = _prepared().values
    return {
        "threshold": THRESHOLD,
        "fields": {
            key: {"label": f.label, "values": list(values[key]), "child": f.child, "noun": f.noun}
            for key, f in FIELDS.items()
        },
        "families": [
            {"key": f.key, "label": f.label, "unit": f.unit, "fields": list(f.fields)}
            for f in FAMILIES
        ],
        "views": {view_key(view): view_entry(view) for view in all_views()},
    }
