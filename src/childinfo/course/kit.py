"""``childinfo kit --out DIR``: everything a trainer needs for a workshop, in one folder.

After ``make book`` it writes:

* ``DIR/slides/``: one reveal.js deck per unit and per workshop plan, with their own copy of
  reveal.js (see :mod:`childinfo.course.slides`);
* ``DIR/print/``: the A4 printables (see :mod:`childinfo.course.printables`);
* ``DIR/site.zip``: the built site, which opens from ``index.html`` with no server;
* ``DIR/packs/``: participant packs for the platforms named with ``--packs`` (optional);
* ``DIR/README.txt`` with the course version (build date and commit) and
  ``DIR/SHA256SUMS``, a checksum for every file.

The kit is written into a temporary folder beside ``DIR`` and renamed into place only when it
is complete, so a stopped run never leaves half a kit, and an existing ``DIR`` is only replaced
with ``--force``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

from childinfo.course.printables import write_printables
from childinfo.course.slides import PROJECT_ROOT, write_decks
from childinfo.errors import ChildinfoError
from childinfo.outputs import clear_leftovers, sibling


def course_version(root: Path = PROJECT_ROOT) -> str:
    """ "2026-12-05, commit 3a54a4b": today's date and the commit the kit was made from."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown (not a git clone)"
    return f"{datetime.date.today().isoformat()}, commit {commit}"


def zip_site(site: Path, out: Path) -> Path:
    """The built site as a zip whose top level holds ``index.html``."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site)
            if path.is_file() and rel.parts[0] not in (".doctrees", "reports"):
                zf.write(path, rel.as_posix())
    return out


_README = """Trainer's kit: Ethical and effective use of children's information
Course version: {version}

slides/      One deck per unit (unit-00.html to unit-10.html) and per workshop plan
             (plan-*.html). Open one in a browser: it works from a USB stick with no network.
             Arrow keys move; press S for the presenter view (speaker notes from the
             instructor notes, a timer and the next slide); press F for full screen. To print
             a deck to PDF, add ?print-pdf to the end of its address and print it.
print/       A4 PDFs: an exercise sheet per unit (the plan when the Wi-Fi fails), role cards
             (unit 10), the supplier brief (unit 9), an evaluation form, an action-plan template
             (unit 10), the framework on one page, a facilitator guide per plan and a CPD record
             of attendance per plan.
site.zip     The whole course site. Unzip it and open index.html: it needs no server and loads
             nothing from the internet.
{packs}SHA256SUMS   A checksum for every file, to check a copy: sha256sum -c SHA256SUMS

All data in the course are synthetic: no real child, family or worker is described.
"""


def _checksums(folder: Path) -> None:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    (folder / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_kit(
    out: Path,
    site: Path = Path("_build/html"),
    packs: list[str] | None = None,
    force: bool = False,
    root: Path = PROJECT_ROOT,
    browser=None,
) -> Path:
    """Write the trainer's kit to ``out`` and return it.

    Example:
        >>> make_kit(Path("kit"))   # doctest: +SKIP
        PosixPath('kit')
    """
    out, site = Path(out), Path(site)
    if not (site / "index.html").exists():
        raise ChildinfoError(
            f"no built site at {site}; build it first with `make book`, or "
            "give --site the folder that holds index.html."
        )
    clear_leftovers(out)  # what a killed earlier run left beside it
    if out.exists() and not force:
        raise ChildinfoError(
            f"{out} already exists; choose another folder or add --force to replace it."
        )
    if out.exists() and not out.is_dir():
        raise ChildinfoError(f"{out} is a file, not a folder; choose a folder name for --out.")
    if packs:
        from childinfo.course.pack import PLATFORMS

        unknown = [p for p in packs if p not in PLATFORMS]
        if unknown:
            raise ChildinfoError(
                f"--packs: unknown platform {unknown[0]!r}; choose from "
                f"{', '.join(sorted(PLATFORMS))}."
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    work = sibling(out, True)
    try:
        write_decks(site, work / "slides", root)
        write_printables(site, work / "print", root, browser=browser)
        zip_site(site, work / "site.zip")
        packs_text = ""
        if packs:
            from childinfo.course.pack import build_pack

            for platform in packs:
                build_pack(
                    work / "packs" / f"workshop-pack-{platform}.zip", platform=platform, root=root
                )
            packs_text = "packs/       Participant packs for: " + ", ".join(packs) + "\n"
        (work / "README.txt").write_text(
            _README.format(version=course_version(root), packs=packs_text), encoding="utf-8"
        )
        _checksums(work)
        if out.exists():  # --force: swap the old kit out only once the new one is complete
            old = sibling(out, True, "old")
            out.rename(old / out.name)
            work.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return out


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "kit",
        help="write the trainer's kit: slides, printables and the offline site",
        description="Write slides, printable PDFs and the offline site for a workshop into one "
        "folder (after `make book`).",
    )
    parser.add_argument("--out", type=Path, required=True, help="the folder to write")
    parser.add_argument(
        "--site",
        type=Path,
        default=Path("_build/html"),
        help="the built site (default _build/html)",
    )
    parser.add_argument(
        "--packs", default="", help="participant packs to add, e.g. windows,macos-arm64"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing kit folder")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    packs = [p.strip() for p in args.packs.split(",") if p.strip()]
    out = make_kit(args.out, args.site, packs, args.force)
    print(f"Trainer's kit written to {out}.")
    return 0
