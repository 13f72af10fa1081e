"""`progman status PATH --date D`: the RAG dashboard with reasons, benefits by financial
year and the risks the programme board must see."""

from __future__ import annotations

import argparse

from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import EXIT_OK, cannot_schedule, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `status` subcommand."""
    parser = subparsers.add_parser(
        "status",
        help="RAG dashboard, benefits by financial year, escalated risks and lessons",
        description="Judge a programme at a status date: RAG for time, cost, benefits and "
        "risk of every project and the programme (with reasons), benefits by UK financial "
        "year, the escalated and significant risks, and the lessons log.",
    )
    add_programme_path(parser)
    add_status_date(parser)
    add_format(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the dashboard; exit status as `progman --help` says."""
    from ..control import benefits_realisation, rag_status, raid_roll_up
    from ..model.risk import risks_assessed_once
    from ..report.status import status_data, status_text
    from ..schedule import ScheduleError, contents_checked

    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    # Just loaded, so its lists hold what validation put there; RAG and RAID both read
    # every risk's score.
    with contents_checked(programme, validated=True), risks_assessed_once():
        try:
            rag = rag_status(programme, status_date=day)
        except ScheduleError as error:
            raise cannot_schedule(args.path, error.findings) from None
        raid = raid_roll_up(programme)
    benefits = rag.forecast.benefits if rag.forecast is not None else None
    if benefits is None:
        benefits = benefits_realisation(programme, status_date=day)
    lessons = [(p.id if p else None, lesson) for p, lesson in programme.all_lessons()]
    if args.format == "json":
        data = status_data(rag, benefits, raid, lessons)
        print_json({**data, "status_date_source": source})
    else:
        people = {person.id: person.name for person in programme.people}
        print(status_text(programme.name, rag, benefits, raid, people, lessons))
    return EXIT_OK
