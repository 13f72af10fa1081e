"""Change control rules: the change budget is a running balance, approved changes carry
an impact assessment, and a changed baseline has an approved change behind it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from ..control.change import APPROVED, CHANGES, change_budget_balance, change_decisions
from ..model import DecisionType
from ._common import PROGRAMME_BOARD, SPONSORING_GROUP, money
from .context import RuleContext
from .registry import Problem, rule

__all__: list[str] = []

_change_rule = partial(rule, family="change")


@_change_rule(
    "PG-CHANGE-BUDGET",
    "error",
    "Approved changes, taken in date order, do not spend more than the change budget",
)
def change_budget(ctx: RuleContext) -> Iterator[Problem]:
    for holder, lines in change_budget_balance(ctx.programme).items():
        is_programme = holder == ctx.programme.id
        for n, line in enumerate(lines):
            if line.balance is None or line.balance >= 0:
                continue
            before = line.balance + line.spent
            earlier = ", ".join(f"{x.approval} {money(x.spent)}" for x in lines[:n]) or "none"
            who = "programme" if is_programme else f"project {holder!r}"
            yield Problem(
                f"change {line.issue!r} approved on {line.on} ({line.approval}) spends "
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
    approved = {issue.id for _, issue, _ in change_decisions(ctx.programme)}
    for path, _, issue in ctx.issues:
        if issue.type not in CHANGES or issue.impact_assessment is not None:
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
            else f"cites {approval.id!r}, a {str(approval.decision).replace('_', ' ')} "
            f"decision ({approval.outcome})"
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
