"""The schedule as a register: one row per task, milestone, stage and project."""

from __future__ import annotations

from ..model import Programme
from ._spreadsheets import Column, Kind, Table

_COLUMNS = (
    Column("ID", width=24),
    Column("Name", width=40),
    Column("Kind", width=10),
    Column("Early start", Kind.DATE, 12),
    Column("Early finish", Kind.DATE, 12),
    Column("Late start", Kind.DATE, 12),
    Column("Late finish", Kind.DATE, 12),
    Column("Total float (days)", Kind.INTEGER, 10),
    Column("Free float (days)", Kind.INTEGER, 10),
    Column("Critical", Kind.FLAG, 9),
)


def schedule_table(programme: Programme) -> Table:
    """The programme's schedule (`progman.schedule`) as a table; floats in working days.

    Raises `progman.schedule.ScheduleError` when the programme cannot be scheduled.
    """
    from ..schedule import schedule

    rows = tuple(
        (
            item.id,
            item.name,
            item.kind.capitalize(),
            item.early_start,
            item.early_finish,
            item.late_start,
            item.late_finish,
            item.total_float,
            item.free_float,
            item.critical,
        )
        for item in schedule(programme)
    )
    return Table("Schedule", _COLUMNS, rows)
