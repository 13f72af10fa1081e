"""Progress and control: baselines, earned value, benefits realisation, RAID roll-up,
RAG status and the PRINCE2 highlight and exception reports, as data.

Functions take a Programme (and, where they need one, its Schedule) and return
plain results; they never change the programme. See docs/control.md.
"""

from typing import TYPE_CHECKING, Any

# What the rules use (and the names a submodule shares with a function: `progress`,
# `earned_value`, `benefits_map`) loads here; the rest on first use, so `progman check`
# does not import the reports, RAG and RAID it never makes.
from .benefits import (
    BenefitRow,
    BenefitsRealisation,
    BenefitTotals,
    Reconciliation,
    TargetProgress,
    benefit_plans,
    benefits_realisation,
)
from .benefits_map import BenefitsMap, MapEdge, benefits_map
from .change import (
    BaselineBasis,
    ChangeLine,
    assess_change,
    baseline_basis,
    change_budget_balance,
    decision_log_changes,
)
from .earned_value import EarnedValue, earned_value
from .progress import Progress, progress

if TYPE_CHECKING:
    from .baseline import Change, compare, compare_baselines, take_baseline
    from .lessons import LessonsReport, lessons_report
    from .rag import AspectStatus, RagReport, RagStatus, rag_status
    from .raid import HeatMap, RaidCounts, RaidRollUp, RiskLine, heat_map, raid_roll_up
    from .reports import (
        ExceptionReport,
        HighlightReport,
        WorkLine,
        exception_report,
        highlight_report,
    )

_LAZY = {
    "Change": "baseline",
    "compare": "baseline",
    "compare_baselines": "baseline",
    "take_baseline": "baseline",
    "LessonsReport": "lessons",
    "lessons_report": "lessons",
    "AspectStatus": "rag",
    "RagReport": "rag",
    "RagStatus": "rag",
    "rag_status": "rag",
    "HeatMap": "raid",
    "RaidCounts": "raid",
    "RaidRollUp": "raid",
    "RiskLine": "raid",
    "heat_map": "raid",
    "raid_roll_up": "raid",
    "ExceptionReport": "reports",
    "HighlightReport": "reports",
    "WorkLine": "reports",
    "exception_report": "reports",
    "highlight_report": "reports",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "AspectStatus",
    "BaselineBasis",
    "BenefitRow",
    "BenefitTotals",
    "BenefitsMap",
    "BenefitsRealisation",
    "Change",
    "ChangeLine",
    "EarnedValue",
    "ExceptionReport",
    "HeatMap",
    "HighlightReport",
    "LessonsReport",
    "MapEdge",
    "Progress",
    "RagReport",
    "RagStatus",
    "RaidCounts",
    "RaidRollUp",
    "Reconciliation",
    "RiskLine",
    "TargetProgress",
    "WorkLine",
    "assess_change",
    "baseline_basis",
    "benefit_plans",
    "benefits_map",
    "benefits_realisation",
    "change_budget_balance",
    "compare",
    "compare_baselines",
    "decision_log_changes",
    "earned_value",
    "exception_report",
    "heat_map",
    "highlight_report",
    "lessons_report",
    "progress",
    "rag_status",
    "raid_roll_up",
    "take_baseline",
]
