"""How the book is built: the one ``jupyter-book`` command ``make book``, the tests and the
bench all run (warnings are errors, every notebook executed)."""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def build_command(out: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """The build of ``root`` into ``out/_build/html``, as ``make book`` runs it.

    Example:
        >>> build_command(Path("/tmp/x"))[1:3]
        ['build', '...']
    """
    return [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(root),
        "--path-output",
        str(out),
        "-W",
        "-n",
        "--keep-going",
    ]
