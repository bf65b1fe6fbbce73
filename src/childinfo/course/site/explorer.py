"""Ask your own question of Brackenfold, with no code: the ``{brackenfold-explorer}`` directive.

When the book is built, :func:`explorer_data` counts Brackenfold's records for every grouping a
reader may choose (up to three fields: one to filter on, two to group by) and the same for the
child population, the denominator of every rate. The directive embeds these counts in the page
as JSON, with the form and the script ``childinfo-explorer.js`` (served from the site's own
``_static``), so the page works offline and from ``file://``. No record about one child goes
into the page: only counts of children or records sharing up to three coarse fields.

The script hides small counts with the rule of :mod:`childinfo.toolkit.disclosure`: counts from 1 to
``threshold - 1`` (primary suppression), then :func:`~childinfo.toolkit.disclosure.secondary_suppression`'s
search, so no hidden cell can be worked out from the totals. ``tests/site/test_explorer.py``
runs the script in Chromium and checks it hides the same cells as the toolkit.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from itertools import combinations

import pandas as pd
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from childinfo.synth.codes import PRIMARY_NEED
from childinfo.toolkit.data import load_authority
from childinfo.toolkit.disclosure import COMMON_THRESHOLDS

YEAR_START = pd.Timestamp("2022-04-01")
YEAR_END = pd.Timestamp("2023-03-31")
#: DfE's practice, which the labs follow: counts of 1 to 5 are hidden.
THRESHOLD = COMMON_THRESHOLDS["DfE practice: suppress 1 to 5 (publish 6 or more)"]
SCRIPT = "childinfo-explorer.js"

AGE_BANDS = ["Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and 17"]
ETHNIC_GROUPS = {
    "W": "White",
    "M": "Mixed",
    "A": "Asian",
    "B": "Black",
    "C": "Other",
    "O": "Other",
}
DEPRIVATION = ["1-2 (most deprived)", "3-4", "5-6", "7-8", "9-10 (least deprived)"]
NOT_RECORDED = "Not recorded or not valid"
SOURCES = {
    "1": "Individuals",
    "2": "Schools and education",
    "3": "Health services",
    "4": "Housing",
    "5": "Local authority services",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}
NEEDS = PRIMARY_NEED  # the CIN census labels, as the generator writes them
CP_CATEGORIES = {
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
    "L2": "Police protection or emergency order",
    "J1": "Youth justice legal status",
}

#: Fields every table has: they describe the child, so the population has them too.
CHILD_FIELDS = {
    "sex": "Sex",
    "age": "Age on 31 March 2023",
    "ethnic_group": "Ethnic group",
    "deprivation": "Area deprivation (deciles)",
}


def _category(values: pd.Series, names: dict[str, str]) -> pd.Series:
    return values.map(lambda code: names.get(str(code).strip(), NOT_RECORDED))


def _children(la) -> pd.DataFrame:
    """The child population on 31 March 2023, aged 0 to 17, with the child fields."""
    kids = la.children.copy()
    dob = pd.to_datetime(kids["dob"], errors="coerce")
    age = (
        YEAR_END.year
        - dob.dt.year
        - (
            (dob.dt.month > YEAR_END.month)
            | ((dob.dt.month == YEAR_END.month) & (dob.dt.day > YEAR_END.day))
        )
    ).astype("Int64")
    kids = kids[(dob <= YEAR_END) & (age <= 17)].copy()
    age = age[kids.index]
    kids["age"] = pd.cut(age.astype(int), [-1, 0, 4, 9, 15, 17], labels=AGE_BANDS).astype(str)
    kids["sex"] = kids["sex"].map({"F": "Girls", "M": "Boys"}).fillna(NOT_RECORDED)
    code = kids["ethnicity"].fillna("").astype(str)
    kids["ethnic_group"] = code.map(
        lambda c: (
            "Not known" if c in ("", "REFU", "NOBT") else ETHNIC_GROUPS.get(c[0], "Not known")
        )
    )
    areas = la.areas[["area_code", "deprivation_decile"]].copy()
    decile = pd.to_numeric(areas["deprivation_decile"], errors="coerce")
    areas["deprivation"] = pd.cut(decile, [0, 2, 4, 6, 8, 10], labels=DEPRIVATION).astype(str)
    kids = kids.merge(areas[["area_code", "deprivation"]], on="area_code", how="left")
    kids["deprivation"] = kids["deprivation"].replace("nan", NOT_RECORDED).fillna(NOT_RECORDED)
    return kids[["child_id", *CHILD_FIELDS]]


def _open_on(table: pd.DataFrame, start: str, end: str) -> pd.Series:
    s = pd.to_datetime(table[start], errors="coerce")
    e = pd.to_datetime(table[end], errors="coerce")
    return (s <= YEAR_END) & (e.isna() | (e > YEAR_END))


def _latest(table: pd.DataFrame, date: str) -> pd.DataFrame:
    """One row per child: the record that started last (a child is counted once on a day)."""
    return table.sort_values([date, "child_id"]).drop_duplicates("child_id", keep="last")


def _measures(la) -> list[dict]:
    """Each table a reader can choose: its records (one row per thing counted) and own fields."""
    ref = la.referrals
    ref_date = pd.to_datetime(ref["referral_date"], errors="coerce")
    in_year = ref[ref_date.between(YEAR_START, YEAR_END)]
    in_year = in_year.assign(
        source=_category(
            in_year["referral_source"].str.strip().map(lambda c: c if c in SOURCES else c[:1]),
            SOURCES,
        ),
        need=_category(in_year["primary_need_code"], NEEDS),
    )
    cin = _latest(ref[_open_on(ref, "referral_date", "closure_date")], "referral_date")
    cin = cin.assign(need=_category(cin["primary_need_code"], NEEDS))
    cpp = _latest(la.cp_plans[_open_on(la.cp_plans, "start_date", "end_date")], "start_date")
    cpp = cpp.assign(category=_category(cpp["latest_category"], CP_CATEGORIES))
    care = la.care_episodes
    cic = _latest(care[_open_on(care, "decom", "dec")], "decom")
    cic = cic.assign(
        legal=_category(cic["legal_status"], LEGAL_STATUS), need=_category(cic["cin"], NEEDS)
    )
    eh = la.early_help
    eh_year = eh[pd.to_datetime(eh["start_date"], errors="coerce").between(YEAR_START, YEAR_END)]
    eh_year = eh_year.assign(reason=eh_year["reason"].fillna("").replace("", NOT_RECORDED))
    return [
        {
            "key": "referrals",
            "label": "Referrals to children's social care in the year to 31 March 2023",
            "unit": "referrals",
            "rows": in_year,
            "fields": {"source": "Referral source", "need": "Primary need at referral"},
        },
        {
            "key": "cin",
            "label": "Children in need on 31 March 2023",
            "unit": "children",
            "rows": cin,
            "fields": {"need": "Primary need (latest open referral)"},
        },
        {
            "key": "cpp",
            "label": "Children on a child protection plan on 31 March 2023",
            "unit": "children",
            "rows": cpp,
            "fields": {"category": "Category of abuse (latest)"},
        },
        {
            "key": "cic",
            "label": "Children in care on 31 March 2023",
            "unit": "children",
            "rows": cic,
            "fields": {"legal": "Legal status", "need": "Category of need"},
        },
        {
            "key": "early_help",
            "label": "Early Help episodes starting in the year to 31 March 2023",
            "unit": "episodes",
            "rows": eh_year,
            "fields": {"reason": "Reason for Early Help"},
        },
    ]


def _cubes(rows: pd.DataFrame, fields: list[str], values: dict[str, list[str]]) -> dict:
    """Counts for every set of up to three fields: {"a|b": [[index of a, index of b, n], ...]}."""
    codes = pd.DataFrame({f: pd.Categorical(rows[f], categories=values[f]).codes for f in fields})
    out = {"": [[len(rows)]]}
    for size in (1, 2, 3):
        for combo in combinations(fields, size):
            counts = codes.groupby(list(combo)).size()
            out["|".join(combo)] = [
                [*(int(i) for i in (k if isinstance(k, tuple) else (k,))), int(n)]
                for k, n in counts.items()
                if n > 0
            ]
    return out


def _ordered(series: pd.Series, preferred: list[str]) -> list[str]:
    seen = set(series.dropna().astype(str))
    first = [v for v in preferred if v in seen]
    last = [NOT_RECORDED] if NOT_RECORDED in seen else []
    return first + sorted(seen - set(first) - {NOT_RECORDED}) + last


@lru_cache(maxsize=1)
def explorer_data() -> dict:
    """Everything the explorer page needs, as JSON-ready counts (never rows about a child)."""
    la = load_authority()
    kids = _children(la)
    preferred = {
        "sex": ["Girls", "Boys"],
        "age": AGE_BANDS,
        "deprivation": DEPRIVATION,
        "ethnic_group": ["Asian", "Black", "Mixed", "White", "Other", "Not known"],
        "source": list(SOURCES.values()),
        "need": list(NEEDS.values()),
        "category": list(CP_CATEGORIES.values()),
        "legal": list(LEGAL_STATUS.values()),
    }
    fields = {
        key: {"label": label, "child": True, "values": _ordered(kids[key], preferred[key])}
        for key, label in CHILD_FIELDS.items()
    }
    tables = []
    for m in _measures(la):
        rows = m["rows"].drop(columns=[c for c in CHILD_FIELDS if c in m["rows"].columns])
        rows = rows.merge(kids, on="child_id", how="inner")  # children aged 0 to 17 only
        for key, label in m["fields"].items():
            values = _ordered(rows[key], preferred.get(key, []))
            if key in fields:  # the same field in two tables: one list of values for both
                values = _ordered(
                    pd.Series(fields[key]["values"] + values), preferred.get(key, [])
                )
            fields[key] = {
                "label": label if key not in fields else fields[key]["label"],
                "child": False,
                "values": values,
            }
        names = [*CHILD_FIELDS, *m["fields"]]
        tables.append(
            {
                "key": m["key"],
                "label": m["label"],
                "unit": m["unit"],
                "fields": names,
                "labels": dict(m["fields"]),
                "cubes": _cubes(rows, names, {f: fields[f]["values"] for f in names}),
            }
        )
    child_fields = list(CHILD_FIELDS)
    population = _cubes(kids, child_fields, {f: fields[f]["values"] for f in child_fields})
    return {"threshold": THRESHOLD, "fields": fields, "tables": tables, "population": population}


class explorer_node(nodes.General, nodes.Element):
    pass


class BrackenfoldExplorer(SphinxDirective):
    """Place the explorer: a form, a summary read out when it changes, and two tables."""

    def run(self):
        node = explorer_node()
        node["depth"] = self.env.docname.count("/")
        return [node]


def visit_explorer_html(self, node: explorer_node) -> None:
    data = json.dumps(explorer_data(), separators=(",", ":")).replace("</", "<\\/")
    root = "../" * node["depth"]
    self.body.append(f"""
<div class="childinfo-explorer" data-threshold="{THRESHOLD}">
<form class="childinfo-explorer-form" onsubmit="return false">
  <p><label for="cx-table">Table</label>
     <select id="cx-table" name="table"></select></p>
  <p><label for="cx-row">Group rows by</label>
     <select id="cx-row" name="row"></select></p>
  <p><label for="cx-col">Then split columns by</label>
     <select id="cx-col" name="col"></select></p>
  <p><label for="cx-filter">Only include</label>
     <select id="cx-filter" name="filter"></select></p>
</form>
<p class="childinfo-explorer-summary" role="status" aria-live="polite" aria-atomic="true"></p>
<div class="childinfo-explorer-tables" role="region" aria-label="Tables" tabindex="0"></div>
<noscript><p>The explorer needs JavaScript, which is switched off in this browser.</p></noscript>
</div>
<script type="application/json" id="childinfo-explorer-data">{data}</script>
<script src="{html.escape(root)}_static/{SCRIPT}"></script>
""")
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict:
    app.add_node(
        explorer_node, html=(visit_explorer_html, None), latex=(_skip, None), text=(_skip, None)
    )
    app.add_directive("brackenfold-explorer", BrackenfoldExplorer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
