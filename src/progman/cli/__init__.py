"""The `progman` command: a thin shell over the public API.

Each subcommand lives in its own module here and exposes `register(subparsers)`,
which adds its parser and sets `handler` to a function `(args) -> exit status`.
Exit status (`_contract`): 0 clean, 1 findings at or above `--fail-on`, 2 usage error or
a definition that cannot be loaded, 3 internal error. Broken pipes never change it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from importlib import import_module
from typing import NoReturn

from .._version import __version__
from ._contract import (
    EXIT_CODES_HELP,
    EXIT_INTERNAL,
    ArgumentParser,
    CommandError,
    PipeSafeStream,
    report_error,
    wants_json,
)

# Subcommand modules, in the order `progman --help` lists them. Each is imported when its
# parser is built; a command line naming its command builds that one alone (`_only`).
COMMAND_MODULES = (
    "run",
    "check",
    "schedule",
    "risk_analysis",
    "status",
    "compare",
    "report",
    "rules",
    "schema",
    "import_",
    "export",
)


def _command_of(module: str) -> str:
    """The command a subcommand module adds: `import_` -> `import`."""
    return module.rstrip("_").replace("_", "-")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only the command `only`
    (the other subcommands' modules are then not imported)."""
    parser = ArgumentParser(
        prog="progman",
        description="Check, schedule and report on MSP programmes and PRINCE2 projects. "
        "Every command takes --format text|json (json: one document on stdout, errors "
        "included, with a schema_version; its JSON Schema: progman schema --output COMMAND).",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"progman {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        if only is None or _command_of(module) == only:
            import_module(f"{__name__}.{module}").register(subparsers)
    for sub in subparsers.choices.values():
        sub.add_argument(
            "--debug",
            action="store_true",
            default=argparse.SUPPRESS,
            help="show the traceback of an internal error",
        )
        if sub.epilog is None:
            sub.epilog = EXIT_CODES_HELP
    return parser


def _command_name(argv: Sequence[str]) -> str | None:
    names = {_command_of(module) for module in COMMAND_MODULES}
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    return first if first in names else None


def _only(argv: Sequence[str], command: str | None) -> str | None:
    """The command whose parser alone reads `argv` exactly as the whole parser would: the
    command named, when nothing but `--debug` comes before it (so no `--help`, or an
    abbreviation of it, that would list every command)."""
    if command is None:
        return None
    before = argv[: list(argv).index(command)]
    return command if all(arg == "--debug" for arg in before) else None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `progman` command; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    json_mode = wants_json(arguments)
    debug = "--debug" in arguments
    command = _command_name(arguments)
    stdout = sys.stdout
    guarded = PipeSafeStream(stdout)
    sys.stdout = guarded
    try:
        try:
            args = build_parser(_only(arguments, command)).parse_args(arguments)
            status: int = args.handler(args)
        except CommandError as error:
            status = report_error(command, error, json_mode)
        except KeyboardInterrupt:  # pragma: no cover - interactive only
            status = 130
        except SystemExit as stop:  # --help and --version
            status = stop.code if isinstance(stop.code, int) else 0
        except Exception as error:
            if debug:
                traceback.print_exc()
            message = f"internal error: {type(error).__name__}: {error}".splitlines()[0]
            if not debug:
                message += " (run again with --debug for the traceback, and please report it)"
            status = report_error(
                command, CommandError(message, code=EXIT_INTERNAL, kind="internal"), json_mode
            )
        guarded.flush()
    finally:
        sys.stdout = stdout
    return status


def one_blas_thread() -> None:
    """Have numpy's OpenBLAS start one thread, not one per core, unless the user says.

    OpenBLAS starts its thread pool when numpy loads, and the threads' start costs CPU
    time that no command uses: progman does no linear algebra worth a thread (0.06 s of
    CPU on every command that schedules, on two cores; more on more). Set before numpy is
    imported; `OPENBLAS_NUM_THREADS` in the environment stands.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def entry_point() -> NoReturn:
    """The `progman` command as a process: `main()`, then out without tearing down.

    Freeing a large programme object by object at interpreter exit costs about half a
    second per 100,000 tasks and tells nobody anything, so once the output is flushed the
    process ends at once (as mypy does). Everything written is closed by then: every file
    goes through an atomic write that has finished before `main` returns.
    """
    one_blas_thread()
    status = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing to say
            stream.flush()
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    entry_point()
