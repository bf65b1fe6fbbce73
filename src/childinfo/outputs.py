"""Safe outputs: nothing is lost or half-written, whatever happens during a run.

Every output (a folder of tables, a workbook, an England dataset, a zip, a PDF) is written to a
hidden sibling of its target (``.NAME.partial-XXXX``, on the same file system) and moved into
place only when complete, with a folder's manifest written last. A folder that replaces an older
one is swapped: the old one is renamed aside, the new one renamed in, then the old one deleted
(and put back if the swap fails). Signals are held during the swap, so Ctrl-C cannot split it.

``--force`` replaces only what a childinfo command made: a folder whose ``manifest.json`` carries
the course's note and lists every file in it, or a file the caller recognises. It never replaces
``/``, the folder you are in (or one holding it), a home folder or a repository.

A sibling's name carries the pid of the run that made it (``.NAME.partial-PID-XXXXXXXX``).
A run killed outright (SIGKILL, a power cut) cannot tidy up, so the next childinfo run that
writes to the same target does: it removes the siblings whose run is gone, and puts an old
output back if the kill fell between the two renames of a swap. Nothing else is touched.

When a run stops (Ctrl-C, SIGTERM, a full disk, an error), the exception carries ``outcome``:
one true sentence about what was left, for the command line to print.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from childinfo.errors import ChildinfoError

MANIFEST = "manifest.json"
SYNTHETIC_NOTE = (
    "SYNTHETIC DATA: every person, place and identifier is invented (childinfo generator)."
)
_HANDLED = (signal.SIGINT, signal.SIGTERM)


# --- what may be replaced ------------------------------------------------------------------


def own_manifest(folder: Path) -> dict | None:
    """The folder's manifest if a childinfo command wrote it, else None."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(manifest, dict) and manifest.get("note") == SYNTHETIC_NOTE:
        return manifest
    return None


def _files(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() or p.is_symlink()
    )


def _protected(target: Path) -> str | None:
    """Why ``target`` must never be replaced, or None."""
    real = target.resolve()
    if real == Path(real.anchor):
        return "is the root of the file system"
    for place, what in (
        (Path.cwd(), "is the folder you are in"),
        (Path.home(), "is a home folder"),
    ):
        place = place.resolve()
        if real == place:
            return what
        if real in place.parents:
            return what.replace("is", "holds", 1)
    if real.parent == Path("/home") or real == Path("/root"):
        return "is a home folder"
    if (real / ".git").exists() or (real / "pyproject.toml").exists():
        return "is a repository"
    return None


def check_folder(target: Path, force: bool) -> None:
    """Refuse, before any work, a folder target that may not be (re)written. One line says why."""
    target = Path(target)
    clear_leftovers(target)
    example = f"--out {target / 'new-output'}"
    if target.is_symlink():
        raise ChildinfoError(f"{target} is a symbolic link; give the real folder or a new one")
    if target.exists() and not target.is_dir():
        raise ChildinfoError(f"output path {target} is a file; choose a folder path with --out")
    _check_parents(target)
    why = _protected(target)
    if why:
        raise ChildinfoError(
            f"{target} {why}, which is never replaced; choose a new folder instead, e.g. {example}"
        )
    if not target.exists():
        return
    if os.path.ismount(target):
        raise ChildinfoError(
            f"{target} is a mount point; write to a new folder inside it, e.g. {example}"
        )
    entries = _files(target)
    if not entries and not any(target.iterdir()):
        return  # an empty folder holds nothing to lose
    manifest = own_manifest(target)
    if manifest is None:
        if force:
            raise ChildinfoError(
                f"--force replaces only a folder childinfo made (with its "
                f"{MANIFEST}); {target} holds other files, so it was left alone; "
                "choose a new --out"
            )
        raise ChildinfoError(
            f"output folder {target} already exists and is not empty; choose a new --out"
        )
    listed = manifest.get("sha256") or manifest.get("files")
    if listed is not None:
        extra = [f for f in entries if f != MANIFEST and f not in listed]
        if extra:
            raise ChildinfoError(
                f"{target} holds files childinfo did not write (e.g. "
                f"{extra[0]!r}), so it was left alone; move them out or choose "
                "a new --out"
            )
    if not force:
        raise ChildinfoError(
            f"output folder {target} already exists and is not empty; "
            "choose a new --out or add --force to replace it"
        )


def _check_parents(target: Path) -> None:
    for parent in target.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise ChildinfoError(
                    f"{parent} is a file, so it cannot hold {target}; choose another path"
                )
            return


def check_file(target: Path, force: bool, is_own: Callable[[Path], bool], kind: str) -> None:
    """Refuse, before any work, a file target that may not be (re)written."""
    target = Path(target)
    clear_leftovers(target)
    if target.is_dir():
        raise ChildinfoError(
            f"{target} is a folder; give a file name, e.g. {target / ('new' + target.suffix)}"
        )
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise ChildinfoError(f"{target} is not a plain file; choose another name")
    _check_parents(target)
    if not target.exists():
        return
    if not force:
        raise ChildinfoError(
            f"{target} already exists; choose another name or add --force to replace it."
        )
    if not is_own(target):
        raise ChildinfoError(
            f"--force replaces only a {kind} childinfo made; {target} is not "
            "one, so it was left alone; choose another name"
        )


# --- writing beside the target --------------------------------------------------------------


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for a few milliseconds of work that must not be split."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in _HANDLED}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if caught:
            signal.raise_signal(caught[0])  # now the run stops, with the output whole


def _say(exc: BaseException, outcome: str) -> None:
    if not getattr(exc, "outcome", None):
        try:
            exc.outcome = outcome  # type: ignore[attr-defined]
        except AttributeError:
            pass


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def sibling(target: Path, folder: bool, kind: str = "partial") -> Path:
    """A new hidden sibling of ``target`` named for this run (see :func:`clear_leftovers`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}.{kind}-{os.getpid()}-"
    if folder:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=target.parent)
    os.close(handle)
    return Path(name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a number we cannot check: leave it be
    return True


def clear_leftovers(target: Path) -> list[Path]:
    """Remove the hidden siblings of ``target`` that a killed childinfo run left; return them.

    Only names a childinfo run makes count (``.NAME.partial-PID-XXXXXXXX`` and
    ``.NAME.old-PID-XXXXXXXX``, with the target's suffix for a file), and only when that pid is
    no longer running: a run still writing is never disturbed. An ``old`` sibling holds the
    previous output during a swap; if the target is missing, it goes back in place.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> (d / ".bf.partial-999999999-abcd_123").mkdir()   # no process has that pid
        >>> (d / ".bf.partial-notes").mkdir()                # not a name childinfo makes
        >>> [p.name for p in clear_leftovers(d / "bf")]
        ['.bf.partial-999999999-abcd_123']
        >>> sorted(p.name for p in d.iterdir())
        ['.bf.partial-notes']
    """
    target = Path(target)
    if not target.parent.is_dir():
        return []
    suffix = re.escape(target.suffix)
    name = re.compile(
        rf"{re.escape('.' + target.name)}\.(partial|old)-(\d{{1,10}})-[a-z0-9_]{{8}}(?:{suffix})?"
    )
    removed = []
    for path in sorted(target.parent.iterdir()):
        found = name.fullmatch(path.name)
        if not found or int(found[2]) == os.getpid() or _alive(int(found[2])):
            continue
        kept = path / target.name
        if found[1] == "old" and kept.exists() and not os.path.lexists(target):
            os.rename(kept, target)  # the kill fell inside a swap: the old output goes back
        _remove(path)
        removed.append(path)
    return removed


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is; the old one is renamed aside first and back on failure."""
    if not target.is_dir():
        os.replace(new, target)
        return
    aside = sibling(target, True, "old")
    os.rename(target, aside / target.name)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside / target.name, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def unchanged(target: Path) -> str:
    """What is true of ``target`` while nothing has been moved into its place yet."""
    if target.exists():
        return f"{target} is as it was and nothing partial was left"
    return f"nothing was written to {target}"


@contextlib.contextmanager
def unchanged_if_stopped(target: Path) -> Iterator[None]:
    """A run stopped before its output is written (while the data are still being made) says
    what is true of ``target``, as one stopped while writing does."""
    kept = unchanged(target)
    try:
        yield
    except BaseException as exc:
        _say(exc, kept)
        raise


@contextlib.contextmanager
def _beside(target: Path, folder: bool, check_complete: Callable[[Path], None]) -> Iterator[Path]:
    kept = unchanged(target)
    partial = None
    try:
        # A signal held while the sibling is made is raised as the block ends: inside this try,
        # so the new sibling is removed too.
        with held_signals():
            partial = sibling(target, folder)
        yield partial
        check_complete(partial)
        with held_signals():
            _swap(partial, target)
    except BaseException as exc:
        if partial is not None:
            with held_signals():
                _remove(partial)
        if isinstance(exc, OSError) and isinstance(exc.filename, str):
            # Name the file the user asked for, not the hidden sibling that is gone now.
            exc.filename = exc.filename.replace(str(partial), str(target), 1)
        _say(exc, kept)
        raise


def _has_manifest(folder: Path) -> None:
    if own_manifest(folder) is None:
        raise RuntimeError(f"internal error: {folder} was finished without its {MANIFEST}")


@contextlib.contextmanager
def new_folder(target: Path, force: bool = False) -> Iterator[Path]:
    """Write a folder: yields an empty hidden sibling to fill; its manifest must come last.

    Example:
        >>> import tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "made"
        >>> with new_folder(out) as tmp:
        ...     _ = (tmp / "a.txt").write_text("a")
        ...     _ = write_manifest(tmp, {"what": "example"})
        >>> sorted(p.name for p in out.iterdir())
        ['a.txt', 'manifest.json']
    """
    target = Path(target)
    check_folder(target, force)
    with _beside(target, True, _has_manifest) as partial:
        yield partial


@contextlib.contextmanager
def new_file(
    target: Path, force: bool, is_own: Callable[[Path], bool], kind: str
) -> Iterator[Path]:
    """Write a file: yields a hidden sibling path (same suffix) that becomes ``target``."""
    target = Path(target)
    check_file(target, force, is_own, kind)

    def written(path: Path) -> None:
        if not path.exists() or path.stat().st_size == 0:
            raise RuntimeError(f"internal error: {path} was finished empty")

    with _beside(target, False, written) as partial:
        yield partial


def write_manifest(folder: Path, info: dict) -> Path:
    """Write a folder's manifest, its last file: the note, ``info`` and every file's digest."""
    folder = Path(folder)
    digests = {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in _files(folder)
        if name != MANIFEST
    }
    manifest = {"note": SYNTHETIC_NOTE, **info, "sha256": digests}
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Name the file in an OSError raised while writing it (Arrow's errors do not)."""
    try:
        yield
    except OSError as exc:
        if exc.filename:
            raise
        code = exc.errno or next(
            (
                n
                for n, text in ((errno.ENOSPC, "No space left on device"),)
                if text.lower() in str(exc).lower()
            ),
            None,
        )
        raise OSError(code, os.strerror(code) if code else str(exc), str(path)) from exc


# --- limits ---------------------------------------------------------------------------------


def available_memory() -> int | None:
    """Bytes this process may still use: free memory, or less under ``ulimit -v``."""
    import resource

    have = None
    with contextlib.suppress(OSError, ValueError, StopIteration):
        with open("/proc/meminfo", encoding="ascii") as info:
            line = next(line for line in info if line.startswith("MemAvailable:"))
            have = 1024 * int(line.split()[1])
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        used = 0
        with contextlib.suppress(OSError, ValueError, StopIteration):
            with open("/proc/self/status", encoding="ascii") as status:
                line = next(line for line in status if line.startswith("VmSize:"))
                used = 1024 * int(line.split()[1])
        have = soft - used if have is None else min(have, soft - used)
    return have


def free_disk(target: Path) -> int:
    """Free bytes on the file system where ``target`` would go (its nearest existing folder)."""
    place = Path(target).absolute()
    while not place.exists():
        place = place.parent
    return shutil.disk_usage(place).free
