"""Slide decks for trainers, cut from the built site's own pages (never a second copy of the text).

A unit's deck takes, from the unit's page and its lab page as built: the questions, the learning
objectives, the worked example's Brackenfold figures (computed when the book was built), the lab's
charts, the practitioner tasks, the discussion prompts, the key points and the CPD prompt. The
unit's instructor note becomes the speaker notes. A plan's deck strings together its units' slides
behind the timed plan and the framework diagram.

Decks use reveal.js, copied from ``node_modules`` next to them, so a folder of decks opens from a
USB stick with no server and no network: press S for the presenter view (speaker notes, timer,
next slide), and add ``?print-pdf`` to the address to print a deck to PDF.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import html as lhtml

from childinfo.course.framework import framework_figure
from childinfo.errors import ChildinfoError

PROJECT_ROOT = Path(__file__).resolve().parents[3]
SESSION_PLANS = "chapters/workshop-session-plans.yml"
PLAN_PAGES = {
    "ninety-minutes": "chapters/workshop-90-minutes.html",
    "half-day": "chapters/workshop-half-day.html",
    "full-day": "chapters/workshop-full-day.html",
}
# reveal.js files a deck needs, from node_modules/reveal.js/dist.
REVEAL_FILES = ("reveal.css", "reveal.js", "theme/white-contrast.css", "plugin/notes.js")
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# Page furniture that means nothing off the site (or on paper).
_DROP = ("script", "style", "button", "input", "textarea", "select", "noscript", "iframe")


@dataclass
class Unit:
    number: int
    title: str
    page: str  # the unit's page in the built site, e.g. chapters/unit-02-....html
    lab: str | None  # its lab page
    blocks: dict[str, str] = field(default_factory=dict)  # block class -> cleaned HTML
    figures: str = ""  # the worked example's key figures (HTML)
    images: list[tuple[Path, str]] = field(default_factory=list)  # (file, alt text)
    charts: list[str] = field(default_factory=list)  # the lab's Vega charts: div and script
    prompts: list[str] = field(default_factory=list)  # each discussion prompt (HTML)
    tasks: list[tuple[str, str, str]] = field(default_factory=list)  # (id, title, body HTML)


def _front_matter(path: Path) -> dict:
    match = _FRONT.match(path.read_text(encoding="utf-8"))
    return yaml.safe_load(match[1]) if match else {}


def _article(path: Path):
    if not path.exists():
        raise ChildinfoError(
            f"{path} is missing from the built site; build it first with `make book`."
        )
    tree = lhtml.fromstring(path.read_bytes())
    found = tree.xpath("//article[contains(@class, 'bd-article')]") or tree.xpath("//main")
    return found[0] if found else tree


def clean(element, heading_level: int | None = None, tag: str | None = None) -> str:
    """An element as plain, link-free HTML: what reads the same in a deck and on paper.
    ``tag`` renames the element itself (a list item taken out of its list becomes a div)."""
    el = copy.deepcopy(element)
    if tag:
        el.tag = tag
    for bad in el.xpath(" | ".join(f".//{t}" for t in _DROP)):
        bad.drop_tree()
    for bad in el.xpath(
        ".//*[contains(@class, 'headerlink') or contains(@class, "
        "'admonition-title') or contains(@class, 'toggle')]"
    ):
        bad.drop_tree()
    for a in el.xpath(".//a"):
        a.drop_tag()
    for node in el.iter():
        for attr in ("id", "href", "onclick", "tabindex", "role", "aria-describedby"):
            node.attrib.pop(attr, None)
    if heading_level:
        for h in el.xpath(".//h1 | .//h2 | .//h3 | .//h4"):
            h.tag = f"h{heading_level}"
    return lhtml.tostring(el, encoding="unicode")


def _title(article) -> str:
    h1 = article.xpath(".//h1")
    text = h1[0].text_content() if h1 else ""
    return " ".join(text.replace("#", "").split())


def _section(article, heading_start: str):
    for section in article.xpath(".//section"):
        heads = section.xpath("./h2")
        if heads and heads[0].text_content().strip().startswith(heading_start):
            return section
    return None


def read_unit(site: Path, number: int, chapter: str | None, lab: str | None) -> Unit:
    """One unit as the built site shows it. Unit 0 has a lab page and no chapter."""
    page = chapter or lab
    article = _article(site / page)
    unit = Unit(number, _title(article), page, lab)
    for cls in (
        "questions",
        "objectives",
        "discussion",
        "keypoints",
        "cpd-reflection",
        "instructor-note",
    ):
        found = article.xpath(
            f".//div[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"
        )
        if found:
            unit.blocks[cls] = clean(found[0])
            if cls == "discussion":
                unit.prompts = [clean(li, tag="div") for li in found[0].xpath(".//li")]
    if "questions" not in unit.blocks:  # unit 0: its opening paragraphs say what it is for
        unit.blocks["intro"] = "".join(clean(p) for p in article.xpath(".//section/p")[:2])
    example = _section(article, "A worked example")
    if example is not None:
        parts = [clean(p) for p in example.xpath("./p")[:2]]
        parts += [clean(t) for t in example.xpath(".//table")[:1]]
        unit.figures = "".join(parts)
    if lab:
        lab_article = _article(site / lab)
        for img in lab_article.xpath(".//img[@alt]")[:2]:
            src = (site / lab).parent / img.get("src", "")
            if src.exists() and img.get("alt", "").strip():
                unit.images.append((src.resolve(), img.get("alt").strip()))
        unit.tasks = read_tasks(lab_article)
        unit.charts = read_charts(lab_article)[:2]
    return unit


def read_charts(lab_article) -> list[str]:
    """The lab's charts as built (childinfo.course.display): each a container and the script that draws
    it with the site's own Vega, found through the page's ``data-content_root``."""
    charts = []
    for div in lab_article.xpath(".//div[starts-with(@id, 'childinfo-chart-')]"):
        script = div.getnext()
        if script is not None and script.tag == "script":
            charts.append(
                lhtml.tostring(div, encoding="unicode", with_tail=False)
                + lhtml.tostring(script, encoding="unicode", with_tail=False)
            )
    return charts


def read_tasks(lab_article) -> list[tuple[str, str, str]]:
    """The lab's practitioner tasks (``data-practice="6-3"``), in page order."""
    tasks = []
    for el in lab_article.xpath(".//*[@data-practice]"):
        heads = el.xpath(".//h2 | .//h3 | .//h4 | .//legend | .//strong")
        title = " ".join((heads[0].text_content() if heads else "").replace("#", "").split())
        tasks.append((el.get("data-practice"), title, clean(el, heading_level=3)))
    return tasks


def units(site: Path, root: Path = PROJECT_ROOT) -> list[Unit]:
    """Every unit, 0 to 10, read from the built site (unit 0 is the first-look lab)."""
    found = []
    lab0 = sorted((root / "notebooks").glob("lab-00-*.ipynb"))
    if lab0:
        found.append(read_unit(site, 0, None, f"notebooks/{lab0[0].stem}.html"))
    for path in sorted((root / "chapters").glob("unit-*.md")):
        meta = _front_matter(path)
        labs = meta.get("labs") or []
        found.append(
            read_unit(
                site,
                int(meta["unit"]),
                f"chapters/{path.stem}.html",
                f"{labs[0]}.html" if labs else None,
            )
        )
    return sorted(found, key=lambda u: u.number)


def plans(root: Path = PROJECT_ROOT) -> dict:
    return yaml.safe_load((root / SESSION_PLANS).read_text(encoding="utf-8"))


def plan_prompts(site: Path, key: str) -> list[str]:
    """The plan page's own discussion prompts."""
    section = _section(_article(site / PLAN_PAGES[key]), "Discussion prompts")
    return [clean(li, tag="div") for li in section.xpath(".//li")] if section is not None else []


def plan_table(site: Path, key: str) -> str:
    """The plan's timed table exactly as its page shows it."""
    tables = _article(site / PLAN_PAGES[key]).xpath(".//table")
    return clean(tables[0]) if tables else ""


# ---------------------------------------------------------------- decks


def _slide(body: str, notes: str = "", heading: str = "") -> str:
    head = f"<h2>{html.escape(heading)}</h2>" if heading else ""
    aside = f'<aside class="notes">{notes}</aside>' if notes else ""
    return f"<section>{head}{body}{aside}</section>"


def unit_slides(
    unit: Unit, media: dict[Path, str], only_tasks: list[str] | None = None
) -> list[str]:
    """The slides for one unit; ``media`` collects the images to copy (file -> name in deck)."""
    note = unit.blocks.get("instructor-note", "")
    cue = "Instructor note for this unit: see the first slide's notes."
    kicker = (
        "" if unit.title.startswith("Unit") else f'<p class="deck-kicker">Unit {unit.number}</p>'
    )
    slides = [_slide(f"{kicker}<h2>{html.escape(unit.title)}</h2>", note)]
    for cls, heading in (
        ("intro", "What this unit is for"),
        ("questions", "Questions"),
        ("objectives", "Learning objectives"),
    ):
        if cls in unit.blocks:
            slides.append(_slide(unit.blocks[cls], cue, heading))
    if unit.figures:
        slides.append(
            _slide(
                f'<div class="deck-scroll" tabindex="0">{unit.figures}</div>',
                cue,
                "Brackenfold's figures",
            )
        )
    for path, alt in unit.images:
        name = media.setdefault(
            path, f"media/unit-{unit.number:02d}-{len(media) + 1}{path.suffix}"
        )
        slides.append(_slide(f'<img src="{name}" alt="{html.escape(alt)}">', cue, "From the lab"))
    for chart in unit.charts:
        slides.append(_slide(f'<div class="deck-chart">{chart}</div>', cue, "From the lab"))
    tasks = [t for t in unit.tasks if only_tasks is None or t[0] in only_tasks]
    if tasks:
        items = "".join(
            f"<li>Task {t[0].replace('-', '.')}: {html.escape(t[1] or 'see the sheet')}</li>"
            for t in tasks
        )
        slides.append(
            _slide(
                f"<ul>{items}</ul><p>On the lab page, or on the printed exercise sheet.</p>",
                cue,
                "Practitioner tasks for your table",
            )
        )
    for cls, heading in (
        ("discussion", "Discussion"),
        ("keypoints", "Key points"),
        ("cpd-reflection", "For your CPD record"),
    ):
        if cls in unit.blocks:
            slides.append(_slide(unit.blocks[cls], cue, heading))
    return slides


_PAGE = """<!DOCTYPE html>
<html lang="en-GB" data-content_root="./">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="reveal/theme/white-contrast.css">
<link rel="stylesheet" href="deck.css">
</head>
<body>
<main class="reveal" aria-label="{title}">
<div class="slides">
{slides}
</div>
</main>
<script src="reveal/reveal.js"></script>
<script src="reveal/plugin/notes.js"></script>
<script>
Reveal.initialize({{ hash: true, slideNumber: "c/t", plugins: [RevealNotes],
  pdfSeparateFragments: false, width: 1280, height: 800,
  // No slide animation: calmer for people sensitive to motion, and nothing half-faded.
  transition: "none", backgroundTransition: "none" }});
</script>
</body>
</html>
"""

_DECK_CSS = """/* Course additions to reveal.js's high-contrast white theme. */
.reveal { font-size: 30px; }
.reveal h2 { font-size: 1.5em; text-transform: none; }
.reveal .slides section { text-align: left; }
.reveal table { font-size: 0.6em; }
.reveal img { max-height: 560px; }
.reveal .deck-kicker { font-weight: bold; color: #1a4f8a; }
.reveal .deck-scroll { max-height: 620px; overflow-y: auto; font-size: 0.75em; }
.reveal .deck-scroll:focus { outline: 3px solid #1a4f8a; }
.reveal .childinfo-framework { max-height: 560px; }
.reveal details { font-size: 0.6em; }
.reveal .deck-chart { display: flex; justify-content: center; }
/* The slide number is a link: big enough to hit (WCAG 2.5.8) and at full contrast. */
.reveal .slide-number { background: #000; color: #fff; font-size: 18px; left: 8px; right: auto; }
.reveal .controls { font-size: 12px; }
.reveal .slide-number a { display: inline-block; min-width: 24px; min-height: 24px;
  padding: 4px 8px; color: #fff; }
.reveal .slide-number span { color: #fff; }
"""


def _write_deck(path: Path, title: str, slides: list[str]) -> None:
    path.write_text(
        _PAGE.format(title=html.escape(title), slides="\n".join(slides)), encoding="utf-8"
    )


def write_decks(site: Path, out: Path, root: Path = PROJECT_ROOT) -> list[Path]:
    """Write one deck per unit and one per workshop plan into ``out``; return their paths."""
    reveal = root / "node_modules" / "reveal.js" / "dist"
    if not (reveal / "reveal.js").exists():
        raise ChildinfoError(
            "reveal.js is missing from node_modules; run `npm ci` (or `make env`)."
        )
    out.mkdir(parents=True, exist_ok=True)
    for name in REVEAL_FILES:
        (out / "reveal" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(reveal / name, out / "reveal" / name)
    (out / "deck.css").write_text(_DECK_CSS, encoding="utf-8")
    media: dict[Path, str] = {}
    all_units = units(site, root)
    by_number = {u.number: u for u in all_units}
    written = []
    for unit in all_units:
        path = out / f"unit-{unit.number:02d}.html"
        _write_deck(path, f"Unit {unit.number}: {unit.title}", unit_slides(unit, media))
        written.append(path)
    for key, plan in plans(root).items():
        slides = [
            _slide(
                f"<h2>{html.escape(plan['title'])}</h2><p>Ethical and effective use of "
                "children's information</p>"
            ),
            _slide(
                f'<div class="deck-scroll" tabindex="0">{plan_table(site, key)}</div>',
                "The timings, with buffers and breaks, as on the plan's page.",
                "The plan",
            ),
            _slide(framework_figure(f"fw-{key}"), "", "The framework at a glance"),
        ]
        seen = set()
        for segment in plan["segments"]:
            number = segment.get("unit")
            if number is None or number in seen or number not in by_number:
                continue
            seen.add(number)
            chosen = [
                t["id"]
                for s in plan["segments"]
                if s.get("unit") == number
                for t in s.get("tasks", [])
            ]
            slides += unit_slides(by_number[number], media, chosen or None)
        path = out / f"plan-{key}.html"
        _write_deck(path, plan["title"], slides)
        written.append(path)
    # The lab charts' own Vega, served beside the decks as the site serves it.
    shutil.copytree(site / "_vendor" / "vega", out / "_vendor" / "vega", dirs_exist_ok=True)
    for source, name in media.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, out / name)
    return written
