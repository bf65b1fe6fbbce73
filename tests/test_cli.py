"""The ``childinfo`` command answers every bad command line with one line on stderr and exit 2.

The wording is argparse's own (its ``type=`` converters and ``choices=``), with the command's
name in front and a hint behind; see ``tests/test_cli_safety.py`` for the fuzz of bad lines.

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
    return subprocess.run(
        [sys.executable, "-m", "childinfo.cli", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


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


@pytest.mark.parametrize(
    "argv, expected",
    [
        # no command, unknown command, unknown top-level option
        (
            [],
            f"childinfo: error: no command given; choose one of: generate, pack, handouts, kit; {TOP_HELP}",
        ),
        (
            ["nosuch"],
            "childinfo: error: argument COMMAND: invalid choice: 'nosuch' (choose from "
            f"'generate', 'pack', 'handouts', 'kit'); {TOP_HELP}",
        ),
        (["--bogus"], f"childinfo: error: unrecognized arguments: --bogus; {TOP_HELP}"),
        (
            ["--bogus", "generate"],
            f"childinfo: error: unrecognized arguments: --bogus; {TOP_HELP}",
        ),
        # generate: unknown option (with and without =value), stray word, missing value,
        # exclusive modes, a value given to a flag, an ambiguous abbreviation
        (
            ["generate", "--sed", "4"],
            f"childinfo generate: error: unrecognized arguments: --sed 4; {GENERATE_HELP}",
        ),
        (
            ["generate", "--sed=4"],
            f"childinfo generate: error: unrecognized arguments: --sed=4; {GENERATE_HELP}",
        ),
        (
            ["generate", "extra"],
            f"childinfo generate: error: unrecognized arguments: extra; {GENERATE_HELP}",
        ),
        (
            ["generate", "--seed"],
            f"childinfo generate: error: argument --seed: expected one argument; {GENERATE_HELP}",
        ),
        (
            ["generate", "--returns", "--england"],
            f"childinfo generate: error: argument --england: not allowed with argument --returns; {GENERATE_HELP}",
        ),
        (
            ["generate", "--force=yes"],
            f"childinfo generate: error: argument --force: ignored explicit argument 'yes'; {GENERATE_HELP}",
        ),
        (
            ["generate", "--auth", "x"],
            f"childinfo generate: error: ambiguous option: --auth could match --authority, --authorities; {GENERATE_HELP}",
        ),
        # generate's typed values (argparse type= and choices=)
        (
            ["generate", "--seed", "abc", "--out", "x"],
            "childinfo generate: error: argument --seed: 'abc' is not a "
            f"whole number from 0 to 4,294,967,295; e.g. --seed 42; {GENERATE_HELP}",
        ),
        (
            ["generate", "--format", "pdf", "--out", "x"],
            "childinfo generate: error: argument --format: invalid "
            f"choice: 'pdf' (choose from 'csv', 'parquet', 'xlsx'); {GENERATE_HELP}",
        ),
        # an option that does not apply is refused, not dropped
        (
            ["generate", "--scale", "0.5", "--out", "x"],
            "childinfo generate: error: --scale does not apply to one authority; use --children to choose its size",
        ),
        # pack: missing required option, missing value, bad choice, wrong type, unknown option
        (
            ["pack"],
            f"childinfo pack: error: the following arguments are required: --out; {PACK_HELP}",
        ),
        (
            ["pack", "--out"],
            f"childinfo pack: error: argument --out: expected one argument; {PACK_HELP}",
        ),
        (
            ["pack", "--out", "p.zip", "--platform", "amiga"],
            "childinfo pack: error: argument --platform: invalid choice: 'amiga' (choose from 'linux', "
            f"'macos-arm64', 'macos-intel', 'native', 'windows'); {PACK_HELP}",
        ),
        (
            ["pack", "--out", "p.zip", "--tables", "six"],
            "childinfo pack: error: argument --tables: 'six' is not "
            f"a whole number from 0 to 12 (there are 12 comparison authorities); {PACK_HELP}",
        ),
        (
            ["pack", "--out", "p.zip", "--zip"],
            f"childinfo pack: error: unrecognized arguments: --zip; {PACK_HELP}",
        ),
        (
            ["pack", "--out", "p.zip", "--python-version", "3.12"],
            "childinfo pack: error: --python-version does not apply to --platform native (the pack uses this "
            "Python); choose a --platform or drop --python-version",
        ),
        # handouts: missing required option, missing value, unknown option
        (
            ["handouts"],
            f"childinfo handouts: error: the following arguments are required: --out; {HANDOUTS_HELP}",
        ),
        (
            ["handouts", "--out"],
            f"childinfo handouts: error: argument --out: expected one argument; {HANDOUTS_HELP}",
        ),
        (
            ["handouts", "--out", "h.pdf", "--pages", "3"],
            f"childinfo handouts: error: unrecognized arguments: --pages 3; {HANDOUTS_HELP}",
        ),
    ],
)
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
        required = [
            a.option_strings[0]
            for a in subparsers.choices[command]._actions
            if a.required and a.option_strings
        ]
        argv = [command, *(v for option in required for v in (option, "x")), "--no-such-option"]
        line = one_line(childinfo(*argv, cwd=tmp_path))
        assert line == (
            f"childinfo {command}: error: unrecognized arguments: --no-such-option; "
            f"run 'childinfo {command} --help' for the options"
        )


def test_an_output_folder_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    line = one_line(childinfo("generate", "--children", "200", "--out", str(blocker / "bf")))
    assert line == (
        f"childinfo generate: error: {blocker} is a file, so it cannot hold "
        f"{blocker / 'bf'}; choose another path"
    )
    assert blocker.read_text() == "not a folder"


def test_help_still_goes_to_stdout_with_status_0():
    result = childinfo("generate", "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert (
        result.stdout.startswith("usage: childinfo generate")
        and "--total-children" in result.stdout
    )
