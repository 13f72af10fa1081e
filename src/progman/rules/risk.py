"""Risk rules: scores on the programme's grid, escalation, proximity, responses, appetite
and the risk budget. Threats and opportunities are judged apart: an opportunity is never a
threat breach, but a high one is escalated for exploitation."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from ..model import (
    OPPORTUNITY_RESPONSES,
    THREAT_RESPONSES,
    Level,
    Project,
    Proximity,
    Risk,
    RiskGrid,
    RiskKind,
    RiskResponse,
    ScoreBasis,
    assess_risk,
)
from ..words import long_date
from ._common import ABOVE_REGISTER, ESCALATE_FROM, PROGRAMME_BOARD, money, names
from .context import RuleContext
from .registry import Problem, rule

__all__ = ["grid_score"]

_risk_rule = partial(rule, family="risk")

# Responses that leave a risk where it is: "accept" in its several spellings.
_ACCEPTING = {
    RiskResponse.ACCEPT: "accepted",
    RiskResponse.TOLERATE: "tolerated",
    RiskResponse.REJECT: "rejected",
}


def grid_score(risk: Risk, grid: RiskGrid, *, residual: bool = False) -> int:
    """Probability x impact on the programme's grid (each level rescaled when the risk
    uses another grid): the inherent score, or the residual one.

    >>> from progman import Risk, RiskGrid
    >>> grid_score(Risk(id="R1", title="t", probability=3, impact=3, scale=3), RiskGrid())
    25
    """
    basis = ScoreBasis.RESIDUAL if residual else ScoreBasis.INHERENT
    return assess_risk(risk, grid, basis).score


def _where(project_id: str | None) -> str:
    return f"the register of project {project_id!r}" if project_id else "the programme register"


def _named(ctx: RuleContext, risk: Risk) -> str:
    """`'R1' (Go-live delayed, owned by Gail Tolley)`: the risk and its owner."""
    if risk.owner is None:
        owner = "no owner"
    else:
        person = ctx.people.get(risk.owner)
        owner = f"owned by {person.name if person else risk.owner}"
    return f"{risk.id!r} ({risk.title}, {owner})"


def _a(basis: ScoreBasis) -> str:
    return f"an {basis}" if basis is ScoreBasis.INHERENT else f"a {basis}"


def _unescalated(ctx: RuleContext, kind: RiskKind) -> Iterator[tuple[str, Project | None, Risk]]:
    """Active risks of a kind at or above the escalation threshold, not yet escalated."""
    threshold = ctx.grid.escalation_threshold
    for path, project, risk in ctx.risks:
        if risk.kind is not kind or not risk.active:
            continue
        if risk.level is Level.PROGRAMME or risk.escalated_to is not None:
            continue
        if ctx.assessed(risk).score >= threshold:
            yield path, project, risk


@_risk_rule(
    "PG-RISK-ESCALATION",
    "error",
    "An active threat at or above the escalation threshold is on the programme register or "
    "escalated",
)
def risk_escalation(ctx: RuleContext) -> Iterator[Problem]:
    threshold = ctx.grid.escalation_threshold
    for path, project, risk in _unescalated(ctx, RiskKind.THREAT):
        assessed = ctx.assessed(risk)
        yield Problem(
            f"risk {_named(ctx, risk)} has {_a(assessed.basis)} score of {assessed.score} "
            f"({assessed.probability} x {assessed.impact}), at or above the programme's "
            f"escalation threshold of {threshold}, but sits at {risk.level} level on "
            f"{_where(project.id if project else None)} and has not been escalated",
            path=path,
            subject=risk.id,
            escalate_to=PROGRAMME_BOARD,
            data={
                "score": assessed.score,
                "basis": str(assessed.basis),
                "threshold": threshold,
                "level": str(risk.level),
            },
        )


@_risk_rule(
    "PG-RISK-OPPORTUNITY",
    "info",
    "An active opportunity at or above the escalation threshold is escalated for exploitation",
)
def risk_opportunity(ctx: RuleContext) -> Iterator[Problem]:
    threshold = ctx.grid.escalation_threshold
    for path, project, risk in _unescalated(ctx, RiskKind.OPPORTUNITY):
        assessed = ctx.assessed(risk)
        yield Problem(
            f"opportunity {_named(ctx, risk)} scores {assessed.score} ({assessed.probability} "
            f"x {assessed.impact}), at or above the escalation threshold of {threshold}, on "
            f"{_where(project.id if project else None)}: escalate it so the programme can "
            "exploit it",
            path=path,
            subject=risk.id,
            escalate_to=PROGRAMME_BOARD,
            data={"score": assessed.score, "threshold": threshold, "level": str(risk.level)},
        )


@_risk_rule(
    "PG-RISK-PROXIMITY",
    "error",
    "An active risk that is near (imminent, or due within the near-proximity days) has a "
    "response planned",
)
def risk_proximity(ctx: RuleContext) -> Iterator[Problem]:
    days = ctx.grid.near_proximity_days
    for path, _, risk in ctx.risks:
        if not risk.active or risk.response is not None or risk.actions:
            continue
        if risk.proximity is Proximity.IMMINENT:
            why = "is imminent"
        elif risk.proximity_date is not None and (risk.proximity_date - ctx.today).days <= days:
            left = (risk.proximity_date - ctx.today).days
            when = f"in {left} days" if left >= 0 else f"{-left} days ago"
            why = (
                f"could happen by {long_date(risk.proximity_date)} ({when}; near means within "
                f"{days} days)"
            )
        else:
            continue
        yield Problem(
            f"risk {risk.id!r} ({risk.title}) {why} but has no response planned",
            path=path,
            subject=risk.id,
            escalate_to=ABOVE_REGISTER[risk.level],
            data={
                "proximity": str(risk.proximity) if risk.proximity else None,
                "proximity_date": risk.proximity_date,
                "near_proximity_days": days,
            },
        )


@_risk_rule(
    "PG-RISK-RESPONSE",
    "error",
    "A risk's response is one the programme's PRINCE2 edition allows for its kind",
)
def risk_response(ctx: RuleContext) -> Iterator[Problem]:
    edition = str(ctx.programme.edition)
    for path, _, risk in ctx.risks:
        if risk.response is None:
            continue
        allowed = (THREAT_RESPONSES if risk.kind is RiskKind.THREAT else OPPORTUNITY_RESPONSES)[
            edition
        ]
        if risk.response not in allowed:
            kind = "an opportunity" if risk.kind is RiskKind.OPPORTUNITY else "a threat"
            yield Problem(
                f"risk {risk.id!r} is {kind} with response {str(risk.response)!r}, which "
                f"PRINCE2 {edition} does not allow for {kind}; use one of "
                f"{names(sorted(str(r).replace('_', ' ') for r in allowed), quote=False)}",
                path=f"{path}.response",
                subject=risk.id,
                data={
                    "response": str(risk.response),
                    "edition": edition,
                    "allowed": sorted(str(r) for r in allowed),
                },
            )


@_risk_rule(
    "PG-RISK-APPETITE",
    "error",
    "A threat whose residual score is above the risk appetite (its category's, else the "
    "escalation threshold) is not simply accepted",
)
def risk_appetite(ctx: RuleContext) -> Iterator[Problem]:
    grid = ctx.grid
    for path, _, risk in ctx.risks:
        if not risk.active or risk.kind is not RiskKind.THREAT or risk.response not in _ACCEPTING:
            continue
        residual = grid_score(risk, grid, residual=True)
        own = grid.appetite.get(risk.category) if risk.category is not None else None
        if own is not None:
            if residual <= own:
                continue
            beyond = f"above the {risk.category} risk appetite of {own}"
        elif residual >= grid.escalation_threshold:
            beyond = f"at or above the risk appetite of {grid.escalation_threshold}"
        else:
            continue
        # The level above the register decides, as for escalation (PG-RISK-ESCALATION).
        yield Problem(
            f"threat {_named(ctx, risk)} is to be {_ACCEPTING[risk.response]} with a residual "
            f"score of {residual}, {beyond}: treat it, or escalate it for a decision one level "
            "up",
            path=f"{path}.response",
            subject=risk.id,
            escalate_to=ESCALATE_FROM[risk.level],
            data={
                "residual_score": residual,
                "appetite": grid.escalation_threshold if own is None else own,
                "category": risk.category,
            },
        )


@_risk_rule(
    "PG-RISK-BUDGET",
    "error",
    "The expected monetary value of a register's active threats is within its risk budget",
)
def risk_budget(ctx: RuleContext) -> Iterator[Problem]:
    registers: list[tuple[str, str, Decimal | None, Level]] = [
        (path, project.id, project.risk_budget, Level.PROJECT) for path, project in ctx.projects
    ]
    registers.append(("", ctx.programme.id, ctx.programme.risk_budget, Level.PROGRAMME))
    budgeted = {owner for _, owner, budget, _ in registers if budget is not None}
    if not budgeted:  # only a register with a budget can go over it
        return
    exposure: dict[str, Decimal] = {}
    threats: dict[str, list[str]] = {}
    for _, project, risk in ctx.risks:
        key = project.id if project else ctx.programme.id
        if key not in budgeted or not risk.active or risk.kind is not RiskKind.THREAT:
            continue
        value = ctx.assessed(risk).expected_value
        if value is None:
            continue
        exposure[key] = exposure.get(key, Decimal(0)) + value
        threats.setdefault(key, []).append(risk.id)
    for path, owner, budget, level in registers:
        total = exposure.get(owner, Decimal(0))
        if budget is None or total <= budget:
            continue
        where = "the programme register" if level is Level.PROGRAMME else f"project {owner!r}"
        yield Problem(
            f"the active threats on {where} ({names(threats[owner])}) have an expected "
            f"monetary value of {money(total)}, over its risk budget of {money(budget)} by "
            f"{money(total - budget)}",
            path=f"{path}.risk_budget" if path else "risk_budget",
            subject=owner,
            escalate_to=ESCALATE_FROM[level],
            data={"exposure": total, "risk_budget": budget, "threats": threats[owner]},
        )
