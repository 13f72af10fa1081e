"""Argument types shared by the subcommands."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    """An argparse type for dates written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2013-01-14"
        ) from None
