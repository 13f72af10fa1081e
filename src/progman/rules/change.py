"""Change control rules: the change budget is a running balance, approved changes carry
an impact assessment, and a changed baseline has an approved change behind it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from ..control.change import APPROVED, CHANGES, change_budget_balance, change_decisions, spent
from ..model import Approval, DecisionType, Issue, IssueDecision, Project
from ..words import long_date, words
from ._common import PROGRAMME_BOARD, PROJECT_BOARD, SPONSORING_GROUP, money, names
from .context import RuleContext
from .delegation import grants
from .registry import Problem, rule

__all__: list[str] = []

_change_rule = partial(rule, family="change")


def _changes(ctx: RuleContext) -> list[tuple[str, Project | None, Issue]]:
    """The requests for change and off-specifications, with their paths and projects (listed
    once for the change rules: without them, there is no change to check)."""
    return ctx.memo(
        "changes",
        lambda: [
            (path, project, issue) for path, project, issue in ctx.issues if issue.type in CHANGES
        ],
    )


@_change_rule(
    "PG-CHANGE-BUDGET",
    "error",
    "Approved changes, taken in date order, do not spend more than the change budget",
)
def change_budget(ctx: RuleContext) -> Iterator[Problem]:
    if not _changes(ctx):  # only an approved change spends the change budget
        return
    for holder, lines in change_budget_balance(ctx.programme).items():
        is_programme = holder == ctx.programme.id
        for n, line in enumerate(lines):
            if line.balance is None or line.balance >= 0:
                continue
            before = line.balance + line.spent
            earlier = ", ".join(f"{x.approval} {money(x.spent)}" for x in lines[:n]) or "none"
            who = "programme" if is_programme else f"project {holder!r}"
            yield Problem(
                f"change {line.issue!r} approved on {long_date(line.on)} ({line.approval}) spends "
                f"{money(line.spent)} with {money(max(before, Decimal(0)))} left of the change "
                f"budget of {who}: {money(-line.balance)} over (earlier changes: {earlier}); "
                "the level above must decide",
                path=ctx.path_of(line.approval),
                subject=line.approval,
                escalate_to=SPONSORING_GROUP if is_programme else PROGRAMME_BOARD,
                data={
                    "holder": holder,
                    "spent": line.spent,
                    "left_before": before,
                    "overspend": -line.balance,
                },
            )


@_change_rule(
    "PG-CHANGE-IMPACT",
    "warning",
    "A request for change or off-specification is assessed for impact before it is decided",
)
def change_impact(ctx: RuleContext) -> Iterator[Problem]:
    changes = _changes(ctx)
    if not changes:
        return
    approved = {issue.id for _, issue, _ in change_decisions(ctx.programme)}
    for path, _, issue in changes:
        if issue.impact_assessment is not None:
            continue
        if issue.id in approved or issue.decision is not None:
            yield Problem(
                f"{str(issue.type).replace('_', ' ')} {issue.id!r} ({issue.title}) was decided "
                "without an impact assessment: record its effect on time, cost, benefits and "
                "risk against the baseline",
                path=path,
                subject=issue.id,
            )


@_change_rule(
    "PG-BASELINE-CHANGE",
    "error",
    "Every baseline after the first rests on an approved change or exception plan",
)
def baseline_change(ctx: RuleContext) -> Iterator[Problem]:
    kinds = (DecisionType.APPROVE_CHANGE, DecisionType.AUTHORISE_EXCEPTION_PLAN)
    for n, baseline in enumerate(ctx.programme.baselines[1:], start=1):
        approval = ctx.approvals.get(baseline.approval) if baseline.approval else None
        if approval is not None and approval.decision in kinds and approval.outcome in APPROVED:
            continue
        why = (
            "cites no approval"
            if approval is None
            else f"cites {approval.id!r} ({words(approval.decision)}, {words(approval.outcome)})"
        )
        yield Problem(
            f"baseline {baseline.id!r} ({baseline.name}) replaces "
            f"{ctx.programme.baselines[n - 1].id!r} but {why}: a baseline changes only by an "
            "approved change or exception plan",
            path=f"baselines[{n}]",
            subject=baseline.id,
            escalate_to=PROGRAMME_BOARD,
            data={"previous": ctx.programme.baselines[n - 1].id},
        )


def _authority_limit(ctx: RuleContext, authority: str, approval: Approval) -> Decimal | None:
    """The most the change authority may approve for this change on the decision's date,
    through any authority it holds (None: unlimited); 0 when it holds none in force."""
    held = [
        grant
        for grant in grants(ctx).get(authority, ())
        if DecisionType.APPROVE_CHANGE in grant.decisions
        and grant.covers(ctx, approval.subject)
        and grant.in_force(approval.date)
    ]
    if not held:
        return Decimal(0)
    if any(grant.limit is None for grant in held):
        return None
    return max(grant.limit for grant in held if grant.limit is not None)


@_change_rule(
    "PG-CHANGE-AUTHORITY",
    "error",
    "Each decided request for change was decided, and recorded in the decision log, by the "
    "change authority named for its level, within that authority's delegated limit",
)
def change_authority(ctx: RuleContext) -> Iterator[Problem]:
    programme = ctx.programme
    held: dict[str, tuple[Project | None, Issue]] = {
        issue.id: (project, issue) for _, project, issue in _changes(ctx)
    }
    if not held:
        return
    logged: set[str] = set()
    for i, approval in enumerate(programme.approvals):
        if approval.decision is not DecisionType.APPROVE_CHANGE or approval.subject not in held:
            continue
        project, issue = held[approval.subject]
        logged.add(issue.id)
        authority = (project.change_authority if project else None) or programme.change_authority
        level = f"project {project.id!r}" if project else f"programme {programme.id!r}"
        told = PROJECT_BOARD if project else SPONSORING_GROUP
        what = (
            f"change {issue.id!r} ({issue.title}), {words(approval.outcome)} on "
            f"{long_date(approval.date)} ({approval.id})"
        )
        if authority is None:
            yield Problem(
                f"{what} was decided by {names(approval.approvers)}, but {level} names no "
                "change authority (nor does the programme): name who decides changes",
                path=f"approvals[{i}]",
                subject=approval.id,
                escalate_to=told,
                data={"approvers": approval.approvers, "change_authority": None},
            )
            continue
        amount = spent(issue, approval) if approval.outcome in APPROVED else Decimal(0)
        limit = _authority_limit(ctx, authority, approval)
        beyond = limit is not None and amount > limit
        if authority not in approval.approvers:
            if beyond:
                continue  # escalated above the change authority, as it must be
            yield Problem(
                f"{what} was decided by {names(approval.approvers)}, not by "
                f"{ctx.describe(authority)}, the change authority of {level}",
                path=f"approvals[{i}]",
                subject=approval.id,
                escalate_to=told,
                data={"approvers": approval.approvers, "change_authority": authority},
            )
        elif beyond:
            assert limit is not None
            yield Problem(
                f"{what} commits {money(amount)}, beyond the {money(limit)} the change "
                f"authority {ctx.describe(authority)} may approve: the level above decides",
                path=f"approvals[{i}]",
                subject=approval.id,
                escalate_to=PROGRAMME_BOARD if project else SPONSORING_GROUP,
                data={"change_authority": authority, "value": amount, "limit": limit},
            )
    for path, project, issue in _changes(ctx):
        if issue.id in logged:
            continue
        if issue.decision is None or issue.decision is IssueDecision.ESCALATED:
            continue
        by = f" by {ctx.describe(issue.decided_by)}" if issue.decided_by else ""
        on = f" on {long_date(issue.decided_on)}" if issue.decided_on else ""
        yield Problem(
            f"{str(issue.type).replace('_', ' ')} {issue.id!r} ({issue.title}) is recorded as "
            f"{words(issue.decision)}{by}{on}, but the decision log holds no approve change "
            "decision on it: record who decided, when and under which authority",
            path=f"{path}.decision",
            subject=issue.id,
            escalate_to=PROJECT_BOARD if project else SPONSORING_GROUP,
            data={"decision": str(issue.decision)},
        )
