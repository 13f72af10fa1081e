"""`ValidationResult`: the findings of one validation, sortable, filterable and serialisable.

(It was called `Report`; that name still works, with a DeprecationWarning, so that
"report" means only the board report.)

>>> from progman.findings import Finding, Severity
>>> report = ValidationResult((Finding("PG-OWNER-RISK", Severity.ERROR, "risk 'R1' has no owner",
...                          path="risks[0]", subject="R1"),))
>>> report.ok, len(report), report.counts()
(False, 1, {'error': 1, 'warning': 0, 'info': 0})
>>> report.filter(severity="warning").ok
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .._gc import bulk_objects
from .._json import SCHEMA_VERSION, dumps_json, jsonable
from .._version import __version__
from ..findings import Finding, Severity
from ..words import plural
from .registry import REGISTRY, Rule

__all__ = ["GovernanceError", "SuppressedFinding", "ValidationResult"]

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True, slots=True)
class SuppressedFinding:
    """A finding the programme accepted for one object, with the recorded reason."""

    finding: Finding
    """The finding as it would have been reported."""
    reason: str
    """Why it was accepted."""
    by: str | None = None
    """Who accepted it."""


class GovernanceError(Exception):
    """Raised by `ValidationResult.raise_for_findings()`; carries the result as `report`.

    >>> from progman.findings import Finding, Severity
    >>> bad = ValidationResult((Finding("PG-OWNER-SRO", Severity.ERROR, "no SRO"),))
    >>> try:
    ...     bad.raise_for_findings()
    ... except GovernanceError as error:
    ...     print(error.report.counts()["error"], "|", error)
    1 | 1 governance finding at error or worse:
    <programme>: error PG-OWNER-SRO no SRO
    """

    def __init__(
        self, report: ValidationResult, findings: list[Finding], threshold: Severity
    ) -> None:
        lines = [f"{len(findings)} governance finding(s) at {threshold} or worse:"]
        if len(findings) == 1:
            lines[0] = f"1 governance finding at {threshold} or worse:"
        lines.extend(str(finding) for finding in findings)
        super().__init__("\n".join(lines))
        self.report = report
        self.findings = findings


def _escalation(finding: Finding) -> str:
    # Say who must be told, unless the message already does.
    if finding.escalate_to and "escalate to" not in finding.message:
        return f" [escalate to: {finding.escalate_to}]"
    return ""


def _as_set(value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


class _Ordered(tuple[Finding, ...]):
    """Findings already in a result's order (`Finding.sort_key`): a result made from them
    (`filter`, `replace`, `progman check` gathering one file's) does not sort them again."""

    __slots__ = ()


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of `progman.validate`: findings, the findings suppressed, what ran.

    Iterating gives the findings in order (file position, then severity, then id).
    """

    findings: tuple[Finding, ...] = ()
    """What the rules found, in order."""
    suppressed: tuple[SuppressedFinding, ...] = ()
    """Findings dropped by `governance.suppress`, with the reason recorded."""
    rules: tuple[str, ...] = ()
    """Ids of the rules that ran."""
    status_date: date | None = None
    """The date the programme was judged at."""
    rule_info: Mapping[str, Rule] = field(default_factory=dict, repr=False, compare=False)
    """The rules by id (for SARIF's rule table and docs links)."""
    status_date_source: str | None = None
    """Where `status_date` came from: `argument` (given by the caller or `--date`),
    `programme` (the file's `status_date`) or `today` (the computer's clock)."""

    def __post_init__(self) -> None:
        if type(self.findings) is not _Ordered:  # findings of another result are in order
            ordered = _Ordered(sorted(self.findings, key=Finding.sort_key))
            object.__setattr__(self, "findings", ordered)

    # --- reading ----------------------------------------------------------------------

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    def __bool__(self) -> bool:
        # A report is always "there"; use `.ok` for the verdict.
        return True

    @property
    def today(self) -> date | None:
        """Deprecated: use `status_date`."""
        warnings.warn(
            "ValidationResult.today is deprecated; use status_date",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.status_date

    @property
    def ok(self) -> bool:
        """False when any finding is an error."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> list[Finding]:
        """The error findings."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The warning findings."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def counts(self) -> dict[str, int]:
        """Number of findings by severity."""
        out = {str(s): 0 for s in Severity}
        for finding in self.findings:
            out[str(finding.severity)] += 1
        return out

    def codes(self) -> set[str]:
        """The rule ids that produced findings."""
        return {f.code for f in self.findings}

    def filter(
        self,
        *,
        severity: str | Iterable[str] | None = None,
        code: str | Iterable[str] | None = None,
        path: str | None = None,
        subject: str | None = None,
    ) -> ValidationResult:
        """A result with only the matching findings.

        `path` keeps findings at that model path or inside it
        (`projects[2]` keeps `projects[2].stages[0]`).
        """
        severities = _as_set(severity)
        codes = _as_set(code)

        def keep(f: Finding) -> bool:
            if severities is not None and str(f.severity) not in severities:
                return False
            if codes is not None and f.code not in codes:
                return False
            if subject is not None and f.subject != subject:
                return False
            return path is None or f.path == path or f.path.startswith((path + ".", path + "["))

        return replace(self, findings=_Ordered(f for f in self.findings if keep(f)))

    def sorted(self, *, by: str = "location") -> list[Finding]:
        """Findings ordered by `location` (the default), `severity`, `code` or `path`."""
        keys = {
            "location": Finding.sort_key,
            "severity": lambda f: (f.severity.rank, f.code, f.path),
            "code": lambda f: (f.code, f.path),
            "path": lambda f: (f.path, f.severity.rank, f.code),
        }
        if by not in keys:
            raise ValueError(f"cannot sort by {by!r}: choose one of {', '.join(keys)}")
        return sorted(self.findings, key=keys[by])

    def raise_for_findings(self, severity: str = "error") -> None:
        """Raise `GovernanceError` if any finding is at `severity` or worse."""
        threshold = Severity(severity)
        bad = [f for f in self.findings if f.severity.rank <= threshold.rank]
        if bad:
            raise GovernanceError(self, bad, threshold)

    # --- output -----------------------------------------------------------------------

    def to_text(self) -> str:
        """Findings grouped by severity, one per line as `file:line:col: severity ID message`,
        followed by who must be told where the rule says so."""
        if not self.findings:
            return "No governance findings."
        counts = self.counts()
        lines = [", ".join(plural(n, severity) for severity, n in counts.items())]
        groups: dict[Severity, list[Finding]] = {level: [] for level in Severity}
        for finding in self.findings:
            groups[finding.severity].append(finding)
        for level, group in groups.items():
            if group:
                lines.append(f"{str(level).capitalize()}s:")
                lines.extend([f"  {f}{_escalation(f)}" for f in group])
        if self.suppressed:
            lines.append(f"({len(self.suppressed)} suppressed)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: verdict, counts, findings and suppressed findings; the document
        `progman check --format json` prints (its JSON Schema: `progman schema --output check`).
        """
        with bulk_objects():  # a dict or more per finding, no cycles
            return self._document()

    def _document(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "ok": self.ok,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "status_date_source": self.status_date_source,
            "counts": self.counts(),
            "rules": list(self.rules),
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [
                {**s.finding.to_dict(), "reason": s.reason, "by": s.by} for s in self.suppressed
            ],
        }

    def to_dataframe(self) -> Any:
        """The findings as a `pandas.DataFrame` (pandas is an optional extra)."""
        from ..report.frames import dataframe

        return dataframe(finding.to_dict() for finding in self)

    def _repr_html_(self) -> str:
        from ..report.notebook import report_html

        return report_html(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The result as JSON text (`to_dict()`; amounts and dates written as strings)."""
        return dumps_json(self.to_dict(), indent=indent)

    def to_sarif(self) -> dict[str, Any]:
        """The report as a SARIF 2.1.0 log, so CI can show findings inline on pull requests.

        Suppressed findings are included with their justification, as SARIF expects.

        >>> ValidationResult().to_sarif()["version"]
        '2.1.0'
        """
        with bulk_objects():  # dicts for every finding, no cycles
            return self._sarif()

    def _sarif(self) -> dict[str, Any]:
        info = dict(self.rule_info) or {r.id: r for r in REGISTRY}
        used = sorted(
            {f.code for f in self.findings}
            | {s.finding.code for s in self.suppressed}
            | set(self.rules)
        )
        rules = []
        for code in used:
            known = info.get(code)
            entry: dict[str, Any] = {"id": code}
            if known is not None:
                entry["shortDescription"] = {"text": known.description}
                entry["helpUri"] = known.docs
                entry["defaultConfiguration"] = {"level": _SARIF_LEVEL[known.severity]}
                entry["properties"] = {"family": known.family}
            rules.append(entry)
        index = {code: i for i, code in enumerate(used)}
        results = [self._sarif_result(f, index) for f in self.findings]
        for s in self.suppressed:
            result = self._sarif_result(s.finding, index)
            result["suppressions"] = [{"kind": "external", "justification": s.reason}]
            results.append(result)
        return {
            "$schema": _SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "progman",
                            "version": __version__,
                            "rules": rules,
                        }
                    },
                    "results": results,
                }
            ],
        }

    @staticmethod
    def _sarif_result(finding: Finding, index: Mapping[str, int]) -> dict[str, Any]:
        location: dict[str, Any] = {}
        if finding.location is not None:
            location["physicalLocation"] = {
                "artifactLocation": {"uri": finding.location.file},
                "region": {
                    "startLine": finding.location.line,
                    "startColumn": finding.location.column,
                },
            }
        location["logicalLocations"] = [
            {"fullyQualifiedName": finding.path or "<programme>", "kind": "object"}
        ]
        properties: dict[str, Any] = dict(jsonable(finding.data))
        if finding.subject:
            properties["subject"] = finding.subject
        if finding.escalate_to:
            properties["escalateTo"] = finding.escalate_to
        if finding.escalate_to_id:
            properties["escalateToId"] = finding.escalate_to_id
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "properties": properties,
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        return result
