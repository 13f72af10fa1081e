"""Words for people: names, statuses as words, "10 January 2013" and right plurals in
every board-facing text, from the one module that writes them (`progman.words`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import progman
from progman.cli import main
from progman.words import long_date, money, plural, pluralise, words

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "milton-keynes"


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (1, "working day", "1 working day"),  # was "1 working days"
        (2, "working day", "2 working days"),
        (1, "error", "1 error"),
        (3, "error", "3 errors"),
        (0, "risk", "0 risks"),
        (2, "business case", "2 business cases"),
        (2, "strategy", "2 strategies"),
        (2, "person", "2 people"),
    ],
)
def test_plurals(count: int, noun: str, expected: str) -> None:
    irregular = "people" if noun == "person" else None
    assert plural(count, noun, irregular) == expected


def test_dates_money_and_statuses_as_a_board_paper_writes_them() -> None:
    assert long_date(date(2013, 1, 10)) == "10 January 2013"  # no leading zero
    assert long_date(None) == "-"
    assert money(Decimal("1400000")) == "£1,400,000"
    assert money(Decimal("99.5")) == "£99.50"
    assert words("transferred_to_bau") == "transferred to business as usual"
    assert words(progman.RAG.AMBER_GREEN) == "amber/green"
    assert pluralise("tranche") == "tranches"


def test_text_output_names_people_and_writes_statuses_and_dates_as_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: ids where a board expects names (owner ppp-lead), raw enum values
    # (transferred_to_bau) and ISO dates in the text a board reads.
    main(["status", str(EXAMPLE), "--date", "2013-01-10"])
    status = capsys.readouterr().out
    assert "status at 10 January 2013" in status
    assert "owner People Processes and Performance strand lead" in status
    assert "owner ppp-lead" not in status
    main(["run", str(EXAMPLE), "--date", "2013-01-10", "--report", str(tmp_path / "r.html")])
    run = capsys.readouterr().out
    assert "transferred to business as usual 1" in run
    assert "transferred_to_bau" not in run
    assert "2 tranches, 6 strands, 19 projects" in run


def test_board_report_tables_name_owners() -> None:
    from progman.report.tables import risks_table

    report = progman.board_report(progman.load(EXAMPLE), status_date="2013-01-10")
    owners = {row[2] for row in risks_table(report).rows}
    assert "Gail Tolley" in owners
    assert "gtolley" not in owners


def test_json_keeps_ids_and_iso_dates(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    main(["status", str(EXAMPLE), "--date", "2013-01-10", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert document["status_date"] == "2013-01-10"
    assert any(risk["owner"] == "ppp-lead" for risk in document["escalated_risks"])
