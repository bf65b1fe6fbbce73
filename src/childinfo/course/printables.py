"""Printables for a workshop: A4 PDFs printed by Chromium from the built site's own text.

Exercise sheets reproduce each unit's practitioner tasks as the lab page shows them (the plan
for a room with no Wi-Fi); the role cards come from unit 10's roles, the supplier brief from unit
9; the framework summary carries the diagram; each plan's facilitator guide gathers its timed
plan, the units' discussion prompts and instructor notes. The evaluation form, the action-plan
template and the CPD record of attendance are forms to fill in. Every sheet prints at 12 pt or
larger, and the PDFs are tagged so a screen reader can follow them.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from childinfo.course.browser import CHROMIUM, CHROMIUM_ARGS
from childinfo.course.framework import (
    APPROACHES,
    ENABLERS,
    PRACTICES,
    framework_svg,
    framework_text,
)
from childinfo.course.slides import (
    PROJECT_ROOT,
    Unit,
    _article,
    clean,
    plan_prompts,
    plan_table,
    plans,
    units,
)
from childinfo.errors import ChildinfoError

COURSE = "Ethical and effective use of children's information"

_CSS = """
@page { size: A4; margin: 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12pt; line-height: 1.4;
       color: #000; }
h1 { font-size: 20pt; margin: 0 0 6pt; }
h2 { font-size: 16pt; margin: 14pt 0 6pt; break-after: avoid; }
h3 { font-size: 13pt; margin: 10pt 0 4pt; break-after: avoid; }
.course { font-size: 12pt; color: #333; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; }
th, td { border: 1px solid #444; padding: 4pt 6pt; vertical-align: top; text-align: left; }
.write { border: 1px solid #444; min-height: 60pt; margin: 4pt 0 10pt; }
.write.tall { min-height: 120pt; }
.task, .card { break-inside: avoid; border: 1px solid #444; padding: 8pt 10pt; margin: 0 0 10pt; }
.card { min-height: 110mm; }
.page { break-after: page; }
.page:last-child { break-after: auto; }
svg { max-width: 100%; height: auto; }
details > summary { display: none; }
figcaption { font-size: 12pt; }
.certificate { border: 3px double #1a4f8a; padding: 18pt; }
"""


def _doc(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body><main>"
        f'<p class="course">{COURSE}</p>{body}</main></body></html>'
    )


def unit_name(unit: Unit) -> str:
    """ "Unit 2: Narrow statutory categories..." (unit 0's page title has no number)."""
    return unit.title if unit.title.startswith("Unit") else f"Unit {unit.number}: {unit.title}"


def exercise_sheet(unit: Unit) -> str:
    title = f"Exercise sheet. {unit_name(unit)}"
    parts = [
        f"<h1>{html.escape(title)}</h1>",
        "<p>Work through each task at your table. Write your answers in the boxes; the lab "
        "page shows Brackenfold's figures and model answers when you are back online.</p>",
    ]
    if unit.tasks:
        for task_id, name, body in unit.tasks:
            parts.append(
                f'<section class="task"><h2>Task {task_id.replace("-", ".")}'
                f"{': ' + html.escape(name) if name else ''}</h2>{body}"
                '<p>Your answer, and why:</p><div class="write"></div></section>'
            )
    else:  # before the lab has practitioner tasks, its discussion prompts stand in
        parts.append(
            f"<h2>Discussion prompts</h2>{unit.blocks.get('discussion', '')}"
            '<div class="write tall"></div>'
        )
    return _doc(title, "".join(parts))


def role_cards(site: Path, unit10: Unit) -> str:
    article = _article(site / unit10.page)
    cards = []
    for dl in article.xpath(".//dl"):
        for dt in dl.xpath("./dt"):
            dd = dt.getnext()
            if dd is not None and dd.tag == "dd":
                cards.append((dt.text_content().strip(), clean(dd)))
    partnership = [p for p in article.xpath(".//p") if "safeguarding partners" in p.text_content()]
    for role in ("Health partner (integrated care board)", "Police partner"):
        if partnership:
            cards.append((role, clean(partnership[0])))
    body = [
        f"<h1>Role cards. {html.escape(unit_name(unit10))}</h1>",
        "<p>One card per table. Claim or refuse each action in the shared list, as your role "
        "would, and say why.</p>",
    ]
    for role, text in cards:
        body.append(
            f'<section class="card"><h2>{html.escape(role)}</h2>{text}'
            '<p>Actions we claim, and why:</p><div class="write"></div></section>'
        )
    return _doc("Role cards (unit 10)", "".join(body))


def supplier_brief(site: Path, unit9: Unit) -> str:
    article = _article(site / unit9.page)
    checklist = [ul for ul in article.xpath(".//ul") if "before buying" in ul.text_content()]
    prompts = unit9.blocks.get("discussion", "")
    body = [
        f"<h1>Supplier brief. {html.escape(unit_name(unit9))}</h1>",
        "<h2>The role play</h2><p>Half the room is the supplier of a risk model; the other "
        "half is the authority's scrutiny panel. The supplier presents its claim; the panel "
        "asks what it would need before approving the tool.</p>",
        f"<h2>Questions the panel brings</h2>{prompts}",
    ]
    if checklist:
        body.append(f"<h2>What the course says to ask for</h2>{clean(checklist[0])}")
    body.append(
        '<h2>The panel\'s decision, and what it needs first</h2><div class="write tall"></div>'
    )
    return _doc("Supplier brief (unit 9)", "".join(body))


def evaluation_form(all_plans: dict) -> str:
    names = " / ".join(p["title"] for p in all_plans.values())
    rows = "".join(
        f"<tr><td>{q}</td><td></td></tr>"
        for q in (
            "The session met its aims",
            "I can use what I learned in my work",
            "The tasks were the right length",
            "The materials were accessible to me",
            "The pace was right",
        )
    )
    body = (
        "<h1>Evaluation form</h1><p>Session (circle one): " + html.escape(names) + "</p>"
        "<p>Score each statement from 1 (disagree) to 5 (agree).</p>"
        f"<table><thead><tr><th>Statement</th><th>Score (1 to 5)</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        '<h2>What was most useful?</h2><div class="write"></div>'
        '<h2>What would you change?</h2><div class="write"></div>'
        "<h2>Anything about access or accessibility we should know?</h2>"
        '<div class="write"></div><p>Do not write anything about real children or '
        "families on this form.</p>"
    )
    return _doc("Evaluation form", body)


def action_plan_template() -> str:
    options = "; ".join(f"Approach {n}: {a}" for n, a in APPROACHES.items())
    rows = "".join("<tr>" + "<td>&nbsp;<br>&nbsp;</td>" * 6 + "</tr>" for _ in range(6))
    body = (
        "<h1>Action plan, unit 10: owning information use</h1>"
        "<p>For each action, name the part of the framework it serves, who owns it and how "
        "children and families will know what changed.</p>"
        f"<p><strong>Approaches:</strong> {html.escape(options)}.</p>"
        f"<p><strong>Practices:</strong> "
        f"{html.escape('; '.join(f'{n}. {p}' for n, p in PRACTICES.items()))}.</p>"
        f"<p><strong>Enablers:</strong> {html.escape('; '.join(ENABLERS))}.</p>"
        "<table><thead><tr><th>Action</th><th>Approach or Practice</th><th>Owner</th>"
        "<th>By when</th><th>How children and families will know</th>"
        f"<th>How we will know it worked</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return _doc("Action-plan template (unit 10)", body)


def framework_summary() -> str:
    # Landscape, so the diagram fills the page; its text version is overleaf.
    body = (
        "<style>@page { size: A4 landscape; margin: 10mm; } "
        "svg.childinfo-framework { display: block; height: 158mm; width: auto; "
        "margin: 0 auto; } .childinfo-framework-text { columns: 2; } "
        "h2.overleaf { break-before: page; }</style>"
        f"<h1>The framework on one page</h1>{framework_svg('fw-print')}"
        f'<h2 class="overleaf">The same, in words</h2>{framework_text()}'
    )
    return _doc("Framework summary", body)


OVERRUN = (
    "<h2>When a task overruns</h2><ul>"
    "<li>Use the block's buffer first; it is there for this.</li>"
    "<li>Then drop the last task in the block: the exercise sheet lets tables finish it "
    "after the session.</li>"
    "<li>Never cut the plenary or the CPD reflection: shorten your own presenting "
    "instead.</li>"
    "<li>Keep breaks whole; people who need them cannot trade them away.</li></ul>"
)


ANSWERS = "chapters/workshop-discussion-answers.yml"


def answers(root: Path = PROJECT_ROOT) -> dict:
    return yaml.safe_load((root / ANSWERS).read_text(encoding="utf-8"))


def _prompts_with_answers(prompts: list[str], suggested: list[str]) -> str:
    items = []
    for i, prompt in enumerate(prompts):
        answer = suggested[i] if i < len(suggested) else "No suggested answer yet."
        items.append(f"<li>{prompt}<p><strong>Listen for:</strong> {html.escape(answer)}</p></li>")
    return f"<ol>{''.join(items)}</ol>"


def facilitator_guide(
    site: Path, key: str, plan: dict, by_number: dict[int, Unit], suggested: dict
) -> str:
    body = [
        f"<h1>Facilitator guide: {html.escape(plan['title'])}</h1>",
        f"<h2>Timed plan</h2>{plan_table(site, key)}",
        OVERRUN,
        "<h2>The session's discussion prompts</h2>",
        _prompts_with_answers(plan_prompts(site, key), suggested["plans"].get(key, [])),
    ]
    seen = []
    for segment in plan["segments"]:
        n = segment.get("unit")
        if n is not None and n not in seen and n in by_number:
            seen.append(n)
    for n in seen:
        unit = by_number[n]
        body.append(
            f'<section class="page"><h2>{html.escape(unit_name(unit))}</h2>'
            "<h3>Discussion prompts, with suggested answers</h3>"
            f"{_prompts_with_answers(unit.prompts, suggested['units'].get(n, []))}"
            f"<h3>Instructor note: cues, likely questions and answers</h3>"
            f"{unit.blocks.get('instructor-note', '')}</section>"
        )
    return _doc(f"Facilitator guide: {plan['title']}", "".join(body))


def certificate(key: str, plan: dict, by_number: dict[int, Unit]) -> str:
    taught = []
    for s in plan["segments"]:
        if s.get("unit") in by_number and s["unit"] not in taught:
            taught.append(s["unit"])
    items = "".join(f"<li>{html.escape(unit_name(by_number[n]))}</li>" for n in taught)
    hours = int(plan["length"]) / 60
    body = (
        '<div class="certificate"><h1>CPD record of attendance</h1>'
        f"<p>This records that ______________________ took part in "
        f"<strong>{html.escape(plan['title'])}</strong> ({hours:g} hours), on "
        f"____ / ____ / ________, covering:</p><ul>{items}</ul>"
        '<h2>What I learned, and how I will use it</h2><div class="write tall"></div>'
        "<p>Trainer: ______________________  Signature: ______________________</p></div>"
    )
    return _doc(f"CPD record of attendance: {plan['title']}", body)


def documents(site: Path, root: Path = PROJECT_ROOT) -> dict[str, tuple[str, str]]:
    """Every printable: file stem -> (the title its text must hold, HTML)."""
    all_units = units(site, root)
    by_number = {u.number: u for u in all_units}
    all_plans = plans(root)
    docs = {}
    for unit in all_units:
        docs[f"exercise-sheet-unit-{unit.number:02d}"] = (unit.title, exercise_sheet(unit))
    if 10 in by_number:
        docs["role-cards-unit-10"] = (by_number[10].title, role_cards(site, by_number[10]))
        docs["action-plan-template-unit-10"] = ("Action plan", action_plan_template())
    if 9 in by_number:
        docs["supplier-brief-unit-09"] = (by_number[9].title, supplier_brief(site, by_number[9]))
    docs["evaluation-form"] = ("Evaluation form", evaluation_form(all_plans))
    docs["framework-summary"] = ("The framework on one page", framework_summary())
    for key, plan in all_plans.items():
        docs[f"facilitator-guide-{key}"] = (
            plan["title"],
            facilitator_guide(site, key, plan, by_number, answers(root)),
        )
        docs[f"cpd-record-{key}"] = (plan["title"], certificate(key, plan, by_number))
    return docs


def write_printables(site: Path, out: Path, root: Path = PROJECT_ROOT, browser=None) -> list[Path]:
    """Print every document to ``out/<name>.pdf`` (A4) with Debian's Chromium."""
    if not CHROMIUM.exists():
        raise ChildinfoError("Debian's Chromium is needed to print: `apt-get install chromium`.")
    out.mkdir(parents=True, exist_ok=True)
    sources = out / ".html"
    sources.mkdir(exist_ok=True)
    docs = documents(site, root)
    for name, (_, page) in docs.items():
        (sources / f"{name}.html").write_text(page, encoding="utf-8")

    def _print_all(b) -> list[Path]:
        written = []
        context = b.new_context()
        # Printables never fetch anything: every resource is inline.
        context.route(
            "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
        )
        page = context.new_page()
        for name in docs:
            page.goto((sources / f"{name}.html").resolve().as_uri())
            pdf = out / f"{name}.pdf"
            page.pdf(
                path=str(pdf),
                format="A4",
                print_background=True,
                tagged=True,
                prefer_css_page_size=True,
            )
            written.append(pdf)
        context.close()
        return written

    try:
        if browser is not None:
            return _print_all(browser)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return _print_all(own)
            finally:
                own.close()
    finally:
        for f in sources.glob("*.html"):
            f.unlink()
        sources.rmdir()
