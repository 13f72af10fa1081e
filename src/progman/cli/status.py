"""`progman status PATH --date D`: the RAG dashboard with reasons, benefits by financial
year and the risks the programme board must see."""

from __future__ import annotations

import argparse
import json

from ..control import benefits_realisation, rag_status, raid_roll_up
from ..report.status import status_data, status_text
from ..schedule import ScheduleError
from ._args import add_programme_path, add_status_date, load_programme


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `status` subcommand."""
    parser = subparsers.add_parser(
        "status",
        help="RAG dashboard, benefits by financial year and escalated risks",
        description="Judge a programme at a status date: RAG for time, cost, benefits and "
        "risk of every project and the programme (with reasons), benefits by UK financial "
        "year, and the escalated and significant risks.",
    )
    add_programme_path(parser)
    add_status_date(parser)
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the dashboard; 1 when the definition cannot be loaded or scheduled."""
    programme = load_programme(args.path)
    if programme is None:
        return 1
    status_date = args.date or programme.status_date
    if status_date is None:
        print("progman status: no status date: give --date YYYY-MM-DD or set status_date")
        return 2
    try:
        rag = rag_status(programme, status_date=status_date)
    except ScheduleError as error:
        print("\n".join(str(finding) for finding in error.findings))
        return 1
    benefits = (
        rag.forecast.benefits
        if rag.forecast is not None
        else benefits_realisation(programme, status_date=status_date)
    )
    raid = raid_roll_up(programme)
    if args.format == "json":
        print(json.dumps(status_data(rag, benefits, raid), indent=2))
    else:
        print(status_text(programme.name, rag, benefits, raid))
    return 0
