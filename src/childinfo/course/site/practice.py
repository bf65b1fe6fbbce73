"""Practitioner tasks: exercises a reader does on the published page, with no Python behind it.

A lab writes (MyST)::

    ```{practice}
    :id: 1-2
    :kind: predict
    :objective: 2
    :minutes: 2

    title: What is Brackenfold's rate of referrals?
    prompt: Estimate the rate per 10,000 children.
    answer: "{{ bf_referral_rate }}"
    reveal: Brackenfold's rate was {{ bf_referral_rate }} per 10,000 in 2022-23.
    ```

The body is YAML (each kind's fields: "Adding a practitioner task" in ``ARCHITECTURE.md``). Every
``{{ bf_... }}`` in it is filled from :func:`childinfo.course.chapter_figures.brackenfold_figures` when the
book is built, and the tables of the ``suppress`` and ``code-voice`` kinds are computed from
the synthetic data here, so a regeneration cannot make a task wrong.

The directive writes plain HTML: a ``<section data-practice="1-2" data-objective="2">`` that
holds its data as embedded JSON (no fetch, so it works from ``file://``), and
``_static/practice.js`` makes it interactive. Answers stay in the learner's browser
(``localStorage``); the learning record page (``{learning-record}``) gathers them.
"""

from __future__ import annotations

import html
import itertools
import json
import random
import re
from functools import lru_cache

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

KINDS = ("predict", "decide", "code-voice", "spot", "suppress", "order", "draft")
#: Minutes a task takes when it does not say, by kind.
MINUTES = {
    "predict": 2,
    "decide": 4,
    "code-voice": 8,
    "spot": 2,
    "suppress": 5,
    "order": 3,
    "draft": 6,
}
ID = re.compile(r"^(0|tour|[1-9]|10)-[1-9][0-9]?$")
SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
PRIVACY = (
    "Do not type anything that identifies a real child, family or colleague. "
    "What you write stays in this browser only."
)


class _Loader(yaml.SafeLoader):
    """YAML without dates: a task's "2022-09-02" stays the text the author wrote."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _fill(value, figures: dict, where: str):
    """Replace ``{{ bf_... }}`` in every string of a YAML value with the build-time figure."""
    if isinstance(value, str):

        def one(match):
            key = match.group(1)
            if key not in figures:
                raise ExtensionError(
                    f"{where}: no build-time figure called {key!r}; see "
                    "childinfo.course.chapter_figures.brackenfold_figures() for the names."
                )
            return str(figures[key])

        return SUBSTITUTION.sub(one, value)
    if isinstance(value, list):
        return [_fill(v, figures, where) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, figures, where) for k, v in value.items()}
    return value


def number(text) -> float:
    """The number in a figure such as "3,139", "28%" or "512.3 per 10,000"."""
    match = re.search(r"-?\d[\d,]*(?:\.\d+)?", str(text))
    if not match:
        raise ValueError(f"no number in {text!r}")
    return float(match.group(0).replace(",", ""))


# --------------------------------------------------------------------------- builders
@lru_cache(maxsize=None)
def suppress_table(name: str) -> dict:
    """A small table of Brackenfold counts and, for every set of cells a learner could hide,
    which hidden cells are not safe given the published totals (the toolkit's own verdict,
    :func:`childinfo.toolkit.disclosure.suppressed_cell_bounds`)."""
    import pandas as pd

    from childinfo.course.chapter_figures import YEAR_END, _dates, _open
    from childinfo.errors import ChildinfoError
    from childinfo.toolkit.data import load_authority
    from childinfo.toolkit.disclosure import THRESHOLD, publish_table_and_mask

    if name != "cic-by-area-age":
        raise ExtensionError(f"unknown suppress table {name!r}; known: 'cic-by-area-age'.")
    bf = load_authority()
    # Children in care on 31 March 2023 in three small wards, by age band: small cells.
    care = _dates(bf.care_episodes, "decom", "dec")
    open_ids = care.loc[_open(care["decom"], care["dec"]), "child_id"].unique()
    kids = bf.children[bf.children["child_id"].isin(open_ids)].merge(
        bf.areas[["area_code", "ward"]], on="area_code"
    )
    age = (YEAR_END - pd.to_datetime(kids["dob"])).dt.days // 365.25
    kids["age"] = pd.cut(age, [-1, 4, 11, 17], labels=["0 to 4", "5 to 11", "12 to 17"])
    sizes = kids["ward"].value_counts()
    candidates = sorted(w for w in sizes.index if 12 <= sizes[w] <= 40)
    # The first three such wards whose table the toolkit protects with every total shown, so
    # the page can compare the learner's choice with the toolkit's.
    for wards in itertools.combinations(candidates, 3):
        table = (
            kids[kids["ward"].isin(wards)]
            .groupby(["ward", "age"], observed=False)
            .size()
            .unstack("age")
            .reindex(list(wards))
            .fillna(0)
            .astype(int)
        )
        table.index.name, table.columns.name = "Ward", "Age"
        try:
            _, hidden = publish_table_and_mask(table, threshold=THRESHOLD)
        except ChildinfoError:
            continue
        if hidden.loc["Total"].any() or hidden["Total"].any():
            continue
        return _suppress_payload(table, THRESHOLD, hidden.loc[table.index, table.columns])
    raise ExtensionError("no three wards give a children-in-care table the toolkit can protect")


def _suppress_payload(table, threshold: int, toolkit) -> dict:
    """What the page needs to judge any choice of hidden cells as the toolkit would.

    ``toolkit`` is the toolkit's own choice (True = hidden, from ``publish_table_and_mask``).
    ``unsafe`` maps each choice (one 0/1 per cell, row by row) to the hidden cells that are not
    safe, each as ``[cell, lowest, highest]``: what a reader of the totals can tell about it.
    """
    from childinfo.toolkit.disclosure import primary_suppression, suppressed_cell_bounds

    values = table.to_numpy()
    nrow, ncol = values.shape
    cells = list(itertools.product(range(nrow), range(ncol)))
    unsafe = {}
    for hidden in itertools.product((0, 1), repeat=len(cells)):
        if not any(hidden):
            continue
        mask = table.copy().astype(bool)
        for (i, j), h in zip(cells, hidden):
            mask.iat[i, j] = bool(h)
        # The page shows zeros, so a reader knows a hidden cell is at least 1, unless the
        # learner hid a zero too.
        zeros = "hidden" if (values[mask.to_numpy()] == 0).any() else "shown"
        result = suppressed_cell_bounds(table, mask, zeros=zeros, threshold=threshold)
        key = "".join(map(str, hidden))
        unsafe[key] = [
            [
                cells.index((list(table.index).index(r), list(table.columns).index(c))),
                int(lo),
                int(hi),
            ]
            for r, c, lo, hi, safe in zip(
                result["row"], result["column"], result["lower"], result["upper"], result["safe"]
            )
            if not safe
        ]
    prim = primary_suppression(table, threshold=threshold)
    return {
        "rows": [str(r) for r in table.index],
        "columns": [str(c) for c in table.columns],
        "values": values.tolist(),
        "threshold": threshold,
        "row_totals": values.sum(axis=1).tolist(),
        "column_totals": values.sum(axis=0).tolist(),
        "total": int(values.sum()),
        "primary": [k for k, (i, j) in enumerate(cells) if prim.iat[i, j]],
        "toolkit": [k for k, (i, j) in enumerate(cells) if toolkit.iat[i, j]],
        "unsafe": unsafe,
    }


@lru_cache(maxsize=None)
def voice_extracts(n: int, seed: int) -> dict:
    """``n`` children's own words with the teaching-only truth and a second coder (the toolkit's
    keyword coder), and the themes they use."""
    from childinfo.toolkit.data import load_authority
    from childinfo.toolkit.voice import keyword_code, load_codebook, split_themes

    records = load_authority().voice_records
    records = records[records["author_role"] == "child"].reset_index(drop=True)
    codebook = load_codebook(applies_to="child")
    labels = dict(zip(codebook["theme"], codebook["label"]))
    truth_all = split_themes(records["truth_themes"])
    rng = random.Random(seed)
    picked = rng.sample([i for i, ts in enumerate(truth_all) if ts], n)
    texts = records.loc[picked, "text"].tolist()
    second = split_themes(keyword_code(texts, codebook)["themes"])
    # The themes shown: those the truth or the second coder uses here, in codebook order.
    used = {t for i in picked for t in truth_all[i]} | {t for ts in second for t in ts}
    shown = [t for t in codebook["theme"] if t in used]
    extracts = [
        {
            "text": text,
            "truth": [t for t in truth_all[i] if t in shown],
            "second": [t for t in ts if t in shown],
        }
        for text, i, ts in zip(texts, picked, second)
    ]
    return {"themes": [{"code": t, "label": labels[t]} for t in shown], "extracts": extracts}


# --------------------------------------------------------------------------- directive
class PracticeDirective(Directive):
    has_content = True
    option_spec = {
        "id": directives.unchanged_required,
        "kind": lambda arg: directives.choice(arg, KINDS),
        "objective": directives.unchanged_required,
        "minutes": directives.positive_int,
    }

    def run(self):
        env = self.state.document.settings.env
        where = f"{env.docname}, practice task {self.options.get('id', '?')}"
        for key in ("id", "kind", "objective"):
            if key not in self.options:
                raise self.error(f"{where}: the :{key}: option is missing.")
        task_id, kind = self.options["id"], self.options["kind"]
        if not ID.match(task_id):
            raise self.error(f"{where}: :id: must be <unit>-<n>, e.g. 6-3 or tour-1.")
        try:
            data = yaml.load("\n".join(self.content), Loader=_Loader) or {}
        except yaml.YAMLError as exc:
            raise self.error(f"{where}: the body is not valid YAML ({exc}).") from None
        figures = dict(getattr(env.config, "myst_substitutions", None) or {})
        data = _fill(data, figures, where)
        data = _prepare(kind, data, where)
        data.update(
            id=task_id,
            kind=kind,
            unit=task_id.split("-")[0],
            objective=self.options["objective"],
            minutes=self.options.get("minutes", MINUTES[kind]),
            page=env.docname,
        )
        return [nodes.raw("", render(data), format="html")]


def _prepare(kind: str, data: dict, where: str) -> dict:
    """Check a task's fields and compute what its kind needs at build time."""
    need = {
        "predict": ("prompt", "answer", "reveal"),
        "decide": ("prompt", "options", "model"),
        "code-voice": ("prompt",),
        "spot": ("prompt", "table", "fault", "explain"),
        "suppress": ("prompt", "table"),
        "order": ("prompt", "steps", "explain"),
        "draft": ("prompt", "model", "checklist"),
    }[kind]
    missing = [k for k in ("title", *need) if k not in data]
    if missing:
        raise ExtensionError(f"{where}: the {kind} task needs {', '.join(missing)}.")
    if kind == "predict":
        data["value"] = number(data["answer"])
    elif kind == "decide":
        if not any(o.get("correct") for o in data["options"]):
            raise ExtensionError(f"{where}: mark at least one option `correct: true`.")
    elif kind == "code-voice":
        data.update(voice_extracts(int(data.get("n", 6)), int(data.get("seed", 11))))
    elif kind == "suppress":
        data.update(suppress_table(data["table"]))
    elif kind == "order":
        order = list(range(len(data["steps"])))
        rng = random.Random(data["title"])
        while order == sorted(order):
            rng.shuffle(order)
        data["start"] = order  # the shown order; the correct order is the YAML's
    elif kind == "spot":
        rows = data["table"]["rows"]
        r, c = data["fault"]
        if not (0 <= r < len(rows) and 0 <= c < len(rows[r])):
            raise ExtensionError(f"{where}: fault [{r}, {c}] is not a cell of the table.")
    return data


def _e(text) -> str:
    return html.escape(str(text))


def render(data: dict) -> str:
    """The task's HTML: heading, prompt and embedded data; practice.js draws the controls."""
    tid = data["id"]
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    privacy = ""
    if data["kind"] in ("decide", "draft", "predict", "order", "code-voice", "suppress", "spot"):
        privacy = f'<p class="practice-privacy">{_e(PRIVACY)}</p>'
    return (
        f'<section class="practice practice-{data["kind"]}" id="practice-{tid}" '
        f'data-practice="{tid}" data-objective="{_e(data["objective"])}" '
        f'data-kind="{data["kind"]}" aria-labelledby="practice-{tid}-title">'
        f'<h3 id="practice-{tid}-title" class="practice-title">Task {tid}: {_e(data["title"])}'
        f' <span class="practice-meta">({_e(data["kind"].replace("-", " "))}, about '
        f"{data['minutes']} minutes)</span></h3>"
        f'<p class="practice-prompt">{_e(data["prompt"])}</p>'
        f'<div class="practice-body"><p class="practice-nojs">This task needs JavaScript in your '
        f"browser.</p></div>{privacy}"
        f'<div class="practice-feedback" role="status" aria-live="polite"></div>'
        f'<script type="application/json" class="practice-data">{payload}</script>'
        f"</section>"
    )


class LearningRecordDirective(Directive):
    """The place on the learning record page where practice.js gathers the learner's answers."""

    has_content = False

    def run(self):
        return [
            nodes.raw(
                "",
                '<div id="learning-record" class="learning-record" '
                'data-learning-record="1"><p class="practice-nojs">Your record '
                "needs JavaScript in your browser.</p></div>",
                format="html",
            )
        ]


def _add_assets(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Load the task scripts only on pages that have tasks or the record."""
    body = context.get("body", "")
    if "data-practice=" in body or "data-learning-record=" in body:
        app.add_js_file("practice.js", defer="defer")
        app.add_css_file("practice.css")


def setup(app: Sphinx) -> dict:
    app.add_directive("practice", PracticeDirective)
    app.add_directive("learning-record", LearningRecordDirective)
    app.connect("html-page-context", _add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
