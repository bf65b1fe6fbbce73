"""Lighter pages, made after the build has written them: icons as inline SVG, unused CSS dropped.

* **Icons.** The theme draws about fifteen icons with the Font Awesome font (156 KB of font for
  every reader). Each ``<i class="fa-solid fa-...">`` becomes the icon's own SVG (a few hundred
  bytes), read from the Font Awesome package npm installed; once every icon is inline the font
  is never needed and its ``@font-face`` rules go.
* **CSS.** The theme's stylesheet (about 400 KB) and those of the other extensions style every
  component they offer. A rule is
  kept when every class and id its selector names appears in some built page or in a script
  a page loads (scripts add classes as pages run), so nothing a page can use is dropped.

* **Images.** A notebook's matplotlib figure is a 24-bit PNG of a chart that uses a few hundred
  colours (mostly the anti-aliased edges of a handful of palette colours). Stored with a
  256-colour palette it is a quarter to a third of the size and looks the same (no channel moves
  by more than about 6%). Photographs, with many thousands of colours, are left alone.

The first two steps only ever remove what no page can use; a missing icon file leaves its ``<i>``
(and the font) in place.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

ICONS = Path("node_modules/@fortawesome/fontawesome-free/svgs")
# Every stylesheet under _static except the course's own (small, and read by the tests).
KEEP_STYLES = {"childinfo.css"}
_ICON_TAG = re.compile(
    r'<(i|span) class="([^"]*\b(?:fa-solid|fa-regular|fa-brands|fas|far|fab)\b[^"]*)"([^>]*)>'
    r"\s*</\1>"
)
_STYLES_OF = {
    "fa-solid": "solid",
    "fa-regular": "regular",
    "fa-brands": "brands",
    "fas": "solid",
    "far": "regular",
    "fab": "brands",
}
# The installed Font Awesome is version 5, where a few icons the theme names (version 6) are
# called differently.
_RENAMED = {"magnifying-glass": "search", "circle-half-stroke": "adjust"}
_SVG = re.compile(r'viewBox="([^"]+)"[^>]*>(.*)</svg>', re.S)


def _svg(icons: Path, classes: list[str]) -> tuple[str, str] | None:
    style = next((_STYLES_OF[c] for c in classes if c in _STYLES_OF), None)
    for cls in classes:
        if cls.startswith("fa-") and cls not in _STYLES_OF:
            path = icons / style / f"{_RENAMED.get(cls[3:], cls[3:])}.svg"
            if path.is_file():
                match = _SVG.search(path.read_text(encoding="utf-8"))
                if match:
                    inner = re.sub(r"<!--.*?-->", "", match.group(2), flags=re.S)
                    return match.group(1), inner
    return None


def inline_icons(html: str, icons: Path) -> tuple[str, int]:
    """Replace icon-font tags with inline SVG. Returns the new HTML and how many tags were
    left as they were (no SVG found)."""
    left = 0

    def swap(m: re.Match) -> str:
        nonlocal left
        classes = m.group(2).split()
        found = _svg(icons, classes)
        if found is None:
            left += 1
            return m.group(0)
        view_box, inner = found
        attrs = m.group(3)
        if "aria-hidden" not in attrs:
            attrs += ' aria-hidden="true"'
        return (
            f'<svg class="{m.group(2)} childinfo-icon"{attrs} focusable="false" '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{inner}</svg>'
        )

    return _ICON_TAG.sub(swap, html), left


# --- CSS ----------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
_NAMES = re.compile(r"[.#]((?:[A-Za-z0-9_-]|\\.)+)")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has)\(")


def _blocks(css: str) -> list[tuple[str, str]]:
    """Split CSS into (prelude, body) pairs at the top level (body None for a statement such as
    ``@import ...;``). Comments are dropped; braces inside strings are respected."""
    out, i = [], 0
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    n = len(css)
    while i < n:
        brace = css.find("{", i)
        semi = css.find(";", i)
        if 0 <= semi and (brace < 0 or semi < brace) and css[i:semi].lstrip().startswith("@"):
            out.append((css[i : semi + 1].strip(), None))  # @charset, @import, @layer a, b;
            i = semi + 1
            continue
        if brace < 0:
            break
        depth, j, quote = 1, brace + 1, None
        while j < n and depth:
            c = css[j]
            if quote:
                if c == "\\":
                    j += 1
                elif c == quote:
                    quote = None
            elif c in "\"'":
                quote = c
            elif c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            j += 1
        out.append((css[i:brace].strip(), css[brace + 1 : j - 1]))
        i = j
    return out


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for c in prelude:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _strip_functional(selector: str) -> str:
    """Drop the arguments of :not() :is() :where() :has(): a class named only there does not
    have to exist for the selector to match."""
    out, i = [], 0
    while True:
        m = _FUNCTIONAL.search(selector, i)
        if not m:
            out.append(selector[i:])
            return "".join(out)
        out.append(selector[i : m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j


def _used(selector: str, tokens: set[str]) -> bool:
    names = _NAMES.findall(_strip_functional(selector))
    return all(name.replace("\\", "") in tokens for name in names)


def purge_css(css: str, tokens: set[str], drop_fonts: tuple[str, ...] = ()) -> str:
    """The stylesheet without the rules no page can use (see the module's docstring)."""
    out = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.startswith("@font-face"):
            if not any(font in body for font in drop_fonts):
                out.append(f"{prelude}{{{body}}}")
        elif prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = purge_css(body, tokens, drop_fonts)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")  # @keyframes, @page, @property...
        else:
            kept = [s for s in _split_selectors(prelude) if _used(s, tokens)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "\n".join(out)


# --- Images -------------------------------------------------------------------------------------

# A chart has a few hundred colours; more than this and the image is a photograph or a drawing
# a palette would spoil.
CHART_COLOURS = 4096


def palette_png(path: Path) -> int:
    """Store the PNG chart at ``path`` with a 256-colour palette when that makes it smaller.
    Returns the bytes saved (0 when the file is left as it was)."""
    from PIL import Image

    with Image.open(path) as image:
        image.load()
    if image.mode not in ("RGB", "RGBA") or image.getcolors(CHART_COLOURS) is None:
        return 0
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    small = image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    before = path.stat().st_size
    if buffer.tell() >= before:
        return 0
    path.write_bytes(buffer.getvalue())
    return before - buffer.tell()


_SCRIPT_SRC = re.compile(r'<script[^>]* src="(?:[^"]*/)?(_static/[^"?#]+\.js)')


def loaded_scripts(outdir: Path, pages: list[Path]) -> list[Path]:
    """The scripts under ``_static`` that some page loads. Others are copied there too
    (Bootstrap's, Thebe's, Font Awesome's) but never run, so the classes they name are no
    reason to keep a CSS rule."""
    names = set()
    for page in pages:
        names.update(_SCRIPT_SRC.findall(page.read_text(encoding="utf-8", errors="ignore")))
    return [outdir / name for name in sorted(names) if (outdir / name).is_file()]


def lighten(outdir: Path, srcdir: Path) -> dict[str, int]:
    """Inline the icons in every page, purge the theme stylesheets and store chart images with a
    palette. Returns bytes saved."""
    saved = {"icons_left": 0}
    icons = srcdir / ICONS
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.parts]
    if icons.is_dir():
        for page in pages:
            text = page.read_text(encoding="utf-8")
            new, left = inline_icons(text, icons)
            saved["icons_left"] += left
            if new != text:
                page.write_text(new, encoding="utf-8")
    tokens: set[str] = set()
    for page in pages:
        tokens.update(_TOKEN.findall(page.read_text(encoding="utf-8", errors="ignore")))
    for script in loaded_scripts(outdir, pages):
        tokens.update(_TOKEN.findall(script.read_text(encoding="utf-8", errors="ignore")))
    drop = ("Font Awesome",) if icons.is_dir() and saved["icons_left"] == 0 else ()
    for path in sorted((outdir / "_static").rglob("*.css")):
        name = path.relative_to(outdir).as_posix()
        if path.name not in KEEP_STYLES:
            before = path.read_text(encoding="utf-8")
            # Licence banners (/*! ... */) stay, whatever else goes.
            banners = re.findall(r"/\*!.*?\*/", before, flags=re.S)
            after = "\n".join([*banners, purge_css(before, tokens, drop)])
            path.write_text(after, encoding="utf-8")
            saved[name] = len(before.encode()) - len(after.encode())
    saved["_images"] = sum(palette_png(path) for path in sorted(outdir.glob("_images/*.png")))
    return saved


def _lighten(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    saved = lighten(Path(app.outdir), Path(app.srcdir))
    logger.info(f"childinfo: lighter pages {saved}")


def setup(app) -> dict:
    # After the pages are written and the static files copied.
    app.connect("build-finished", _lighten, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
