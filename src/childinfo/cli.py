"""The ``childinfo`` command line.

Each sub-command lives in the module that does the work and registers itself here through
``add_parser(subparsers)``: add a module to :data:`COMMAND_MODULES` to add a command.

Values are checked by argparse itself (``type=`` and ``choices=``). Every mistake is answered with
one line on stderr, ``childinfo CMD: error: ...`` and a hint, and exit status 2; a failure while
working (disk full, out of memory, a file that cannot be written) with one line and status 1; a
run stopped by Ctrl-C or SIGTERM with one true line about what was left, and 130 or 143.
Never a traceback, never argparse's usage block.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys

from childinfo.errors import ChildinfoError

# Modules that provide a sub-command: each has add_parser(subparsers) which sets func=.
COMMAND_MODULES: tuple[str, ...] = (
    "childinfo.synth.command",
    "childinfo.course.pack",
    "childinfo.course.handouts",
    "childinfo.course.kit",
)


class CommandParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are one line with a hint, and exit status 2.

    A sub-command also refuses arguments it does not know itself, so the message names it.
    """

    def hint(self) -> str:
        if self.prog == "childinfo":
            return "run 'childinfo --help' for the commands"
        return f"run '{self.prog} --help' for the options"

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}; {self.hint()}\n")

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras and self.prog != "childinfo":
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="childinfo",
        description="Tools for the course 'Ethical and effective use of children's information'.",
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=CommandParser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    return [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


class Stopped(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that the same clean-up runs."""


def _on_sigterm(signum, frame):
    raise Stopped()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.error(f"no command given; choose one of: {', '.join(_commands(parser))}")
    except SystemExit as exc:  # --help (0) or a usage error already printed (2)
        return exc.code if isinstance(exc.code, int) else 2
    name = f"childinfo {args.command}"
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    unraisable = sys.unraisablehook
    try:
        return int(args.func(args) or 0)
    except ChildinfoError as exc:
        print(f"{name}: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        kept = getattr(exc, "outcome", None) or "nothing was written"
        print(f"{name}: stopped; {kept}.", file=sys.stderr)
        # What the stopped work held is freed as this block ends; a workbook's half-written zip
        # then complains on stderr, which would add lines after the one true line.
        sys.unraisablehook = _ignore
        return 143 if isinstance(exc, Stopped) else 130
    except MemoryError as exc:
        kept = getattr(exc, "outcome", None) or "nothing was written"
        print(
            f"{name}: error: ran out of memory; {kept}; ask for fewer children or close other "
            "programs",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:  # a full disk, a folder that cannot be written, ...
        problem = (exc.strerror or str(exc)).lower()
        where = f"{exc.filename}: " if exc.filename else ""
        kept = getattr(exc, "outcome", None) or "nothing was written"
        print(
            f"{name}: error: {where}{problem}; {kept}; check the space and that you may write "
            "there",
            file=sys.stderr,
        )
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = unraisable


def _ignore(unraisable) -> None:
    return None


def run() -> None:
    """The ``childinfo`` command: :func:`main`, then exit with its code."""
    code = main()
    if code in (130, 143):
        # A stopped run has already cleaned up and said so. Freeing its tables object by object
        # (a second for a workbook's cells) would only delay the exit Ctrl-C asked for.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
