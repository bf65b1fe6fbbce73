"""The course's Sphinx extension: an offline, accessible site.

It does these things a default Jupyter Book 1.x build does not:

* builds pages from the units themselves: the unit table, session plans, collected
  exercises and handouts (see :mod:`childinfo.course.site.course`), and the downloadable CPD
  reflection log (:mod:`childinfo.course.site.cpd_log`);
* adds the lesson blocks chapters use (questions, objectives, key points, instructor notes,
  content notes, CPD reflections; see :mod:`childinfo.course.site.lesson`);
* folds each lab's code exercise, with its worked solution, into an "Analyst track" fold
  (:mod:`childinfo.course.site.analyst`), and places the no-code Brackenfold explorer
  (:mod:`childinfo.course.site.explorer`);
* serves every front-end library from the site itself: the files listed in
  :data:`VENDOR_FILES` are copied from ``node_modules`` (installed by ``npm ci`` from the
  committed lock file) into ``_vendor/`` in the output. They go there rather than into
  ``_static/`` because Jupyter Book injects every script and stylesheet under ``_static``
  into every page;
* removes the Thebe scripts, which the course does not use and which name a CDN;
* repairs the HTML other packages write where it fails WCAG (see
  :mod:`childinfo.course.site.repairs`, which also tracks the theme templates overridden in
  ``templates/``);
* gives the course its identity (logo, favicon, titles, footer, search ranking:
  :mod:`childinfo.course.site.identity`), numbers exercises within their unit
  (:mod:`childinfo.course.site.exercises`), adds the glossary's A-Z (:mod:`childinfo.course.site.glossary`)
  and the labs' skip links (:mod:`childinfo.course.site.navigation`), and wires the theme's
  navigation buttons on phones (``static/childinfo.js``);
* tells notebook kernels started by the build that they are rendering for the static site
  (see :mod:`childinfo.course.display`).
* adds the letters that tell apart two cited items by one author in one year, in the text and
  in the reference list: 2025a and 2025b (the ``childinfo`` bibliography style; see
  :mod:`childinfo.course.site.references`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from childinfo.course.display import SITE_BUILD_ENV
from childinfo.course.kernel_wait import wait_in_slices

HERE = Path(__file__).parent

# (source under node_modules, destination under _vendor). A source with "*" copies every match
# into the destination folder; one ending in "/" copies a whole folder.
# Vega is not copied but bundled (:func:`_bundle_vega`).
VENDOR_FILES: tuple[tuple[str, str], ...] = (
    ("requirejs/require.js", "requirejs/require.js"),
    ("@jupyter-widgets/html-manager/dist/embed-amd.js", "html-manager/embed-amd.js"),
    ("@jupyter-widgets/html-manager/dist/*.woff2", "html-manager/"),
    ("mathjax/es5/tex-chtml.js", "mathjax/tex-chtml.js"),
    ("mathjax/es5/output/chtml/fonts/woff-v2/", "mathjax/output/chtml/fonts/woff-v2/"),
    ("mathjax/es5/input/tex/extensions/", "mathjax/input/tex/extensions/"),
    ("mathjax/es5/ui/", "mathjax/ui/"),
    ("mathjax/es5/a11y/", "mathjax/a11y/"),
)

WIDGET_VIEW_MIMETYPE = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE_MIMETYPE = "application/vnd.jupyter.widget-state+json"


def _sources(modules: Path, src: str) -> list[Path]:
    if "*" in src:
        return sorted(modules.glob(src))
    return [modules / src] if (modules / src).exists() else []


def _copy_vendor(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    modules = Path(app.srcdir) / "node_modules"
    missing = [src for src, _ in VENDOR_FILES if not _sources(modules, src)]
    if missing:
        raise ExtensionError(
            f"The site's front-end libraries are missing from {modules} ({', '.join(missing)}). "
            "Run `npm ci` in the project folder (or `make book`, which does it for you)."
        )
    out = Path(app.outdir) / "_vendor"
    _bundle_vega(modules, out / "vega" / "vega.min.js")
    for src, dest in VENDOR_FILES:
        for source in _sources(modules, src):
            target = out / dest
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
                continue
            if dest.endswith("/"):
                target = target / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _bundle_vega(modules: Path, target: Path) -> None:
    """Bundle the part of Vega the charts use (``js/vega-course.js``) with esbuild: about 100 KB
    (30 KB gzip) less than Vega's full build on every page with a chart."""
    esbuild = modules / ".bin" / "esbuild"
    if not esbuild.exists():
        raise ExtensionError(
            f"esbuild is missing from {modules}; run `npm ci` in the project folder "
            "(or `make book`, which does it for you)."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    command = [
        os.fspath(esbuild),
        os.fspath(HERE / "js" / "vega-course.js"),
        "--bundle",
        "--minify",
        "--format=iife",
        "--global-name=vega",
        "--legal-comments=eof",  # Vega's licence notices stay with its code
        f"--outfile={target}",
        "--log-level=error",
    ]
    # NODE_PATH: the entry lives in the package, so Vega resolves from the project's modules.
    env = {**os.environ, "NODE_PATH": os.fspath(modules)}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise ExtensionError(f"esbuild could not bundle Vega: {result.stderr.strip()[:500]}")


def _drop_unused_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Keep only the scripts a page can use.

    * Thebe: the course has no live-code buttons, and its scripts name a CDN.
    * MathJax (1.2 MB) on a page with no maths of its own: Sphinx adds it to the home page
      whenever any page below it in the contents has maths.
    * ipywidgets: a lab's widget cells are kept in the notebook but removed from the site
      (a control that needs a kernel would do nothing here), yet the notebook's saved widget
      state still pulls in the widget manager. Without a widget view on the page it can
      draw nothing, so the state and the manager are left out.
    * sphinx-design's tab script on a page with no tab set, and Thebe's stylesheet.
    """
    styles = context.get("css_files")
    if styles:
        context["css_files"] = [
            css for css in styles if "thebe" not in os.fspath(getattr(css, "filename", css))
        ]
    scripts = context.get("script_files")
    if not scripts:
        return
    has_widget_view = WIDGET_VIEW_MIMETYPE in context.get("body", "")
    has_tabs = "sd-tab-set" in context.get("body", "")
    has_maths = doctree is not None and (
        doctree.next_node(nodes.math) is not None
        or doctree.next_node(nodes.math_block) is not None
    )
    # Sphinx stores a relative script path with "_static/" in front of it.
    widget_js = {"_static/" + path for path in app.config.nb_ipywidgets_js}
    kept, seen = [], set()
    for script in scripts:
        name = os.fspath(getattr(script, "filename", script) or "")
        attributes = getattr(script, "attributes", {})
        body = attributes.get("body", "")
        if "thebe" in name or "THEBE_JS_URL" in body:
            continue
        is_widget = attributes.get("type") == WIDGET_STATE_MIMETYPE or name in widget_js
        if is_widget and not has_widget_view:
            continue
        if "mathjax" in name and not has_maths:
            continue
        if name.endswith("design-tabs.js") and not has_tabs:
            continue
        key = (name, body)
        if key in seen:  # the same inline script added twice breaks with a redeclaration
            continue
        seen.add(key)
        kept.append(script)
    context["script_files"] = kept


def _add_paths(app: Sphinx, config) -> None:
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]


def setup(app: Sphinx) -> dict:
    # Kernels that execute the notebooks are started by this process and inherit this.
    os.environ[SITE_BUILD_ENV] = "1"
    # myst-nb executes the labs in this process: see kernel_wait for why it waits in slices.
    wait_in_slices()
    app.setup_extension("childinfo.course.site.lesson")
    app.setup_extension("childinfo.course.site.course")
    app.setup_extension("childinfo.course.site.cpd_log")
    app.setup_extension("childinfo.course.site.figures")
    app.setup_extension("childinfo.course.site.references")
    app.setup_extension("childinfo.course.site.analyst")
    app.setup_extension("childinfo.course.site.explorer")
    app.setup_extension("childinfo.course.site.practice")
    app.setup_extension("childinfo.course.site.exercises")
    app.setup_extension("childinfo.course.site.identity")
    app.setup_extension("childinfo.course.site.repairs")
    app.setup_extension("childinfo.course.site.glossary")
    app.setup_extension("childinfo.course.site.navigation")
    app.setup_extension("childinfo.course.site.weight")
    app.setup_extension("childinfo.course.site.maths")
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _drop_unused_scripts, priority=900)
    app.connect("build-finished", _copy_vendor)
    app.add_css_file("childinfo.css")
    app.add_js_file("childinfo.js", loading_method="defer")
    app.add_js_file("childinfo-trainer.js", loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
