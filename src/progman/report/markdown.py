"""The board report as Markdown, to paste into a board paper: the same tables, no charts.

Markdown passes HTML through, so every text from the definition (names, titles,
reasons) is written with `<`, `>` and `&` escaped, as the HTML report does: a risk
titled `<script>` reads as that text, never as markup.
"""

from __future__ import annotations

from html import escape

from ..words import long_date
from .board import BoardReport
from .tables import (
    Table,
    benefits_table,
    confidence_table,
    facts,
    findings_table,
    issues_table,
    lessons_table,
    milestones_table,
    rag_table,
    reasons,
    reconciliation_table,
    risk_drivers_table,
    risks_table,
    targets_table,
)

__all__ = ["render_markdown"]


def _text(text: str) -> str:
    """Text shown as it is: HTML escaped (Markdown would pass it through as markup)."""
    return escape(text, quote=False)


def _cell(text: str) -> str:
    # A pipe would end the cell; a newline would end the row.
    return _text(text).replace("|", "\\|").replace("\n", " ")


def table_markdown(table: Table) -> str:
    """A pipe table under its caption in bold.

    >>> print(table_markdown(Table("Money", ("Year", "Planned"), (("2012/13", "£1"),))))
    **Money**
    <BLANKLINE>
    | Year | Planned |
    |---|---|
    | 2012/13 | £1 |
    """
    if not table.rows:
        return f"{_text(table.caption)}: none."
    lines = [
        f"**{_text(table.caption)}**",
        "",
        "| " + " | ".join(_cell(c) for c in table.header) + " |",
        "|" + "---|" * len(table.header),
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


def _bullets(items: list[str], empty: str) -> str:
    return "\n".join(f"- {_text(item)}" for item in items) if items else empty


def render_markdown(report: BoardReport) -> str:
    """The board report as Markdown: headings, lists and pipe tables.

    >>> import datetime, progman as pm
    >>> from progman.report import board_report
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07")
    >>> text = render_markdown(board_report(programme, status_date=datetime.date(2013, 1, 9)))
    >>> text.splitlines()[0]
    '# OTP: board report at 9 January 2013'
    """
    finish = (
        f"Forecast finish: **{long_date(report.finish)}**."
        if report.finish
        else ("The programme could not be scheduled: see the findings.")
    )
    parts = [
        f"# {_text(report.name)}: board report at {long_date(report.status_date)}",
        "## Summary",
        "\n".join(f"- **{_text(label)}**: {_text(value)}" for label, value in facts(report)),
        "## RAG status",
        table_markdown(rag_table(report)),
        "### Reasons for amber and red",
        _bullets(reasons(report), "Everything is green."),
        "## Schedule",
        finish,
        "### Critical path",
        _bullets(report.critical_path_names, "No critical path."),
        "## Milestones",
        table_markdown(milestones_table(report)),
        *(
            ["## Schedule risk", table_markdown(confidence_table(report))]
            + ([table_markdown(risk_drivers_table(report))] if report.risk_analysis.drivers else [])
            if report.risk_analysis is not None
            else []
        ),
        "## Risks",
        table_markdown(risks_table(report)),
        "## Issues",
        table_markdown(issues_table(report)),
        "## Benefits",
        table_markdown(benefits_table(report)),
        table_markdown(targets_table(report)),
        table_markdown(reconciliation_table(report)),
        "## Lessons",
        table_markdown(lessons_table(report)),
        "## Findings",
        table_markdown(findings_table(report)),
    ]
    return "\n\n".join(parts) + "\n"
