"""The schedule as a register: one row per task and milestone with its dates and float."""

from __future__ import annotations

from ..model import Programme
from ._spreadsheets import Table


def schedule_table(programme: Programme) -> Table:
    """The programme's schedule as a table (needs the scheduler, `progman.schedule`)."""
    raise NotImplementedError(
        "the schedule register needs the scheduler (progman.schedule), not available yet"
    )
