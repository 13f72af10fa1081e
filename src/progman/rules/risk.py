"""Risk rules: scores on the programme's grid, escalation, proximity and responses."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..model import (
    OPPORTUNITY_RESPONSES,
    THREAT_RESPONSES,
    Level,
    Proximity,
    Risk,
    RiskGrid,
    RiskKind,
    RiskResponse,
    ScoreBasis,
    assess_risk,
)
from ._common import ABOVE_REGISTER, PROGRAMME_BOARD, names
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


@_risk_rule(
    "PG-RISK-ESCALATION",
    "error",
    "An active risk at or above the escalation threshold is on the programme register or escalated",
)
def risk_escalation(ctx: RuleContext) -> Iterator[Problem]:
    threshold = ctx.grid.escalation_threshold
    for path, project, risk in ctx.risks:
        if not risk.active or risk.level is Level.PROGRAMME or risk.escalated_to is not None:
            continue
        assessed = assess_risk(risk, ctx.grid)
        score = assessed.score
        if score >= threshold:
            yield Problem(
                f"risk {risk.id!r} ({risk.title}) scores {score} ({assessed.probability} x "
                f"{assessed.impact}), at or above the programme's escalation threshold of "
                f"{threshold}, but sits at {risk.level} level on "
                f"{_where(project.id if project else None)} and has not been escalated",
                path=path,
                subject=risk.id,
                escalate_to=PROGRAMME_BOARD,
                data={"score": score, "threshold": threshold, "level": str(risk.level)},
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
            why = f"could happen by {risk.proximity_date} ({when}; near means within {days} days)"
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
    "A threat whose residual score is above the risk appetite is not simply accepted",
)
def risk_appetite(ctx: RuleContext) -> Iterator[Problem]:
    appetite = ctx.grid.escalation_threshold
    for path, _, risk in ctx.risks:
        if not risk.active or risk.kind is not RiskKind.THREAT or risk.response not in _ACCEPTING:
            continue
        residual = grid_score(risk, ctx.grid, residual=True)
        if residual >= appetite:
            yield Problem(
                f"threat {risk.id!r} ({risk.title}) is to be {_ACCEPTING[risk.response]} with a "
                f"residual score of {residual}, at or above the risk appetite of {appetite}: "
                "treat it, or escalate it for a decision one level up",
                path=f"{path}.response",
                subject=risk.id,
                escalate_to=ABOVE_REGISTER[risk.level],
                data={"residual_score": residual, "appetite": appetite},
            )
