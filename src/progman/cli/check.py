"""`progman check PATH...`: load each definition, run the governance rules, and print
every problem found, grouped by severity, each with its `file:line:col`."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .._json import dumps_json
from ..findings import Finding
from ..io.loader import load_file
from ..model import Programme
from ..schedule import contents_checked
from ._args import add_format, add_status_date, missing_path
from ._contract import (
    EXIT_USAGE,
    CommandError,
    findings_exit,
    status_date_note,
)

if TYPE_CHECKING:  # the rules need numpy (forecasts): imported when a check runs
    from ..rules import ValidationResult
    from ..rules.report import SuppressedFinding


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `check` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="check programme definitions and print every problem",
        description="Load each programme definition (a YAML file, or a folder: every "
        "programme.yaml in it and below), run the governance rules on it, and print each "
        "problem as file:line:col, grouped by severity.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    add_format(parser, "sarif")
    add_status_date(parser)
    parser.add_argument(
        "--no-rules",
        action="store_true",
        help="only load and validate the definitions; skip the governance rules",
    )
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    parser.set_defaults(handler=handle)


def definition_files(path: Path) -> Iterator[Path]:
    """The programme files to check for a path: the file, or each `programme.yaml` in a folder.

    Project files that a programme includes are checked through that programme.
    """
    if path.is_dir():
        yield from sorted(path.rglob("programme.yaml"))
    else:
        yield path


def check_file(
    file: Path, status_date: date | None = None, *, rules: bool = True
) -> ValidationResult:
    """Every problem in one programme file: what stops it loading, else what the rules find."""
    return _check([file], status_date, rules=rules)[0]


def programme_findings(programme: Programme, status_date: date | None = None) -> ValidationResult:
    """The governance rules' findings on a programme that loaded, located in its files."""
    from ..rules import validate  # here: the rules need numpy (forecasts), `--help` does not

    return validate(programme, status_date=status_date)


def check(
    paths: list[Path], status_date: date | None = None, *, rules: bool = True
) -> ValidationResult:
    """Every problem in the definitions at `paths` (the function behind `progman check`);
    with `rules=False`, only what stops them loading. Each programme is judged at
    `status_date`, else its own status_date, else today."""
    return _check(paths, status_date, rules=rules)[0]


def _check(
    paths: list[Path], status_date: date | None, *, rules: bool
) -> tuple[ValidationResult, int]:
    """`check`, and how many of the files could not be loaded."""
    from ..rules import ValidationResult

    unloaded = 0
    found: list[tuple[Finding, ...]] = []
    suppressed: list[SuppressedFinding] = []
    ran: dict[str, None] = {}
    dates: set[tuple[date | None, str | None]] = set()
    for path in paths:
        for file in definition_files(path):
            loaded = load_file(file)
            if loaded.programme is None:
                unloaded += 1
                result = ValidationResult(findings=tuple(loaded.findings))
            elif rules:
                with contents_checked(loaded.programme, validated=True):  # just loaded
                    result = programme_findings(loaded.programme, status_date)
            else:
                result = ValidationResult(findings=tuple(loaded.findings))
            found.append(result.findings)
            suppressed.extend(result.suppressed)
            ran.update(dict.fromkeys(result.rules))
            if result.status_date is not None:
                dates.add((result.status_date, result.status_date_source))
    day, source = dates.pop() if len(dates) == 1 else (None, "per-file" if dates else None)
    # One file's findings are in order already: they are not sorted again.
    findings = found[0] if len(found) == 1 else tuple(f for each in found for f in each)
    result = ValidationResult(
        findings=findings,
        suppressed=tuple(suppressed),
        rules=tuple(ran),
        status_date=day,
        status_date_source=source,
    )
    return result, unloaded


def handle(args: argparse.Namespace) -> int:
    """Check the paths; exit status as `progman --help` says."""
    problems = [problem for path in args.paths if (problem := missing_path(path))]
    problems += [
        f"{path}: no programme.yaml in this folder"
        for path in args.paths
        if not missing_path(path) and path.is_dir() and next(definition_files(path), None) is None
    ]
    if problems:
        raise CommandError("; ".join(problems), code=EXIT_USAGE)
    result, unloaded = _check(args.paths, args.date, rules=not args.no_rules)
    if args.format == "json":
        print(result.to_json())
    elif args.format == "sarif":
        print(dumps_json(result.to_sarif()))
    else:
        day, source = result.status_date, result.status_date_source
        if day is not None and source is not None and source != "per-file":
            status_date_note(day, source, False)
        if result.findings:
            print(result.to_text())
    if unloaded:
        return EXIT_USAGE
    return findings_exit(result, args.fail_on)
