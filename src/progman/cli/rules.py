"""`progman rules`: list every governance rule with its id, severity and description."""

from __future__ import annotations

import argparse

from ._args import add_format
from ._contract import EXIT_OK, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `rules` subcommand."""
    parser = subparsers.add_parser(
        "rules",
        help="list the governance rules",
        description="List every governance rule (built-in, local and from plugins) with its "
        "id, default severity and description.",
    )
    add_format(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Print the rules; always succeeds."""
    from ..rules import all_rules

    rules = all_rules()
    if args.format == "json":
        rows = [
            {
                "id": r.id,
                "severity": str(r.severity),
                "family": r.family,
                "description": r.description,
                "docs": r.docs,
            }
            for r in rules
        ]
        print_json({"rules": rows})
        return EXIT_OK
    width = max(len(r.id) for r in rules)
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            print(f"{family}:")
        print(f"  {r.id:<{width}}  {r.severity:<7}  {r.description}")
    return EXIT_OK
