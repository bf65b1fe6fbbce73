"""The ``childinfo`` command line.

Each sub-command lives in the module that does the work and registers itself here through
``add_parser(subparsers)``; this file only wires them together and turns a
:class:`~childinfo.errors.ChildinfoError` into a one-line message and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from childinfo.errors import ChildinfoError

# Modules that provide a sub-command: each has add_parser(subparsers) which sets func=.
COMMAND_MODULES: tuple[str, ...] = ("childinfo.synth.command", "childinfo.pack", "childinfo.handouts")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="childinfo",
        description="Tools for the course 'Ethical and effective use of children's information'.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ChildinfoError as exc:
        print(f"childinfo {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"childinfo {args.command}: stopped; nothing was left half-written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
