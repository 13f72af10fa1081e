"""`progman report PATH [--date D] [-o FILE] [--file-format html|md]`: the board report as
a file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..io.atomic import write_atomic
from ..model import Programme
from ..words import long_date
from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import EXIT_OK, EXIT_USAGE, CommandError, note, print_json

if TYPE_CHECKING:
    from ..report import BoardReport

FORMATS = ["html", "md"]
"""The formats a board report is written in (`render`)."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `report` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="write the programme board report (self-contained HTML, or Markdown)",
        description="Write the board report of a programme at a status date: summary, RAG "
        "with reasons, Gantt chart with the critical path, milestones, risk heat map, "
        "benefits by financial year, escalated risks, open issues and validation findings.",
    )
    add_programme_path(parser)
    add_status_date(parser)
    add_format(parser, *FORMATS)
    add_file_format(parser, FORMATS)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write it (default: report.html or report.md)",
    )
    parser.add_argument(
        "--risk-analysis",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="add (or leave out) the schedule risk section: S-curve, tornado, P80 dates "
        "(default: when the programme has three-point estimates or risk impacts)",
    )
    parser.set_defaults(handler=handle)


def add_file_format(parser: argparse.ArgumentParser, choices: list[str]) -> None:
    """`--file-format`: the format of the file written (default: from the output's suffix)."""
    parser.add_argument(
        "--file-format",
        choices=choices,
        default=None,
        help="format of the file written (default: from the output's suffix)",
    )


def file_format(args: argparse.Namespace, choices: list[str]) -> None:
    """Move a deprecated `--format FILEFORMAT` to `--file-format` (with a warning)."""
    if args.format in choices:
        note(f"--format {args.format} is deprecated; use --file-format {args.format}")
        args.file_format = args.format
        args.format = "text"


def render(report: BoardReport, fmt: str) -> str:
    """The board report as text in one of `FORMATS`."""
    from ..report import render_html, render_markdown

    return render_html(report) if fmt == "html" else render_markdown(report)


def write_report(
    programme: Programme,
    status_date: date | str,
    path: Path,
    fmt: str = "html",
    *,
    risk_analysis: bool | None = None,
) -> Path:
    """Render the board report in `fmt` and write it to `path`; returns the path written."""
    from ..report import board_report  # here: reports need numpy, `--help` does not

    report = board_report(programme, status_date=status_date, risk_analysis=risk_analysis)
    write_atomic(path, render(report, fmt))
    return path


def handle(args: argparse.Namespace) -> int:
    """Write the report; exit status as `progman --help` says."""
    file_format(args, FORMATS)
    suffix = args.output.suffix.lstrip(".").lower() if args.output else ""
    fmt = args.file_format or (suffix if suffix in FORMATS else "html")
    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    output = args.output or Path(f"report.{fmt}")
    from ..schedule import contents_checked

    try:
        with contents_checked(programme, validated=True):  # just loaded: nothing edited
            written = write_report(programme, day, output, fmt, risk_analysis=args.risk_analysis)
    except OSError as error:
        raise CommandError(
            f"cannot write {output}: {error.strerror or error}", code=EXIT_USAGE, kind="io"
        ) from None
    if args.format == "json":
        print_json(
            {
                "status_date": day,
                "status_date_source": source,
                "output": str(written),
                "file_format": fmt,
            }
        )
    else:
        print(f"Wrote the board report at {long_date(day)} to {written}")
    return EXIT_OK
