"""The `progman` command: a thin shell over the public API.

Each subcommand lives in its own module here and exposes `register(subparsers)`,
which adds its parser and sets `handler` to a function `(args) -> exit status`.
Exit status: 0 clean, 1 findings or errors in the input, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._version import __version__
from . import check, export, import_, report, rules, run, schedule, schema, status

# Subcommand modules, in the order `progman --help` lists them.
COMMANDS = [run, check, schedule, status, report, rules, schema, import_, export]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="progman",
        description="Check, schedule and report on MSP programmes and PRINCE2 projects.",
    )
    parser.add_argument("--version", action="version", version=f"progman {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `progman` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - `progman ... | head`
        sys.stderr.close()
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
