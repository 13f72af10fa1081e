"""`progman import plan.xml -o programme.yaml`: a Microsoft Project plan as a definition."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from ..io.atomic import write_atomic
from ..io.mspdi import ImportResult, MspdiError, load, schedule_agreement


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `import` subcommand."""
    parser = subparsers.add_parser(
        "import",
        help="read a Microsoft Project XML plan into a programme definition (YAML)",
        description="Read a plan saved from Microsoft Project with 'Save As XML' (MSPDI; "
        "ProjectLibre and GanttProject write it too) and write it as a programme "
        "definition holding one project. What cannot be carried is listed as warnings.",
    )
    parser.add_argument("plan", type=Path, help="the .xml file Microsoft Project saved")
    parser.add_argument(
        "-o", "--output", type=Path, help="the YAML file to write (standard output if omitted)"
    )
    parser.add_argument(
        "--no-date-check",
        dest="date_check",
        action="store_false",
        help="skip scheduling the plan and comparing its dates with the file's",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Import the plan; 1 when it cannot be read, 0 otherwise (warnings are printed)."""
    try:
        result = load(args.plan)
    except MspdiError as error:
        print(error, file=sys.stderr)
        return 1
    for finding in result.findings:
        print(finding, file=sys.stderr)
    printed = len(result.findings)
    if args.date_check:
        printed += _check_dates(result)
    from ruamel.yaml import YAML  # imported here: only writing YAML needs it

    yaml = YAML()
    yaml.default_flow_style = False
    data = result.programme.model_dump(mode="json", exclude_defaults=True)
    if args.output is None:
        yaml.dump(data, sys.stdout)
    else:
        text = io.StringIO()
        yaml.dump(data, text)
        try:
            write_atomic(args.output, text.getvalue())
        except OSError as error:
            print(
                f"progman import: cannot write {args.output}: {error.strerror or error}",
                file=sys.stderr,
            )
            return 1
        tasks = sum(1 for _ in result.programme.work_items())
        print(
            f"{args.output}: {tasks} tasks and milestones imported, {printed} finding(s)",
            file=sys.stderr,
        )
    return 0


def _check_dates(result: ImportResult) -> int:
    """Print where progman's schedule of the plan differs from the dates in the file;
    returns how many findings were printed."""
    from ..schedule import ScheduleError

    try:
        differences = schedule_agreement(result)
    except ScheduleError as error:
        print(error, file=sys.stderr)
        return len(error.findings) or 1
    for finding in differences:
        print(finding, file=sys.stderr)
    if not differences:
        print("dates: progman's schedule agrees with the file's, item by item", file=sys.stderr)
    return len(differences)
