"""`progman run PATH`: the main job on a programme definition.

Loads it, prints its summary, the governance findings, the schedule's finish
and critical path and the status headline, then writes the HTML board report.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..io.atomic import write_atomic
from ..report import board_report
from ..report.summary import summary
from ..report.tables import rag_label
from ._args import add_programme_path, iso_date, load_programme
from .report import RENDERERS


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `run` subcommand."""
    parser = subparsers.add_parser(
        "run",
        help="check, schedule and judge a programme, and write its board report",
        description="Load a programme definition (a YAML file, or a folder holding "
        "programme.yaml), print its summary, findings, forecast finish, critical path and "
        "status, and write the HTML board report.",
    )
    add_programme_path(parser)
    parser.add_argument(
        "--today",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge the programme as at this date (default: its status_date, else today)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="where to write the HTML board report (default: report.html)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the main job; 1 when the definition has problems."""
    programme = load_programme(args.path)
    if programme is None:
        return 1
    status_date = args.today or programme.status_date or date.today()
    report = board_report(programme, status_date=status_date)
    print(summary(programme))
    print()
    print(report.validation.to_text())
    print()
    if report.finish is not None:
        print(f"Forecast finish: {report.finish}")
        print("Critical path: " + " -> ".join(report.critical_path_names))
    if report.rag is not None:
        overall = report.rag.programme.overall
        print(f"Status at {status_date}: {rag_label(overall)} ({overall.reason})")
    try:
        write_atomic(args.report, RENDERERS["html"](report))
    except OSError as error:
        print(f"progman run: cannot write {args.report}: {error.strerror or error}")
        return 1
    print(f"\nBoard report written to {args.report.resolve()}")
    return 0
