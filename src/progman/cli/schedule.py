"""`progman schedule PATH`: dates, floats and the critical path of a programme.

A thin shell over `progman.schedule`: load, schedule, print as a table, JSON
(the contract in docs/scheduling.md) or CSV. Exit status 0 when scheduled
(warnings such as a missed deadline are printed), 1 when it cannot be scheduled
or has findings at or above --fail-on, 2 for usage errors and definitions that
cannot be loaded.
"""

from __future__ import annotations

import argparse
import csv
import io

from ..words import long_date
from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import cannot_schedule, findings_exit, note, print_json

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
        "then the critical path. Remaining work is scheduled after the status date.",
    )
    add_programme_path(parser)
    add_format(parser, "csv", "table")
    add_status_date(parser)
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help="lowest severity of the schedule's findings that makes the exit status 1",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Schedule and print; exit status as `progman --help` says."""
    from ..schedule import ScheduleError, contents_checked, schedule  # here: it needs numpy

    if args.format == "table":
        note("--format table is deprecated; use --format text")
        args.format = "text"
    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    try:
        with contents_checked(programme, validated=True):  # just loaded: nothing edited
            result = schedule(programme, status_date=day)
    except ScheduleError as error:
        raise cannot_schedule(args.path, error.findings) from None
    code = findings_exit(result.findings, args.fail_on)
    if args.format == "json":
        print_json({"status_date": day, "status_date_source": source, **result.to_dict()})
        return code
    rows = result.to_dicts()
    if args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        print(out.getvalue(), end="")
        return code
    print(_table(rows))
    print()
    print(f"Finish: {long_date(result.finish)}")
    print("Critical path: " + (" -> ".join(result.critical_path) or "(none)"))
    for finding in result.findings:
        print(finding)
    return code


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
