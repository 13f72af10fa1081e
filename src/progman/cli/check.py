"""`progman check PATH...`: load each definition, run the governance rules, and print
every problem found, grouped by severity, each with its `file:line:col`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..findings import Finding, Severity
from ..io.loader import load_file
from ..model import Programme
from ..rules import Report, validate
from ..rules.report import SuppressedFinding
from ._args import iso_date


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `check` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="check programme definitions and print every problem",
        description="Load each programme definition (a YAML file, or a folder: every "
        "programme.yaml in it and below), run the governance rules on it, and print each "
        "problem as file:line:col, grouped by severity. Exit status 0 when clean (or only "
        "below --fail-on), 1 when there are problems, 2 for usage errors.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument(
        "--format",
        choices=["text", "json", "sarif"],
        default="text",
        help="output: text (default), json, or SARIF 2.1.0 for code-review tools",
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge the programme as at this date (default: its status_date, else today)",
    )
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


def check_file(file: Path, today: date | None = None, *, rules: bool = True) -> Report:
    """Every problem in one programme file: what stops it loading, else what the rules find."""
    loaded = load_file(file)
    if loaded.programme is None or not rules:
        return Report(findings=tuple(loaded.findings))
    return programme_findings(loaded.programme, today)


def programme_findings(programme: Programme, today: date | None = None) -> Report:
    """The governance rules' report on a programme that loaded, located in its files."""
    return validate(programme, today=today or programme.status_date)


def check(paths: list[Path], today: date | None = None, *, rules: bool = True) -> Report:
    """Every problem in the definitions at `paths` (the function behind `progman check`);
    with `rules=False`, only what stops them loading."""
    findings: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    ran: set[str] = set()
    for path in paths:
        for file in definition_files(path):
            report = check_file(file, today, rules=rules)
            findings.extend(report.findings)
            suppressed.extend(report.suppressed)
            ran.update(report.rules)
    return Report(findings=tuple(findings), suppressed=tuple(suppressed), rules=tuple(sorted(ran)))


def handle(args: argparse.Namespace) -> int:
    """Check the paths; 2 if one does not exist, 1 if there are problems, else 0."""
    missing = [path for path in args.paths if not path.exists()]
    for path in missing:
        print(f"progman check: {path}: no such file or folder", file=sys.stderr)
    empty = [p for p in args.paths if p.is_dir() and next(definition_files(p), None) is None]
    for path in empty:
        print(f"progman check: {path}: no programme.yaml in this folder", file=sys.stderr)
    if missing or empty:
        return 2
    report = check(args.paths, args.today, rules=not args.no_rules)
    if args.format == "json":
        print(json.dumps([finding.to_dict() for finding in report], indent=2))
    elif args.format == "sarif":
        print(json.dumps(report.to_sarif(), indent=2))
    elif report.findings:
        print(report.to_text())
    threshold = Severity(args.fail_on).rank
    return 1 if any(finding.severity.rank <= threshold for finding in report) else 0
