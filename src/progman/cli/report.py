"""`progman report PATH --date D [-o FILE] [--format html|md]`: the board report as a file."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..io.atomic import write_atomic
from ..model import Programme
from ..report import board_report, render_html, render_markdown
from ._args import add_programme_path, add_status_date, load_programme

RENDERERS = {"html": render_html, "md": render_markdown}


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
    parser.add_argument("--format", choices=sorted(RENDERERS), default="html")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write it (default: report.html or report.md)",
    )
    parser.set_defaults(handler=handle)


def write_report(programme: Programme, status_date: date, path: Path, fmt: str = "html") -> Path:
    """Render the board report in `fmt` and write it to `path`; returns the path written."""
    write_atomic(path, RENDERERS[fmt](board_report(programme, status_date=status_date)))
    return path


def handle(args: argparse.Namespace) -> int:
    """Write the report; 1 when the definition cannot be loaded, 2 without a status date."""
    programme = load_programme(args.path)
    if programme is None:
        return 1
    status_date = args.date or programme.status_date
    if status_date is None:
        print("progman report: no status date: give --date YYYY-MM-DD or set status_date")
        return 2
    output = args.output or Path(f"report.{args.format}")
    try:
        written = write_report(programme, status_date, output, args.format)
    except OSError as error:
        print(f"progman report: cannot write {output}: {error.strerror or error}")
        return 1
    print(f"wrote the board report at {status_date} to {written}")
    return 0
