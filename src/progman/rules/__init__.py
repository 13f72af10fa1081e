"""The governance rules engine: a registry of rules, the context they read, the report.

>>> import datetime, progman
>>> report = progman.validate(progman.Programme(id="otp", name="OTP"),
...                           status_date=datetime.date(2013, 1, 10))
>>> report.ok, sorted(report.codes())
(False, ['PG-OWNER-SRO'])

Built-in rules live in one module per family: `structure`, `ownership`,
`tolerances`, `risk`, `delegation`, `gates`, `benefits`, `change` and `closure` (which
holds the `lessons` family too), and `confidence` (the deadline confidence the risk
analysis gives); importing this package registers them. See
docs/governance.md for each rule.
"""

from __future__ import annotations

from . import (
    benefits,
    change,
    closure,
    confidence,
    delegation,
    gates,
    ownership,
    risk,
    structure,
    tolerances,
)
from .context import Entry, Forecast, RuleContext
from .engine import all_rules, get_rule, validate
from .escalation import Escalation, escalation_chain, escalation_target
from .registry import REGISTRY, Problem, Registry, Rule, rule
from .report import GovernanceError, SuppressedFinding, ValidationResult

__all__ = [
    "REGISTRY",
    "Entry",
    "Escalation",
    "Forecast",
    "GovernanceError",
    "Problem",
    "Registry",
    "Rule",
    "RuleContext",
    "SuppressedFinding",
    "ValidationResult",
    "all_rules",
    "benefits",
    "change",
    "check_findings",
    "closure",
    "confidence",
    "delegation",
    "escalation_chain",
    "escalation_target",
    "gates",
    "get_rule",
    "ownership",
    "risk",
    "rule",
    "structure",
    "tolerances",
    "validate",
]

check_findings = validate
"""The function `progman check` calls: `validate` under the name the CLI uses."""


def __getattr__(name: str) -> object:
    if name == "Report":
        import warnings

        warnings.warn(
            "progman.rules.Report is deprecated; use progman.ValidationResult",
            DeprecationWarning,
            stacklevel=2,
        )
        return ValidationResult
    raise AttributeError(f"module 'progman.rules' has no attribute {name!r}")
