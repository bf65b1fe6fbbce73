"""Nothing is lost: ``childinfo`` never deletes a user's files, and a run that is stopped or fails
leaves the earlier output byte-identical, no partial output, and one true line.

The interrupt tests run the real command and send it real signals part-way through writing (the
moment the hidden ``.NAME.partial-*`` sibling appears); the disk-full tests write to a real 2 MB
tmpfs when this machine lets us mount one, and otherwise make the writer raise ENOSPC.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from childinfo.cli import main

REPO = Path(__file__).resolve().parents[1]


def childinfo(*argv: str, cwd: Path | None = None, env: dict | None = None, preexec_fn=None):
    return subprocess.run(
        [sys.executable, "-m", "childinfo.cli", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        env=env,
        preexec_fn=preexec_fn,
    )


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder`` with its bytes' digest: what must not change."""
    return {
        p.relative_to(folder).as_posix(): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        )
        for p in sorted(folder.rglob("*"))
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if ".partial-" in p.name or ".old-" in p.name)


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    """A small earlier output of each kind, made once; each test copies the one it needs."""
    root = tmp_path_factory.mktemp("earlier")
    for args in (
        ["--children", "2000", "--seed", "5", "--out", "bf"],
        ["--children", "2000", "--seed", "5", "--format", "xlsx", "--out", "xl"],
        ["--returns", "--children", "2000", "--seed", "5", "--out", "rt"],
        ["--england", "--authorities", "3", "--total-children", "3000", "--out", "en"],
    ):
        result = childinfo("generate", *args, cwd=root)
        assert result.returncode == 0, result.stderr
    return root


def _copy(earlier: Path, name: str, where: Path) -> Path:
    subprocess.run(["cp", "-a", str(earlier / name), str(where / name)], check=True)
    return where / name


def _interrupt(
    argv: list[str],
    cwd: Path,
    target: str,
    sig: int,
    after: float | str = 0.0,
    group: bool = False,
) -> subprocess.CompletedProcess:
    """Start the command, wait until it is writing (its partial sibling exists), wait ``after``
    seconds more (or, with ``"saving"``, until the sibling holds bytes), send ``sig``; return the
    result. How soon the run stops after the signal is measured by ``bench/bench_stop.py``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "childinfo.cli", *argv],
        cwd=cwd,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=group,
    )
    deadline = time.monotonic() + 240
    before = set(cwd.glob(f".{target}.partial-*"))  # look-alikes a test put there
    while not set(cwd.glob(f".{target}.partial-*")) - before:
        assert proc.poll() is None, f"finished before it was interrupted: {proc.communicate()}"
        assert time.monotonic() < deadline, "never started writing"
        time.sleep(0.01)
    if after == "saving":  # a workbook's bytes appear only once every sheet is in it
        while not any(p.stat().st_size for p in cwd.glob(f".{target}.partial-*")):
            assert proc.poll() is None, f"finished before it was interrupted: {proc.communicate()}"
            assert time.monotonic() < deadline, "never started saving"
            time.sleep(0.01)
    else:
        time.sleep(after)
    if group:  # as a terminal does: every process of the command gets it, workers included
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(
    "name, argv, sig, after, group",
    [
        (
            "bf",
            ["generate", "--children", "60000", "--seed", "6", "--out", "bf", "--force"],
            signal.SIGINT,
            0.0,
            False,
        ),
        (
            "bf",
            ["generate", "--children", "60000", "--seed", "6", "--out", "bf", "--force"],
            signal.SIGTERM,
            0.0,
            False,
        ),
        (
            "xl",
            [
                "generate",
                "--children",
                "5000",
                "--seed",
                "6",
                "--format",
                "xlsx",
                "--out",
                "xl",
                "--force",
            ],
            signal.SIGINT,
            0.5,
            False,
        ),
        (  # stopped while openpyxl saves the workbook, not only while it fills the sheets
            "xl",
            [
                "generate",
                "--children",
                "5000",
                "--seed",
                "6",
                "--format",
                "xlsx",
                "--out",
                "xl",
                "--force",
            ],
            signal.SIGINT,
            "saving",
            False,
        ),
        (
            "rt",
            [
                "generate",
                "--returns",
                "--children",
                "30000",
                "--seed",
                "6",
                "--out",
                "rt",
                "--force",
            ],
            signal.SIGINT,
            0.0,
            False,
        ),
        (
            "en",
            [
                "generate",
                "--england",
                "--authorities",
                "12",
                "--total-children",
                "240000",
                "--out",
                "en",
                "--force",
            ],
            signal.SIGINT,
            1.5,
            True,
        ),
    ],
    ids=["csv-sigint", "csv-sigterm", "xlsx", "xlsx-saving", "returns", "england-group"],
)
def test_a_stopped_run_leaves_the_earlier_output_as_it_was(
    earlier, tmp_path, name, argv, sig, after, group
):
    old = snapshot(_copy(earlier, name, tmp_path))
    result = _interrupt(argv, tmp_path, name, sig, after, group)
    line = one_line(result.stderr)
    assert result.returncode == (143 if sig == signal.SIGTERM else 130), result.stderr
    assert line == (
        f"childinfo generate: stopped; {name} is as it was and nothing partial was left."
    )
    assert snapshot(tmp_path / name) == old
    assert leftovers(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_ctrl_c_as_the_hidden_sibling_is_made_leaves_no_sibling(tmp_path, monkeypatch):
    # The signal lands while signals are held for the sibling's creation, so it is raised as that
    # block ends: the sibling already exists then and must still be removed.
    from childinfo import outputs

    made = outputs.sibling

    def made_then_interrupted(*args, **kwargs):
        path = made(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # held: raised once the block ends
        return path

    monkeypatch.setattr(outputs, "sibling", made_then_interrupted)
    with pytest.raises(KeyboardInterrupt) as stopped:
        with outputs.new_folder(tmp_path / "bf"):
            pytest.fail("the body ran although Ctrl-C came first")
    assert list(tmp_path.iterdir()) == []
    assert stopped.value.outcome == f"nothing was written to {tmp_path / 'bf'}"


def test_a_second_ctrl_c_still_lets_every_started_file_finish(tmp_path, monkeypatch):
    # Files are written two at a time; the folder is removed only after the started ones close.
    import threading

    from childinfo.synth import writers

    started, finished = [], []

    def slow_write(df, path, fmt, meta):
        started.append(path)
        time.sleep(0.4)
        finished.append(path)

    def press_ctrl_c_twice():
        for _ in range(2):
            time.sleep(0.15)
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(writers, "write_table", slow_write)
    jobs = [(None, tmp_path / f"t{i}.csv", {}) for i in range(6)]
    threading.Thread(target=press_ctrl_c_twice).start()
    with pytest.raises(KeyboardInterrupt):
        writers._write_all(jobs, "csv")
    assert started and sorted(finished) == sorted(started), (started, finished)
    assert len(started) < len(jobs)  # the files not yet started were dropped


def test_a_stopped_first_run_leaves_nothing(tmp_path):
    argv = ["generate", "--children", "60000", "--out", "new"]
    result = _interrupt(argv, tmp_path, "new", signal.SIGINT)
    assert one_line(result.stderr) == "childinfo generate: stopped; nothing was written to new."
    assert list(tmp_path.iterdir()) == []


# --- a run killed outright: the next run tidies what it left --------------------------------


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_run_after_a_sigkill_removes_what_the_killed_run_left(earlier, tmp_path, fmt):
    name = "bf" if fmt == "csv" else "xl"
    old = snapshot(_copy(earlier, name, tmp_path))
    # Look-alikes the sweep must leave: a user's own file, and a live process's sibling.
    (tmp_path / f".{name}.partial-notes").write_text("mine")
    live = tmp_path / f".{name}.partial-{os.getpid()}-abcd1234"
    live.mkdir()
    argv = ["generate", "--children", "5000", "--seed", "6", "--format", fmt, "--out", name]
    result = _interrupt([*argv, "--force"], tmp_path, name, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    assert snapshot(tmp_path / name) == old
    killed = [p for p in leftovers(tmp_path) if p not in (live.name, f".{name}.partial-notes")]
    assert killed, "SIGKILL left nothing to clean up; the test no longer tests anything"

    again = childinfo(*argv, cwd=tmp_path)  # no --force: the next run only tidies and refuses
    assert again.returncode == 2 and "already exists" in one_line(again.stderr)
    assert snapshot(tmp_path / name) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [name, live.name, f".{name}.partial-notes"]
    )


def test_an_old_output_caught_mid_swap_by_a_sigkill_goes_back(earlier, tmp_path):
    # The kill fell between the swap's two renames: the old output sits in its .old- sibling.
    aside = tmp_path / f".bf.old-{_dead_pid()}-abcd1234"
    aside.mkdir()
    old = snapshot(_copy(earlier, "bf", aside))
    result = childinfo("generate", "--children", "200", "--out", "bf", cwd=tmp_path)
    assert result.returncode == 2 and "already exists" in one_line(result.stderr)
    assert snapshot(tmp_path / "bf") == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bf"]


# --- --force never deletes what childinfo did not make ----------------------------------------


def test_force_in_the_current_folder_keeps_the_users_files(tmp_path):
    (tmp_path / "my-notes.docx").write_text("a trainer's own notes")
    before = snapshot(tmp_path)
    result = childinfo("generate", "--children", "200", "--out", ".", "--force", cwd=tmp_path)
    assert result.returncode == 2
    assert "is the folder you are in" in one_line(result.stderr)
    assert snapshot(tmp_path) == before


def test_force_refuses_a_folder_that_holds_the_current_one(tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "keep.txt").write_text("keep")
    result = childinfo(
        "generate", "--children", "200", "--out", "..", "--force", cwd=tmp_path / "work"
    )
    assert result.returncode == 2 and "holds the folder you are in" in one_line(result.stderr)
    assert (tmp_path / "keep.txt").read_text() == "keep"


def test_force_refuses_a_home_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("# mine")
    before = snapshot(home)
    env = {**os.environ, "HOME": str(home)}
    result = childinfo("generate", "--children", "200", "--out", str(home), "--force", env=env)
    assert result.returncode == 2 and "is a home folder" in one_line(result.stderr)
    assert snapshot(home) == before


def test_force_refuses_the_repository_and_the_root(tmp_path):
    for target, why in ((REPO, "is a repository"), (Path("/"), "is the root of the file system")):
        result = childinfo(
            "generate", "--children", "200", "--out", str(target), "--force", cwd=tmp_path
        )
        assert result.returncode == 2 and why in one_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


def test_force_refuses_a_folder_without_the_manifest(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "q3.csv").write_text("a,b\n1,2\n")
    before = snapshot(tmp_path)
    result = childinfo("generate", "--children", "200", "--out", str(folder), "--force")
    line = one_line(result.stderr)
    assert result.returncode == 2 and "replaces only a folder childinfo made" in line
    assert snapshot(tmp_path) == before


def test_force_refuses_an_output_with_a_users_file_added(earlier, tmp_path):
    folder = _copy(earlier, "bf", tmp_path)
    (folder / "my-analysis.ipynb").write_text("{}")
    before = snapshot(tmp_path)
    result = childinfo("generate", "--children", "200", "--out", str(folder), "--force")
    assert result.returncode == 2 and "'my-analysis.ipynb'" in one_line(result.stderr)
    assert snapshot(tmp_path) == before


def test_force_replaces_an_earlier_output_in_one_swap(earlier, tmp_path):
    folder = _copy(earlier, "bf", tmp_path)
    old = snapshot(folder)
    result = childinfo(
        "generate", "--children", "2000", "--seed", "7", "--out", str(folder), "--force"
    )
    assert result.returncode == 0, result.stderr
    assert snapshot(folder) != old and (folder / "manifest.json").exists()
    assert leftovers(tmp_path) == []


# --- limits are checked first; a full disk or no memory is one line -----------------------------


def test_too_many_rows_for_excel_is_refused_before_any_work(tmp_path):
    result = childinfo(
        "generate", "--children", "1100000", "--format", "xlsx", "--out", "x", cwd=tmp_path
    )
    line = one_line(result.stderr)
    assert result.returncode == 2
    assert "an Excel sheet holds (1,048,576)" in line and "--format csv" in line
    assert list(tmp_path.iterdir()) == []


def test_more_children_than_memory_allows_is_refused_before_any_work(tmp_path):
    def small_memory():
        resource.setrlimit(resource.RLIMIT_AS, (4_000_000 * 1024, 4_000_000 * 1024))

    result = childinfo(
        "generate", "--children", "5000000", "--out", "x", cwd=tmp_path, preexec_fn=small_memory
    )
    line = one_line(result.stderr)
    assert result.returncode == 2 and "GB of memory" in line and "at most about" in line
    assert list(tmp_path.iterdir()) == []


def test_running_out_of_memory_is_one_line(tmp_path, monkeypatch, capsys):
    import childinfo.synth.generate as generate

    def no_memory(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(generate, "generate_authority", no_memory)
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--children", "2000", "--out", "x"]) == 1
    _, err = capsys.readouterr()
    assert one_line(err) == (
        "childinfo generate: error: ran out of memory; nothing was written to x; "
        "ask for fewer children or close other programs"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB file system if this machine lets us mount one (root), else None."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        yield None
        return
    try:
        yield mount
    finally:
        gc.collect()  # a writer that failed may still hold a file open until it is collected
        subprocess.run(["umount", str(mount)], check=True)


def test_too_little_disk_is_refused_before_any_work(small_disk):
    if small_disk is None:
        pytest.skip("cannot mount a tmpfs here")
    result = childinfo("generate", "--children", "60000", "--out", str(small_disk / "bf"))
    line = one_line(result.stderr)
    assert result.returncode == 2 and "MB is free" in line and "choose another --out" in line
    assert list(small_disk.iterdir()) == []


# openpyxl leaves its zip writer unclosed when the disk fills; collecting it later warns.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_full_disk_while_writing_names_the_file_and_keeps_the_earlier_output(
    earlier, small_disk, tmp_path, monkeypatch, capsys, fmt
):
    import childinfo.synth.command as command

    name = "bf" if fmt == "csv" else "xl"
    disk = small_disk
    if disk is None:  # no tmpfs: the writers raise ENOSPC as a full disk would
        import childinfo.synth.writers as writers

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(writers.pd, "ExcelWriter", full)
        monkeypatch.setattr(writers.pacsv, "write_csv", full)
        disk = tmp_path
    _copy(earlier, name, disk)
    if small_disk is not None:  # a user's file leaves about 200 kB: too little for the new output
        free = shutil.disk_usage(disk).free
        (disk / "filler.bin").write_bytes(b"\0" * max(0, free - 200_000))
    old = snapshot(disk)
    monkeypatch.setattr(command, "_check_disk", lambda *args: None)  # let it start, to fill up
    code = main(
        ["generate", "--children", "4000", "--format", fmt, "--out", str(disk / name), "--force"]
    )
    _, err = capsys.readouterr()
    line = one_line(err)
    assert code == 1
    assert line.startswith(f"childinfo generate: error: {disk / name}/")
    assert (
        f"no space left on device; {disk / name} is as it was and nothing partial was left" in line
    )
    assert snapshot(disk) == old and leftovers(disk) == []


# --- the pack and the handouts: one file each ----------------------------------------------------


def test_pack_force_never_replaces_a_zip_it_did_not_make(tmp_path):
    import zipfile

    from childinfo.course.pack import build_pack
    from childinfo.errors import ChildinfoError

    theirs = tmp_path / "photos.zip"
    with zipfile.ZipFile(theirs, "w") as zf:
        zf.writestr("holiday.txt", "not a pack")
    before = snapshot(tmp_path)
    with pytest.raises(ChildinfoError, match="replaces only a workshop pack childinfo made"):
        build_pack(theirs, force=True)
    assert snapshot(tmp_path) == before


def test_handouts_force_replaces_its_own_pdf_and_no_other(tmp_path):
    from childinfo.course.browser import CHROMIUM

    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed")
    site = tmp_path / "site"
    (site / "chapters").mkdir(parents=True)
    (site / "chapters" / "handouts.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Handouts: one page per '
        "unit — a test</title></head><body><h1>Handouts</h1></body></html>",
        encoding="utf-8",
    )
    theirs = tmp_path / "minutes.pdf"
    theirs.write_bytes(b"%PDF-1.4 a meeting's minutes")
    result = childinfo("handouts", "--site", str(site), "--out", str(theirs), "--force")
    assert result.returncode == 2 and "replaces only a handouts PDF" in one_line(result.stderr)
    assert theirs.read_bytes() == b"%PDF-1.4 a meeting's minutes"
    ours = tmp_path / "handouts.pdf"
    for argv in ([], ["--force"]):
        result = childinfo("handouts", "--site", str(site), "--out", str(ours), *argv)
        assert result.returncode == 0, result.stderr
    assert ours.read_bytes().startswith(b"%PDF-") and leftovers(tmp_path) == []


# --- fuzz: bad command lines ---------------------------------------------------------------------

BAD_VALUES = {
    "--seed": ["abc", "-1", "1.5", "", "4294967296", "1e3"],
    "--children": ["12", "0", "lots", "5000001", "-200", "nan"],
    "--year": ["1999", "2031", "twenty", "2023.0"],
    "--faults": ["0.9", "-0.1", "nan", "inf", "x"],
    "--format": ["pdf", "csvv", "json", ""],
    "--authority": ["atlantis", "brackenfold2", ""],
    "--scale": ["0", "11", "nan", "tiny"],
    "--authorities": ["0", "401", "many"],
    "--total-children": ["999", "20000001", "12m"],
}
NOT_APPLYING = [
    ["--scale", "0.5"],
    ["--authorities", "3"],
    ["--total-children", "5000"],
    ["--returns", "--format", "parquet"],
    ["--returns", "--scale", "0.2"],
    ["--comparison", "--children", "3000"],
    ["--comparison", "--authority", "quillmere"],
    ["--england", "--faults", "0.1"],
    ["--england", "--children", "3000"],
    ["--england", "--format", "csv"],
    ["--england", "--total-children", "1000", "--scale", "0.001"],
    ["--england", "--total-children", "1000"],
    ["--england", "--scale", "0.001"],
    ["--default", "--seed", "3"],
    ["--default", "--out", "x"],
    ["--default", "--format", "xlsx"],
    ["--returns", "--england"],
    ["--comparison", "--default"],
    ["--force=yes"],
    ["--sed", "4"],
    ["extra"],
    ["--seed"],
    ["--out"],
    ["--auth", "x"],
]
OTHER = [
    [],
    ["nosuch"],
    ["--bogus"],
    ["pack"],
    ["pack", "--out"],
    ["pack", "--out", "p.zip", "--zip"],
    ["pack", "--out", "p.zip", "--platform", "amiga"],
    ["pack", "--out", "p.zip", "--tables", "six"],
    ["pack", "--out", "p.zip", "--tables", "13"],
    ["pack", "--out", "p.txt"],
    ["pack", "--out", "p.zip", "--python-version", "3.12"],
    ["handouts"],
    ["handouts", "--out"],
    ["handouts", "--out", "h.pdf", "--pages", "3"],
    ["handouts", "--out", "h.txt"],
]
OUT_X = ["--out", "x"]
BAD_LINES = (
    [
        ["generate", option, value, "--out", "x"]
        for option, values in BAD_VALUES.items()
        for value in values
    ]
    + [
        ["generate", *argv, *([] if {"--default", "--out"} & set(argv) else OUT_X)]
        for argv in NOT_APPLYING
    ]
    + OTHER
)


def test_there_are_enough_bad_lines():
    assert len(BAD_LINES) >= 50


@pytest.mark.parametrize("argv", BAD_LINES, ids=" ".join)
def test_a_bad_command_line_is_one_line_and_changes_nothing(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    out, err = capsys.readouterr()
    assert code in (1, 2) and out == ""
    assert one_line(err).startswith("childinfo")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", BAD_LINES[::12], ids=" ".join)
def test_the_installed_command_answers_bad_lines_the_same_way(tmp_path, argv):
    result = childinfo(*argv, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    one_line(result.stderr)
    assert list(tmp_path.iterdir()) == []
