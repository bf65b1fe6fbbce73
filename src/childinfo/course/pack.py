"""The workshop pack: everything participants need to run the labs on their own laptops, offline.

``childinfo pack --out pack.zip`` writes one zip file holding:

* ``labs/`` — every lab notebook, with no outputs;
* ``synthetic_data/`` — the synthetic authority's tables, data dictionary and datasheet;
* ``tables/table-NN/`` (with ``--tables N``) — the labs again, each with a *different*
  comparison authority, so each table of participants finds its own results to compare in
  the plenary;
* ``wheelhouse/`` — every Python package the labs need, as wheels for one platform, so
  ``pip install --no-index`` works in a room without Wi-Fi;
* ``requirements.txt`` and ``README.md`` with the install steps for that platform.

Council laptops mostly run Windows: build one pack per platform (``--platform windows``,
``macos-arm64``, ``macos-intel``, ``linux``; ``native`` means this machine's own Python).
Building the wheelhouse needs the package registry; using the pack needs nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from childinfo import __version__
from childinfo.errors import ChildinfoError
from childinfo.facts import DEFAULT_AUTHORITY_FILE
from childinfo.outputs import check_file, new_file

PROJECT_ROOT = Path(__file__).resolve().parents[3]
JUPYTERLAB = "jupyterlab"
# Participants' Python. A full version, because some pinned packages need 3.11.5 or later and
# pip reads a bare "3.11" as 3.11.0.
PYTHON_VERSION = "3.11.9"
# The zip comment that lets --force recognise a pack this command made.
PACK_COMMENT = b"childinfo workshop pack"


@dataclass(frozen=True)
class Platform:
    label: str
    pip_platforms: tuple[str, ...]  # empty: this machine's own platform
    activate: str
    python: str


PLATFORMS = {
    "windows": Platform("Windows, 64-bit", ("win_amd64",), r".venv\Scripts\activate", "py -3.11"),
    "macos-arm64": Platform(
        "macOS on Apple silicon", ("macosx_14_0_arm64",), "source .venv/bin/activate", "python3.11"
    ),
    "macos-intel": Platform(
        "macOS on Intel", ("macosx_13_0_x86_64",), "source .venv/bin/activate", "python3.11"
    ),
    "linux": Platform(
        "Linux, x86-64",
        ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64"),
        "source .venv/bin/activate",
        "python3.11",
    ),
    "native": Platform("this computer's own system", (), "source .venv/bin/activate", "python3"),
}


def lab_notebooks(root: Path = PROJECT_ROOT) -> list[Path]:
    """The labs that go into the pack: every ``notebooks/lab-*.ipynb``."""
    labs = sorted((root / "notebooks").glob("lab-*.ipynb"))
    if not labs:
        raise ChildinfoError(
            f"no labs found in {root / 'notebooks'}; run `childinfo pack` from the course repository."
        )
    return labs


def _copy_labs(labs: list[Path], dest: Path) -> None:
    import nbformat  # here, not at the top: it takes a second to import, and every `childinfo` call paid it

    dest.mkdir(parents=True, exist_ok=True)
    for lab in labs:
        nb = nbformat.read(lab, as_version=4)
        for cell in nb.cells:  # participants start from a clean notebook
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(nb, dest / lab.name)


def _copy_default_data(dest: Path, root: Path) -> None:
    source = root / "synthetic_data"
    if not (source / "brackenfold" / "children.csv").exists():
        raise ChildinfoError(
            f"the synthetic data are missing from {source}; run `childinfo generate --default`."
        )
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))


def write_table_authority(slug: str, dest: Path, root: Path = PROJECT_ROOT) -> None:
    """A workshop table's ``synthetic_data/``: its own authority, named as the default, beside
    the files every authority shares (the data dictionary, datasheet and README)."""
    from childinfo.synth.config import comparison_configs
    from childinfo.synth.generate import generate_authority
    from childinfo.synth.writers import write_authority

    config = {c.slug: c for c in comparison_configs()}[slug]
    write_authority(generate_authority(config), dest / slug)
    for shared in (root / "synthetic_data").iterdir():
        if shared.is_file() and shared.name != DEFAULT_AUTHORITY_FILE:
            shutil.copy2(shared, dest / shared.name)
    (dest / DEFAULT_AUTHORITY_FILE).write_text(slug + "\n")


def _pip(args: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise ChildinfoError(
            f"pip could not fetch the packages for the wheelhouse ({tail}). Check that the "
            "package registry is reachable, or choose another --platform."
        )


def _build_wheelhouse(
    dest: Path, platform: Platform, python_version: str, root: Path
) -> list[str]:
    dest.mkdir(parents=True, exist_ok=True)
    _pip(["wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(root)])
    wheel = next(dest.glob("childinfo-*.whl"))
    lock = root / "requirements.lock"
    requirements = [f"childinfo=={__version__}", _pinned(JUPYTERLAB, lock)]
    args = [
        "download",
        "--quiet",
        "--dest",
        str(dest),
        "--only-binary=:all:",
        str(wheel),
        requirements[1],
    ]
    if lock.exists():
        args += ["--constraint", str(lock)]
    if platform.pip_platforms:
        for tag in platform.pip_platforms:
            args += ["--platform", tag]
        args += ["--python-version", python_version, "--implementation", "cp"]
    _pip(args)
    return requirements


def _pinned(name: str, lock: Path) -> str:
    if lock.exists():
        for line in lock.read_text().splitlines():
            if line.lower().startswith(name.lower() + "=="):
                return line.strip()
    return name


def _readme(platform_name: str, platform: Platform, tables: int) -> str:
    install = (
        f"{platform.python} -m venv .venv\n{platform.activate}\n"
        "pip install --no-index --find-links wheelhouse -r requirements.txt\n"
        "jupyter lab labs"
    )
    table_note = (
        f"\n## Your table's authority\n\nThis pack has {tables} table folders. Each gives the "
        "labs a different synthetic authority. Open the labs in your table's folder instead "
        "(for example `jupyter lab tables/table-01/labs`), and bring your results to the "
        "plenary to compare.\n"
        if tables
        else ""
    )
    return f"""# Workshop pack: Ethical and effective use of children's information

Everything here is for the course's labs, made for {platform.label}. All data are
synthetic: no real child, family, worker or authority is described.

You need Python 3.11 (3.11.5 or later) installed. Nothing needs the internet: every package is
in `wheelhouse/`.

## Set up (once, about two minutes)

Open a terminal (on Windows: the Start menu, then "Command Prompt") in this folder and run:

```
{install}
```

JupyterLab opens in your browser. Open a lab, then choose **Run > Run All Cells**.
Each lab runs in seconds.

## What is here

- `labs/` — the labs, one notebook per unit of the course.
- `synthetic_data/` — the synthetic authority's tables, with `data_dictionary.csv` and
  `DATASHEET.md`, which says what the data can and cannot be used for.
- `wheelhouse/` — the Python packages, so the install works offline.
{table_note}
## If something goes wrong

- "python is not recognised": Python is not installed or not on your PATH; ask your trainer
  for a laptop with Python 3.11, or read the labs on the course website instead.
- Your laptop blocks installs: read the labs on the course website; the charts and quizzes work
  there without Python.

Pack made for `{platform_name}` by childinfo {__version__}.
"""


def build_pack(
    out: Path,
    platform: str = "native",
    python_version: str = PYTHON_VERSION,
    tables: int = 0,
    force: bool = False,
    root: Path = PROJECT_ROOT,
) -> Path:
    """Write the workshop pack to the zip file ``out`` and return its path.

    Example:
        >>> build_pack(Path("pack.zip"), platform="windows", tables=6)   # doctest: +SKIP
        PosixPath('pack.zip')
    """
    if platform not in PLATFORMS:
        raise ChildinfoError(
            f"unknown platform {platform!r}; choose one of: {', '.join(PLATFORMS)}."
        )
    if not 0 <= tables <= 12:
        raise ChildinfoError(
            f"--tables {tables}: choose 0 to 12 (there are 12 comparison authorities)."
        )
    out = Path(out)
    if out.suffix != ".zip":
        raise ChildinfoError(f"{out} should be a .zip file name, e.g. workshop-pack.zip.")
    check_file(out, force, is_pack, "workshop pack")
    labs = lab_notebooks(root)
    chosen = PLATFORMS[platform]
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / out.stem
        _copy_labs(labs, pack / "labs")
        _copy_default_data(pack / "synthetic_data", root)
        if tables:
            from childinfo.synth.config import comparison_configs

            slugs = [c.slug for c in comparison_configs() if c.slug != "brackenfold"][:tables]
            for n, slug in enumerate(slugs, 1):
                folder = pack / "tables" / f"table-{n:02d}"
                _copy_labs(labs, folder / "labs")
                write_table_authority(slug, folder / "synthetic_data", root)
        requirements = _build_wheelhouse(pack / "wheelhouse", chosen, python_version, root)
        (pack / "requirements.txt").write_text("\n".join(requirements) + "\n")
        (pack / "README.md").write_text(_readme(platform, chosen, tables))
        # Written beside the target and moved into place when complete (see childinfo.outputs).
        with new_file(out, force, is_pack, "workshop pack") as partial:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(p for p in pack.rglob("*") if p.is_file()):
                    zf.write(path, path.relative_to(pack.parent))
                zf.comment = PACK_COMMENT
    return out


def is_pack(path: Path) -> bool:
    """Whether ``path`` is a workshop pack this command made (its zip comment says so)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.comment == PACK_COMMENT
    except (OSError, zipfile.BadZipFile):
        return False


def _tables(text: str) -> int:
    """argparse ``type=`` for --tables."""
    if not text.strip().isdigit() or int(text) > 12:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number from 0 to 12 (there are 12 comparison authorities)"
        )
    return int(text)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "pack",
        help="make the offline workshop pack (labs, data, wheelhouse)",
        description="Make the offline workshop pack: labs, synthetic data and a wheelhouse.",
    )
    parser.add_argument("--out", required=True, type=Path, help="the zip file to write")
    parser.add_argument(
        "--platform",
        default="native",
        choices=sorted(PLATFORMS),
        help="participants' platform (default: this machine's)",
    )
    parser.add_argument(
        "--python-version",
        help=f"participants' Python version (default {PYTHON_VERSION}; not for native)",
    )
    parser.add_argument(
        "--tables",
        type=_tables,
        default=0,
        help="give N tables each a different comparison authority (0-12)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace a pack this command made earlier (never another file)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if args.python_version is not None and args.platform == "native":
        raise ChildinfoError(
            "--python-version does not apply to --platform native (the pack uses "
            "this Python); choose a --platform or drop --python-version"
        )
    path = build_pack(
        args.out, args.platform, args.python_version or PYTHON_VERSION, args.tables, args.force
    )
    print(f"Workshop pack written to {path} ({path.stat().st_size / 1e6:.0f} MB).")
    return 0
