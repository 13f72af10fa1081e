"""Arguments and loading shared by the subcommands."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from ..model import Programme


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


def add_status_date(parser: argparse.ArgumentParser) -> None:
    """`--date`, the status date a programme is judged at."""
    parser.add_argument(
        "--date",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="status date (default: the programme's status_date)",
    )


def load_programme(path: Path, *, stream: TextIO | None = None) -> Programme | None:
    """The programme at `path`, or None after printing every problem that stops it loading."""
    from ..io.yaml import DefinitionError, load_path

    try:
        return load_path(path)
    except DefinitionError as error:
        print(error, file=stream)
        return None
