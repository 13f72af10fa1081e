"""Progress and control: baselines, earned value, benefits realisation, RAID roll-up,
RAG status and the PRINCE2 highlight and exception reports, as data.

Functions take a Programme (and, where they need one, its Schedule) and return
plain results; they never change the programme. See docs/control.md.
"""

from .baseline import Change, compare, compare_baselines, take_baseline
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
from .lessons import LessonsReport, lessons_report
from .progress import Progress, progress
from .rag import AspectStatus, RagReport, RagStatus, rag_status
from .raid import HeatMap, RaidCounts, RaidRollUp, RiskLine, heat_map, raid_roll_up
from .reports import ExceptionReport, HighlightReport, WorkLine, exception_report, highlight_report

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
