"""`progman import plan.xml -o programme.yaml`: a Microsoft Project plan as a definition."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import Finding
from ..io.atomic import write_atomic
from ..words import plural
from ._args import add_format, load_programme
from ._contract import EXIT_OK, CommandError, print_json

if TYPE_CHECKING:  # reading MSPDI is imported when the command runs
    from ..io.mspdi import ImportResult


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `import` subcommand."""
    parser = subparsers.add_parser(
        "import",
        help="read a Microsoft Project XML plan into a programme definition (YAML)",
        description="Read a plan saved from Microsoft Project with 'Save As XML' (MSPDI; "
        "ProjectLibre and GanttProject write it too) and write it as a programme "
        "definition holding one project. What cannot be carried is listed as warnings.",
    )
    parser.add_argument(
        "plan",
        type=Path,
        help="the .xml file Microsoft Project saved; .mpp, .mpx, .xer, .pmxml and .pod are "
        "read through MPXJ (pip install 'progman[mpp]' and a Java runtime)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, help="the YAML file to write (standard output if omitted)"
    )
    parser.add_argument(
        "--update",
        metavar="PROGRAMME",
        type=Path,
        help="update one project of this programme definition from the plan, keeping "
        "everything the programme office owns (and the file's comments); prints what changed",
    )
    parser.add_argument(
        "--project",
        metavar="ID",
        help="with --update: the project to update (default: the one whose id or name the "
        "plan carries)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="with --update: print what would change, write nothing",
    )
    add_format(parser)
    parser.add_argument(
        "--no-date-check",
        dest="date_check",
        action="store_false",
        help="skip scheduling the plan and comparing its dates with the file's",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Import the plan; exit status as `progman --help` says (warnings are printed)."""
    from ..io.mspdi import MspdiError

    json_mode = args.format == "json"
    if args.update is None and (args.project is not None or args.dry_run):
        raise CommandError("--project and --dry-run go with --update PROGRAMME")
    if args.update is not None and args.output is not None:
        raise CommandError("--update writes the programme it names: leave out -o")
    try:
        result = _read(args.plan)
    except FileNotFoundError:
        raise CommandError(f"{args.plan}: no such file") from None
    except MspdiError as error:
        raise CommandError(str(error), kind="definition") from None
    if args.update is not None:
        return _update(args, result, json_mode)
    findings = list(result.findings)
    if not json_mode:
        for finding in findings:
            print(finding, file=sys.stderr)
    if args.date_check:
        findings += _check_dates(result, quiet=json_mode)
    from ..io.save import dumps  # imported here: only writing YAML needs it

    # The definition as `progman.dump` writes one, which `progman.load` reads back
    # (U+0085 or U+2028 in a name are escaped, not written raw).
    text = dumps(result.programme)
    data = result.programme.model_dump(mode="json", exclude_defaults=True)
    tasks = sum(1 for _ in result.programme.work_items())
    if args.output is not None:
        try:
            write_atomic(args.output, text)
        except OSError as error:
            raise CommandError(
                f"cannot write {args.output}: {error.strerror or error}", kind="io"
            ) from None
    if json_mode:
        print_json(
            {
                "output": None if args.output is None else str(args.output),
                "items": tasks,
                "findings": [finding.to_dict() for finding in findings],
                "definition": data if args.output is None else None,
            }
        )
        return EXIT_OK
    if args.output is None:
        sys.stdout.write(text)
    else:
        # every finding printed above is counted, the date differences included
        print(
            f"{args.output}: {plural(tasks, 'task and milestone', 'tasks and milestones')} "
            f"imported, {plural(len(findings), 'finding')}",
            file=sys.stderr,
        )
    return EXIT_OK


def _check_dates(result: ImportResult, *, quiet: bool) -> list[Finding]:
    """Where progman's schedule of the plan differs from the dates in the file (printed on
    stderr unless `quiet`)."""
    from ..io.mspdi import schedule_agreement
    from ..schedule import ScheduleError

    try:
        differences = list(schedule_agreement(result))
    except ScheduleError as error:
        differences = list(error.findings)
    if not quiet:
        for finding in differences:
            print(finding, file=sys.stderr)
        if not differences:
            print("dates: progman's schedule agrees with the file's, item by item", file=sys.stderr)
    return differences


def _read(plan: Path) -> ImportResult:
    """The plan: MSPDI read directly, .mpp and other formats through MPXJ."""
    from ..io import mpxj
    from ..io.mspdi import load

    if plan.suffix.lower() not in mpxj.SUFFIXES:
        return load(plan)
    try:
        return mpxj.load(plan)
    except mpxj.MpxjUnavailable as error:
        raise CommandError(f"{plan}: {error}") from None


def _update(args: argparse.Namespace, result: ImportResult, json_mode: bool) -> int:
    """`--update PROGRAMME`: apply the plan to one project of the programme and save it."""
    from ..io.plan_update import PlanUpdateError, update_from_plan
    from ..io.save import DefinitionChanged, dump
    from ..io.snapshot import remember

    programme = load_programme(args.update)
    remember(programme)  # so that saving it costs the update, not the file
    try:
        update = update_from_plan(programme, result, project=args.project)
    except PlanUpdateError as error:
        raise CommandError(f"{args.plan}: {error}") from None
    findings = [*result.findings, *update.findings]
    if not args.dry_run and update.changes:
        try:
            dump(programme, args.update)
        except DefinitionChanged as error:
            raise CommandError(str(error), kind="io") from None
        except OSError as error:
            raise CommandError(
                f"cannot write {args.update}: {error.strerror or error}", kind="io"
            ) from None
    if json_mode:
        written = not args.dry_run and bool(update.changes)
        print_json(
            {
                "output": str(args.update) if written else None,
                "items": sum(1 for _ in programme.project(update.project).work_items()),
                "findings": [finding.to_dict() for finding in findings],
                "definition": None,
                "update": {
                    "programme": str(args.update),
                    "project": update.project,
                    "dry_run": args.dry_run,
                    "changes": [vars(change) for change in update.changes],
                },
            }
        )
        return EXIT_OK
    for finding in findings:
        print(finding, file=sys.stderr)
    for change in update.changes:
        print(change)
    if not update.changes:
        summary = "no changes; nothing written"
    elif args.dry_run:
        summary = f"{plural(len(update.changes), 'change')}; nothing written (--dry-run)"
    else:
        summary = f"{plural(len(update.changes), 'change')}; {args.update} saved"
    print(
        f"project {update.project!r}: {summary}; {plural(len(findings), 'finding')}",
        file=sys.stderr,
    )
    return EXIT_OK
