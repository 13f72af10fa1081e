"""Rich display in Jupyter and DataFrames for analysts."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

import progman as pm
from progman.control import benefits_realisation
from progman.report.notebook import _table


def programme() -> pm.Programme:
    return pm.Programme(
        id="otp",
        name="OTP <Milton Keynes>",
        start="2013-01-07",
        people=[pm.Person(id="gt", name="Gail Tolley")],
        strands=[pm.Strand(id="pa", name="Public Access", projects=["portal"])],
        projects=[
            pm.Project(
                id="portal",
                name="Portal",
                executive="gt",
                budget="250k",
                tasks=[
                    pm.Task(id="a", name="A", duration=3),
                    pm.Task(id="b", name="B", duration=2, depends_on=["a"]),
                ],
            )
        ],
        benefits=[
            pm.Benefit(
                id="b1",
                name="Saving",
                profile=pm.BenefitProfile(
                    kpi="GBP", periods=[{"financial_year": "2013/14", "planned": "1m"}]
                ),
            )
        ],
    )


class _Cells(HTMLParser):
    """Collects the text of every table cell, and checks tags balance."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.open: list[str] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag in ("td", "th"):
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag
        self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data


def cells(markup: str) -> list[str]:
    parser = _Cells()
    parser.feed(markup)
    assert parser.open == []
    return parser.cells


def test_programme_renders_its_projects_escaped() -> None:
    markup = programme()._repr_html_()
    assert "OTP &lt;Milton Keynes&gt;" in markup
    found = cells(markup)
    assert (found[8:15]) == [
        "portal",
        "Portal",
        "Public Access",
        "",
        "mandated",
        "Gail Tolley",
        "£250,000",
    ]


def test_schedule_renders_finish_and_critical_path() -> None:
    plan = pm.schedule(programme())
    markup = plan._repr_html_()
    assert "Finish <strong>2013-01-11</strong>" in markup  # a Mon-Wed, b Thu-Fri
    assert "a &rarr; b" in markup
    assert "2013-01-10" in cells(markup)


def test_report_renders_findings_errors_first() -> None:
    report = pm.validate(programme(), status_date=date(2013, 1, 7))
    markup = report._repr_html_()
    found = cells(markup)
    severities = [c for c in found if c in ("error", "warning", "info")]
    assert severities
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert f"{report.counts()['error']} errors" in markup


def test_long_tables_are_cut_with_a_count() -> None:
    markup = _table("Numbers", ["n"], [(i,) for i in range(60)])
    assert "... and 10 more" in markup
    assert cells(markup)[1:3] == ["0", "1"]


def test_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    frame = pm.schedule(programme()).to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert frame.loc["b", "early_start"] == pd.Timestamp(2013, 1, 10)  # datetime64
    assert bool(frame.loc["b", "critical"]) is True
    findings = pm.validate(programme(), status_date=date(2013, 1, 7)).to_dataframe()
    assert {"code", "severity", "message"} <= set(findings.columns)
    benefits = benefits_realisation(programme()).to_dataframe()
    assert benefits.loc[0, "financial_year"] == "2013/14"
    assert benefits.loc[0, "planned"] == 1_000_000
