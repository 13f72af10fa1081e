"""The board report's tables, laid out once for every renderer (HTML and Markdown).

Each function turns part of a `BoardReport` into a `Table` of plain strings:
the renderers decide only how a table looks, never what is in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..control.rag import AspectStatus
from ..words import long_date, money, words
from .board import BoardReport

__all__ = [
    "Table",
    "benefits_table",
    "confidence_table",
    "facts",
    "findings_table",
    "issues_table",
    "lessons_table",
    "milestones_table",
    "rag_label",
    "rag_table",
    "reasons",
    "reconciliation_table",
    "risk_drivers_table",
    "risks_table",
    "targets_table",
]


@dataclass(frozen=True)
class Table:
    """A captioned table: header cells, then rows; the first cell of each row is its heading.

    `rag_columns` are the columns whose cells are RAG labels, which the HTML
    renderer colours (the text stays, so the table reads without colour).
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    rag_columns: frozenset[int] = field(default_factory=frozenset)


def _day(day: date | None) -> str:
    return long_date(day)


def facts(report: BoardReport) -> list[tuple[str, str]]:
    """The summary facts with their labels capitalised as headings (`SRO`, `Scope`)."""
    return [(label[0].upper() + label[1:], value) for label, value in report.facts]


def rag_label(aspect: AspectStatus) -> str:
    """`Red`, `Amber`, `Amber-red`, `Green` or `Not assessed`: the word, never only a colour.

    >>> from progman.control.rag import AspectStatus
    >>> rag_label(AspectStatus("time", None, "no planned finish"))
    'Not assessed'
    """
    return str(aspect).split(":", 1)[0]


def rag_table(report: BoardReport) -> Table:
    """RAG of the programme and every project for time, cost, benefits, risk and overall."""
    rows = []
    if report.rag is not None:
        for row in (report.rag.programme, *report.rag.projects.values()):
            aspects = (*row.aspects, row.overall)
            rows.append((row.name, *(rag_label(a) for a in aspects)))
    return Table(
        f"RAG status at {long_date(report.status_date)}",
        ("Programme or project", "Time", "Cost", "Benefits", "Risk", "Overall"),
        tuple(rows),
        frozenset(range(1, 6)),
    )


def reasons(report: BoardReport) -> list[str]:
    """Every amber or red aspect with its reason: `Portal cost: Amber: ... tolerance 10%`."""
    if report.rag is None:
        return []
    return [
        f"{row.name} {aspect.aspect}: {aspect}"
        for row in (report.rag.programme, *report.rag.projects.values())
        for aspect in row.aspects
        if aspect.status is not None and aspect.status != "green"
    ]


def milestones_table(report: BoardReport) -> Table:
    """Milestones in forecast order, with deadlines and whether they are critical."""
    rows = tuple(
        (
            m.name,
            _day(m.forecast),
            _day(m.deadline),
            _day(m.achieved_on),
            "-" if m.total_float is None else str(m.total_float),
            "yes" if m.critical else "no",
        )
        for m in report.milestones
    )
    header = ("Milestone", "Forecast", "Deadline", "Achieved", "Float (days)", "Critical")
    return Table("Milestones", header, rows)


def benefits_table(report: BoardReport) -> Table:
    """Benefits by UK financial year, net of dis-benefits: planned, forecast, actual."""
    years = [(year.label, totals) for year, totals in report.benefits_by_year]
    rows = tuple(
        (label, money(t.planned), money(t.forecast), money(t.actual))
        for label, t in [*years, ("Total", report.benefits_total)]
    )
    return Table(
        "Benefits by financial year (net of dis-benefits)",
        ("Financial year", "Planned", "Forecast", "Actual"),
        rows,
    )


def targets_table(report: BoardReport) -> Table:
    """Each savings target over its own window of financial years: target, forecast,
    actual and how far short of (or beyond) the target the forecast is."""
    rows = tuple(
        (
            t.target.name,
            t.target.years.label,
            "cashable" if t.target.cashable else "cashable and non-cashable",
            money(t.target.amount),
            money(t.forecast),
            money(t.actual),
            "met"
            if t.shortfall == 0
            else f"{money(abs(t.shortfall))} {'short' if t.shortfall > 0 else 'beyond'}",
        )
        for t in report.targets
    )
    header = ("Target", "Years", "Counts", "Target", "Forecast", "Actual", "Against target")
    return Table("Savings targets, each over its own financial years", header, rows)


def reconciliation_table(report: BoardReport) -> Table:
    """Headline benefits whose itemised components do not add up to them."""
    rows = tuple(
        (
            f"{r.benefit} {r.year}",
            money(r.stated),
            money(r.itemised),
            money(r.gap),
            ", ".join(r.components),
        )
        for r in report.reconciliation
    )
    header = ("Headline benefit and year", "Stated", "Itemised", "Unaccounted", "Components")
    return Table("Headline benefits that their components do not add up to", header, rows)


def risks_table(report: BoardReport) -> Table:
    """Escalated and significant risks, worst first."""
    rows = tuple(
        (
            f"{r.id} {r.title}",
            str(r.score),
            report.people.get(r.owner, r.owner) if r.owner else "none",
            r.register or "programme",
            "-" if r.exposure is None else money(r.exposure),
        )
        for r in report.escalated_risks
    )
    header = ("Risk", "Score", "Owner", "Register", "Exposure")
    return Table("Escalated and significant risks", header, rows)


def issues_table(report: BoardReport) -> Table:
    """Open issues on every register."""
    rows = tuple(
        (
            f"{i.id} {i.title}",
            words(i.priority),
            words(i.status),
            report.people.get(i.owner, i.owner) if i.owner else "none",
            i.register or "programme",
        )
        for i in report.open_issues
    )
    header = ("Issue", "Priority", "Status", "Owner", "Register")
    return Table("Open issues", header, rows)


def lessons_table(report: BoardReport) -> Table:
    """The lessons log: what to repeat and what to avoid, with each recommendation."""
    kinds = {"positive": "repeat", "negative": "avoid"}
    rows = tuple(
        (
            f"{lesson.id} {lesson.title}",
            kinds.get(str(lesson.kind), "-"),
            words(lesson.type),
            register or "programme",
            lesson.recommendation or "-",
        )
        for register, lesson in report.lessons
    )
    header = ("Lesson", "Repeat or avoid", "Type", "Log", "Recommendation")
    return Table("Lessons log", header, rows)


def findings_table(report: BoardReport) -> Table:
    """Validation and scheduling findings, errors first, with where and who must be told."""
    rows = tuple(
        (
            f.code,
            str(f.severity),
            f.message,
            str(f.location) if f.location else f.path or "programme",
            f.escalate_to or "-",
        )
        for f in report.validation
    )
    header = ("Rule", "Severity", "Finding", "Where", "Escalate to")
    return Table("Validation findings", header, rows)


def confidence_table(report: BoardReport) -> Table:
    """The risk analysis's dates: P50, P80 and P90 finish of the programme, each project and
    milestone, the plan's date and how many iterations meet it, and the chance of meeting
    each deadline (empty without a risk analysis). Projects and milestones the uncertainty
    does not move, and that have no deadline, are left out."""
    result = report.risk_analysis
    if result is None:
        return Table("Finish dates with confidence", (), ())
    chance = {d.id: f"{d.probability:g}% by {_day(d.due)}" for d in result.deadlines}
    shown = [
        s
        for k, s in enumerate(result.spreads())
        if k == 0 or s.id in chance or not s.p10 == s.p90 == s.plan
    ]
    rows = tuple(
        (
            s.name,
            _day(s.plan),
            "-" if s.plan_percentile is None else f"{s.plan_percentile:g}%",
            _day(s.p50),
            _day(s.p80),
            _day(s.p90),
            chance.get(s.id, "-"),
        )
        for s in shown
    )
    header = ("Item", "Plan", "Iterations by plan", "P50", "P80", "P90", "Deadline chance")
    caption = (
        f"Finish dates with confidence ({result.iterations:,} iterations, seed {result.seed}): "
        "commit to the P80"
    )
    return Table(caption, header, rows)


def risk_drivers_table(report: BoardReport) -> Table:
    """The tornado as a table: each risk's likelihood and what it adds to the P80 finish
    and cost (empty without a risk analysis)."""
    result = report.risk_analysis
    drivers = () if result is None else tuple(result.drivers)
    rows = tuple(
        (
            f"{d.id}: {d.title}",
            f"{d.likelihood:g}%",
            str(d.p80_finish_days),
            "-" if d.p80_cost is None else money(d.p80_cost),
        )
        for d in drivers
    )
    header = ("Risk", "Likelihood", "P80 finish (working days)", "P80 cost")
    return Table("Risks by their effect on the P80 finish", header, rows)
