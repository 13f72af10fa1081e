"""Issue 12 item 4: `load_risks` on broken or hostile spreadsheets gives located
`RegisterError`s, never `BadZipFile`, `KeyError`, `ParseError` or `_csv.Error`.

Locations are (file, row, column), counted from 1; a problem with the whole file
(not a workbook at all) is at 1, 1. Rows and columns below are counted by hand in
the files each test writes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from progman import Programme, Risk
from progman.io.registers import RegisterError, export_register, load_risks

HEADER = "ID,Title,Probability,Impact"


def located(path: Path) -> list[tuple[int, int, str, str]]:
    with pytest.raises(RegisterError) as caught:
        load_risks(path)
    out = []
    for finding in caught.value.findings:
        assert finding.location is not None, finding
        assert finding.location.file == str(path)
        out.append((finding.location.line, finding.location.column, finding.code, finding.message))
    return out


@pytest.fixture
def workbook(tmp_path: Path) -> bytes:
    programme = Programme(
        id="p", name="P", risks=[Risk(id="R1", title="Slips", probability=2, impact=3)]
    )
    return export_register(programme, "risks", tmp_path / "seed.xlsx").read_bytes()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "not an Excel workbook"),
        (b"ID,Title\nR1,Slips\n", "not an Excel workbook"),
        (None, "not an Excel workbook"),  # the seed workbook cut in half
    ],
    ids=["empty", "not-a-zip", "truncated"],
)
def test_a_file_that_is_not_a_workbook(
    tmp_path: Path, workbook: bytes, content: bytes | None, words: str
) -> None:
    path = tmp_path / "risks.xlsx"
    path.write_bytes(workbook[: len(workbook) // 2] if content is None else content)
    [(row, column, code, message)] = located(path)
    assert (row, column, code) == (1, 1, "REGISTER-READ")
    assert words in message


def _rewrite(workbook: bytes, change: dict[str, bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = change.get(name, source.read(name))
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def test_a_zip_without_a_workbook(tmp_path: Path, workbook: bytes) -> None:
    path = tmp_path / "risks.xlsx"
    path.write_bytes(_rewrite(workbook, {"xl/workbook.xml": None}))
    [(row, column, code, message)] = located(path)
    assert (row, column, code) == (1, 1, "REGISTER-READ")
    assert "a damaged Excel workbook" in message


def test_a_document_type_declaration_in_the_sheet_is_refused(
    tmp_path: Path, workbook: bytes
) -> None:
    sheet = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet1.xml")
    hostile = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>' + sheet
    path = tmp_path / "risks.xlsx"
    path.write_bytes(_rewrite(workbook, {"xl/worksheets/sheet1.xml": hostile}))
    [(row, column, code, message)] = located(path)
    assert (row, column, code) == (1, 1, "REGISTER-READ")
    assert "xl/worksheets/sheet1.xml carries a document type declaration" in message


def test_a_csv_cell_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_text(f"{HEADER}\nR1,Slips,2,3\nR2,{'x' * 131_073},2,3\n", encoding="utf-8")
    assert located(path) == [(3, 1, "REGISTER-READ", "a cell longer than 131,072 characters")]


def test_an_unbalanced_quote(tmp_path: Path) -> None:
    # The quote opens a cell on line 2 that runs to the end of the file (line 3).
    path = tmp_path / "risks.csv"
    path.write_text(f'{HEADER}\nR1,"Slips,2,3\nR2,Late,2,3\n', encoding="utf-8")
    [(row, column, code, message)] = located(path)
    assert (column, code) == (1, "REGISTER-READ")
    assert row == 3  # where the reader ran out of file looking for the closing quote
    assert message == 'a quote (") opens a cell that is never closed'


def test_a_quoted_cell_over_two_lines_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_text(f'{HEADER}\nR1,"Slips\nbadly",2,3\n', encoding="utf-8")
    [(_register, risk)] = load_risks(path)
    assert risk.title == "Slips\nbadly"


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    # Title is column 2 and again column 5: the second is the finding, at row 1.
    path = tmp_path / "risks.csv"
    path.write_text(f"{HEADER},Title\nR1,Slips,2,3,Other\n", encoding="utf-8")
    assert located(path) == [
        (
            1,
            5,
            "REGISTER-CELL",
            "row 1, column 'Title': this column is given twice (also column 2): keep one",
        )
    ]


def test_a_formula_without_a_saved_value_is_reported(tmp_path: Path, workbook: bytes) -> None:
    # openpyxl writes formulas without the value Excel would compute and save.
    path = tmp_path / "risks.xlsx"
    path.write_bytes(workbook)
    book = openpyxl.load_workbook(path)
    book.active["B2"] = '=A2&" slips"'  # the Title of the first risk
    book.save(path)
    [(row, column, code, message)] = located(path)
    assert (row, column, code) == (2, 2, "REGISTER-READ")
    assert "has no saved value" in message


def test_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_bytes(f"{HEADER}\nR1,Slips,2,3\n".encode() + b"R2,Caf\xe9,2,3\n")
    [(row, column, code, message)] = located(path)
    assert (row, column, code) == (3, 1, "REGISTER-READ")
    assert "not UTF-8" in message


@pytest.mark.parametrize(
    ("where", "offset", "value"),
    [
        # Found by `make fuzz`. The first central directory header's "version needed to
        # extract" (bytes 6-7 of the header) set to 64, version 6.4: zipfile raised
        # NotImplementedError.
        ("central", 6, 64),
        # The end record's "offset of the central directory" (bytes 16-19) made huge: a
        # seek past any file, OSError EINVAL.
        ("end", 19, 0xFF),
    ],
    ids=["zip-version-6.4", "directory-offset"],
)
def test_a_damaged_zip_directory(
    tmp_path: Path, workbook: bytes, where: str, offset: int, value: int
) -> None:
    start = workbook.find(b"PK\x01\x02") if where == "central" else workbook.rfind(b"PK\x05\x06")
    at = start + offset
    path = tmp_path / "risks.xlsx"
    path.write_bytes(workbook[:at] + bytes([value]) + workbook[at + 1 :])
    [(row, column, code, _message)] = located(path)
    assert (row, column, code) == (1, 1, "REGISTER-READ")
