"""The ``childinfo`` command answers every bad command line with one line on stderr and exit 2.

These run the real command in a subprocess, as a trainer would type it: what matters is what
lands on the terminal (one line that names the problem and says what to do), not what ``main``
returns.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from childinfo.cli import _commands, build_parser


def childinfo(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "childinfo.cli", *argv],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single stderr line, after checking there is nothing else on either stream."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one stderr line, got {len(lines)}:\n{result.stderr}"
    assert result.stdout == "", result.stdout
    assert result.returncode == 2, result.returncode
    return lines[0]


GENERATE_HELP = "run 'childinfo generate --help' for the options"
PACK_HELP = "run 'childinfo pack --help' for the options"
HANDOUTS_HELP = "run 'childinfo handouts --help' for the options"
TOP_HELP = "run 'childinfo --help' for the commands"


@pytest.mark.parametrize("argv, expected", [
    # no command, unknown command, unknown top-level option
    ([], "childinfo: error: no command given; choose one of: generate, pack, handouts, kit "
         "(run 'childinfo --help' for what each does)"),
    (["nosuch"], f"childinfo: error: unknown command 'nosuch'; choose one of: generate, pack, handouts, kit; {TOP_HELP}"),
    (["--bogus"], f"childinfo: error: unknown option --bogus; {TOP_HELP}"),
    (["--bogus", "generate"], f"childinfo: error: unknown option --bogus; {TOP_HELP}"),
    # generate: unknown option (with and without =value), stray word, missing value,
    # exclusive modes, a value given to a flag, an ambiguous abbreviation
    (["generate", "--sed", "4"], f"childinfo generate: error: unknown option --sed; {GENERATE_HELP}"),
    (["generate", "--sed=4"], f"childinfo generate: error: unknown option --sed; {GENERATE_HELP}"),
    (["generate", "extra"], f"childinfo generate: error: unexpected argument 'extra'; {GENERATE_HELP}"),
    (["generate", "--seed"], f"childinfo generate: error: --seed needs a value after it; {GENERATE_HELP}"),
    (["generate", "--returns", "--england"],
     f"childinfo generate: error: --england cannot be used with --returns (give one or the other); {GENERATE_HELP}"),
    (["generate", "--force=yes"], f"childinfo generate: error: --force takes no value (remove =yes); {GENERATE_HELP}"),
    (["generate", "--auth", "x"],
     f"childinfo generate: error: --auth is ambiguous: it could be --authority or --authorities; {GENERATE_HELP}"),
    # generate's own checks of the values
    (["generate", "--seed", "abc", "--out", "x"], "childinfo generate: error: --seed must be a whole number, e.g. --seed 42"),
    (["generate", "--format", "pdf", "--out", "x"],
     "childinfo generate: error: --format 'pdf' is not known; use csv, parquet or xlsx"),
    # pack: missing required option, missing value, bad choice, wrong type, unknown option
    (["pack"], f"childinfo pack: error: --out is required; {PACK_HELP}"),
    (["pack", "--out"], f"childinfo pack: error: --out needs a value after it; {PACK_HELP}"),
    (["pack", "--out", "p.zip", "--platform", "amiga"],
     "childinfo pack: error: --platform 'amiga' is not known; choose one of: linux, macos-arm64, "
     f"macos-intel, native, windows; {PACK_HELP}"),
    (["pack", "--out", "p.zip", "--tables", "six"], f"childinfo pack: error: --tables must be a whole number, not 'six'; {PACK_HELP}"),
    (["pack", "--out", "p.zip", "--zip"], f"childinfo pack: error: unknown option --zip; {PACK_HELP}"),
    # handouts: missing required option, missing value, unknown option
    (["handouts"], f"childinfo handouts: error: --out is required; {HANDOUTS_HELP}"),
    (["handouts", "--out"], f"childinfo handouts: error: --out needs a value after it; {HANDOUTS_HELP}"),
    (["handouts", "--out", "h.pdf", "--pages", "3"], f"childinfo handouts: error: unknown option --pages; {HANDOUTS_HELP}"),
])
def test_bad_command_line_gives_one_line_and_exit_2(tmp_path, argv, expected):
    assert one_line(childinfo(*argv, cwd=tmp_path)) == expected
    assert list(tmp_path.iterdir()) == []  # nothing was written


def test_every_command_reports_its_own_unknown_options(tmp_path):
    """A command added later gets the same treatment: the sub-command, not 'childinfo', is named."""
    parser = build_parser()
    commands = _commands(parser)
    assert {"generate", "pack", "handouts"} <= set(commands)
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in commands:
        # argparse reports a missing required option first, so give those a value
        required = [a.option_strings[0] for a in subparsers.choices[command]._actions
                    if a.required and a.option_strings]
        argv = [command, *(v for option in required for v in (option, "x")), "--no-such-option"]
        line = one_line(childinfo(*argv, cwd=tmp_path))
        assert line == (f"childinfo {command}: error: unknown option --no-such-option; "
                        f"run 'childinfo {command} --help' for the options")


def test_an_output_folder_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = one_line(childinfo("generate", "--children", "200", "--out", str(blocker / "bf")))
    assert line == (f"childinfo generate: error: {blocker / 'bf'}: not a directory; "
                    "check the path and that you may write there")


def test_help_still_goes_to_stdout_with_status_0():
    result = childinfo("generate", "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: childinfo generate") and "--total-children" in result.stdout
