"""A plain-text summary of a programme, as `progman run` prints it."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from ..model import Programme


def _money(amount: Decimal) -> str:
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:,.2f}m"
    if amount >= 1_000:
        return f"£{amount / 1_000:,.0f}k"
    return f"£{amount:,.0f}"


def summary(programme: Programme) -> str:
    """A few readable lines: who runs it, what it holds, what its registers say."""
    people = {person.id: person.name for person in programme.people}

    def name_of(ref: str | None) -> str:
        return people.get(ref, ref) if ref else "(not set)"

    risks = [risk for _, risk in programme.all_risks()]
    issues = [issue for _, issue in programme.all_issues()]
    tasks = sum(1 for _ in programme.work_items())
    active = [risk for risk in risks if risk.active]
    threshold = programme.risk_grid.escalation_threshold
    severe = sum(1 for risk in active if risk.score >= threshold)
    status = Counter(str(project.status) for project in programme.projects)
    planned = sum(
        (b.sign * b.profile.total_planned for b in programme.benefits if b.profile),
        Decimal(0),
    )
    lines = [
        f"{programme.name} ({programme.id})",
        f"  SRO: {name_of(programme.sro)}; programme manager: "
        f"{name_of(programme.programme_manager)}",
        f"  {len(programme.tranches)} tranches, {len(programme.strands)} strands, "
        f"{len(programme.projects)} projects, {tasks} tasks and milestones",
        "  projects by status: "
        + (", ".join(f"{k} {v}" for k, v in sorted(status.items())) or "none"),
        f"  risks: {len(active)} active of {len(risks)}, {severe} at or above the "
        f"escalation threshold ({threshold})",
        f"  issues: {sum(1 for i in issues if i.open)} open of {len(issues)}",
        f"  benefits: {len(programme.benefits)}, net planned value {_money(planned)}",
    ]
    if programme.savings_target is not None:
        lines.append(f"  savings target: {_money(programme.savings_target)}")
    return "\n".join(lines)
