"""`progman schedule PATH`: dates, floats and the critical path of a programme.

A thin shell over `progman.schedule`: load, schedule, print as a table, JSON
(the contract in docs/scheduling.md) or CSV. Exit status 0 when scheduled
(warnings such as a missed deadline are printed), 1 when the definition
cannot be loaded or scheduled, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import csv
import io

from ..schedule import ScheduleError, schedule
from ._args import add_programme_path, iso_date, load_programme

_COLUMNS = [
    "id",
    "name",
    "kind",
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_float",
    "free_float",
    "critical",
]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `schedule` subcommand."""
    parser = subparsers.add_parser(
        "schedule",
        help="schedule a programme: dates, float and the critical path",
        description="Schedule a programme definition (critical path method on working-day "
        "calendars) and print every item's early and late dates, float and critical flag, "
        "then the critical path.",
    )
    add_programme_path(parser)
    parser.add_argument(
        "--format",
        choices=["table", "json", "csv"],
        default="table",
        help="output format (default: table; json follows docs/scheduling.md)",
    )
    parser.add_argument(
        "--status-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="date progress was reported to: remaining work is scheduled after it",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Schedule and print; 1 when the definition cannot be loaded or scheduled."""
    programme = load_programme(args.path)
    if programme is None:
        return 1
    try:
        result = schedule(programme, status_date=args.status_date)
    except ScheduleError as error:
        for finding in error.findings:
            print(finding)
        return 1
    if args.format == "json":
        print(result.to_json())
        return 0
    rows = result.to_dicts()
    if args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        print(out.getvalue(), end="")
        return 0
    print(_table(rows))
    print()
    print(f"Finish: {result.finish}")
    print("Critical path: " + (" -> ".join(result.critical_path) or "(none)"))
    for finding in result.findings:
        print(finding)
    return 0


def _table(rows: list[dict[str, object]]) -> str:
    """A plain-text table with a header, columns padded to their widest cell."""
    headers = [
        "id",
        "name",
        "kind",
        "start",
        "finish",
        "late start",
        "late finish",
        "float",
        "free",
        "critical",
    ]
    cells = [
        [
            str(row["id"]),
            _shorten(str(row["name"]), 40),
            str(row["kind"]),
            *(str(row[key] or "-") for key in _COLUMNS[3:7]),
            *("-" if row[key] is None else str(row[key]) for key in ("total_float", "free_float")),
            "yes" if row["critical"] else "",
        ]
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [headers, *cells]) for i in range(len(headers))]
    lines = [
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True))
        for line in [headers, *cells]
    ]
    return "\n".join(line.rstrip() for line in lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
