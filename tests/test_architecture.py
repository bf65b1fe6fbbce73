"""The house's three rooms (ARCHITECTURE.md): no import runs back up a floor.

Floors, lowest first: the ground floor (errors, argument checking, safe outputs, course facts),
``synth`` (makes the data), ``toolkit`` (what an analyst imports), ``course`` (what makes the
book and the workshop) and the front door (``cli`` and the package itself). A module may import
from its own floor or any floor below it, never above, and that holds for imports inside
functions too, so no function-local import is hiding a cycle. Within a floor, no module imports
itself through others.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "childinfo"
FLOORS = {"ground": 0, "synth": 1, "toolkit": 2, "course": 3, "door": 4}
DOOR = {"cli", "__init__", "__main__"}


def floor_of(dotted: str) -> int:
    """The floor of a module named ``childinfo.<...>``."""
    parts = dotted.split(".")[1:]
    if not parts or parts[0] in DOOR:
        return FLOORS["door"]
    return FLOORS.get(parts[0], FLOORS["ground"])


def module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
        return ".".join(parts) + ("" if len(parts) > 1 else ".__init__")
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("childinfo"):
                if node.module == "childinfo":
                    found += [(node.lineno, f"childinfo.{a.name}") for a in node.names]
                else:
                    found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("childinfo.")]
    return found


SOURCES = sorted(PKG.rglob("*.py"))


def test_the_three_rooms_exist():
    for room in ("synth", "toolkit", "course"):
        assert (PKG / room / "__init__.py").exists(), room
    flat = sorted(p.stem for p in PKG.glob("*.py"))
    # The ground floor and the door only: everything else lives in a room.
    assert set(flat) <= {
        "__init__",
        "__main__",
        "cli",
        "errors",
        "_validation",
        "outputs",
        "facts",
    }, flat


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PKG)))
def test_no_import_runs_up_a_floor(path):
    here = module_name(path)
    mine = floor_of(here)
    upward = [
        (line, target)
        for line, target in imports_of(path)
        if target != "childinfo.__version__" and floor_of(target) > mine
    ]
    assert not upward, f"{here} imports from a higher floor: {upward}"


def _module_graph() -> dict[str, set[str]]:
    """Module -> the modules it imports (at the top or inside a function). A package's
    ``__init__`` hands names on and is left out, so an edge goes to the module itself
    (``from childinfo.synth import codes`` is an edge to ``childinfo.synth.codes``)."""
    modules = {module_name(p): p for p in SOURCES if p.name != "__init__.py"}
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                subs = {f"{node.module}.{a.name}" for a in node.names}
                targets |= (subs & modules.keys()) or ({node.module} & modules.keys())
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names} & modules.keys()
        graph[name] = targets - {name}
    return graph


def test_no_two_modules_import_each_other_even_through_others():
    graph = _module_graph()
    assert len(graph) > 80 and sum(map(len, graph.values())) > 150  # the graph was read

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    loops = sorted(name for name in graph if name in reaches(name))
    assert not loops, f"these modules import themselves through others: {loops}"


def test_toolkit_public_api_is_true():
    toolkit = importlib.import_module("childinfo.toolkit")
    for name in toolkit.__all__:
        assert hasattr(toolkit, name), name
    # every public name of every toolkit module is reachable from its module's __all__
    for mod_path in sorted((PKG / "toolkit").glob("[!_]*.py")):
        mod = importlib.import_module(f"childinfo.toolkit.{mod_path.stem}")
        public = {
            n
            for n, v in vars(mod).items()
            if not n.startswith("_")
            and callable(v)
            and getattr(v, "__module__", None) == mod.__name__
        }
        missing = public - set(getattr(mod, "__all__", ()))
        assert not missing, f"{mod.__name__}.__all__ misses {sorted(missing)}"


def test_checks_public_api_is_true():
    checks = importlib.import_module("childinfo.course.checks")
    public = set()
    for mod_path in sorted((PKG / "course" / "checks").glob("[!_]*.py")):
        mod = importlib.import_module(f"childinfo.course.checks.{mod_path.stem}")
        public |= {
            n
            for n, v in vars(mod).items()
            if (n.startswith("check_") or n == "Feedback")
            and callable(v)
            and getattr(v, "__module__", None) == mod.__name__
        }
    assert public and public <= set(checks.__all__), sorted(public - set(checks.__all__))
    for name in checks.__all__:
        assert hasattr(checks, name), name
