"""Registers as spreadsheets: risks, issues, the benefits profile by financial year and
the schedule, written to CSV (standard library) or XLSX (openpyxl, the `xlsx` extra);
and a risk register read back from either, every bad cell reported by row and column.

>>> from progman import Programme, Risk
>>> programme = Programme(id="otp", name="OTP", risks=[
...     Risk(id="R1", title="Portal slips", probability=4, impact=3, owner="pa-lead",
...          impact_value="250k")])
>>> table = register_table(programme, "risks")
>>> [c.header for c in table.columns][:4]
['ID', 'Title', 'Register', 'Kind']
>>> row = dict(zip([c.header for c in table.columns], table.rows[0]))
>>> row["Score"], row["Impact (£)"], row["Expected value (£)"]
(12, Decimal('250000'), Decimal('175000'))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..findings import Finding, Severity, SourceLocation
from ..model import FinancialYear, Programme, Project, Risk
from ..model.common import StrEnum
from ._spreadsheets import (
    Cell,
    Column,
    Kind,
    SheetError,
    Table,
    cell_value,
    neutralise,
    read_rows,
    write_table,
)

__all__ = [
    "REGISTERS",
    "RegisterError",
    "export_register",
    "load_risks",
    "neutralise",
    "register_table",
]

REGISTERS = ("risks", "issues", "benefits", "schedule")
"""The registers `export_register` writes."""


class RegisterError(ValueError):
    """A register file that cannot be read; `findings` holds every bad cell, located.

    Each finding's location is (file, row, column) with rows and columns counted from 1
    as the spreadsheet shows them, and its `data` names the column's header.
    """

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(str(finding) for finding in findings))
        self.findings = findings


def _label(value: Any) -> Cell:
    # Enum values read as a programme office writes them: 'request_for_change' ->
    # 'Request for change'. The model reads them back case-insensitively.
    if isinstance(value, StrEnum):
        return value.value.replace("_", " ").capitalize()
    return value  # type: ignore[no-any-return]


@dataclass(frozen=True)
class _Field:
    """A register column tied to a model field (`field` None: worked out, export only)."""

    column: Column
    field: str | None
    get: Callable[[Project | None, Any], Any]


def _attr(name: str) -> Callable[[Project | None, Any], Any]:
    return lambda _project, item: _label(getattr(item, name))


def _register_of(project: Project | None, _item: Any) -> Cell:
    return project.id if project is not None else "programme"


_RISK_FIELDS = (
    _Field(Column("ID", width=10), "id", _attr("id")),
    _Field(Column("Title", width=40), "title", _attr("title")),
    _Field(Column("Register"), None, _register_of),
    _Field(Column("Kind", width=12), "kind", _attr("kind")),
    _Field(Column("Category"), "category", _attr("category")),
    _Field(Column("Cause", width=30), "cause", _attr("cause")),
    _Field(Column("Event", width=30), "event", _attr("event")),
    _Field(Column("Effect", width=30), "effect", _attr("effect")),
    _Field(Column("Owner"), "owner", _attr("owner")),
    _Field(Column("Actionee"), "actionee", _attr("actionee")),
    _Field(Column("Scale", Kind.INTEGER, 8), "scale", _attr("scale")),
    _Field(Column("Probability", Kind.INTEGER, 12), "probability", _attr("probability")),
    _Field(Column("Impact", Kind.INTEGER, 10), "impact", _attr("impact")),
    _Field(Column("Score", Kind.INTEGER, 8), None, lambda _p, r: r.score),
    _Field(
        Column("Residual probability", Kind.INTEGER, 12),
        "residual_probability",
        _attr("residual_probability"),
    ),
    _Field(
        Column("Residual impact", Kind.INTEGER, 12), "residual_impact", _attr("residual_impact")
    ),
    _Field(Column("Residual score", Kind.INTEGER, 10), None, lambda _p, r: r.residual_score),
    _Field(Column("Impact (£)", Kind.MONEY), "impact_value", _attr("impact_value")),
    _Field(Column("Expected value (£)", Kind.MONEY), None, lambda _p, r: r.expected_value),
    _Field(Column("Proximity"), "proximity", _attr("proximity")),
    _Field(Column("Proximity date", Kind.DATE), "proximity_date", _attr("proximity_date")),
    _Field(Column("Response"), "response", _attr("response")),
    _Field(Column("Level"), "level", _attr("level")),
    _Field(Column("Strand"), "strand", _attr("strand")),
    _Field(Column("Escalated to"), "escalated_to", _attr("escalated_to")),
    _Field(Column("Status", width=10), "status", _attr("status")),
    _Field(Column("Raised on", Kind.DATE), "raised_on", _attr("raised_on")),
)

_ISSUE_FIELDS = (
    _Field(Column("ID", width=10), "id", _attr("id")),
    _Field(Column("Title", width=40), "title", _attr("title")),
    _Field(Column("Register"), None, _register_of),
    _Field(Column("Type", width=20), "type", _attr("type")),
    _Field(Column("Description", width=40), "description", _attr("description")),
    _Field(Column("Raised by"), "raised_by", _attr("raised_by")),
    _Field(Column("Raised on", Kind.DATE), "raised_on", _attr("raised_on")),
    _Field(Column("Owner"), "owner", _attr("owner")),
    _Field(Column("Priority", width=10), "priority", _attr("priority")),
    _Field(Column("Severity", width=12), "severity", _attr("severity")),
    _Field(
        Column("Impact", width=20),
        "impact",
        lambda _p, i: ", ".join(str(_label(aspect)) for aspect in i.impact) or None,
    ),
    _Field(Column("Status", width=12), "status", _attr("status")),
    _Field(Column("Decision", width=12), "decision", _attr("decision")),
    _Field(Column("Decided by"), "decided_by", _attr("decided_by")),
    _Field(Column("Decided on", Kind.DATE), "decided_on", _attr("decided_on")),
)


def _table(
    title: str, fields: tuple[_Field, ...], items: list[tuple[Project | None, Any]]
) -> Table:
    return Table(
        title,
        tuple(f.column for f in fields),
        tuple(tuple(f.get(project, item) for f in fields) for project, item in items),
    )


def _benefits(programme: Programme) -> Table:
    """One row per benefit per UK financial year: planned, forecast and actual."""
    columns = (
        Column("Benefit ID", width=12),
        Column("Benefit", width=36),
        Column("Kind", width=12),
        Column("Category", width=14),
        Column("Owner"),
        Column("Status", width=12),
        Column("Unit", width=8),
        Column("Financial year", width=10),
        Column("Planned", Kind.NUMBER),
        Column("Forecast", Kind.NUMBER),
        Column("Actual", Kind.NUMBER),
    )
    rows: list[tuple[Cell, ...]] = []
    for benefit in programme.benefits:
        if benefit.profile is None:
            continue
        # Periods are filed under the financial year they start in.
        years: dict[FinancialYear, list[Decimal | None]] = defaultdict(lambda: [None] * 3)
        for period in benefit.profile.periods:
            sums = years[FinancialYear.of(period.start)]
            for index, value in enumerate((period.planned, period.forecast, period.actual)):
                if value is not None:
                    sums[index] = (sums[index] or Decimal(0)) + value
        for year in sorted(years):
            planned, forecast, actual = years[year]
            rows.append(
                (
                    benefit.id,
                    benefit.name,
                    _label(benefit.kind),
                    _label(benefit.category),
                    benefit.owner,
                    _label(benefit.status),
                    benefit.profile.unit,
                    year.label,
                    planned,
                    forecast,
                    actual,
                )
            )
    return Table("Benefits profile", columns, tuple(rows))


def register_table(programme: Programme, what: str) -> Table:
    """The register `what` (one of `REGISTERS`) as a table of typed columns."""
    if what == "risks":
        return _table("Risk register", _RISK_FIELDS, list(programme.all_risks()))
    if what == "issues":
        return _table("Issue register", _ISSUE_FIELDS, list(programme.all_issues()))
    if what == "benefits":
        return _benefits(programme)
    if what == "schedule":
        from ._schedule_register import schedule_table

        return schedule_table(programme)
    raise ValueError(f"unknown register {what!r}: choose one of {', '.join(REGISTERS)}")


def export_register(
    programme: Programme, what: str, path: str | Path, fmt: str | None = None
) -> Path:
    """Write the register `what` to `path` as CSV or XLSX (`fmt`, or the file's suffix).

    Dates are written as real dates and money as numbers in XLSX (ISO dates and
    plain numbers in CSV). XLSX needs the `xlsx` extra (openpyxl).
    """
    target = Path(path)
    chosen = fmt or target.suffix.lstrip(".").lower()
    write_table(register_table(programme, what), target, chosen)
    return target


# --- reading a risk register back -----------------------------------------------------


def load_risks(path: str | Path) -> list[tuple[str | None, Risk]]:
    """Read a risk register written in the columns `export_register` uses.

    Returns (project id or None for the programme register, risk) pairs, as
    the `Register` column says. Worked-out columns (scores, expected value)
    are ignored. Raises `RegisterError` listing every bad cell by row and
    column when any cell cannot be read.
    """
    file = Path(path)
    try:
        header, rows = read_rows(file)
    except OSError as error:
        raise RegisterError(
            [Finding("REGISTER-READ", Severity.ERROR, f"{file}: cannot read: {error}")]
        ) from None
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text: save the file as CSV UTF-8 ({error.reason})"
        raise RegisterError([_read_error(file, message, line, 1)]) from None
    except SheetError as error:
        raise RegisterError([_read_error(file, str(error), error.row, error.column)]) from None
    findings: list[Finding] = []

    def bad(row: int, column: int, header_text: str, message: str) -> None:
        findings.append(
            Finding(
                "REGISTER-CELL",
                Severity.ERROR,
                f"row {row}, column '{header_text}': {message}",
                location=SourceLocation(str(file), row, column),
                data={"row": row, "column": header_text},
            )
        )

    known = {f.column.header.lower(): f for f in _RISK_FIELDS}
    by_number: dict[int, _Field] = {}
    first_at: dict[str, int] = {}
    for number, text in enumerate(header, start=1):
        spec = known.get(text.lower())
        if spec is not None and spec.column.header in first_at:
            first = first_at[spec.column.header]
            bad(1, number, text, f"this column is given twice (also column {first}): keep one")
        elif spec is not None:
            first_at[spec.column.header] = number
            by_number[number] = spec
        elif text:
            bad(1, number, text, "not a column of the risk register")
    present = {spec.column.header for spec in by_number.values()}
    for required in ("ID", "Title", "Probability", "Impact"):
        if required not in present:
            bad(1, len(header) + 1, required, "this column is required and missing")
    if findings:
        raise RegisterError(findings)

    number_of = {spec.field: number for number, spec in by_number.items() if spec.field}
    out: list[tuple[str | None, Risk]] = []
    for row in rows:
        data: dict[str, Any] = {}
        register: str | None = None
        unreadable: set[str] = set()
        for number, value in row.cells.items():
            spec = by_number.get(number)
            if spec is None:
                continue
            if spec.column.header == "Register":
                register = None if str(value).lower() == "programme" else str(value)
            elif spec.field is not None:  # the others are worked out, not read
                try:
                    data[spec.field] = cell_value(value, spec.column.kind)
                except ValueError as error:
                    bad(row.number, number, spec.column.header, str(error))
                    unreadable.add(spec.field)
        # The model checks scores against the scale only once every field reads; check
        # here too, so a bad score is reported beside the row's other bad cells.
        scale = data.get("scale", 5) if isinstance(data.get("scale", 5), int) else 5
        for field in ("probability", "impact", "residual_probability", "residual_impact"):
            score = data.get(field)
            if isinstance(score, int) and not 1 <= score <= scale:
                label = field.replace("_", " ")
                message = f"{label} {score} is outside the 1-{scale} scale"
                bad(row.number, number_of[field], _HEADER_OF[field], message)
                unreadable.add(field)
        try:
            risk = Risk.model_validate(data)
        except ValidationError as error:
            for problem in error.errors():
                field = str(problem["loc"][0]) if problem["loc"] else _field_named(problem["msg"])
                if field in unreadable:
                    continue  # already reported, and missing from the data because of it
                header_text = _HEADER_OF.get(field, "?")
                bad(row.number, number_of.get(field, 1), header_text, _plain(problem["msg"]))
        else:
            if not unreadable:
                out.append((register, risk))
    if findings:
        raise RegisterError(sorted(findings, key=Finding.sort_key))
    return out


_HEADER_OF = {f.field: f.column.header for f in _RISK_FIELDS if f.field}


def _read_error(file: Path, message: str, row: int, column: int) -> Finding:
    return Finding(
        "REGISTER-READ",
        Severity.ERROR,
        message,
        location=SourceLocation(str(file), row, column),
    )


def _field_named(message: str) -> str:
    # Whole-risk checks ("probability 7 is outside the 1-5 scale") name their field first.
    text = _plain(message)
    for field in sorted(_HEADER_OF, key=len, reverse=True):
        if text.startswith(field.replace("_", " ")):
            return field
    return "response" if "response" in text else ""


def _plain(message: str) -> str:
    return message.removeprefix("Value error, ")
