"""`progman export PATH --what risks -o FILE [--file-format xlsx|csv]`: registers as
spreadsheets, and the plan as Microsoft Project XML (`--what plan`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..findings import Finding
from ..io.registers import REGISTERS, export_register
from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CommandError, print_json
from .report import add_file_format, file_format

_FORMATS = ["csv", "xlsx", "xml"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `export` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="write a register to Excel or CSV, or the plan to Microsoft Project XML",
        description="Write the risk register, issue register, benefits profile by "
        "financial year or schedule of a programme as a spreadsheet (xlsx or csv), or "
        "its plan as Microsoft Project XML (--what plan).",
    )
    add_programme_path(parser)
    parser.add_argument("--what", required=True, choices=[*REGISTERS, "plan"], help="what to write")
    add_format(parser, *_FORMATS)
    add_file_format(parser, _FORMATS)
    add_status_date(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    parser.add_argument(
        "--project",
        metavar="ID",
        help="with --what plan: write this one project alone (its stages at the top level), "
        "for the project manager's own plan",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Write the file; exit status as `progman --help` says."""
    file_format(args, _FORMATS)
    fmt = args.file_format or args.output.suffix.lstrip(".").lower()
    if args.project is not None and args.what != "plan":
        raise CommandError("--project goes with --what plan")
    expected = ("xml",) if args.what == "plan" else ("xlsx", "csv")
    if fmt not in expected:
        raise CommandError(
            f"--what {args.what} writes {' or '.join(expected)}, not "
            f"{fmt or 'a file without a suffix'}: give --file-format"
        )
    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    if programme.status_date != day:
        programme = programme.model_copy(update={"status_date": day})
    findings: list[Finding] = []
    try:
        if args.what == "plan":
            from ..io.mspdi import MspdiError, dump

            try:
                findings = list(dump(programme, args.output, project=args.project))
            except MspdiError as error:
                raise CommandError(str(error), code=EXIT_FINDINGS, kind="schedule") from None
        else:
            export_register(programme, args.what, args.output, fmt)
    except ImportError as error:
        raise CommandError(str(error), code=EXIT_USAGE) from None
    except ValueError as error:  # RegisterError, ScheduleError
        raise CommandError(str(error), code=EXIT_FINDINGS, kind="schedule") from None
    except OSError as error:
        raise CommandError(
            f"cannot write {args.output}: {error.strerror or error}", kind="io"
        ) from None
    if args.format == "json":
        print_json(
            {
                "status_date": day,
                "status_date_source": source,
                "what": args.what,
                "file_format": fmt,
                "output": str(args.output),
                "findings": [finding.to_dict() for finding in findings],
            }
        )
        return EXIT_OK
    for finding in findings:
        print(finding)
    print(f"{args.output}: {args.what} written", file=sys.stderr)
    return EXIT_OK
