"""Forecasting: one computation of every level's forecast at a status date.

`forecast(programme, status_date=...)` schedules the programme at the status date
(progress-aware), measures earned value, estimates cost at completion by the
programme's EAC method, totals benefits, and judges time, cost, benefits and risk
against the tolerance that applies at each level. The governance rules
(`PG-TOLERANCE-*`, `PG-PROGRESS-OVERDUE`), the RAG, `progman status`, the board
report and the exception report all read this one result. See docs/control.md.

Modules: `earned_value` (EVM figures, EAC methods, TCPI, earned schedule),
`tolerance` (judging a deviation against a tolerance, both sides), `benefits`
(benefits by financial year, direction, outturn, each pound once, savings targets;
`progman.control` re-exports it), `compute` (the walk over the programme).
"""

from .benefits import BenefitsRealisation, benefit_plans, benefits_realisation
from .compute import (
    Forecast,
    LevelForecast,
    OverdueWork,
    ProgrammeForecast,
    forecast,
    forecast_without_schedule,
)
from .earned_value import EarnedSchedule, EarnedValue, earned_schedule, earned_value, total
from .tolerance import Assessment, Breach, assess_tolerance, band, judge

__all__ = [
    "Assessment",
    "BenefitsRealisation",
    "Breach",
    "EarnedSchedule",
    "EarnedValue",
    "Forecast",
    "LevelForecast",
    "OverdueWork",
    "ProgrammeForecast",
    "assess_tolerance",
    "band",
    "benefit_plans",
    "benefits_realisation",
    "earned_schedule",
    "earned_value",
    "forecast",
    "forecast_without_schedule",
    "judge",
    "total",
]
