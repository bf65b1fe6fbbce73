"""Practitioner tasks on the lab pages, and the learning record, in Chromium with no Python.

Every lab has at least four tasks; every objective of every unit has a task; each kind of task
can be done by keyboard alone and answers in a live region; answers survive a reload, reach the
learning record and its Word export; a lab works from ``file://``; axe finds nothing at desktop
and phone widths.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from childinfo.course.browser import CHROMIUM_ARGS  # noqa: F401  (the browser fixture uses it)
from tests.course_structure import ROOT, front_matter
from tests.site.test_pages import run_axe

pytestmark = pytest.mark.site

LABS = sorted(p.stem for p in (ROOT / "notebooks").glob("lab-*.ipynb"))
RECORD = "chapters/learning-record.html"
KINDS = ("predict", "decide", "code-voice", "spot", "suppress", "order", "draft")
OBJECTIVES = re.compile(r"^[:`]{3,}\{objectives\}\s*\n(.*?)^[:`]{3,}\s*$", re.M | re.S)
TASK = re.compile(r'data-practice="([^"]+)" data-objective="([^"]*)"')


def objective_count(text: str) -> int:
    """How many objectives (top-level bullets) the first objectives block lists."""
    match = OBJECTIVES.search(text)
    return len(re.findall(r"^- ", match.group(1), re.M)) if match else 0


def unit_objectives() -> dict[str, int]:
    """Unit ("0", "tour", "1" ... "10") -> number of learning objectives, read from the sources:
    the unit chapter's objectives block, or the lab's own for unit 0 and the tour."""
    counts = {}
    for chapter in sorted((ROOT / "chapters").glob("unit-*.md")):
        text = chapter.read_text(encoding="utf-8")
        counts[str(front_matter(text)["unit"])] = objective_count(text)
    for lab, unit in (("lab-00-first-look", "0"), ("lab-tour-brackenfold", "tour")):
        cells = json.loads((ROOT / "notebooks" / f"{lab}.ipynb").read_text(encoding="utf-8"))
        text = "\n".join(
            "".join(c["source"]) for c in cells["cells"] if c["cell_type"] == "markdown"
        )
        counts[unit] = objective_count(text)
    return counts


def untested_objectives(objectives: dict[str, int], tasks: dict[str, set[int]]) -> list[str]:
    """Every objective that no task practises, as "unit 3, objective 2"."""
    return [
        f"unit {unit}, objective {n}"
        for unit, count in objectives.items()
        for n in range(1, count + 1)
        if n not in tasks.get(unit, set())
    ]


def tasks_on(site: Path, lab: str) -> list[tuple[str, str]]:
    return TASK.findall((site / "notebooks" / f"{lab}.html").read_text(encoding="utf-8"))


def test_the_objective_check_names_an_objective_with_no_task():
    assert untested_objectives({"1": 3, "tour": 1}, {"1": {1, 3}}) == [
        "unit 1, objective 2",
        "unit tour, objective 1",
    ]
    block = ":::{objectives}\nBy the end:\n- one;\n- two,\n  still two;\n- three.\n:::\n"
    assert objective_count(block) == 3


def test_every_unit_has_objectives_to_practise():
    counts = unit_objectives()
    assert set(counts) == {"0", "tour", *map(str, range(1, 11))}
    assert all(n >= 3 for n in counts.values()), counts


@pytest.mark.parametrize("lab", LABS)
def test_every_lab_page_has_at_least_four_tasks(site, lab):
    tasks = tasks_on(site, lab)
    assert len(tasks) >= 4, f"{lab} has {len(tasks)} practitioner tasks"
    ids = [t for t, _ in tasks]
    assert len(ids) == len(set(ids)), f"{lab} repeats a task id: {ids}"


def test_every_objective_of_every_unit_is_practised(site):
    practised: dict[str, set[int]] = defaultdict(set)
    for lab in LABS:
        for task_id, objective in tasks_on(site, lab):
            unit = task_id.rsplit("-", 1)[0]
            practised[unit] |= {int(n) for n in re.findall(r"\d+", objective)}
    missing = untested_objectives(unit_objectives(), practised)
    assert missing == [], f"objectives no task practises: {missing}"


# --------------------------------------------------------------------------- by keyboard
def _task(page, kind: str):
    """The first task of ``kind`` on the page, its data, and its live region."""
    section = page.locator(f"section[data-kind='{kind}']").first
    data = json.loads(section.locator("script.practice-data").text_content())
    feedback = section.locator(".practice-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    assert feedback.get_attribute("role") == "status"
    return section, data, feedback


def _focus_visible(page) -> None:
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "keyboard focus must be visible"


def _tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's text is ``name`` (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == name:
            return
    raise AssertionError(f"never reached {name!r} with Tab")


# One page for each kind: (page, kind).
WHERE = {
    "predict": "lab-00-first-look",
    "decide": "lab-00-first-look",
    "spot": "lab-00-first-look",
    "draft": "lab-00-first-look",
    "order": "lab-tour-brackenfold",
    "suppress": "lab-tour-brackenfold",
    "code-voice": "lab-06-coding-voice",
}


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_task_works_by_keyboard_with_live_feedback(visit, kind):
    page = visit(f"notebooks/{WHERE[kind]}.html").page
    section, data, feedback = _task(page, kind)
    first = (
        section.locator(".practice-body").locator("input, button:not([disabled]), textarea").first
    )
    first.focus()  # where Tab would land; from here on, only keys
    _focus_visible(page)
    if kind == "predict":
        page.keyboard.type(re.search(r"[\d,.]+", data["answer"]).group(0).replace(",", ""))
        _tab_to(page, "Commit my estimate")
        page.keyboard.press("Enter")
        assert "Close" in feedback.inner_text() and data["answer"] in feedback.inner_text()
    elif kind == "decide":
        right = next(i for i, o in enumerate(data["options"]) if o["correct"])
        page.keyboard.press("Space")
        for _ in range(right):
            page.keyboard.press("ArrowDown")
        _tab_to(page, "")  # the "why" box
        page.keyboard.type("Because the table counts referrals.")
        _tab_to(page, "Check my choice")
        page.keyboard.press("Enter")
        text = feedback.inner_text()
        assert text.startswith("A good choice.") and "Model answer" in text
        assert all(o["feedback"].split()[0] in text for o in data["options"]), (
            "feedback on every option"
        )
    elif kind == "spot":
        r, c = data["fault"]
        ncol = len(data["table"]["rows"][0])
        for _ in range(r * ncol + c):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert feedback.inner_text().startswith("Yes: that is the problem.")
    elif kind == "draft":
        page.keyboard.type("Bar chart of synthetic referrals by source in 2025: police made most.")
        _tab_to(page, "Compare with the model answer")
        page.keyboard.press("Enter")
        assert "Model answer:" in feedback.inner_text()
        page.keyboard.press("Tab")  # to the checklist, shown once you compare
        page.keyboard.press("Space")
        assert section.locator(".practice-checklist input").first.is_checked()
    elif kind == "order":
        n = len(data["steps"])
        order = list(data["start"])
        for target in range(n):  # move each step up into place, following the focus
            pos = order.index(target)
            if pos == target:
                continue
            section.get_by_role(
                "button", name=f"Move up: {data['steps'][target]}", exact=True
            ).focus()
            for _ in range(pos - target):
                page.keyboard.press("Enter")
            order.insert(target, order.pop(pos))
            focused = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
            assert data["steps"][target] in focused, "focus must follow the moved step"
        _tab_to(page, "Check the order")
        page.keyboard.press("Enter")
        assert feedback.inner_text().startswith(f"{n} of {n} steps are in the right place.")
    elif kind == "suppress":
        ncol = len(data["columns"])
        cells = section.locator("button.practice-cell")

        def hide(indices):
            for k in indices:
                cells.nth(k).focus()
                page.keyboard.press("Space")
                assert cells.nth(k).get_attribute("aria-pressed") == "true"

        hide(data["primary"])
        _tab_to(page, "Check my table")
        page.keyboard.press("Enter")
        key = "".join(
            "1" if k in data["primary"] else "0" for k in range(len(data["rows"]) * ncol)
        )
        if data["unsafe"][key]:
            assert feedback.inner_text().startswith("Not safe yet: the totals give away")
        hide([k for k in data["toolkit"] if k not in data["primary"]])
        _tab_to(page, "Check my table")
        page.keyboard.press("Enter")
        assert feedback.inner_text().startswith("Safe: the totals tell a reader neither")
    elif kind == "code-voice":
        for x in data["extracts"]:  # every theme box of every extract is one Tab stop
            for t in data["themes"]:
                if t["code"] in x["truth"]:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "Compare my coding"
        page.keyboard.press("Enter")
        assert "teaching-only truth: kappa 1.00" in feedback.inner_text()


# --------------------------------------------------------------------------- the record
def _answer_first_decide(page) -> str:
    section, data, feedback = _task(page, "decide")
    right = next(i for i, o in enumerate(data["options"]) if o["correct"])
    section.locator("input[type=radio]").nth(right).check()
    section.locator("textarea").fill("My reason, with no names.")
    section.get_by_role("button", name="Check my choice").click()
    assert feedback.inner_text().startswith("A good choice.")
    return data["options"][right]["text"]


def test_answers_survive_a_reload_reach_the_record_and_its_export(visit, server, tmp_path):
    v = visit("notebooks/lab-00-first-look.html")
    page = v.page
    chosen = _answer_first_decide(page)
    page.reload(wait_until="networkidle")
    section, data, feedback = _task(page, "decide")
    assert section.locator("input[type=radio]:checked").count() == 1
    assert section.locator("textarea").input_value() == "My reason, with no names."
    assert chosen in feedback.inner_text()

    page.goto(server + RECORD, wait_until="networkidle")
    entry = page.locator(f"[data-record-task='{data['id']}']")
    assert chosen in entry.inner_text() and "My reason" in entry.inner_text()
    unit = page.locator("[data-record-unit='0']")
    assert re.search(r"\d{4}-\d{2}-\d{2}", unit.inner_text()), "each task shows its date"
    assert "minutes" in unit.inner_text()
    unit.get_by_label(re.compile("^What I learned")).fill("Rates need a denominator.")
    unit.get_by_label(re.compile("^Peer reflection")).fill("Talked it over in supervision.")
    page.get_by_label("My role").select_option("Early Years practitioner")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as a Word document").click()
    path = tmp_path / "record.docx"
    download.value.save_as(path)

    from docx import Document

    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert chosen in text and "My reason, with no names." in text
    assert "Rates need a denominator." in text and "Talked it over in supervision." in text
    assert "Early Years practitioner" in text

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Wipe my record from this browser").click()
    assert page.locator("[data-record-task]").count() == 0
    assert page.evaluate("() => localStorage.getItem('childinfo-learning-record')") is None


def test_a_lab_works_opened_from_a_file(browser, site):
    context = browser.new_context()
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((site / "notebooks" / "lab-00-first-look.html").as_uri(), wait_until="load")
        assert page.locator("section[data-practice]").count() >= 4
        _answer_first_decide(page)
        page.reload(wait_until="load")
        assert page.locator("section[data-kind='decide'] input:checked").count() == 1
        assert errors == [] and outside == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", [f"notebooks/{lab}.html" for lab in LABS] + [RECORD])
def test_axe_finds_no_wcag_violations_with_tasks_open(visit, path, width):
    page = visit(path, viewport={"width": width, "height": 900}).page
    if path != RECORD:  # show feedback and checklists too, which appear only after an answer
        for button in page.locator("section[data-practice] .practice-button").all():
            if button.is_enabled() and "Move" not in (button.text_content() or ""):
                button.click()
    violations = run_axe(page)
    assert violations == [], f"{path} at {width}px: {violations}"
