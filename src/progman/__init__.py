"""progman: MSP programmes and PRINCE2 projects as data.

A typed model of programmes, tranches, strands, projects, stages, tasks,
risks, issues, benefits, tolerances, delegations and approvals, built on
pydantic v2.

>>> import progman
>>> risk = progman.Risk(id="R1", title="Delt transfer slips", probability=3, impact=4)
>>> risk.score
12
"""

import typing as _typing

from . import schedule as _schedule_package
from ._version import __version__
from .model import (
    OPPORTUNITY_RESPONSES,
    RAG,
    THREAT_RESPONSES,
    Approval,
    Authority,
    BankHolidayRegion,
    Baseline,
    BaselineBenefit,
    BaselineItem,
    BaselineRisk,
    Benefit,
    BenefitCategory,
    BenefitKind,
    BenefitProfile,
    BenefitStatus,
    Board,
    BoardLevel,
    BusinessCase,
    BusinessCaseStatus,
    Calendar,
    Capability,
    Closure,
    CostEstimate,
    DecisionOutcome,
    DecisionType,
    Delegation,
    Dependency,
    DependencyScope,
    Direction,
    Distribution,
    DurationEstimate,
    DurationUncertainty,
    EacMethod,
    Edition,
    FinancialYear,
    FinancialYears,
    ForecastSettings,
    GovernanceSettings,
    ImpactAssessment,
    Issue,
    IssueDecision,
    IssuePriority,
    IssueStatus,
    IssueType,
    Lesson,
    LessonKind,
    LessonType,
    Level,
    LinkType,
    Milestone,
    Objective,
    Outcome,
    Person,
    ProfilePeriod,
    Programme,
    Project,
    ProjectClosure,
    ProjectStatus,
    Proximity,
    Reservation,
    Risk,
    RiskAction,
    RiskAnalysisSettings,
    RiskAssessment,
    RiskGrid,
    RiskKind,
    RiskResponse,
    RiskStatus,
    Role,
    RoleAssignment,
    SavingsTarget,
    ScoreBasis,
    Stage,
    StageKind,
    StageStatus,
    Stakeholder,
    Strand,
    Suppression,
    Task,
    TaskCorrelation,
    Tolerance,
    ToleranceAspect,
    ToleranceUnit,
    Tranche,
    Weekday,
    WorkPackage,
    assess_risk,
    rescale_level,
)
from .schedule import ScheduleError, schedule

# `progman.schedule` is the scheduling function; the subpackage of the same name is made
# callable as that function, so `progman.schedule(programme)` and
# `progman.schedule.ScheduleError` both work whichever of the two an import left here.
schedule = _schedule_package  # type: ignore[assignment]  # noqa: F811

if _typing.TYPE_CHECKING:
    from . import rules
    from .analysis import RiskAnalysis, risk_analysis
    from .control import (
        benefits_map,
        benefits_realisation,
        compare,
        exception_report,
        highlight_report,
        lessons_report,
        rag_status,
        raid_roll_up,
        take_baseline,
    )
    from .forecasting import Forecast, ProgrammeForecast, forecast
    from .io.save import DefinitionChanged, dump, dumps
    from .io.schema import json_schema
    from .io.yaml import DefinitionError, Limits, load, loads
    from .report import board_report
    from .rules import GovernanceError, ValidationResult, rule, validate
    from .schedule import schedule

# Heavier parts load on first use, so `import progman` stays fast.
_LAZY = {
    "DefinitionChanged": "progman.io.save",
    "DefinitionError": "progman.io.yaml",
    "Limits": "progman.io.yaml",
    "dump": "progman.io.save",
    "dumps": "progman.io.save",
    "json_schema": "progman.io.schema",
    "load": "progman.io.yaml",
    "loads": "progman.io.yaml",
    "benefits_map": "progman.control",
    "benefits_realisation": "progman.control",
    "board_report": "progman.report",
    "compare": "progman.control",
    "exception_report": "progman.control",
    "highlight_report": "progman.control",
    "lessons_report": "progman.control",
    "rag_status": "progman.control",
    "raid_roll_up": "progman.control",
    "take_baseline": "progman.control",
    "Forecast": "progman.forecasting",
    "ProgrammeForecast": "progman.forecasting",
    "forecast": "progman.forecasting",
    "GovernanceError": "progman.rules",
    "RiskAnalysis": "progman.analysis",
    "risk_analysis": "progman.analysis",
    "ValidationResult": "progman.rules",
    "rule": "progman.rules",
    "validate": "progman.rules",
}


def __getattr__(name: str) -> _typing.Any:
    import importlib

    if name == "rules":
        return importlib.import_module("progman.rules")
    if name == "Report":
        import warnings

        warnings.warn(
            "progman.Report is deprecated; use progman.ValidationResult (the findings of "
            "validate); a board report is progman.board_report",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module("progman.rules.report").ValidationResult
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module 'progman' has no attribute {name!r}")


def __dir__() -> list[str]:
    # Tab completion in notebooks offers the lazily loaded names too.
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "OPPORTUNITY_RESPONSES",
    "RAG",
    "THREAT_RESPONSES",
    "Approval",
    "Authority",
    "BankHolidayRegion",
    "Baseline",
    "BaselineBenefit",
    "BaselineItem",
    "BaselineRisk",
    "Benefit",
    "BenefitCategory",
    "BenefitKind",
    "BenefitProfile",
    "BenefitStatus",
    "Board",
    "BoardLevel",
    "BusinessCase",
    "BusinessCaseStatus",
    "Calendar",
    "Capability",
    "Closure",
    "CostEstimate",
    "DecisionOutcome",
    "DecisionType",
    "DefinitionChanged",
    "DefinitionError",
    "Delegation",
    "Dependency",
    "DependencyScope",
    "Direction",
    "Distribution",
    "DurationEstimate",
    "DurationUncertainty",
    "EacMethod",
    "Edition",
    "FinancialYear",
    "FinancialYears",
    "Forecast",
    "ForecastSettings",
    "GovernanceError",
    "GovernanceSettings",
    "ImpactAssessment",
    "Issue",
    "IssueDecision",
    "IssuePriority",
    "IssueStatus",
    "IssueType",
    "Lesson",
    "LessonKind",
    "LessonType",
    "Level",
    "Limits",
    "LinkType",
    "Milestone",
    "Objective",
    "Outcome",
    "Person",
    "ProfilePeriod",
    "Programme",
    "ProgrammeForecast",
    "Project",
    "ProjectClosure",
    "ProjectStatus",
    "Proximity",
    "Reservation",
    "Risk",
    "RiskAction",
    "RiskAnalysis",
    "RiskAnalysisSettings",
    "RiskAssessment",
    "RiskGrid",
    "RiskKind",
    "RiskResponse",
    "RiskStatus",
    "Role",
    "RoleAssignment",
    "SavingsTarget",
    "ScheduleError",
    "ScoreBasis",
    "Stage",
    "StageKind",
    "StageStatus",
    "Stakeholder",
    "Strand",
    "Suppression",
    "Task",
    "TaskCorrelation",
    "Tolerance",
    "ToleranceAspect",
    "ToleranceUnit",
    "Tranche",
    "ValidationResult",
    "Weekday",
    "WorkPackage",
    "__version__",
    "assess_risk",
    "benefits_map",
    "benefits_realisation",
    "board_report",
    "compare",
    "dump",
    "dumps",
    "exception_report",
    "forecast",
    "highlight_report",
    "json_schema",
    "lessons_report",
    "load",
    "loads",
    "rag_status",
    "raid_roll_up",
    "rescale_level",
    "risk_analysis",
    "rule",
    "rules",
    "schedule",
    "take_baseline",
    "validate",
]
