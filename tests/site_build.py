"""One fresh build of the site per test run, shared by every pytest worker.

The run's first worker to collect a browser test starts the build in the background, so the
non-browser tests run while the labs execute; each worker's ``site`` fixture then waits for
it. The build goes into a fresh folder, so the notebook cache starts empty and every notebook
executes: a stale cache can never hide a broken lab. ``CHILDINFO_SITE_RUN`` names the run's
folder: ``tests/conftest.py`` makes it before the workers start and removes it at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from childinfo.course.book import build_command

RUN_DIR = "CHILDINFO_SITE_RUN"


def make_run_dir() -> Path:
    """Our own folder, not pytest's tmp_path: other pytest runs on the machine prune those."""
    folder = Path(tempfile.mkdtemp(prefix="childinfo-site-"))
    os.environ[RUN_DIR] = str(folder)
    return folder


def start(folder: Path) -> None:
    """Start the build once per run, whichever worker asks first."""
    try:
        os.close(os.open(folder / "started", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    log = open(folder / "build.log", "w")  # noqa: SIM115 (the child process owns it)
    # The exit status goes to a file only when the build has finished, so a reader never sees a
    # half-written status; start_new_session lets the run's end stop the whole build.
    script = '"$@"; echo $? > "$0.tmp" && mv "$0.tmp" "$0"'
    proc = subprocess.Popen(
        ["sh", "-c", script, str(folder / "exit-status"), *build_command(folder / "out")],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (folder / "pid").write_text(str(proc.pid))


def wait(folder: Path) -> tuple[int, Path, str]:
    """Wait for the build: its exit status, its html folder and the end of its log."""
    status = folder / "exit-status"
    while not status.exists():
        time.sleep(1)
    html = folder / "out" / "_build" / "html"
    log = (folder / "build.log").read_text(errors="replace")
    reports = "\n".join(p.read_text()[-3000:] for p in (html / "reports").glob("**/*.log"))
    return int(status.read_text().strip() or 1), html, log[-6000:] + "\n" + reports


def finish(folder: Path) -> None:
    """Stop a build still running (a run cut short) and remove the run's folder."""
    pid = folder / "pid"
    if pid.exists() and not (folder / "exit-status").exists():
        try:
            os.killpg(int(pid.read_text()), signal.SIGTERM)
        except (ProcessLookupError, ValueError):
            pass
    shutil.rmtree(folder, ignore_errors=True)
