"""What Jupyter shows for a Programme, a Schedule and a Report (their `_repr_html_`)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .tables import html_table

if TYPE_CHECKING:
    from ..model import Programme
    from ..rules import Report
    from ..schedule import Schedule

__all__ = ["programme_html", "report_html", "schedule_html"]

SCHEDULE_COLUMNS = [
    "id",
    "name",
    "kind",
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_float",
    "free_float",
    "critical",
]
FINDING_COLUMNS = ["severity", "code", "where", "message", "escalate_to"]


def programme_html(programme: Programme) -> str:
    """The programme's projects as a table, under its name and counts."""
    people = {person.id: person.name for person in programme.people}
    strand_of = {pid: s.name for s in programme.strands for pid in s.projects}
    rows = [
        {
            "id": project.id,
            "name": project.name,
            "strand": strand_of.get(project.id),
            "tranche": project.tranche,
            "status": project.status,
            "executive": people.get(project.executive or "", project.executive),
            "budget": f"£{project.budget:,.0f}" if project.budget is not None else None,
            "risks": len(project.risks),
        }
        for project in programme.projects
    ]
    risks = sum(1 for _ in programme.all_risks())
    heading = (
        f"<p><strong>{html.escape(programme.name)}</strong> ({html.escape(programme.id)}): "
        f"{len(programme.tranches)} tranches, {len(programme.strands)} strands, "
        f"{len(programme.projects)} projects, {risks} risks, {len(programme.benefits)} benefits</p>"
    )
    columns = ["id", "name", "strand", "tranche", "status", "executive", "budget", "risks"]
    return heading + html_table(rows, columns, caption="Projects")


def schedule_html(schedule: Schedule) -> str:
    """Finish, critical path and the first items of the schedule."""
    path = " &rarr; ".join(html.escape(i) for i in schedule.critical_path)
    heading = f"<p>Finish <strong>{schedule.finish}</strong>; critical path: {path}</p>"
    return heading + html_table(schedule.to_dicts(), SCHEDULE_COLUMNS, caption="Schedule")


def report_html(report: Report) -> str:
    """The validation findings, errors first."""
    counts = report.counts()
    heading = (
        f"<p>{counts.get('error', 0)} errors, {counts.get('warning', 0)} warnings, "
        f"{counts.get('info', 0)} info</p>"
    )
    rows = [
        {
            "severity": finding.severity,
            "code": finding.code,
            "where": str(finding.location) if finding.location else finding.path,
            "message": finding.message,
            "escalate_to": finding.escalate_to,
        }
        for finding in report.sorted(by="severity")
    ]
    return heading + html_table(rows, FINDING_COLUMNS, caption="Findings")
