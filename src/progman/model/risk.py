"""Risks: threats and opportunities, assessed on the programme's probability x impact grid."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import Field, model_validator

from .._records import quick_init
from .common import Date, Id, Level, Model, Money, Ref, StrEnum, Text, Whole
from .estimate import CostEstimate, DurationEstimate

__all__ = [
    "OPPORTUNITY_RESPONSES",
    "THREAT_RESPONSES",
    "Proximity",
    "Risk",
    "RiskAction",
    "RiskAssessment",
    "RiskGrid",
    "RiskKind",
    "RiskResponse",
    "RiskStatus",
    "ScoreBasis",
    "assess_risk",
    "rescale_level",
    "risks_assessed_once",
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


class ScoreBasis(StrEnum):
    """Which of a risk's scores drives escalation, RAID significance, the heat map and RAG."""

    CURRENT = "current"
    """The residual score once a response is recorded, the inherent score before."""
    INHERENT = "inherent"
    """Always the inherent (pre-response) score."""
    RESIDUAL = "residual"
    """Always the residual score (the inherent one where no residual is assessed)."""


Likelihood = Annotated[Decimal, Field(gt=0, lt=100)]
"""A probability in per cent, strictly between 0 (impossible) and 100 (an issue, not a risk)."""


def rescale_level(level: int, size: int, to: int) -> int:
    """A probability or impact level on a `size` grid, read on a `to` grid.

    Each level stands for an equal band of its scale; the level on the other
    grid is the one whose band holds the middle of this level's band. The one
    rescaling used by the rules, RAID, heat map and RAG.

    >>> [rescale_level(level, 3, 5) for level in (1, 2, 3)]
    [1, 3, 5]
    >>> [rescale_level(level, 5, 3) for level in (1, 2, 3, 4, 5)]
    [1, 1, 2, 3, 3]
    """
    if size == to:
        return level
    middle = Fraction(2 * level - 1, 2 * size)
    return max(1, ceil(middle * to))


class RiskGrid(Model):
    """The programme's probability x impact grid and where risks must escalate.

    Each probability level stands for a likelihood (per cent): by default the
    middle of equal bands, 10/30/50/70/90% on a 5 x 5 grid.

    >>> RiskGrid().likelihood(2), RiskGrid(size=4).likelihood(4)
    (Decimal('30'), Decimal('87.5'))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    size: Whole = Field(default=5, ge=2, le=10)
    """Grid size: probability and impact are scored 1..size."""
    escalation_threshold: Whole = Field(default=15, ge=1)
    """Score at or above which a risk belongs on the programme register (risk appetite)."""
    amber_threshold: Whole = Field(default=8, ge=1)
    """Score at or above which a risk is amber."""
    near_proximity_days: Whole = Field(default=30, ge=0)
    """A risk whose proximity date is within this many days counts as near."""
    likelihoods: list[Likelihood] | None = None
    """Likelihood in per cent of each probability level, lowest first (one per level).

    Unset: the middle of equal bands (10, 30, 50, 70, 90 on a 5 x 5 grid)."""
    escalation_basis: ScoreBasis = ScoreBasis.CURRENT
    """Which score drives escalation, RAID, heat map and RAG: `current` (residual once a
    response is recorded, else inherent), `inherent` or `residual`."""
    appetite: dict[str, int] = Field(default_factory=dict)
    """Risk appetite by category: the highest residual score at which a threat in that
    category may be accepted (e.g. `{financial: 8, reputational: 12}`). A category not
    listed may be accepted below the escalation threshold."""

    @model_validator(mode="after")
    def _thresholds(self) -> Self:
        top = self.size * self.size
        if self.escalation_threshold > top:
            raise ValueError(
                f"the escalation threshold {self.escalation_threshold} is above the highest "
                f"score on a {self.size} x {self.size} grid ({top})"
            )
        if self.amber_threshold > self.escalation_threshold:
            raise ValueError("the amber threshold is above the escalation threshold")
        for category, score in self.appetite.items():
            if not 0 <= score <= top:
                raise ValueError(
                    f"the {category} risk appetite {score} is outside 0-{top} on a "
                    f"{self.size} x {self.size} grid"
                )
        if self.likelihoods is not None:
            if len(self.likelihoods) != self.size:
                raise ValueError(
                    f"likelihoods gives {len(self.likelihoods)} values for a grid of "
                    f"{self.size} probability levels: give one per level"
                )
            if any(b <= a for a, b in zip(self.likelihoods, self.likelihoods[1:], strict=False)):
                raise ValueError("likelihoods must rise with the probability level")
        return self

    def likelihood(self, level: int) -> Decimal:
        """The likelihood in per cent that probability `level` (1..size) stands for."""
        if not 1 <= level <= self.size:
            raise ValueError(f"probability {level} is outside the 1-{self.size} scale")
        if self.likelihoods is not None:
            return self.likelihoods[level - 1]
        return Decimal(100 * (2 * level - 1)) / Decimal(2 * self.size)


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

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

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

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

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
    scale: Whole = Field(default=5, ge=2, le=10)
    """Size of the probability x impact grid the risk is scored on."""
    probability: Whole = Field(ge=1)
    """Inherent probability, 1..scale."""
    impact: Whole = Field(ge=1)
    """Inherent impact, 1..scale."""
    residual_probability: Whole | None = Field(default=None, ge=1)
    """Probability after the response, 1..scale."""
    residual_impact: Whole | None = Field(default=None, ge=1)
    """Impact after the response, 1..scale."""
    impact_value: Money | None = None
    """Monetary impact if the risk occurs, for expected value."""
    likelihood: Likelihood | None = None
    """Stated probability in per cent (PRINCE2's 25%), used for expected value instead of
    the grid's likelihood for the probability level."""
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
    handed_over_to: Ref | None = None
    """Who took the risk on when its project closed (a person or board, e.g. the
    programme board or the service that runs the product): PRINCE2's follow-on action."""
    status: RiskStatus = RiskStatus.ACTIVE
    """Active, closed, occurred or expired."""
    raised_on: Date | None = None
    """When it was first recorded."""
    affects: list[Ref] = Field(default_factory=list)
    """Ids of the tasks whose duration (and cost) the risk changes if it occurs."""
    schedule_impact: DurationEstimate | None = None
    """Working days the risk adds to each affected task if it occurs (an opportunity
    takes them off), for risk analysis."""
    cost_impact: CostEstimate | None = None
    """Cost the risk adds if it occurs (an opportunity saves it), for risk analysis."""

    @model_validator(mode="after")
    def _on_scale(self) -> Self:
        for name in ("probability", "impact", "residual_probability", "residual_impact"):
            value = getattr(self, name)
            if value is not None and value > self.scale:
                label = name.replace("_", " ")
                raise ValueError(f"{label} {value} is outside the 1-{self.scale} scale")
        if self.schedule_impact is not None and not self.affects:
            raise ValueError(
                "a schedule impact needs the tasks it affects: list their ids in `affects`"
            )
        # A response that does not fit the kind (an opportunity to be avoided) is reported by
        # the PG-RISK-RESPONSE rule on this risk, so the rest of the programme is still checked.
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
        """Likelihood x monetary impact on a default grid of the risk's own scale.

        Use `assess_risk(risk, programme.risk_grid)` for the programme's grid.
        """
        grid = RiskGrid.model_construct(size=self.scale)
        return assess_risk(self, grid).expected_value


@quick_init
@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """A risk read on the programme's grid: the one place scores and exposure are computed."""

    basis: ScoreBasis
    """`inherent` or `residual`: which of the risk's scores these are."""
    probability: int
    """Probability level on the programme's grid."""
    impact: int
    """Impact level on the programme's grid."""
    likelihood: Decimal
    """Likelihood in per cent: the risk's stated one, else the grid's for the level."""
    expected_value: Decimal | None
    """Likelihood x monetary impact (expected monetary value), where impact is money."""

    @property
    def score(self) -> int:
        """Probability x impact on the programme's grid."""
        return self.probability * self.impact


# The assessments of the `risks_assessed_once` block running now, by (risk, grid, basis)
# ids; each kept with its risk and grid, so that no id is reused while it is there.
_Shared = dict[tuple[int, int, ScoreBasis], tuple[Risk, RiskGrid, RiskAssessment]]
_SHARED: ContextVar[_Shared | None] = ContextVar("progman_risks_assessed", default=None)


@contextmanager
def risks_assessed_once() -> Iterator[None]:
    """Within the block, `assess_risk` works each risk out once on a grid and basis, and
    gives that same answer when asked again: for a computation that reads every risk in
    several places (the board report's RAG, RAID, heat map, summary and rules each read
    every risk's score). The block must not change the risks or the grid; a block inside
    another shares the outer one's answers.

    >>> grid = RiskGrid()
    >>> risk = Risk(id="R1", title="t", probability=2, impact=5)
    >>> with risks_assessed_once():
    ...     assess_risk(risk, grid) is assess_risk(risk, grid)
    True
    >>> assess_risk(risk, grid) is assess_risk(risk, grid)
    False
    """
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def assess_risk(risk: Risk, grid: RiskGrid, basis: ScoreBasis | None = None) -> RiskAssessment:
    """A risk's score, likelihood and expected value on `grid`, on the grid's basis
    (residual once a response is recorded, else inherent, unless the programme says otherwise)
    or the `basis` asked for.

    >>> grid = RiskGrid()
    >>> risk = Risk(id="R1", title="t", probability=2, impact=5, impact_value="160k",
    ...             residual_probability=1, response="reduce")
    >>> a = assess_risk(risk, grid)
    >>> str(a.basis), a.score, a.likelihood, a.expected_value
    ('residual', 5, Decimal('10'), Decimal('16000'))
    >>> prince2 = Risk(id="R2", title="t", probability=2, impact=5, impact_value="160k",
    ...                likelihood=25)
    >>> assess_risk(prince2, grid)
    RiskAssessment(basis='inherent', probability=2, impact=5, likelihood=Decimal('25'), \
expected_value=Decimal('40000'))
    """
    chosen = basis or grid.escalation_basis
    if chosen is ScoreBasis.CURRENT:
        chosen = ScoreBasis.INHERENT if risk.response is None else ScoreBasis.RESIDUAL
    shared = _SHARED.get()
    if shared is None or chosen.__class__ is not ScoreBasis:
        return _assess(risk, grid, chosen)
    key = (id(risk), id(grid), chosen)
    found = shared.get(key)
    if found is None:
        found = shared[key] = (risk, grid, _assess(risk, grid, chosen))
    return found[2]


def _assess(risk: Risk, grid: RiskGrid, chosen: ScoreBasis) -> RiskAssessment:
    if chosen is ScoreBasis.RESIDUAL:
        probability = risk.residual_probability or risk.probability
        impact = risk.residual_impact or risk.impact
    else:
        probability, impact = risk.probability, risk.impact
    probability = rescale_level(probability, risk.scale, grid.size)
    impact = rescale_level(impact, risk.scale, grid.size)
    likelihood = risk.likelihood if risk.likelihood is not None else grid.likelihood(probability)
    value = None if risk.impact_value is None else risk.impact_value * likelihood / 100
    return RiskAssessment(chosen, probability, impact, likelihood, value)
