"""`progman run PATH`: the main job on a programme definition, with a readable summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..io.yaml import DefinitionError, load_path
from ..report.summary import summary
from ..rules import validate
from ._args import iso_date


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `run` subcommand."""
    parser = subparsers.add_parser(
        "run",
        help="load a programme and print its summary and governance findings",
        description="Load a programme definition (a YAML file, or a folder holding "
        "programme.yaml) and print a summary of it.",
    )
    parser.add_argument("path", type=Path, help="programme file or folder")
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge the programme as at this date (default: today)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the main job; 1 when the definition has problems."""
    try:
        programme = load_path(args.path)
    except DefinitionError as error:
        print(error)
        return 1
    print(summary(programme))
    print()
    print(validate(programme, today=args.today).to_text())
    return 0
