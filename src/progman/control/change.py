"""Change control, PRINCE2 style: impact assessments, the change budget as a running
balance, and the decision log kept append-only.

A request for change (or an off-specification) on a register is examined (its
`impact_assessment`), then decided: the decision is an `Approval` of type
`approve_change` whose `subject` is the issue and whose `value` is what it spends.
The approvals are the decision log (who, when, under which delegation). Each
approved change spends from the change budget of the level holding the issue (its
project's `change_budget`, or the programme's): the balance runs down decision by
decision, in date order, and a decision that overspends it is an exception for the
level above.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import (
    Approval,
    DecisionOutcome,
    DecisionType,
    ImpactAssessment,
    Issue,
    IssueType,
    Programme,
)
from ..model.common import as_date

__all__ = [
    "ChangeLine",
    "assess_change",
    "change_budget_balance",
    "change_decisions",
    "decision_log_changes",
]

CHANGES = (IssueType.REQUEST_FOR_CHANGE, IssueType.OFF_SPECIFICATION)
"""The issue types that change control decides."""
APPROVED = (DecisionOutcome.APPROVED, DecisionOutcome.APPROVED_WITH_CONDITIONS)


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One approved change against a change budget, and the balance left after it."""

    approval: str
    issue: str
    on: date
    spent: Decimal
    """The approval's value, else the cost in the issue's impact assessment, else 0."""
    balance: Decimal | None
    """What is left of the change budget after this change (None: no budget set)."""


def change_decisions(programme: Programme) -> Iterator[tuple[str, Issue, Approval]]:
    """Every approved `approve_change` decision on a change issue, with the id of the level
    holding the issue (its project, else the programme), in date order."""
    holders = {
        issue.id: (project.id if project else programme.id, issue)
        for project, issue in programme.all_issues()
        if issue.type in CHANGES
    }
    decided = [
        a
        for a in programme.approvals
        if a.decision is DecisionType.APPROVE_CHANGE
        and a.outcome in APPROVED
        and a.subject in holders
    ]
    for approval in sorted(decided, key=lambda a: (a.date, a.id)):
        holder, issue = holders[approval.subject]
        yield holder, issue, approval


def _spent(issue: Issue, approval: Approval) -> Decimal:
    if approval.value is not None:
        return approval.value
    cost = issue.impact_assessment.cost if issue.impact_assessment else None
    return max(cost or Decimal(0), Decimal(0))


def change_budget_balance(programme: Programme) -> dict[str, list[ChangeLine]]:
    """Approved changes per holder (project id or the programme's), each with the balance
    of the holder's change budget after it.

    >>> import progman as pm
    >>> p = pm.Programme(id="otp", name="OTP", projects=[pm.Project(id="portal", name="P",
    ...     change_budget="50k", issues=[pm.Issue(id=f"RFC-{n}", title="Change",
    ...     type="request_for_change") for n in (1, 2)])], approvals=[pm.Approval(id=f"a{n}",
    ...     subject=f"RFC-{n}", decision="approve_change", approvers=["board"],
    ...     date=f"2013-01-0{n}", value="30k") for n in (1, 2)])
    >>> [(line.issue, line.balance) for line in change_budget_balance(p)["portal"]]
    [('RFC-1', Decimal('20000')), ('RFC-2', Decimal('-10000'))]
    """
    budgets = {project.id: project.change_budget for project in programme.projects}
    budgets[programme.id] = programme.change_budget
    out: dict[str, list[ChangeLine]] = {}
    for holder, issue, approval in change_decisions(programme):
        lines = out.setdefault(holder, [])
        spent = _spent(issue, approval)
        budget = budgets.get(holder)
        used = sum((line.spent for line in lines), Decimal(0)) + spent
        balance = None if budget is None else budget - used
        lines.append(ChangeLine(approval.id, issue.id, approval.date, spent, balance))
    return out


def assess_change(
    before: Programme,
    after: Programme,
    *,
    status_date: date | str,
    subject: str | None = None,
    baseline: str | None = None,
) -> ImpactAssessment:
    """The impact of a change: forecast the programme as it is and as the change would
    leave it, and take the differences for `subject` (a project id; the programme by
    default): working days on the forecast finish, pounds on the forecast cost at
    completion and on the forecast net benefits. Risk is left for people to describe.
    """
    from ..forecasting import forecast
    from ..schedule.calendar import WorkingCalendar

    day = as_date(status_date, "status_date")
    key = subject or before.id
    old = forecast(before, status_date=day).levels[key].forecast
    new = forecast(after, status_date=day).levels[key].forecast
    time = None
    if old.finish and new.finish:
        project = next((p for p in before.projects if p.id == key), None)
        calendar = WorkingCalendar(
            before.calendar(project.calendar if project else None),
            first_year=min(old.finish, new.finish).year,
        )
        time = calendar.index_after(new.finish) - calendar.index_after(old.finish)

    def delta(a: Decimal | None, b: Decimal | None) -> Decimal | None:
        return None if a is None or b is None else b - a

    return ImpactAssessment(
        time=time,
        cost=delta(old.cost, new.cost),
        benefit=delta(old.benefit, new.benefit),
        baseline=baseline,
        assessed_on=day,
    )


def decision_log_changes(before: Programme, after: Programme) -> list[str]:
    """What a new version of the definition did to the decision log, which is kept
    append-only: decisions removed or altered (new ones appended are fine).

    >>> import progman as pm
    >>> a = pm.Approval(id="a1", subject="x", decision="approve_change", approvers=["b"],
    ...                 date="2013-01-07", value="30k")
    >>> old = pm.Programme(id="p", name="P", approvals=[a])
    >>> new = old.model_copy(update={"approvals": [a.model_copy(update={"value": 3000})]})
    >>> decision_log_changes(old, new)
    ["decision 'a1' was altered: value 30000 -> 3000"]
    """
    now = {a.id: a for a in after.approvals}
    found = []
    for old in before.approvals:
        new = now.get(old.id)
        if new is None:
            found.append(f"decision {old.id!r} was removed")
        elif new != old:
            fields = [
                f"{name} {getattr(old, name)} -> {getattr(new, name)}"
                for name in type(old).model_fields
                if getattr(old, name) != getattr(new, name)
            ]
            found.append(f"decision {old.id!r} was altered: {'; '.join(fields)}")
    return found
