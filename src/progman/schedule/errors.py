"""The scheduler's one exception, carrying its problems as `Finding`s."""

from __future__ import annotations

from ..findings import Finding, Severity

__all__ = ["ScheduleError", "out_of_range"]


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


def out_of_range(reason: str) -> ScheduleError:
    """The error for a schedule whose dates leave the calendar (`SCHED-OUT-OF-RANGE`).

    >>> print(out_of_range("the schedule runs past the year 9998"))
    <programme>: error SCHED-OUT-OF-RANGE the schedule cannot be worked out: the schedule \
runs past the year 9998; check the durations, lags and dates (docs/model.md, "Plausible values")
    """
    return ScheduleError(
        [
            Finding(
                "SCHED-OUT-OF-RANGE",
                Severity.ERROR,
                f"the schedule cannot be worked out: {reason}; check the durations, lags and "
                'dates (docs/model.md, "Plausible values")',
            )
        ]
    )
