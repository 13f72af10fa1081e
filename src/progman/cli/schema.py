"""`progman schema`: print the JSON Schema of the definition format (for editors), or with
`--output COMMAND` the JSON Schema of that command's `--format json` document."""

from __future__ import annotations

import argparse

from .._json import SCHEMA_VERSION, dumps_json
from ..io.schema import json_schema
from ._args import add_format
from ._contract import EXIT_OK
from .schemas import OUTPUT_SCHEMAS, output_schema


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `schema` subcommand."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of programme definitions, or of a command's JSON output",
        description="Print the JSON Schema of the programme definition format. Save it and "
        "point yaml-language-server at it: # yaml-language-server: $schema=programme.schema.json"
        ". With --output COMMAND, print the JSON Schema of that command's --format json "
        "output instead ('error' for the document of a command that stopped).",
    )
    parser.add_argument(
        "--output",
        choices=sorted(OUTPUT_SCHEMAS),
        default=None,
        metavar="COMMAND",
        help=f"a command whose JSON output to describe: {', '.join(sorted(OUTPUT_SCHEMAS))}",
    )
    add_format(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the schema (JSON in both formats: a schema is a JSON document)."""
    if args.output is not None:
        print(dumps_json(output_schema(args.output)))
    else:
        print(dumps_json({**json_schema(), "schema_version": SCHEMA_VERSION}))
    return EXIT_OK
