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
    Baseline,
    DecisionOutcome,
    DecisionType,
    ImpactAssessment,
    Issue,
    IssueType,
    Programme,
)
from ..model.common import as_date

__all__ = [
    "BaselineBasis",
    "ChangeLine",
    "assess_change",
    "baseline_basis",
    "change_budget_balance",
    "change_decisions",
    "decision_log_changes",
    "spent",
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


def spent(issue: Issue, approval: Approval) -> Decimal:
    """What an approved change spends: the approval's value, else the cost in the issue's
    impact assessment (never below 0)."""
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
        cost = spent(issue, approval)
        budget = budgets.get(holder)
        used = sum((line.spent for line in lines), Decimal(0)) + cost
        balance = None if budget is None else budget - used
        lines.append(ChangeLine(approval.id, issue.id, approval.date, cost, balance))
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


@dataclass(frozen=True, slots=True)
class BaselineBasis:
    """What a baseline rests on: the decision it cites and the change that decision decided."""

    baseline: Baseline
    approval: Approval | None
    """The approval the baseline cites (None: it cites none, or one not in the log)."""
    issue: Issue | None
    """The request for change or off-specification the approval decided, if it is one."""


def baseline_basis(
    programme: Programme, since: str | None = None, until: str | None = None
) -> list[BaselineBasis]:
    """The baselines after `since` up to and including `until` (ids; from the first and to
    the last by default), each with the decision and change behind it: how the plan came
    to be re-baselined.

    >>> import progman as pm
    >>> p = pm.Programme(id="otp", name="OTP",
    ...     issues=[pm.Issue(id="RFC-1", title="Add webchat", type="request_for_change")],
    ...     approvals=[pm.Approval(id="a1", subject="RFC-1", decision="approve_change",
    ...                            approvers=["board"], date="2013-01-11")],
    ...     baselines=[pm.Baseline(id="b1", name="Initiation", date="2013-01-04"),
    ...                pm.Baseline(id="b2", name="After RFC-1", date="2013-01-11",
    ...                            approval="a1")])
    >>> [(b.baseline.id, b.approval.id, b.issue.id) for b in baseline_basis(p, since="b1")]
    [('b2', 'a1', 'RFC-1')]
    """
    ids = [baseline.id for baseline in programme.baselines]
    for wanted in (since, until):
        if wanted is not None and wanted not in ids:
            raise KeyError(f"no baseline {wanted!r} (baselines: {', '.join(ids) or 'none'})")
    first = ids.index(since) + 1 if since is not None else 0
    last = ids.index(until) + 1 if until is not None else len(ids)
    approvals = {approval.id: approval for approval in programme.approvals}
    issues = {issue.id: issue for _, issue in programme.all_issues() if issue.type in CHANGES}
    out = []
    for baseline in programme.baselines[first:last]:
        approval = approvals.get(baseline.approval) if baseline.approval else None
        issue = issues.get(approval.subject) if approval is not None else None
        out.append(BaselineBasis(baseline, approval, issue))
    return out
