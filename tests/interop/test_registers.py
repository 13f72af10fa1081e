"""Registers to spreadsheets and a risk register back, with every bad cell located."""

from __future__ import annotations

import csv
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from progman import Benefit, Issue, Programme, Project, Risk
from progman.io.registers import RegisterError, export_register, load_risks, register_table


@pytest.fixture
def programme() -> Programme:
    return Programme(
        id="otp",
        name="OTP",
        risks=[
            Risk(
                id="R-1",
                title="Savings target missed",
                probability=3,
                impact=5,
                owner="gtolley",
                impact_value="1.4m",
                level="programme",
                response="reduce",
                raised_on="2012-10-01",
            )
        ],
        projects=[
            Project(
                id="portal",
                name="Customer Contact Portal",
                risks=[
                    Risk(
                        id="R-PA-1",
                        title="Go-live delayed by IT",
                        probability=4,
                        impact=3,
                        residual_probability=2,
                        owner="pa-lead",
                        proximity_date="2013-01-18",
                    )
                ],
                issues=[
                    Issue(
                        id="I-1",
                        title="Portal live only internally",
                        type="request for change",
                        raised_on="2012-12-03",
                        impact=["time", "cost"],
                        status="decided",
                        decision="approved",
                        decided_on="2012-12-10",
                    )
                ],
            )
        ],
        benefits=[
            Benefit(
                id="b-llp",
                name="LLP saving",
                owner="gtolley",
                profile={
                    "kpi": "Saving",
                    "unit": "GBP",
                    "periods": [
                        {"financial_year": "2012/13", "planned": "1m", "actual": "950k"},
                        {"start": "2013-04-01", "end": "2013-09-30", "planned": "1.5m"},
                        {"start": "2013-10-01", "end": "2014-03-31", "planned": "1.5m"},
                    ],
                },
            )
        ],
    )


def sheet_rows(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return rows


def test_risk_register_xlsx_has_real_dates_and_numbers(
    programme: Programme, tmp_path: Path
) -> None:
    path = export_register(programme, "risks", tmp_path / "risks.xlsx")
    header, first, second = sheet_rows(path)
    row = dict(zip(header, first, strict=True))
    assert row["ID"] == "R-1"
    assert row["Register"] == "programme"
    assert row["Score"] == 15
    assert row["Impact (£)"] == 1400000
    assert isinstance(row["Impact (£)"], int | float)
    assert row["Expected value (£)"] == 700000  # 50% (level 3 of 5) x £1.4m, issue 14
    assert row["Response"] == "Reduce"
    assert row["Raised on"] == datetime(2012, 10, 1)  # a real date, not text
    other = dict(zip(header, second, strict=True))
    assert other["Register"] == "portal"
    assert other["Residual score"] == 6  # 2 x 3
    assert other["Proximity date"] == datetime(2013, 1, 18)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == "Risk register"
    assert sheet["A1"].font.bold
    column = header.index("Raised on") + 1
    assert sheet.cell(row=2, column=column).number_format == "dd/mm/yyyy"
    assert sheet.cell(row=2, column=column).is_date
    book.close()


def test_issue_register_xlsx(programme: Programme, tmp_path: Path) -> None:
    header, first = sheet_rows(export_register(programme, "issues", tmp_path / "issues.xlsx"))
    row = dict(zip(header, first, strict=True))
    assert row["Type"] == "Request for change"
    assert row["Impact"] == "Time, Cost"
    assert row["Decision"] == "Approved"
    assert row["Decided on"] == datetime(2012, 12, 10)


def test_benefits_profile_by_financial_year(programme: Programme, tmp_path: Path) -> None:
    header, *rows = sheet_rows(export_register(programme, "benefits", tmp_path / "b.xlsx"))
    years = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(r["Financial year"], r["Planned"], r["Actual"]) for r in years] == [
        ("2012/13", 1000000, 950000),
        ("2013/14", 3000000, None),  # two half-year periods add up in their year
    ]


def test_csv_round_trip_of_the_risk_register(programme: Programme, tmp_path: Path) -> None:
    path = export_register(programme, "risks", tmp_path / "risks.csv")
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert rows[0]["Impact (£)"] == "1400000"
    assert rows[0]["Raised on"] == "2012-10-01"
    back = load_risks(path)
    assert back == [(None, programme.risks[0]), ("portal", programme.projects[0].risks[0])]


def test_xlsx_round_trip_of_the_risk_register(programme: Programme, tmp_path: Path) -> None:
    back = load_risks(export_register(programme, "risks", tmp_path / "risks.xlsx"))
    assert [risk for _, risk in back] == [programme.risks[0], programme.projects[0].risks[0]]


def test_three_bad_cells_give_three_located_errors(tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_text(
        "ID,Title,Probability,Impact,Raised on,Impact (£)\n"
        "R1,Fine,2,3,2013-01-04,10000\n"
        "R2,Bad probability,high,3,2013-01-04,10000\n"
        "R3,Bad date and money,2,3,04/01/2013,lots\n",
        encoding="utf-8",
    )
    with pytest.raises(RegisterError) as caught:
        load_risks(path)
    found = [(f.location.line, f.location.column, f.data["column"]) for f in caught.value.findings]
    assert found == [(3, 3, "Probability"), (4, 5, "Raised on"), (4, 6, "Impact (£)")]
    messages = [f.message for f in caught.value.findings]
    assert "'high' is not a whole number" in messages[0]
    assert "YYYY-MM-DD" in messages[1]
    assert "not an amount of money" in messages[2]
    assert all(f.code == "REGISTER-CELL" for f in caught.value.findings)
    assert str(caught.value).startswith(f"{path}:3:3: error REGISTER-CELL row 3")


def test_rules_across_cells_point_at_the_right_column(tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_text(
        "ID,Title,Kind,Probability,Impact,Response\n"
        "R1,Too likely,threat,7,3,\n"
        "R2,Wrong response,opportunity,2,2,avoid\n"
        "R3,No impact,threat,2,,\n",
        encoding="utf-8",
    )
    with pytest.raises(RegisterError) as caught:
        load_risks(path)
    found = [(f.location.line, f.data["column"]) for f in caught.value.findings]
    # R2 (an opportunity to be avoided) loads since issue 14: the PG-RISK-RESPONSE rule
    # reports it on the risk, so one object's mistake no longer stops the rest loading.
    assert found == [(2, "Probability"), (4, "Impact")]


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "risks.csv"
    path.write_text("ID,Title,Likelihood\nR1,Something,3\n", encoding="utf-8")
    with pytest.raises(RegisterError) as caught:
        load_risks(path)
    messages = [f.message for f in caught.value.findings]
    assert "column 'Likelihood': not a column of the risk register" in messages[0]
    assert any("'Probability'" in m and "required" in m for m in messages)
    assert any("'Impact'" in m and "required" in m for m in messages)


def test_xlsx_bad_cells_are_located_too(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Title", "Probability", "Impact", "Raised on"])
    sheet.append(["R1", "Fine", 2, 3, datetime(2013, 1, 4)])
    sheet.append(["R2", "Fractional", 2.5, 3, "soon"])
    book.save(tmp_path / "risks.xlsx")
    with pytest.raises(RegisterError) as caught:
        load_risks(tmp_path / "risks.xlsx")
    found = [(f.location.line, f.location.column) for f in caught.value.findings]
    assert found == [(3, 3), (3, 5)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["ID", "Title", "Probability", "Impact", "Raised on"])
    sheet.append(["R1", "Fine", 2, 3, datetime(2013, 1, 4)])
    book.save(tmp_path / "ok.xlsx")
    ((_, risk),) = load_risks(tmp_path / "ok.xlsx")
    assert risk.raised_on == date(2013, 1, 4)


def test_unknown_register_and_format(programme: Programme, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown register"):
        register_table(programme, "lessons")
    with pytest.raises(ValueError, match="unknown format"):
        export_register(programme, "risks", tmp_path / "risks.ods")


def test_money_columns_hold_numbers(programme: Programme) -> None:
    table = register_table(programme, "risks")
    money = [i for i, c in enumerate(table.columns) if c.kind.value == "money"]
    values = [row[i] for row in table.rows for i in money if row[i] is not None]
    assert values
    assert all(isinstance(v, Decimal) for v in values)


def test_without_openpyxl_xlsx_says_what_to_install(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
    with pytest.raises(ImportError, match=r"progman\[xlsx\]"):
        export_register(programme, "risks", tmp_path / "risks.xlsx")
    # CSV needs nothing beyond the standard library.
    assert export_register(programme, "risks", tmp_path / "risks.csv").exists()
