"""The one shape every user-facing problem takes: a `Finding` with a code, a
severity, a message, the model path of the object and, when it came from a
file, its source location.

YAML errors, model validation errors, rule findings and scheduling problems
all become Findings, so the CLI prints them one way::

    examples/otp.yaml:12:5: error PG-OWNER-RISK risk 'R-004' has no owner
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ._records import quick_init
from .model.common import StrEnum

__all__ = ["Finding", "Severity", "SourceLocation"]


class Severity(StrEnum):
    """How serious a finding is. Sorting puts errors first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: the order findings are shown in."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@quick_init
@dataclass(frozen=True, order=True, slots=True)
class SourceLocation:
    """A place in a definition file; line and column count from 1, as editors do."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@quick_init
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: what rule or check found it, how serious, where, and who must be told.

    >>> finding = Finding("PG-OWNER-RISK", Severity.ERROR, "risk 'R1' has no owner",
    ...                   path="risks[0]", location=SourceLocation("otp.yaml", 12, 5))
    >>> print(finding)
    otp.yaml:12:5: error PG-OWNER-RISK risk 'R1' has no owner
    """

    code: str
    """Stable id of the rule or check, e.g. `PG-DELEGATION-LIMIT` or `YAML-SYNTAX`."""
    severity: Severity
    """Error, warning or info."""
    message: str
    """Plain English, naming the objects involved."""
    path: str = ""
    """Where in the model: `projects[2].stages[0].finish` (empty for the whole programme)."""
    location: SourceLocation | None = None
    """Where in a file, when the programme came from one."""
    subject: str | None = None
    """Id of the object the finding is about, used for suppressions."""
    escalate_to: str | None = None
    """Who must be told, by name: the programme's own board or person where it defines one
    (`OTP Operations Board`), else the role (project board, programme board, sponsoring
    group)."""
    data: dict[str, Any] = field(default_factory=dict)
    """Evidence as data (amounts, dates, the cycle) for tools that read findings."""
    escalate_to_id: str | None = None
    """The id in the file of the board or person in `escalate_to` (None for a role name)."""

    def __str__(self) -> str:
        where = str(self.location) if self.location else (self.path or "<programme>")
        return f"{where}: {self.severity} {self.code} {self.message}"

    def sort_key(self) -> tuple[Any, ...]:
        """Order by file position, then severity, then code."""
        loc = self.location
        if loc is None:
            return ("", 0, 0, _RANK[self.severity], self.code, self.path)
        return (loc.file, loc.line, loc.column, _RANK[self.severity], self.code, self.path)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: the one shape of a finding in every JSON document progman writes
        (dates in `data` as ISO text, amounts as exact decimal text)."""
        from ._json import jsonable

        location = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "location": None
            if location is None
            else {"file": location.file, "line": location.line, "column": location.column},
            "subject": self.subject,
            "escalate_to": self.escalate_to,
            "escalate_to_id": self.escalate_to_id,
            "data": jsonable(self.data),
        }
