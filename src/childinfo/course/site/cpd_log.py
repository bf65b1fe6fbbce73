"""The downloadable CPD reflection log: every unit's reflection prompt in one Word document.

Social workers keep records of their continuing professional development; this gives them a
file to complete and keep. It is written after the site is built, into
``_downloads/cpd-reflection-log.docx``, from the ``{cpd-reflection}`` blocks in the units,
so it always matches the site.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from childinfo.course.site.course import FILLERS, page_link, placeholder, unit_block, units

FILENAME = "cpd-reflection-log.docx"


def reflection_prompts(app: Sphinx) -> list[tuple[str, str]]:
    """(unit title, prompt text) for every unit that has a CPD reflection block."""
    prompts = []
    for unit in units(app.env):
        doctree = app.env.get_doctree(unit["docname"])
        for block in doctree.findall(nodes.admonition):
            if "cpd-reflection" in block.get("classes", []):
                body = [
                    child.astext()
                    for child in block.children
                    if not isinstance(child, nodes.title)
                ]
                prompts.append((unit["title"], "\n".join(body).strip()))
                break
    return prompts


class CpdPrompts(SphinxDirective):
    """Every unit's CPD prompt on the CPD log page: an in-page list of units, then one section
    per unit with its prompt and a link to the unit (no source paths)."""

    def run(self):
        return placeholder(self, "cpd-prompts")


def prompt_sections(app: Sphinx, docname: str, all_units: list[dict]) -> list[nodes.Node]:
    """The page's prompts, filled in with the course's other placeholders once every page has
    been read (registered in :data:`childinfo.course.site.course.FILLERS`)."""
    contents = nodes.bullet_list(classes=["cpd-units"])
    sections = []
    for u in all_units:
        anchor = f"cpd-unit-{u['number']}"
        item, para = nodes.list_item(), nodes.paragraph()
        para += nodes.reference("", u["title"], internal=True, refuri=f"#{anchor}")
        item += para
        contents += item
        section = nodes.section(ids=[anchor], classes=["cpd-unit"])
        section += nodes.title(text=u["title"])
        section += unit_block(app, u["docname"], "cpd-reflection")  # as the unit shows it
        more = nodes.paragraph()
        more += nodes.Text("From ")
        more += page_link(app, docname, u["docname"], u["title"])
        section += more
        sections.append(section)
    return [contents, *sections]


def write_log(prompts: list[tuple[str, str]], path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.add_heading("CPD reflection log", level=0)
    doc.add_paragraph(
        "Ethical and effective use of children's information. Use this log to record what you "
        "learned from each unit and what you will do differently. Keep it with your continuing "
        "professional development records. It contains no data about children: do not add any."
    )
    doc.add_paragraph("Name:  ______________________    Role and team:  ______________________")
    for title, prompt in prompts:
        doc.add_heading(title, level=1)
        doc.add_paragraph(prompt)
        table = doc.add_table(rows=3, cols=2)
        table.style = "Table Grid"
        for row, label in zip(
            table.rows, ("Date", "My reflection", "What I will do next, and when")
        ):
            row.cells[0].text = label
            row.cells[0].paragraphs[0].runs[0].font.bold = True
            row.cells[1].text = "\n\n" if label != "Date" else ""
        doc.add_paragraph().add_run(" ").font.size = Pt(6)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    prompts = reflection_prompts(app)
    if prompts:
        write_log(prompts, Path(app.outdir) / "_downloads" / FILENAME)


def setup(app: Sphinx) -> dict:
    app.add_directive("cpd-prompts", CpdPrompts)
    FILLERS["cpd-prompts"] = prompt_sections
    app.connect("build-finished", _write)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
