"""The scheduler's one exception, carrying its problems as `Finding`s."""

from __future__ import annotations

from ..findings import Finding

__all__ = ["ScheduleError"]


class ScheduleError(ValueError):
    """A programme that cannot be scheduled: a cycle, an unknown predecessor, no start date.

    `findings` holds every problem found in the run (not just the first), each
    a `progman.findings.Finding` with a code (`SCHED-CYCLE`,
    `SCHED-UNKNOWN-REF`, ...), the model path and, for a programme loaded
    from a file, the source location.

    >>> from progman.findings import Finding, Severity
    >>> error = ScheduleError([Finding("SCHED-NO-START", Severity.ERROR, "no start date")])
    >>> print(error)
    <programme>: error SCHED-NO-START no start date
    >>> error.findings[0].code
    'SCHED-NO-START'
    """

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(finding) for finding in findings))
        self.findings = findings
