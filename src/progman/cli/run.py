"""`progman run PATH`: the main job on a programme definition.

Loads it, prints its summary, the governance findings, the schedule's finish
and critical path and the status headline, then writes the HTML board report.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..io.atomic import write_atomic
from ..words import long_date
from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import EXIT_USAGE, CommandError, findings_exit, print_json
from .report import render


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
    add_status_date(parser)
    add_format(parser)
    parser.add_argument(
        "--report",
        type=Path,
        default=Path("report.html"),
        metavar="FILE",
        help="where to write the HTML board report (default: report.html)",
    )
    parser.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        default="error",
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Run the main job; exit status as `progman --help` says."""
    from ..report import board_report  # here: reports need numpy, `--help` does not
    from ..report.summary import summary
    from ..report.tables import rag_label
    from ..schedule import contents_checked

    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    with contents_checked(programme, validated=True):  # just loaded: nothing edited
        report = board_report(programme, status_date=day)
    try:
        write_atomic(args.report, render(report, "html"))
    except OSError as error:
        raise CommandError(
            f"cannot write {args.report}: {error.strerror or error}", code=EXIT_USAGE, kind="io"
        ) from None
    code = findings_exit(report.validation, args.fail_on)
    overall = report.rag.programme.overall if report.rag is not None else None
    if args.format == "json":
        print_json(
            {
                "status_date": day,
                "status_date_source": source,
                "programme": {"id": programme.id, "name": programme.name},
                "facts": [{"label": label, "value": value} for label, value in report.facts],
                "validation": report.validation.to_dict(),
                "finish": report.finish,
                "critical_path": list(report.critical_path),
                "status": None
                if overall is None
                else {"rag": overall.status, "reason": overall.reason},
                "report": str(args.report),
            }
        )
        return code
    print(summary(programme, report.facts))
    print()
    print(report.validation.to_text())
    print()
    if report.finish is not None:
        print(f"Forecast finish: {long_date(report.finish)}")
        print("Critical path: " + " -> ".join(report.critical_path_names))
    else:
        print("Forecast finish: none: the plan cannot be scheduled (the errors above say why)")
    if overall is not None:
        print(f"Status at {long_date(day)}: {rag_label(overall)} ({overall.reason})")
    print(f"\nBoard report written to {args.report.resolve()}")
    return code
