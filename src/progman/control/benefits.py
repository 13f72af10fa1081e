"""Benefits realisation by UK financial year: the names in `control`.

The arithmetic (apportioning profile periods to financial years, direction, outturn,
each pound once, savings targets and reconciliation) is pure computation on the model
and lives below the forecasts that use it, in `progman.forecasting.benefits`; these are
the same objects.

>>> from progman.control import benefits
>>> from progman.forecasting import benefits as arithmetic
>>> benefits.benefits_realisation is arithmetic.benefits_realisation
True
"""

from __future__ import annotations

from ..forecasting.benefits import (
    BenefitRow,
    BenefitsRealisation,
    BenefitTotals,
    Reconciliation,
    TargetProgress,
    benefit_plans,
    benefits_realisation,
    net_totals,
    split_by_financial_year,
)

__all__ = [
    "BenefitRow",
    "BenefitTotals",
    "BenefitsRealisation",
    "Reconciliation",
    "TargetProgress",
    "benefit_plans",
    "benefits_realisation",
    "net_totals",
    "split_by_financial_year",
]
