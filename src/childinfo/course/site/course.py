"""Pages built from the units themselves, so they never fall out of step with them.

Directives (each leaves a placeholder that is filled in once every page has been read):

``{unit-table}``
    Every unit with its finding, teaching and exercise minutes and its labs.
    An optional YAML body maps unit numbers to what the unit assumes you know; given, it adds
    an "Assumes you know" column (the self-paced route uses it).
``{course-time}``
    One sentence with the time a route takes, added up from the units' front matter.
    Options: ``:units:`` (unit numbers whose chapters you read; all if left out), ``:labs:``
    (units whose labs you do; the same units if left out; ``none`` for no labs) and
    ``:pages:`` (other pages on the route, relative to this one; their ``teaching`` and
    ``exercises`` front matter minutes are added).
``{session-plan} KEY``
    A timed workshop plan from ``chapters/workshop-session-plans.yml``. A unit's minutes come
    from its front matter; the build fails if a plan does not add up to its length.
``{exercise-index}``
    Every lab exercise, lab by lab, linked.
``{practice-exercises}``
    For each of the framework's eight Practices, the exercises that practise it (an exercise
    says so with ``:class: practice-N``).
``{framework-diagram}``
    The framework (principles, Approaches, Practices, Enablers) as one SVG, with a text version.
``{unit-summaries}``
    Each unit's finding, key points and CPD reflection prompt, one unit per printed page:
    the source of the handouts.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from childinfo.course.framework import PRACTICES

logger = logging.getLogger(__name__)

SESSION_PLANS = "chapters/workshop-session-plans.yml"


class course_placeholder(nodes.General, nodes.Element):
    """Replaced by generated content by :class:`FillCoursePages`."""


def placeholder(directive: SphinxDirective, kind: str, **attrs) -> list[nodes.Node]:
    env = directive.env
    if not hasattr(env, "childinfo_collecting"):
        env.childinfo_collecting = set()
    env.childinfo_collecting.add(env.docname)
    node = course_placeholder()
    node["kind"] = kind
    node.update_all_atts(attrs)
    return [node]


class UnitTable(SphinxDirective):
    has_content = True

    def run(self):
        try:
            assumes = yaml.safe_load("\n".join(self.content)) if self.content else None
        except yaml.YAMLError as exc:
            raise self.error(
                f"the unit-table body is not valid YAML ({exc.problem}); "
                "quote a text that contains ': '"
            ) from exc
        if assumes is not None and not isinstance(assumes, dict):
            raise self.error("the unit-table body must map unit numbers to what each unit assumes")
        return placeholder(
            self, "unit-table", assumes={str(k): str(v) for k, v in (assumes or {}).items()}
        )


def _numbers(text: str | None) -> list[int] | None:
    if text is None:
        return None
    return [] if text.strip() == "none" else [int(n) for n in text.replace(",", " ").split()]


class CourseTime(SphinxDirective):
    option_spec = {
        "units": directives.unchanged,
        "labs": directives.unchanged,
        "pages": directives.unchanged,
    }

    def run(self):
        units_ = _numbers(self.options.get("units"))
        labs = _numbers(self.options.get("labs"))
        folder = self.env.docname.rpartition("/")[0]
        pages = [
            str(Path(folder, p).as_posix()) if folder else p
            for p in self.options.get("pages", "").split()
        ]
        pages = [os.path.normpath(p).replace(os.sep, "/") for p in pages]
        return placeholder(self, "course-time", units=units_, labs=labs, pages=pages)


class SessionPlan(SphinxDirective):
    required_arguments = 1

    def run(self):
        self.env.note_dependency(str(Path(self.env.srcdir) / SESSION_PLANS))
        return placeholder(self, "session-plan", plan=self.arguments[0])


class ExerciseIndex(SphinxDirective):
    def run(self):
        return placeholder(self, "exercise-index")


class PracticeExercises(SphinxDirective):
    def run(self):
        return placeholder(self, "practice-exercises")


class FrameworkDiagram(SphinxDirective):
    """The framework as one accessible SVG with its text alternative (from childinfo.course.framework)."""

    def run(self):
        from childinfo.course.framework import framework_figure

        return [nodes.raw("", framework_figure(), format="html")]


class UnitSummaries(SphinxDirective):
    option_spec = {"class": directives.class_option}

    def run(self):
        return placeholder(self, "unit-summaries")


def _as_list(value) -> list[str]:
    """A front-matter list. MyST stores a list as JSON text in ``env.metadata``; read it back
    (iterating over the text gave one "link" per character: the ", , , ," Lab column)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def units(env) -> list[dict]:
    """Every unit page's front matter, in unit order."""
    found = []
    for docname, meta in env.metadata.items():
        if "unit" not in meta:
            continue
        found.append(
            {
                "number": int(meta["unit"]),
                "docname": docname,
                "title": env.titles[docname].astext() if docname in env.titles else docname,
                "finding": str(meta.get("finding", "")),
                "teaching": int(meta.get("teaching_minutes", 0)),
                "exercise": int(meta.get("exercise_minutes", 0)),
                "labs": _as_list(meta.get("labs")),
            }
        )
    return sorted(found, key=lambda u: u["number"])


def load_plans(srcdir: str | Path) -> dict:
    path = Path(srcdir) / SESSION_PLANS
    return yaml.safe_load(path.read_text()) if path.exists() else {}


def segment_minutes(segment: dict, by_number: dict[int, dict]) -> int:
    """Minutes for one segment: given outright, the sum of its tasks' minutes, or a unit's
    teaching or exercise minutes from its front matter."""
    if "minutes" in segment:
        return int(segment["minutes"])
    if "tasks" in segment:
        return sum(int(task.get("minutes", 0)) for task in segment["tasks"])
    unit = by_number[int(segment["unit"])]
    return unit["teaching"] if segment.get("part", "teaching") == "teaching" else unit["exercise"]


BLOCK_LIMIT = 90  # no stretch without a break longer than this
BUFFER_PER_90 = 5  # a block keeps at least this much slack for every 90 minutes it lasts
_UNIT_NAMED = re.compile(r"\bunit (\d+)\b", re.I)
_TASK_ID = re.compile(r"^(\d+)-(\d+)$")


def plan_problems(key: str, plan: dict, by_number: dict[int, dict]) -> list[str]:
    """Everything that would stop ``plan`` surviving a real room, in plain words; [] if none.

    ``by_number`` maps unit numbers to their timings (``{"teaching": 30, "exercise": 40}``)."""
    problems, segments = [], plan.get("segments") or []
    taught = {int(s["unit"]) for s in segments if "unit" in s}
    for n in sorted(taught - set(by_number)):
        problems.append(f"{key} uses unit {n}, which is not in the book")
    if problems:
        return problems
    for s in segments:
        if "unit" in s and s.get("part") == "tasks":
            tasks = s.get("tasks") or []
            if not tasks:
                problems.append(f"{key}: unit {s['unit']}'s tasks segment names no tasks")
            for task in tasks:
                match = _TASK_ID.match(str(task.get("id", "")))
                if not match or int(match[1]) != int(s["unit"]):
                    problems.append(
                        f"{key}: task id {task.get('id')!r} should read "
                        f"'{s['unit']}-N', as on lab {s['unit']}'s page"
                    )
                if not int(task.get("minutes", 0)) > 0:
                    problems.append(f"{key}: task {task.get('id')} needs its minutes")
        for text in (s.get("activity", ""),):
            for n in _UNIT_NAMED.findall(text):
                if int(n) not in taught:
                    problems.append(
                        f'{key} says "{text}" but does not teach unit {n}; add its '
                        "teaching and tasks, or change the wording"
                    )
    total = sum(segment_minutes(s, by_number) for s in segments)
    if total != int(plan["length"]):
        problems.append(
            f"{key} adds up to {total} minutes but is meant to last {plan['length']}; "
            "change its segments (unit timings come from their front matter)"
        )
    # Blocks: the stretches between breaks.
    blocks, current, clock, breaks = [], [], 0, []
    for s in segments:
        minutes = segment_minutes(s, by_number)
        if s.get("kind") == "break":
            blocks.append(current)
            current = []
            breaks.append(clock)
        else:
            current.append((s, minutes))
        clock += minutes
    blocks.append(current)
    for i, block in enumerate(b for b in blocks if b):
        length = sum(m for _, m in block)
        buffer = sum(m for s, m in block if s.get("kind") == "buffer")
        needed = -(-length * BUFFER_PER_90 // BLOCK_LIMIT)  # rounded up
        if length > BLOCK_LIMIT:
            problems.append(
                f"{key}: block {i + 1} runs {length} minutes without a break; "
                f"add a break at least every {BLOCK_LIMIT} minutes"
            )
        if buffer < needed:
            problems.append(
                f"{key}: block {i + 1} ({length} minutes) has {buffer} minutes of "
                f"buffer; give it at least {needed} (kind: buffer)"
            )
    if int(plan["length"]) > 120 and not any(b >= int(plan["length"]) / 2 for b in breaks):
        problems.append(f"{key}: no break in the second half of the session; add one")
    return problems


def unit_block(app: Sphinx, docname: str, cls: str) -> list[nodes.Element]:
    """A copy of the unit's first block of class ``cls`` (none if it has none), without ids.

    The copy is unresolved: the references inside it are resolved for the page it goes on."""
    for block in app.env.get_doctree(docname).findall(nodes.admonition):
        if cls in block.get("classes", []):
            copy = block.deepcopy()
            for desc in copy.findall(nodes.Element):
                desc["ids"] = []
            return [copy]
    return []


def page_link(
    app: Sphinx, fromdoc: str, todoc: str, text: str, anchor: str = ""
) -> nodes.reference:
    uri = app.builder.get_relative_uri(fromdoc, todoc) + (f"#{anchor}" if anchor else "")
    return nodes.reference("", text, internal=True, refuri=uri)


def _table(
    headers: list[str], rows: list[list[nodes.Node | str]], widths: list[int]
) -> nodes.table:
    table = nodes.table(classes=["childinfo-generated-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", nodes.paragraph(text=h))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            para = nodes.paragraph()
            para += cell if isinstance(cell, nodes.Node) else nodes.Text(str(cell))
            row += nodes.entry("", para)
        body += row
    return table


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _unit_table(app, docname, all_units, assumes=None):
    rows = []
    for u in all_units:
        labs = nodes.inline()
        found = [lab for lab in u["labs"] if lab in app.env.all_docs]
        for lab in u["labs"]:
            if lab not in app.env.all_docs:
                logger.warning(
                    f"unit {u['number']} names a lab {lab!r} that is not in the book",
                    location=docname,
                )
        for i, lab in enumerate(found):
            if i:
                labs += nodes.Text(", ")
            labs += page_link(app, docname, lab, app.env.titles[lab].astext())
        row = [
            page_link(app, docname, u["docname"], u["title"]),
            u["finding"],
            str(u["teaching"]),
            str(u["exercise"]),
            labs,
        ]
        if assumes:
            row.append(assumes.get(str(u["number"]), ""))
        rows.append(row)
    headers = ["Unit", "Finding", "Teaching (min)", "Exercises (min)", "Lab"]
    widths = [20, 30, 8, 8, 20]
    if assumes:
        headers, widths = [*headers, "Assumes you know"], [16, 22, 7, 7, 18, 30]
    return [_table(headers, rows, widths)]


def _duration(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    parts = ([f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []) + (
        [f"{mins} minutes"] if mins else []
    )
    return " ".join(parts) or "0 minutes"


def _page_minutes(app, docname, pages) -> tuple[int, list[str]]:
    """The minutes the pages' front matter gives, and the pages' titles."""
    total, titles = 0, []
    for page in pages:
        meta = app.env.metadata.get(page)
        if meta is None or page not in app.env.titles:
            logger.warning(
                f"course-time names a page {page!r} that is not in the book", location=docname
            )
            continue
        total += int(meta.get("teaching", 0)) + int(meta.get("exercises", 0))
        titles.append(app.env.titles[page].astext())
    return total, titles


def _course_time(app, docname, all_units, unit_numbers, lab_numbers, pages):
    known = {u["number"] for u in all_units}
    unknown = sorted((set(unit_numbers or []) | set(lab_numbers or [])) - known)
    if unknown:
        logger.warning(
            f"course-time names unit(s) {unknown} that are not in the book", location=docname
        )
    chosen = [u for u in all_units if unit_numbers is None or u["number"] in unit_numbers]
    lab_units = [c["number"] for c in chosen] if lab_numbers is None else lab_numbers
    reading = sum(u["teaching"] for u in chosen)
    labs = sum(u["exercise"] for u in all_units if u["number"] in lab_units)
    extra, titles = _page_minutes(app, docname, pages or [])
    total = reading + labs + extra
    para = nodes.paragraph(classes=["childinfo-course-time"])
    para += nodes.strong(text=f"About {_duration(total)}")
    plural = "s" if len(chosen) != 1 else ""
    what = f": {reading} minutes reading {len(chosen)} unit chapter{plural}"
    if lab_units:
        what += f", {labs} minutes in {len(lab_units)} lab{'s' if len(lab_units) != 1 else ''}"
    if extra:
        what += f", and {extra} minutes for {'; '.join(titles)}"
    para += nodes.Text(what + ".")
    return [para]


def lab_docs(env, unit: dict) -> list[str]:
    """The unit's lab pages, from its front matter (see :func:`_as_list`)."""
    return _as_list(env.metadata[unit["docname"]].get("labs"))


TASKS_ANCHOR = "practitioner-tasks"  # the lab page's section of practitioner tasks


def _has_anchor(app, docname: str, anchor: str) -> bool:
    """Whether the page has an element with this id (a section label, or raw HTML's id=)."""
    doctree = app.env.get_doctree(docname)
    if any(anchor in node.get("ids", []) for node in doctree.findall(nodes.Element)):
        return True
    return any(f'id="{anchor}"' in node.astext() for node in doctree.findall(nodes.raw))


def task_label(task_id: str) -> str:
    """``"6-3"`` as a trainer says it: "6.3"."""
    return str(task_id).replace("-", ".")


def tasks_phrase(tasks: list[dict]) -> str:
    """ "Task 6.1 (10 min), task 6.2 (10 min)": every task with its own minutes."""
    return ", ".join(
        f"{'Task' if i == 0 else 'task'} {task_label(t['id'])} ({t['minutes']} min)"
        for i, t in enumerate(tasks)
    )


def _session_plan(app, docname, all_units, plan_key):
    plans = load_plans(app.srcdir)
    if plan_key not in plans:
        logger.warning(f"no session plan called {plan_key!r} in {SESSION_PLANS}", location=docname)
        return []
    plan = plans[plan_key]
    by_number = {u["number"]: u for u in all_units}
    problems = plan_problems(plan_key, plan, by_number)
    for problem in problems:
        logger.warning(f"session plan {problem}", location=docname)
    if any("not in the book" in p for p in problems):
        return []
    rows, clock = [], 0
    # With a start time ("9:30") the plan shows clock times; without, time from the start.
    hours, _, mins = str(plan.get("start", "0:00")).partition(":")
    offset = int(hours) * 60 + int(mins or 0)
    for segment in plan["segments"]:
        minutes = segment_minutes(segment, by_number)
        if "unit" in segment:
            unit = by_number[int(segment["unit"])]
            what = nodes.inline()
            if segment.get("part") == "tasks":
                what += nodes.Text(
                    f"Unit {unit['number']} practitioner tasks: "
                    f"{tasks_phrase(segment['tasks'])}, on "
                )
                labs = [lab for lab in lab_docs(app.env, unit) if lab in app.env.all_docs]
                lab = labs[0] if labs else None
                if lab:
                    what += page_link(
                        app,
                        docname,
                        lab,
                        app.env.titles[lab].astext(),
                        TASKS_ANCHOR if _has_anchor(app, lab, TASKS_ANCHOR) else "",
                    )
                else:
                    what += nodes.Text("the lab page")
            else:
                what += nodes.Text(f"Unit {unit['number']} teaching: ")
                what += page_link(app, docname, unit["docname"], unit["title"].split(": ", 1)[-1])
            if segment.get("note"):
                what += nodes.Text(f". {segment['note']}")
        else:
            what = segment["activity"]
        when = f"{_clock(offset + clock)}–{_clock(offset + clock + minutes)}"
        rows.append([when, str(minutes), what, segment.get("materials", "")])
        clock += minutes
    return [_table(["Time", "Minutes", "What happens", "Materials"], rows, [10, 8, 45, 30])]


def _exercise_title(app, docname: str, node, label: str) -> str:
    """ "Exercise 1.2: Count the children aged 0 to 17", as the exercise itself is headed.

    The registry keeps the node as read: its title is the word "Exercise" followed directly by
    a subtitle node (so ``astext()`` ran them together); the number comes from Sphinx's figure
    numbers, which :mod:`childinfo.course.site.exercises` sets per unit.
    """
    title = node.next_node(nodes.title)
    subtitle = title.next_node(nodes.subtitle) if title is not None else None
    name = subtitle.astext().strip() if subtitle is not None else ""
    ident = (node.get("ids") or [label])[0]
    number = app.env.toc_fignumbers.get(docname, {}).get("exercise", {}).get(ident)
    head = "Exercise" + (" " + ".".join(map(str, number)) if number else "")
    return f"{head}: {name}" if name else head


def _exercises(app) -> list[dict]:
    registry = getattr(app.env, "sphinx_exercise_registry", {})
    found = []
    for label, entry in registry.items():
        if entry.get("type") != "exercise" or entry["docname"] not in app.env.all_docs:
            continue
        node = entry["node"]
        text = _exercise_title(app, entry["docname"], node, label)
        found.append(
            {
                "label": label,
                "docname": entry["docname"],
                "title": text,
                "classes": list(node.get("classes", [])),
                "serial": node.get("serial_number", 0),
            }
        )
    return sorted(found, key=lambda e: (e["docname"], e["serial"]))


def _exercise_index(app, docname):
    out, current, items = [], None, None
    for ex in _exercises(app):
        if ex["docname"] != current:
            current = ex["docname"]
            para = nodes.paragraph()
            para += page_link(app, docname, current, app.env.titles[current].astext())
            items = nodes.bullet_list()
            out += [para, items]
        item = nodes.list_item()
        p = nodes.paragraph()
        p += page_link(app, docname, ex["docname"], ex["title"], ex["label"])
        item += p
        items += item
    return out


def _practice_exercises(app, docname):
    by_practice: dict[int, list[dict]] = {n: [] for n in PRACTICES}
    for ex in _exercises(app):
        for cls in ex["classes"]:
            if cls.startswith("practice-") and cls[9:].isdigit() and int(cls[9:]) in by_practice:
                by_practice[int(cls[9:])].append(ex)
    rows = []
    for n, name in PRACTICES.items():
        links = nodes.inline()
        for i, ex in enumerate(by_practice[n]):
            if i:
                links += nodes.Text("; ")
            lab = app.env.titles[ex["docname"]].astext().split(":")[0]
            links += page_link(app, docname, ex["docname"], f"{ex['title']} ({lab})", ex["label"])
        if not by_practice[n]:
            logger.warning(
                f"no lab exercise practises Practice {n} ({name}); mark one with "
                f":class: practice-{n}",
                location=docname,
            )
        rows.append([f"{n}. {name}", links])
    return [_table(["Practice", "Exercises that practise it"], rows, [35, 65])]


def _unit_summaries(app, docname, all_units):
    out = []
    for u in all_units:
        section = nodes.section(ids=[f"summary-unit-{u['number']}"], classes=["unit-summary"])
        section += nodes.title(text=u["title"])
        finding = nodes.paragraph()
        finding += nodes.strong(text="The finding: ")
        finding += nodes.Text(u["finding"])
        section += finding
        for cls in ("keypoints", "cpd-reflection"):
            section += unit_block(app, u["docname"], cls)
        more = nodes.paragraph()
        more += nodes.Text("Read the unit: ")
        more += page_link(app, docname, u["docname"], u["title"])
        section += more
        out.append(section)
    return out


class FillCoursePages(SphinxPostTransform):
    """Fill the placeholders once every page has been read, before references are resolved
    (so glossary terms and citations inside copied blocks resolve for this page)."""

    default_priority = 8  # Sphinx's reference resolvers run at 9 and 10

    def run(self) -> None:
        _fill(self.app, self.document, self.env.docname)


#: Placeholders that other extensions of the course put on a page, filled here with the rest:
#: kind -> fill(app, docname, all_units), registered by that extension's setup (cpd_log).
FILLERS: dict[str, Callable[[Sphinx, str, list[dict]], list[nodes.Node]]] = {}


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(course_placeholder))
    if not placeholders:
        return
    all_units = units(app.env)
    for node in placeholders:
        kind = node["kind"]
        if kind == "unit-table":
            new = _unit_table(app, docname, all_units, node.get("assumes"))
        elif kind == "course-time":
            new = _course_time(
                app, docname, all_units, node.get("units"), node.get("labs"), node.get("pages")
            )
        elif kind == "session-plan":
            new = _session_plan(app, docname, all_units, node["plan"])
        elif kind == "exercise-index":
            new = _exercise_index(app, docname)
        elif kind == "practice-exercises":
            new = _practice_exercises(app, docname)
        elif kind in FILLERS:
            new = FILLERS[kind](app, docname, all_units)
        else:
            new = _unit_summaries(app, docname, all_units)
        node.replace_self(new)


def _always_refresh(app, env, added, changed, removed):
    """Pages built from other pages are re-read on every build, so they never go stale."""
    return sorted(getattr(env, "childinfo_collecting", set()) - set(removed))


def _purge(app, env, docname):
    getattr(env, "childinfo_collecting", set()).discard(docname)


def _merge(app, env, docnames, other):
    env.childinfo_collecting = getattr(env, "childinfo_collecting", set()) | (
        getattr(other, "childinfo_collecting", set()) & set(docnames)
    )


# ---------------------------------------------------------------- where the course lives


def course_home(config) -> list[tuple[str, str, str]]:
    """(label, link, text) for the repository and the feedback address set in ``_config.yml``
    (``sphinx.config.childinfo_repository`` and ``childinfo_feedback``); empty when unset."""
    out = []
    repo = (config.childinfo_repository or "").strip()
    feedback = (config.childinfo_feedback or "").strip()
    if repo:
        out.append(("The course's repository", repo, repo))
    if feedback:
        link = (
            feedback
            if "://" in feedback or feedback.startswith("mailto:")
            else (f"mailto:{feedback}")
        )
        out.append(("Send feedback", link, feedback.removeprefix("mailto:")))
    return out


def _html(items) -> str:
    from html import escape

    return " ".join(
        f'{escape(label)}: <a href="{escape(link)}">{escape(text)}</a>.'
        for label, link, text in items
    )


class CourseHome(SphinxDirective):
    """The repository and feedback address, or nothing at all when ``_config.yml`` sets neither."""

    def run(self):
        items = course_home(self.config)
        return [nodes.raw("", f"<p>{_html(items)}</p>", format="html")] if items else []


def _footer(app, pagename, templatename, context, doctree) -> None:
    items = course_home(app.config)
    if items and "theme_extra_footer" in context:
        context["theme_extra_footer"] = f"{context['theme_extra_footer']}<p>{_html(items)}</p>"


def setup(app: Sphinx) -> dict:
    app.add_config_value("childinfo_repository", "", "html")
    app.add_config_value("childinfo_feedback", "", "html")
    app.add_directive("course-home", CourseHome)
    app.connect("html-page-context", _footer)
    app.add_node(course_placeholder)
    app.add_directive("unit-table", UnitTable)
    app.add_directive("course-time", CourseTime)
    app.add_directive("session-plan", SessionPlan)
    app.add_directive("exercise-index", ExerciseIndex)
    app.add_directive("practice-exercises", PracticeExercises)
    app.add_directive("unit-summaries", UnitSummaries)
    app.add_directive("framework-diagram", FrameworkDiagram)
    app.add_post_transform(FillCoursePages)
    app.connect("env-get-outdated", _always_refresh)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
