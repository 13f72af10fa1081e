"""pandas DataFrames of progman's results; pandas is an optional extra.

Every `to_dataframe()` goes through `dataframe`, which gives each column the dtype a
notebook user expects, so `.dt`, `.sum()` and `.plot()` work with no conversion: dates
become `datetime64`, money (`Decimal`) becomes `float64` (pandas' nullable `Float64` where a
value is missing), whole numbers `int64` (nullable `Int64`), enums `category`, flags `bool`.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

__all__ = ["dataframe", "html_table"]


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "DataFrames need pandas: pip install 'progman[dataframes]' (or pip install pandas)"
        ) from None


def _typed(pd: Any, column: Any) -> Any:
    """The column with the dtype its values call for."""
    values = [value for value in column if value is not None and value == value]
    if not values:
        return column
    missing = len(values) < len(column)
    if all(isinstance(value, bool) for value in values):
        return column.astype("boolean" if missing else bool)
    if all(isinstance(value, enum.Enum) for value in values):
        return column.map(lambda v: None if v is None else str(v.value)).astype("category")
    if all(isinstance(value, date) for value in values):
        return pd.to_datetime(column)
    if all(isinstance(value, int) for value in values):
        return column.astype("Int64" if missing else "int64")
    if all(isinstance(value, Decimal | int | float) for value in values):
        numbers = column.map(lambda v: None if v is None else float(v))
        return numbers.astype("Float64" if missing else "float64")
    return column


def dataframe(rows: Iterable[Mapping[str, Any]], *, index: str | None = None) -> Any:
    """A `pandas.DataFrame` of `rows` (dicts), typed column by column, indexed by `index`."""
    pd = _pandas()
    records = [dict(row) for row in rows]
    names = list(dict.fromkeys(name for row in records for name in row))
    # Columns built as objects first, so an int column with a gap stays whole numbers.
    frame = pd.DataFrame(
        {name: pd.Series([row.get(name) for row in records], dtype=object) for name in names}
    )
    for name in names:
        frame[name] = _typed(pd, frame[name])
    return frame.set_index(index) if index is not None and not frame.empty else frame


def html_table(rows: Iterable[Mapping[str, Any]], caption: str) -> str:
    """A small HTML table of `rows` for `_repr_html_` (no pandas needed): people's words."""
    from html import escape

    from ..words import long_date, money, words

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return money(value)
        if isinstance(value, date):
            return long_date(value)
        if isinstance(value, enum.Enum):
            return words(value)
        if isinstance(value, bool):
            return "yes" if value else ""
        return str(value)

    rows = list(rows)
    if not rows:
        return f"<p>{escape(caption)}: none</p>"
    names = list(rows[0])
    head = "".join(f"<th>{escape(words(name))}</th>" for name in names)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell(row.get(name)))}</td>" for name in names) + "</tr>"
        for row in rows
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


# --- the rows of each result type (one computation each; `to_dataframe` and `_repr_html_`
# of the result types read them) ---------------------------------------------------------


def rag_rows(rag: Any) -> list[dict[str, Any]]:
    """One row per judged level of a `RagReport`: each aspect's RAG and reason."""
    statuses = [rag.programme, *rag.levels.values()] if rag.levels else [rag.programme]
    seen: set[str] = set()
    rows = []
    for row in [*statuses, *rag.projects.values()]:
        if row.subject in seen:
            continue
        seen.add(row.subject)
        out: dict[str, Any] = {"id": row.subject, "name": row.name, "level": row.level}
        for aspect in (*row.aspects, row.overall):
            out[aspect.aspect] = aspect.status
            out[f"{aspect.aspect}_reason"] = aspect.reason
        rows.append(out)
    return rows


def what_if_rows(what_if: Any) -> list[dict[str, Any]]:
    """One row per item a slip moves: its early finish before and after."""
    return [
        {"id": item, "early_finish_before": before, "early_finish_after": after}
        for item, before, after in what_if.moved
    ]


def earned_value_rows(levels: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per level of a `ProgrammeForecast`: its earned value and forecast."""
    rows = []
    for key, level in levels.items():
        ev = level.earned_value
        rows.append(
            {
                "id": key,
                "name": level.name,
                "level": level.level,
                "budget": level.budget,
                "bac": ev.bac,
                "pv": ev.pv,
                "ev": ev.ev,
                "ac": ev.ac,
                "sv": ev.sv,
                "cv": ev.cv,
                "spi": ev.spi,
                "cpi": ev.cpi,
                "eac": ev.eac,
                "etc": ev.etc,
                "vac": ev.vac,
                "planned_finish": level.planned_finish,
                "forecast_finish": level.forecast.finish,
                "forecast_cost": level.forecast.cost,
            }
        )
    return rows


BOARD_TABLES = ("milestones", "benefits_by_year", "escalated_risks", "open_issues", "rag")
"""The tables of a board report that `BoardReport.to_dataframe(table)` gives."""


def board_rows(report: Any, table: str) -> list[dict[str, Any]]:
    """The rows of one table of a `BoardReport` (one of `BOARD_TABLES`)."""
    import dataclasses

    if table == "benefits_by_year":
        return [
            {
                "financial_year": year.label,
                "planned": totals.planned,
                "forecast": totals.forecast,
                "actual": totals.actual,
            }
            for year, totals in report.benefits_by_year
        ]
    if table == "rag":
        return rag_rows(report.rag) if report.rag is not None else []
    if table in ("milestones", "escalated_risks", "open_issues"):
        rows = []
        for line in getattr(report, table):
            fields = {f.name: getattr(line, f.name) for f in dataclasses.fields(line)}
            rows.append(
                {
                    key: (value.id if hasattr(type(value), "model_fields") else value)
                    for key, value in fields.items()
                }
            )
        return rows
    raise ValueError(f"no board report table {table!r}: choose one of {', '.join(BOARD_TABLES)}")


REGISTER_NAMES = ("risks", "issues", "benefits", "people")


def register_rows(programme: Any, what: str) -> list[dict[str, Any]]:
    """A programme's register as rows named by the model's fields (`risks`, `issues`,
    `benefits`, `people`), with the register that holds each risk or issue."""
    if what == "risks":
        return [
            {
                "register": project.id if project else programme.id,
                **_plain(risk),
                "score": risk.score,
            }
            for project, risk in programme.all_risks()
        ]
    if what == "issues":
        return [
            {"register": (project or programme).id, **_plain(issue)}
            for project, issue in programme.all_issues()
        ]
    if what == "benefits":
        return [_plain(benefit, exclude={"profile"}) for benefit in programme.benefits]
    if what == "people":
        return [_plain(person) for person in programme.people]
    raise ValueError(f"no register {what!r}: choose one of {', '.join(REGISTER_NAMES)}")


def _plain(model: Any, exclude: set[str] | None = None) -> dict[str, Any]:
    """A model's scalar fields (lists and nested objects left out of a register row)."""
    out = {}
    for name in type(model).model_fields:
        if exclude and name in exclude:
            continue
        value = getattr(model, name)
        if isinstance(value, list | dict | BaseModel):
            continue
        out[name] = value
    return out


def register_frame(programme: Any, what: str) -> Any:
    """A programme's register as a typed `pandas.DataFrame` (see `register_rows`).

    >>> import progman as pm
    >>> otp = pm.Programme(id="otp", name="OTP", risks=[
    ...     pm.Risk(id="R1", title="Delt slips", probability=3, impact=4, owner="gt")])
    >>> frame = register_frame(otp, "risks")
    >>> list(frame.columns[:3]), str(frame["score"].dtype)
    (['register', 'id', 'title'], 'int64')
    """
    return dataframe(register_rows(programme, what), index=None)
