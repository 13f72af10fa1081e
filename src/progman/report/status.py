"""The programme status dashboard as text: RAG with reasons, benefits by year, risks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..control import BenefitsRealisation, RagReport, RaidRollUp
from ..control.rag import AspectStatus, RagStatus
from ..model import Lesson, LessonKind
from ..words import long_date

__all__ = ["lesson_data", "status_data", "status_text"]


def _cell(aspect: AspectStatus) -> str:
    return str(aspect.status).upper().replace("_", "-") if aspect.status else "-"


def _pounds(amount: Decimal) -> str:
    return f"{amount:,.0f}"


def status_text(
    name: str,
    rag: RagReport,
    benefits: BenefitsRealisation,
    raid: RaidRollUp,
    people: Mapping[str, str] | None = None,
    lessons: Sequence[tuple[str | None, Lesson]] = (),
) -> str:
    """The dashboard a programme board reads: every RAG with its reason, then the money.
    `people` (names by id) lets it name risk owners rather than give their ids; `lessons`
    (each with the id of the project whose log holds it, None for the programme's) adds
    the lessons log."""
    names = people or {}
    rows: list[RagStatus] = [rag.programme, *rag.projects.values()]
    width = max(len(row.subject) for row in rows) + 2
    lines = [f"{name}: status at {long_date(rag.status_date)}", ""]
    header = f"{'':{width}}{'time':8}{'cost':8}{'benefits':10}{'risk':8}overall"
    lines.append(header)
    for row in rows:
        cells = [_cell(a) for a in (row.time, row.cost, row.benefits, row.risk, row.overall)]
        lines.append(
            f"{row.subject:{width}}{cells[0]:8}{cells[1]:8}{cells[2]:10}{cells[3]:8}{cells[4]}"
        )
    lines += ["", "Reasons (amber and red):"]
    flagged = [
        (row.name, aspect)
        for row in rows
        for aspect in row.aspects
        if aspect.status is not None and aspect.status != "green"
    ]
    lines += [f"  {subject} {aspect.aspect}: {aspect}" for subject, aspect in flagged] or ["  none"]
    lines += ["", "Benefits by financial year (net of dis-benefits, £):"]
    lines.append(f"  {'year':9}{'planned':>14}{'forecast':>14}{'actual':>14}")
    for year, totals in benefits.by_year().items():
        lines.append(
            f"  {year.label:9}{_pounds(totals.planned):>14}{_pounds(totals.forecast):>14}"
            f"{_pounds(totals.actual):>14}"
        )
    total = benefits.total()
    lines.append(
        f"  {'total':9}{_pounds(total.planned):>14}{_pounds(total.forecast):>14}"
        f"{_pounds(total.actual):>14}"
    )
    targets = benefits.targets()
    if targets:
        lines += ["", "Savings targets (each over its own financial years):"]
        lines += [f"  {target}" for target in targets]
    gaps = benefits.reconciliation()
    if gaps:
        lines += ["", "Headline benefits their components do not add up to:"]
        lines += [
            f"  {gap.benefit} {gap.year}: stated £{_pounds(gap.stated)}, components "
            f"£{_pounds(gap.itemised)}, £{_pounds(gap.gap)} unaccounted for"
            for gap in gaps
        ]
    lines += ["", "Escalated and significant risks:"]
    board = raid.for_programme_board()
    for risk in board:
        where = risk.register or "programme"
        exposure = f", exposure £{_pounds(risk.exposure)}" if risk.exposure is not None else ""
        trend = f", {risk.trend} since the baseline" if risk.trend else ""
        lines.append(
            f"  {risk.id} (score {risk.score}) {risk.title}: owner "
            f"{names.get(risk.owner, risk.owner) if risk.owner else 'none'}, "
            f"{where}{exposure}{trend}"
        )
    if not board:
        lines.append("  none")
    if lessons:
        kinds = [lesson.kind for _, lesson in lessons]
        lines += [
            "",
            f"Lessons log ({len(lessons)}: {kinds.count(LessonKind.POSITIVE)} to repeat, "
            f"{kinds.count(LessonKind.NEGATIVE)} to avoid):",
        ]
        for register, lesson in lessons:
            mark = {LessonKind.POSITIVE: "+", LessonKind.NEGATIVE: "-", None: "?"}[lesson.kind]
            lines.append(
                f"  {mark} {lesson.id} ({register or 'programme'} log, {lesson.type} lesson): "
                f"{lesson.title}"
            )
    return "\n".join(lines)


def lesson_data(register: str | None, lesson: Lesson) -> dict[str, Any]:
    """One lesson as JSON-ready data, with the register (project id, or None for the
    programme's log) holding it."""
    return {
        "id": lesson.id,
        "title": lesson.title,
        "type": str(lesson.type),
        "kind": str(lesson.kind) if lesson.kind else None,
        "register": register,
        "event": lesson.event,
        "cause": lesson.cause,
        "effect": lesson.effect,
        "recommendation": lesson.recommendation,
        "raised_by": lesson.raised_by,
        "raised_on": lesson.raised_on.isoformat() if lesson.raised_on else None,
        "applies_to": list(lesson.applies_to),
    }


def _aspect(aspect: AspectStatus) -> dict[str, Any]:
    return {"status": str(aspect.status) if aspect.status else None, "reason": aspect.reason}


def status_data(
    rag: RagReport,
    benefits: BenefitsRealisation,
    raid: RaidRollUp,
    lessons: Sequence[tuple[str | None, Lesson]] = (),
) -> dict[str, Any]:
    """The same dashboard as JSON-ready data."""
    rows = [rag.programme, *rag.projects.values()]
    return {
        "status_date": rag.status_date.isoformat(),
        "rag": [
            {
                "id": row.subject,
                "name": row.name,
                **{a.aspect: _aspect(a) for a in (*row.aspects, row.overall)},
            }
            for row in rows
        ],
        "benefits_by_year": [
            {
                "year": year.label,
                "planned": str(totals.planned),
                "forecast": str(totals.forecast),
                "actual": str(totals.actual),
            }
            for year, totals in benefits.by_year().items()
        ],
        "savings_targets": [
            {
                "name": t.target.name,
                "years": t.target.years.label,
                "cashable": t.target.cashable,
                "amount": str(t.target.amount),
                "planned": str(t.planned),
                "forecast": str(t.forecast),
                "actual": str(t.actual),
                "shortfall": str(t.shortfall),
            }
            for t in benefits.targets()
        ],
        "benefit_reconciliation": [
            {
                "benefit": r.benefit,
                "year": r.year.label,
                "stated": str(r.stated),
                "itemised": str(r.itemised),
                "gap": str(r.gap),
            }
            for r in benefits.reconciliation()
        ],
        "escalated_risks": [
            {
                "id": r.id,
                "title": r.title,
                "score": r.score,
                "owner": r.owner,
                "register": r.register,
                "strand": r.strand,
                "exposure": None if r.exposure is None else str(r.exposure),
                "trend": r.trend,
            }
            for r in raid.for_programme_board()
        ],
        "lessons": [lesson_data(register, lesson) for register, lesson in lessons],
    }
