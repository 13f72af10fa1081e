"""Arguments and loading shared by the subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..model import Programme
from ..model.common import choose_status_date
from ..words import plural
from ._contract import EXIT_USAGE, CommandError, note, status_date_note


def iso_date(text: str) -> date:
    """An argparse type for dates written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2013-01-14"
        ) from None


def add_programme_path(parser: argparse.ArgumentParser) -> None:
    """The positional PATH every programme command takes."""
    parser.add_argument("path", type=Path, help="programme file or folder")


class _DeprecatedAlias(argparse.Action):
    """An old spelling of an option: stores into the new one's destination and warns."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        self.replacement: str = kwargs.pop("replacement")
        super().__init__(option_strings, dest, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        note(f"{option_string} is deprecated; use {self.replacement}")
        setattr(namespace, self.dest, values)


def add_status_date(parser: argparse.ArgumentParser) -> None:
    """`--date`, the status date a programme is judged at (`--today` and `--status-date`
    are its deprecated spellings)."""
    parser.add_argument(
        "--date",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="status date to judge the programme at (default: the file's status_date, "
        "else today; the date used is shown on stderr, or in the JSON)",
    )
    for old in ("--today", "--status-date"):
        parser.add_argument(
            old,
            dest="date",
            type=iso_date,
            action=_DeprecatedAlias,
            replacement="--date",
            metavar="YYYY-MM-DD",
            help=argparse.SUPPRESS,
        )


def add_format(parser: argparse.ArgumentParser, *extra: str, default: str = "text") -> None:
    """`--format text|json` (and the command's own extra formats)."""
    choices = ["text", "json", *extra]
    parser.add_argument(
        "--format",
        choices=choices,
        default=default,
        help=f"output: {', '.join(choices)} (default: {default}); json prints one document "
        "whose JSON Schema is `progman schema --output "
        f"{parser.prog.split()[-1]}`",
    )


def status_date(args: argparse.Namespace, programme: Programme) -> tuple[date, str]:
    """The status date for this run and where it came from (`argument`, `programme` or
    `today`); said on stderr in text mode."""
    day, source = choose_status_date(args.date, programme.status_date)
    status_date_note(day, source, args.format == "json")
    return day, source


def missing_path(path: Path) -> str | None:
    """Why `path` cannot be used (no such file, a name the system refuses), or None."""
    try:
        if path.exists():
            return None
    except (OSError, ValueError) as error:  # e.g. a name too long for the file system
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return f"{str(path)[:80]}{'...' if len(str(path)) > 80 else ''}: cannot be read ({reason})"
    return f"{path}: no such file or folder"


def load_programme(path: Path) -> Programme:
    """The programme at `path`; a `CommandError` (exit 2) with every problem that stops it
    loading."""
    from ..io.loader import load_file

    problem = missing_path(path)
    if problem is not None:
        raise CommandError(problem, code=EXIT_USAGE)
    loaded = load_file(path)
    if loaded.programme is None:
        raise CommandError(
            f"{path}: the definition cannot be loaded ({plural(len(loaded.findings), 'problem')})",
            code=EXIT_USAGE,
            kind="definition",
            findings=loaded.findings,
        )
    return loaded.programme
