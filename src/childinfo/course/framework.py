"""The Children's Information Project framework, as names the course's code can share.

Source: the project's "Explore our Framework" page (Rees Centre, University of Oxford), which
says the framework is still being refined.
"""

APPROACHES: dict[int, str] = {
    1: "Integrating voice",
    2: "Understanding needs",
    3: "Making best use of available information",
    4: "Ensuring appropriate action and learning",
}

#: The eight Practices, by number.
PRACTICES: dict[int, str] = {
    1: "Bringing voice into co-design of information use",
    2: "Using theory of change to improve information use",
    3: "Mapping information",
    4: "Mapping systems",
    5: "Using broad sources of local information",
    6: "Integrating voice information into aggregate and strategic reporting",
    7: "Improving voice in operational information use",
    8: "Drawing from national datasets",
}

ENABLERS: tuple[str, ...] = ("Infrastructure and governance", "Behaviours and culture")

#: The fourteen parts a self-assessment scores, in the framework's order, as (part, label):
#: each Approach, each Practice as "N. name", each Enabler (labs 8 and 10 score these).
ELEMENTS: tuple[tuple[str, str], ...] = (
    *(("Approach", name) for name in APPROACHES.values()),
    *(("Practice", f"{n}. {name}") for n, name in PRACTICES.items()),
    *(("Enabler", name) for name in ENABLERS),
)

#: The two founding principles, with what each asks (the project's webinar page).
PRINCIPLES: dict[str, str] = {
    "Effective": "meets needs, achieves outcomes, fulfils duties and justifies its costs",
    "Ethical": "proportionate, equitable, transparent, and respectful of personal and "
    "democratic rights",
}

_TITLE = "The Children's Information Project framework"
_DESC = (
    "Two founding principles, effective and ethical, sit above four Approaches. Below the "
    "Approaches are eight Practices that put them into effect, and beneath everything two "
    "Enablers hold the framework up."
)


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


def _box(x, y, w, h, fill, stroke, lines, size=15, bold_first=False) -> str:
    from html import escape

    out = [
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2"/>'
    ]
    top = y + h / 2 - (len(lines) - 1) * size * 0.6
    for i, line in enumerate(lines):
        weight = ' font-weight="bold"' if bold_first and i == 0 else ""
        out.append(
            f'<text x="{x + w / 2}" y="{top + i * size * 1.2:.1f}" font-size="{size}"'
            f'{weight} text-anchor="middle" dominant-baseline="middle" fill="#1b1b1b">'
            f"{escape(line)}</text>"
        )
    return "".join(out)


def framework_svg(id_prefix: str = "cip-framework") -> str:
    """The whole framework as one SVG, drawn from the names above (so it cannot drift from them).

    It is an image with a title and a description for screen readers; pair it with
    :func:`framework_text` on the page, the full text alternative. Colours keep text contrast
    above 7:1 (dark text on pale fills)."""
    width, parts, y = 960, [], 10

    def heading(text: str) -> None:
        nonlocal y
        parts.append(
            f'<text x="{width / 2}" y="{y + 8}" font-size="16" font-weight="bold" '
            f'text-anchor="middle" fill="#1b1b1b">{text}</text>'
        )
        y += 20

    def row(labels, columns: int, height: float, colours: tuple[str, str], size: int = 16):
        """Boxes side by side, ``columns`` to a line; each label is a list of text lines."""
        nonlocal y
        step = 950 / columns
        for i, lines in enumerate(labels):
            col, line = i % columns, i // columns
            x, top = 10 + col * step, y + line * (height + 10)
            parts.append(_box(x, top, step - 10, height, *colours, lines, size, True))
        y += (len(labels) + columns - 1) // columns * (height + 10) + 10

    blue, green = ("#e6eef7", "#1a4f8a"), ("#e8f3e9", "#1b5e20")
    amber, purple = ("#fbf1d9", "#6b4e00"), ("#efe8f7", "#5b3a8c")
    row([[f"Principle: {k}", *_wrap(v, 52)] for k, v in PRINCIPLES.items()], 2, 80, blue)
    heading("Four Approaches")
    row([[f"Approach {n}", *_wrap(v, 24)] for n, v in APPROACHES.items()], 4, 80, green)
    heading("Eight Practices")
    row([[f"Practice {n}", *_wrap(v, 26)] for n, v in PRACTICES.items()], 4, 90, amber, 15)
    heading("Two Enablers, underneath everything")
    row([[f"Enabler: {name}"] for name in ENABLERS], 2, 50, purple)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {y}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" class="childinfo-framework" '
        f'font-family="DejaVu Sans, Arial, sans-serif" style="max-width:100%;height:auto">'
        f'<title id="{id_prefix}-title">{_TITLE}</title>'
        f'<desc id="{id_prefix}-desc">{_DESC}</desc>{"".join(parts)}</svg>'
    )


def framework_text() -> str:
    """The diagram's full text alternative, as an HTML list."""
    from html import escape

    def items(values):
        return "".join(f"<li>{escape(v)}</li>" for v in values)

    return (
        '<ul class="childinfo-framework-text">'
        f"<li>Two founding principles<ul>"
        f"{items(f'{k}: {v}' for k, v in PRINCIPLES.items())}</ul></li>"
        f"<li>Four Approaches<ol>{items(APPROACHES.values())}</ol></li>"
        f"<li>Eight Practices<ol>{items(PRACTICES.values())}</ol></li>"
        f"<li>Two Enablers<ul>{items(ENABLERS)}</ul></li></ul>"
    )


def framework_figure(id_prefix: str = "cip-framework") -> str:
    """The diagram with its text alternative folded under it: the form pages and slides use."""
    return (
        f'<figure class="childinfo-framework-figure">{framework_svg(id_prefix)}'
        f"<figcaption>{_TITLE}. <details><summary>Text version of the diagram</summary>"
        f"{framework_text()}</details></figcaption></figure>"
    )
