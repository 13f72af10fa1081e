"""Schedule and cost risk analysis: Monte Carlo simulation on the CPM network.

`risk_analysis(programme)` samples three-point estimates and register risks and
re-runs the critical-path engine for every iteration; the result is a
`RiskAnalysis`. See docs/risk-analysis.md.
"""

from .montecarlo import (
    CostSpread,
    DateSpread,
    DeadlineChance,
    RiskAnalysis,
    RiskDriver,
    SavingsSpread,
    TargetChance,
    risk_analysis,
)

__all__ = [
    "CostSpread",
    "DateSpread",
    "DeadlineChance",
    "RiskAnalysis",
    "RiskDriver",
    "SavingsSpread",
    "TargetChance",
    "risk_analysis",
]
