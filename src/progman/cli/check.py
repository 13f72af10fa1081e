"""`progman check PATH...`: load each definition and print every problem found."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from ..findings import Finding
from ..io.loader import load_file
from ..model import Programme


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `check` subcommand."""
    parser = subparsers.add_parser(
        "check",
        help="check programme definitions and print every problem",
        description="Load each programme definition (a YAML file, or a folder: every "
        "programme.yaml in it and below) and print each problem as file:line:col. "
        "Exit status 0 when clean, 1 when there are problems, 2 for usage errors.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (text)"
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


def check_file(file: Path) -> list[Finding]:
    """Every problem in one programme file: what stops it loading, else what the checks find."""
    loaded = load_file(file)
    if loaded.programme is None:
        return loaded.findings
    return programme_findings(loaded.programme)


def programme_findings(programme: Programme) -> list[Finding]:
    """Findings about a programme that loaded (none yet: the rules engine plugs in here).

    Rule findings carry a model path; `progman.io.locations.locate(programme, path)`
    gives their `file:line:col`.
    """
    return []


def check(paths: list[Path]) -> list[Finding]:
    """Every problem in the definitions at `paths` (the function behind `progman check`)."""
    findings: list[Finding] = []
    for path in paths:
        for file in definition_files(path):
            findings.extend(check_file(file))
    return findings


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
    findings = check(args.paths)
    if args.format == "json":
        print(json.dumps([finding.to_dict() for finding in findings], indent=2))
    else:
        for finding in findings:
            print(finding)
    return 1 if findings else 0
