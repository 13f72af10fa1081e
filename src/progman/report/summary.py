"""A plain-text summary of a programme, as `progman run` prints it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from ..model import Programme, RiskKind, assess_risk
from ..words import plural, words


def short_money(amount: Decimal) -> str:
    """`£1.40m`, `£600k`, `£950`: money as a headline reads it.

    >>> short_money(Decimal("1400000")), short_money(Decimal("600000"))
    ('£1.40m', '£600k')
    """
    if amount >= 1_000_000:
        return f"£{amount / 1_000_000:,.2f}m"
    if amount >= 1_000:
        return f"£{amount / 1_000:,.0f}k"
    return f"£{amount:,.0f}"


def summary_facts(programme: Programme) -> list[tuple[str, str]]:
    """The summary as (label, value) pairs, for reports that lay it out as a list.

    >>> import progman as pm
    >>> summary_facts(pm.Programme(id="otp", name="OTP"))[0]
    ('SRO', '(not set)')
    """
    people = {person.id: person.name for person in programme.people}

    def name_of(ref: str | None) -> str:
        return people.get(ref, ref) if ref else "(not set)"

    risks = [risk for _, risk in programme.all_risks()]
    issues = [issue for _, issue in programme.all_issues()]
    tasks = sum(1 for _ in programme.work_items())
    active = [risk for risk in risks if risk.active]
    threshold = programme.risk_grid.escalation_threshold
    grid = programme.risk_grid
    severe = sum(
        1
        for risk in active
        if risk.kind is RiskKind.THREAT and assess_risk(risk, grid).score >= threshold
    )
    status = Counter(str(project.status) for project in programme.projects)
    planned = sum(
        (b.sign * b.profile.total_planned for b in programme.benefits if b.profile),
        Decimal(0),
    )
    facts = [
        ("SRO", name_of(programme.sro)),
        ("programme manager", name_of(programme.programme_manager)),
        (
            "scope",
            f"{plural(len(programme.tranches), 'tranche')}, "
            f"{plural(len(programme.strands), 'strand')}, "
            f"{plural(len(programme.projects), 'project')}, "
            f"{plural(tasks, 'task and milestone', 'tasks and milestones')}",
        ),
        (
            "projects by status",
            ", ".join(f"{words(k)} {v}" for k, v in sorted(status.items())) or "none",
        ),
        (
            "risks",
            f"{len(active)} active of {len(risks)}, {severe} at or above the "
            f"escalation threshold ({threshold})",
        ),
        ("issues", f"{sum(1 for i in issues if i.open)} open of {len(issues)}"),
        ("benefits", f"{len(programme.benefits)}, net planned value {short_money(planned)}"),
    ]
    for target in programme.all_savings_targets():
        facts.append(
            (f"savings target: {target.name}", f"{short_money(target.amount)} in {target.years}")
        )
    return facts


def summary(programme: Programme, facts: Iterable[tuple[str, str]] | None = None) -> str:
    """A few readable lines: who runs it, what it holds, what its registers say.

    `facts`: its `summary_facts`, when they are already worked out (a board report holds
    them as `facts`).
    """
    told = dict(summary_facts(programme) if facts is None else facts)
    lines = [
        f"{programme.name} ({programme.id})",
        f"  SRO: {told.pop('SRO')}; programme manager: {told.pop('programme manager')}",
        f"  {told.pop('scope')}",
    ]
    lines += [f"  {label}: {value}" for label, value in told.items()]
    return "\n".join(lines)
