"""`progman export PATH --what risks --format xlsx -o FILE`: registers as spreadsheets,
and the plan as Microsoft Project XML (`--what plan`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..io.registers import REGISTERS, export_register
from ._args import add_programme_path, load_programme

_FORMATS = ("xlsx", "csv", "xml")


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
    parser.add_argument(
        "--format", choices=_FORMATS, help="file format (default: from the output's suffix)"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    parser.add_argument(
        "--project",
        metavar="ID",
        help="with --what plan: write this one project alone (its stages at the top level), "
        "for the project manager's own plan",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Write the file; 1 when the programme cannot be loaded or written, 2 on usage errors."""
    fmt = args.format or args.output.suffix.lstrip(".").lower()
    if args.project is not None and args.what != "plan":
        print("progman export: --project goes with --what plan", file=sys.stderr)
        return 2
    expected = ("xml",) if args.what == "plan" else ("xlsx", "csv")
    if fmt not in expected:
        print(
            f"progman export: --what {args.what} writes {' or '.join(expected)}, not "
            f"{fmt or 'a file without a suffix'}: give --format",
            file=sys.stderr,
        )
        return 2
    programme = load_programme(args.path, stream=sys.stderr)
    if programme is None:
        return 1
    try:
        if args.what == "plan":
            from ..io.mspdi import MspdiError, dump

            try:
                findings = dump(programme, args.output, project=args.project)
            except MspdiError as error:
                print(error, file=sys.stderr)
                return 1
            for finding in findings:
                print(finding, file=sys.stderr)
        else:
            export_register(programme, args.what, args.output, fmt)
    except (ImportError, ValueError) as error:  # RegisterError, ScheduleError
        print(f"progman export: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"progman export: cannot write {args.output}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    print(f"{args.output}: {args.what} written", file=sys.stderr)
    return 0
