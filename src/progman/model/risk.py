"""Risks: threats and opportunities, assessed on the programme's probability x impact grid."""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from pydantic import Field, model_validator

from .common import Date, Id, Level, Model, Money, Ref, StrEnum, Text

__all__ = [
    "OPPORTUNITY_RESPONSES",
    "THREAT_RESPONSES",
    "Proximity",
    "Risk",
    "RiskAction",
    "RiskKind",
    "RiskResponse",
    "RiskStatus",
]


class RiskKind(StrEnum):
    """A threat (harm if it happens) or an opportunity (good if it happens)."""

    THREAT = "threat"
    OPPORTUNITY = "opportunity"


class RiskResponse(StrEnum):
    """Response types from PRINCE2 (2017 and 7th edition) and the Orange Book's 4 Ts."""

    AVOID = "avoid"
    REDUCE = "reduce"
    FALLBACK = "fallback"
    TRANSFER = "transfer"
    SHARE = "share"
    ACCEPT = "accept"
    PREPARE_CONTINGENT_PLANS = "prepare_contingent_plans"
    EXPLOIT = "exploit"
    ENHANCE = "enhance"
    REJECT = "reject"
    # HM Treasury Orange Book: tolerate = accept, treat = reduce, terminate = avoid.
    TOLERATE = "tolerate"
    TREAT = "treat"
    TERMINATE = "terminate"


THREAT_RESPONSES: dict[str, frozenset[RiskResponse]] = {
    "7": frozenset(
        {
            RiskResponse.AVOID,
            RiskResponse.REDUCE,
            RiskResponse.TRANSFER,
            RiskResponse.SHARE,
            RiskResponse.ACCEPT,
            RiskResponse.PREPARE_CONTINGENT_PLANS,
            RiskResponse.TOLERATE,
            RiskResponse.TREAT,
            RiskResponse.TERMINATE,
        }
    ),
    "2017": frozenset(
        {
            RiskResponse.AVOID,
            RiskResponse.REDUCE,
            RiskResponse.FALLBACK,
            RiskResponse.TRANSFER,
            RiskResponse.SHARE,
            RiskResponse.ACCEPT,
            RiskResponse.TOLERATE,
            RiskResponse.TREAT,
            RiskResponse.TERMINATE,
        }
    ),
}
"""Valid responses to a threat, by PRINCE2 edition (the 4 Ts are accepted in both)."""

OPPORTUNITY_RESPONSES: dict[str, frozenset[RiskResponse]] = {
    "7": frozenset(
        {
            RiskResponse.EXPLOIT,
            RiskResponse.ENHANCE,
            RiskResponse.TRANSFER,
            RiskResponse.SHARE,
            RiskResponse.ACCEPT,
            RiskResponse.PREPARE_CONTINGENT_PLANS,
        }
    ),
    "2017": frozenset(
        {RiskResponse.EXPLOIT, RiskResponse.ENHANCE, RiskResponse.SHARE, RiskResponse.REJECT}
    ),
}
"""Valid responses to an opportunity, by PRINCE2 edition."""


class Proximity(StrEnum):
    """How soon the risk could happen (or give a `proximity_date`)."""

    IMMINENT = "imminent"
    WITHIN_STAGE = "within_stage"
    WITHIN_PROJECT = "within_project"
    BEYOND_PROJECT = "beyond_project"


class RiskStatus(StrEnum):
    """Whether the risk is still live."""

    ACTIVE = "active"
    CLOSED = "closed"
    OCCURRED = "occurred"
    EXPIRED = "expired"


class RiskAction(Model):
    """An action taken in response to a risk."""

    description: Text
    """What will be done."""
    actionee: Ref | None = None
    """Who does it."""
    due: Date | None = None
    """When it is due."""
    done: bool = False
    """Whether it has been done."""


class Risk(Model):
    """An uncertain event that would affect objectives: cause, event and effect.

    Probability and impact are scored 1..`scale` (5 by default, the 5 x 5 grid).

    >>> r = Risk(id="R1", title="Delt transfer slips", probability=3, impact=4, owner="pnewton")
    >>> r.score
    12
    >>> try:
    ...     r.probability = 9
    ... except ValueError as error:
    ...     print(error.errors()[0]["msg"])
    Value error, probability 9 is outside the 1-5 scale
    """

    id: Id
    """Short id, unique in the programme (e.g. 'R-004')."""
    title: Text
    """The risk in a line."""
    kind: RiskKind = RiskKind.THREAT
    """Threat or opportunity."""
    cause: str | None = None
    """The source of the risk ("because ...")."""
    event: str | None = None
    """What might happen ("there is a risk that ...")."""
    effect: str | None = None
    """What it would do to objectives ("which would ...")."""
    category: str | None = None
    """The council's risk category (financial, reputational, legal, ...)."""
    scale: int = Field(default=5, ge=2, le=10)
    """Size of the probability x impact grid the risk is scored on."""
    probability: int = Field(ge=1)
    """Inherent probability, 1..scale."""
    impact: int = Field(ge=1)
    """Inherent impact, 1..scale."""
    residual_probability: int | None = Field(default=None, ge=1)
    """Probability after the response, 1..scale."""
    residual_impact: int | None = Field(default=None, ge=1)
    """Impact after the response, 1..scale."""
    impact_value: Money | None = None
    """Monetary impact if the risk occurs, for expected value."""
    proximity: Proximity | None = None
    """How soon it could happen."""
    proximity_date: Date | None = None
    """The date by which it could happen, where known."""
    owner: Ref | None = None
    """Who manages the risk (required while it is active)."""
    actionee: Ref | None = None
    """Who carries out the response."""
    response: RiskResponse | None = None
    """The chosen response type."""
    actions: list[RiskAction] = Field(default_factory=list)
    """Actions in response."""
    level: Level = Level.PROJECT
    """Level whose register holds it: project, strand or programme."""
    strand: Ref | None = None
    """The strand managing it, for strand-level risks."""
    escalated_to: Level | None = None
    """Level it has been escalated to, if any."""
    status: RiskStatus = RiskStatus.ACTIVE
    """Active, closed, occurred or expired."""
    raised_on: Date | None = None
    """When it was first recorded."""

    @model_validator(mode="after")
    def _on_scale(self) -> Self:
        for name in ("probability", "impact", "residual_probability", "residual_impact"):
            value = getattr(self, name)
            if value is not None and value > self.scale:
                label = name.replace("_", " ")
                raise ValueError(f"{label} {value} is outside the 1-{self.scale} scale")
        if self.response is not None:
            allowed = THREAT_RESPONSES if self.kind is RiskKind.THREAT else OPPORTUNITY_RESPONSES
            if not any(self.response in responses for responses in allowed.values()):
                raise ValueError(
                    f"{self.response} is not a response to an {self.kind}"
                    if self.kind is RiskKind.OPPORTUNITY
                    else f"{self.response} is not a response to a {self.kind}"
                )
        return self

    @property
    def score(self) -> int:
        """Inherent score: probability x impact."""
        return self.probability * self.impact

    @property
    def residual_score(self) -> int:
        """Residual score, falling back to the inherent one where not assessed."""
        probability = self.residual_probability or self.probability
        impact = self.residual_impact or self.impact
        return probability * impact

    @property
    def active(self) -> bool:
        """True while the risk is live."""
        return self.status is RiskStatus.ACTIVE

    @property
    def expected_value(self) -> Decimal | None:
        """Probability (as a fraction of the scale) x monetary impact, where impact is money."""
        if self.impact_value is None:
            return None
        return self.impact_value * Decimal(self.probability) / Decimal(self.scale)
