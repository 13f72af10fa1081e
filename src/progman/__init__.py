"""progman: MSP programmes and PRINCE2 projects as data.

A typed model of programmes, tranches, strands, projects, stages, tasks,
risks, issues, benefits, tolerances, delegations and approvals, built on
pydantic v2.

>>> import progman
>>> risk = progman.Risk(id="R1", title="Delt transfer slips", probability=3, impact=4)
>>> risk.score
12
"""

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .model import (
    OPPORTUNITY_RESPONSES,
    RAG,
    THREAT_RESPONSES,
    Approval,
    Authority,
    BankHolidayRegion,
    Benefit,
    BenefitCategory,
    BenefitKind,
    BenefitProfile,
    BenefitStatus,
    Board,
    BusinessCase,
    BusinessCaseStatus,
    Calendar,
    Closure,
    DecisionOutcome,
    DecisionType,
    Delegation,
    Dependency,
    DependencyScope,
    Direction,
    Edition,
    FinancialYear,
    GovernanceSettings,
    Issue,
    IssueDecision,
    IssuePriority,
    IssueStatus,
    IssueType,
    Level,
    LinkType,
    Milestone,
    Person,
    ProfilePeriod,
    Programme,
    Project,
    ProjectStatus,
    Proximity,
    Risk,
    RiskAction,
    RiskGrid,
    RiskKind,
    RiskResponse,
    RiskStatus,
    Role,
    RoleAssignment,
    Stage,
    StageKind,
    StageStatus,
    Stakeholder,
    Strand,
    Suppression,
    Task,
    Tolerance,
    ToleranceAspect,
    ToleranceUnit,
    Tranche,
    Weekday,
    WorkPackage,
)

if TYPE_CHECKING:
    from .io.save import dump
    from .io.schema import json_schema
    from .io.yaml import DefinitionError, load, loads

# Public functions whose modules are imported on first use, to keep `import progman` fast.
_LAZY = {
    "DefinitionError": "progman.io.yaml",
    "dump": "progman.io.save",
    "json_schema": "progman.io.schema",
    "load": "progman.io.yaml",
    "loads": "progman.io.yaml",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'progman' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "OPPORTUNITY_RESPONSES",
    "RAG",
    "THREAT_RESPONSES",
    "Approval",
    "Authority",
    "BankHolidayRegion",
    "Benefit",
    "BenefitCategory",
    "BenefitKind",
    "BenefitProfile",
    "BenefitStatus",
    "Board",
    "BusinessCase",
    "BusinessCaseStatus",
    "Calendar",
    "Closure",
    "DecisionOutcome",
    "DecisionType",
    "DefinitionError",
    "Delegation",
    "Dependency",
    "DependencyScope",
    "Direction",
    "Edition",
    "FinancialYear",
    "GovernanceSettings",
    "Issue",
    "IssueDecision",
    "IssuePriority",
    "IssueStatus",
    "IssueType",
    "Level",
    "LinkType",
    "Milestone",
    "Person",
    "ProfilePeriod",
    "Programme",
    "Project",
    "ProjectStatus",
    "Proximity",
    "Risk",
    "RiskAction",
    "RiskGrid",
    "RiskKind",
    "RiskResponse",
    "RiskStatus",
    "Role",
    "RoleAssignment",
    "Stage",
    "StageKind",
    "StageStatus",
    "Stakeholder",
    "Strand",
    "Suppression",
    "Task",
    "Tolerance",
    "ToleranceAspect",
    "ToleranceUnit",
    "Tranche",
    "Weekday",
    "WorkPackage",
    "__version__",
    "dump",
    "json_schema",
    "load",
    "loads",
]
