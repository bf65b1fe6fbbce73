"""The ``childinfo`` command line.

Each sub-command lives in the module that does the work and registers itself here through
``add_parser(subparsers)``; this file only wires them together.

Every mistake is answered with one line on stderr that names the problem and says what to do,
and exit status 2: argparse's own complaints (unknown options, missing values, bad choices,
wrong types, no command) as well as a :class:`~childinfo.errors.ChildinfoError` from the work
itself. Never a traceback, never argparse's usage block.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys

from childinfo.errors import ChildinfoError

# Modules that provide a sub-command: each has add_parser(subparsers) which sets func=.
COMMAND_MODULES: tuple[str, ...] = ("childinfo.synth.command", "childinfo.pack", "childinfo.handouts",
                                    "childinfo.kit")

_TYPE_NAMES = {"int": "a whole number", "float": "a number"}


class UsageError(Exception):
    """A command line argparse could not make sense of; ``str()`` is the one line to print."""

    def __init__(self, prog: str, problem: str, hint: str):
        super().__init__(f"{prog}: error: {problem}; {hint}")
        self.prog, self.problem, self.hint = prog, problem, hint


def _unquote(text: str) -> str:
    return text.strip().strip("'\"")


def _choices(text: str) -> str:
    return ", ".join(_unquote(c) for c in text.split(","))


def _plain(message: str, top_level: bool) -> str:
    """argparse's error message, said plainly. Unknown wordings pass through unchanged."""
    rules: list[tuple[str, object]] = [
        (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$",
         lambda m: (f"unknown command {_unquote(m[2])!r}; choose one of: {_choices(m[3])}" if top_level
                    else f"{m[1]} {_unquote(m[2])!r} is not known; choose one of: {_choices(m[3])}")),
        (r"argument (\S+): invalid (\w+) value: (.+)$",
         lambda m: f"{m[1]} must be {_TYPE_NAMES.get(m[2], 'a ' + m[2])}, not {_unquote(m[3])!r}"),
        (r"argument (\S+): expected (?:one|at least one) argument$",
         lambda m: f"{m[1]} needs a value after it"),
        (r"argument (\S+): not allowed with argument (\S+)$",
         lambda m: f"{m[1]} cannot be used with {m[2]} (give one or the other)"),
        (r"argument (\S+): ignored explicit argument (.+)$",
         lambda m: f"{m[1]} takes no value (remove ={_unquote(m[2])})"),
        (r"ambiguous option: (\S+?)(?:=\S*)? could match (.+)$",
         lambda m: f"{m[1]} is ambiguous: it could be {' or '.join(o.strip() for o in m[2].split(','))}"),
        (r"the following arguments are required: (.+)$",
         lambda m: f"{m[1]} {'is' if ',' not in m[1] else 'are'} required"),
        (r"argument (\S+): (.+)$", lambda m: f"{m[1]}: {m[2]}"),
    ]
    for pattern, say in rules:
        match = re.match(pattern, message.strip())
        if match:
            return say(match)
    return message.strip()


class CommandParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that raises :class:`UsageError` instead of printing usage and exiting.

    It also refuses arguments it does not know (rather than handing them to the parser above),
    so an unknown option is reported by the sub-command it was given to.
    """

    def _hint(self) -> str:
        if self.prog == "childinfo":
            return "run 'childinfo --help' for the commands"
        return f"run '{self.prog} --help' for the options"

    def error(self, message: str):  # argparse calls this and expects it never to return
        raise UsageError(self.prog, _plain(message, top_level=self.prog == "childinfo"), self._hint())

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            first = extras[0]
            if first.startswith("-") and len(first) > 1:
                problem = f"unknown option {first.split('=', 1)[0]}"
            else:
                problem = f"unexpected argument {first!r}"
            raise UsageError(self.prog, problem, self._hint())
        return namespace, extras


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="childinfo",
        description="Tools for the course 'Ethical and effective use of children's information'.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    return [name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not getattr(args, "func", None):
        print(f"childinfo: error: no command given; choose one of: {', '.join(_commands(parser))} "
              "(run 'childinfo --help' for what each does)", file=sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except ChildinfoError as exc:
        print(f"childinfo {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. --out in a folder that cannot be written
        problem = (exc.strerror or str(exc)).lower()
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"childinfo {args.command}: error: {where}{problem}; check the path and that you may "
              "write there", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"childinfo {args.command}: stopped; nothing was left half-written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
