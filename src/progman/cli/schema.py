"""`progman schema`: print the JSON Schema of the definition format, for editors."""

from __future__ import annotations

import argparse
import json

from ..io.schema import json_schema


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `schema` subcommand."""
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of programme definitions",
        description="Print the JSON Schema of the programme definition format. Save it and "
        "point yaml-language-server at it: # yaml-language-server: $schema=programme.schema.json",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the schema."""
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0
