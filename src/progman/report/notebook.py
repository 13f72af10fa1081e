"""What Jupyter shows for a Programme, a Schedule and a ValidationResult (their `_repr_html_`).

The tables are the board report's `Table`, rendered by the same `table_html`,
so a notebook and the board report look alike.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .html import table_html
from .tables import Table

if TYPE_CHECKING:
    from ..model import Programme
    from ..rules import ValidationResult
    from ..schedule import Schedule

__all__ = ["programme_html", "report_html", "schedule_html"]

LIMIT = 50
"""Rows shown before a table is cut short (the rest are counted)."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def _table(caption: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    every = [tuple(_text(cell) for cell in row) for row in rows]
    shown = Table(caption, tuple(header), tuple(every[:LIMIT]))
    more = len(every) - LIMIT
    return table_html(shown) + (f"<p>... and {more} more</p>" if more > 0 else "")


def programme_html(programme: Programme) -> str:
    """The programme's name and counts, and its projects as a table."""
    people = {person.id: person.name for person in programme.people}
    strand_of = {pid: s.name for s in programme.strands for pid in s.projects}
    rows = [
        (
            project.id,
            project.name,
            strand_of.get(project.id),
            project.tranche,
            project.status,
            people.get(project.executive or "", project.executive),
            f"£{project.budget:,.0f}" if project.budget is not None else None,
            len(project.risks),
        )
        for project in programme.projects
    ]
    risks = sum(1 for _ in programme.all_risks())
    heading = (
        f"<p><strong>{html.escape(programme.name)}</strong> ({html.escape(programme.id)}): "
        f"{len(programme.tranches)} tranches, {len(programme.strands)} strands, "
        f"{len(programme.projects)} projects, {risks} risks, {len(programme.benefits)} benefits</p>"
    )
    header = ("id", "name", "strand", "tranche", "status", "executive", "budget", "risks")
    return heading + _table("Projects", header, rows)


def schedule_html(schedule: Schedule) -> str:
    """Finish, critical path and the schedule's items."""
    path = " &rarr; ".join(html.escape(i) for i in schedule.critical_path)
    heading = f"<p>Finish <strong>{schedule.finish}</strong>; critical path: {path}</p>"
    header = (
        "id",
        "name",
        "kind",
        "early start",
        "early finish",
        "late start",
        "late finish",
        "total float",
        "free float",
        "critical",
    )
    rows = [
        (
            i.id,
            i.name,
            i.kind,
            i.early_start,
            i.early_finish,
            i.late_start,
            i.late_finish,
            i.total_float,
            i.free_float,
            i.critical,
        )
        for i in schedule
    ]
    return heading + _table("Schedule", header, rows)


def report_html(report: ValidationResult) -> str:
    """The validation findings, errors first."""
    counts = report.counts()
    heading = (
        f"<p>{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{counts.get('info', 0)} info</p>"
    )
    rows = [
        (f.code, f.severity, str(f.location) if f.location else f.path, f.message, f.escalate_to)
        for f in report.sorted(by="severity")
    ]
    return heading + _table(
        "Findings", ("code", "severity", "where", "message", "escalate to"), rows
    )
