"""The board report: its data, its HTML (well-formed, self-contained, accessible) and its
Markdown, on a small programme whose answers are worked out by hand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest

import progman as pm
from progman.report import BoardReport, board_report, render_html, render_markdown
from progman.report.svg import GANTT_LABEL_WIDTH, GANTT_PLOT_WIDTH

STATUS = date(2013, 1, 9)


def small_programme() -> pm.Programme:
    """Two tasks in a row from Monday 7 January 2013, one idle task beside them.

    By hand, at the status date Wed 9 Jan: `spec` started Mon 7 and is 60% done (3 of 5
    days), so its last 2 days are Thu 10 - Fri 11 Jan; `build` is Mon 14 - Fri 18 Jan, so
    the programme finishes Fri 18 Jan and its critical path is spec -> build -> live;
    `comms` (2 days, done Mon 7 - Tue 8) is not critical.
    """
    return pm.Programme(
        id="otp",
        name="Small <Transformation> & Co",
        start="2013-01-07",
        projects=[
            pm.Project(
                id="portal",
                name="Portal",
                budget="100k",
                finish="2013-01-18",
                tasks=[
                    pm.Task(
                        id="spec",
                        name="Specify",
                        duration=5,
                        budget="50k",
                        actual_start="2013-01-07",
                        percent_complete=60,
                    ),
                    pm.Task(id="build", name="Build", duration=5, depends_on=["spec"]),
                    pm.Task(
                        id="comms",
                        name="Tell staff",
                        duration=2,
                        actual_start="2013-01-07",
                        actual_finish="2013-01-08",
                    ),
                ],
                milestones=[pm.Milestone(id="live", name="Live", depends_on=["build"])],
                risks=[pm.Risk(id="R1", title="Delay", probability=4, impact=4, owner="x")],
                issues=[
                    pm.Issue(id="I1", title="Open one"),
                    pm.Issue(id="I2", title="Shut", status="closed"),
                ],
            )
        ],
        benefits=[
            pm.Benefit(
                id="saving",
                name="Saving",
                category="cashable",
                profile=pm.BenefitProfile(
                    kpi="Savings",
                    unit="GBP",
                    periods=[
                        {"financial_year": "2012/13", "planned": "100k", "actual": "80k"},
                        {"financial_year": "2013/14", "planned": "200k"},
                    ],
                ),
            )
        ],
    )


@pytest.fixture(scope="module")
def report() -> BoardReport:
    return board_report(small_programme(), status_date=STATUS)


@pytest.fixture(scope="module")
def page(report: BoardReport) -> str:
    return render_html(report)


# --- the data --------------------------------------------------------------------------


def test_data_holds_the_hand_worked_schedule(report: BoardReport) -> None:
    assert report.finish == date(2013, 1, 18)
    assert report.critical_path == ("spec", "build", "live")
    assert [(row.item.id, row.depth) for row in report.gantt] == [
        ("portal", 0),
        ("spec", 1),
        ("build", 1),
        ("comms", 1),
        ("live", 1),
    ]
    assert [m.id for m in report.milestones] == ["live"]
    assert report.milestones[0].forecast == date(2013, 1, 18)


def test_data_holds_risks_issues_and_benefits(report: BoardReport) -> None:
    assert [r.id for r in report.escalated_risks] == ["R1"]  # 16 >= threshold 15
    assert [i.id for i in report.open_issues] == ["I1"]
    assert report.heat_map.cells == {(4, 4): 1}
    years = {year.label: totals for year, totals in report.benefits_by_year}
    assert years["2012/13"].planned == 100_000
    assert years["2012/13"].actual == 80_000
    assert years["2013/14"].planned == 200_000


def test_data_does_not_change_the_programme() -> None:
    programme = small_programme()
    before = programme.model_dump()
    board_report(programme, status_date=STATUS)
    assert programme.model_dump() == before


def test_a_programme_that_cannot_be_scheduled_still_reports_why() -> None:
    programme = small_programme()
    programme.projects[0].tasks[0].depends_on = [pm.Dependency(on="build")]
    report = board_report(programme, status_date=STATUS)
    assert report.gantt == ()
    assert report.rag is None
    assert any("cycle" in f.message.lower() for f in report.validation)
    html = render_html(report)
    assert "could not be scheduled" in html


# --- the HTML --------------------------------------------------------------------------


class _Checker(HTMLParser):
    """Checks every element is closed in order (void elements excepted)."""

    VOID = frozenset({"meta", "link", "br", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.seen: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")


def test_html_is_well_formed_and_semantic(page: str) -> None:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    tags = [tag for tag, _ in checker.seen]
    for tag in ("header", "nav", "main", "section", "h1", "h2", "h3", "table", "caption"):
        assert tag in tags, tag
    assert tags.count("h1") == 1
    scopes = {attrs.get("scope") for tag, attrs in checker.seen if tag == "th"}
    assert scopes == {"col", "row"}
    assert "<h1>Small &lt;Transformation&gt; &amp; Co</h1>" in page


def _svgs(page: str) -> dict[str, ET.Element]:
    found = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    trees = [ET.fromstring(svg) for svg in found]  # each SVG is well-formed XML
    return {tree.get("id", ""): tree for tree in trees}


def test_every_chart_is_well_formed_xml_with_a_title_and_description(page: str) -> None:
    svgs = _svgs(page)
    assert set(svgs) == {"gantt", "heat-map", "benefits"}
    for svg in svgs.values():
        assert svg.get("role") == "img"
        assert svg.findtext("title")
        assert svg.find("desc") is not None


def test_the_page_is_self_contained(page: str) -> None:
    assert not re.search(r"https?://", page)
    assert not re.search(r"<script|<link[^>]+stylesheet|@import|src=", page)


def test_critical_items_are_marked_by_pattern_weight_and_label(page: str) -> None:
    gantt = _svgs(page)["gantt"]
    marked = {
        el.find("title").text.split(" (")[0]  # type: ignore[union-attr]
        for el in gantt.iter()
        if "critical" in (el.get("class") or "").split() and el.tag in ("rect", "polygon")
    }
    # spec -> build -> live has no float, so neither has the project that holds it
    assert marked == {"Portal", "Specify", "Build", "Live"}
    labels = [el.text for el in gantt.iter("text") if "critical" in (el.get("class") or "")]
    assert labels == [
        "Portal (critical)",
        "Specify (critical)",
        "Build (critical)",
        "Live (critical)",
    ]
    assert "Tell staff (critical)" not in page


def test_today_line_sits_at_the_status_date_on_the_documented_scale(page: str) -> None:
    # The scale runs from the first start, Mon 7 Jan, to the day after the last finish,
    # Sat 19 Jan: 12 days. Wed 9 Jan is 2 days in.
    expected = GANTT_LABEL_WIDTH + GANTT_PLOT_WIDTH * 2 / 12
    line = next(el for el in _svgs(page)["gantt"].iter("line") if el.get("class") == "today")
    assert float(line.get("x1", "nan")) == pytest.approx(expected, abs=0.01)
    assert line.get("x1") == line.get("x2")
    # and the bar of `build` starts at Mon 14 Jan (7 days in), ends after Fri 18 (12 days)
    build = next(
        el
        for el in _svgs(page)["gantt"].iter("rect")
        if (el.findtext("title") or "").startswith("Build")
    )
    assert float(build.get("x", "nan")) == pytest.approx(
        GANTT_LABEL_WIDTH + GANTT_PLOT_WIDTH * 7 / 12, abs=0.01
    )
    assert float(build.get("width", "nan")) == pytest.approx(GANTT_PLOT_WIDTH * 5 / 12, abs=0.02)


def test_rag_cells_carry_the_word_as_well_as_the_colour(page: str) -> None:
    cells = re.findall(r'<td class="rag rag-([a-z-]+)">([^<]+)</td>', page)
    assert cells
    for css, text in cells:
        assert css == text.lower().replace(" ", "-")
    assert ("red", "Red") in cells  # the 4 x 4 risk scores 16: red


def test_heat_map_counts_the_risk_in_its_cell(page: str) -> None:
    heat = _svgs(page)["heat-map"]
    cells = {
        (g.get("data-probability"), g.get("data-impact")): g
        for g in heat.iter("g")
        if "cell" in (g.get("class") or "")
    }
    assert len(cells) == 25
    assert cells[("4", "4")].get("data-count") == "1"
    assert "red" in (cells[("4", "4")].get("class") or "")
    assert cells[("1", "1")].get("data-count") == "0"


def test_benefit_bars_are_planned_beside_actual(page: str) -> None:
    bars = [
        (el.get("class"), el.findtext("title"))
        for el in _svgs(page)["benefits"].iter("rect")
        if el.findtext("title")
    ]
    assert bars == [
        ("bar planned", "2012/13 planned: £100k"),
        ("bar actual", "2012/13 actual: £80k"),
        ("bar planned", "2013/14 planned: £200k"),
        ("bar actual", "2013/14 actual: £0"),
    ]


def test_findings_section_lists_the_rules_findings(page: str, report: BoardReport) -> None:
    section = page.split('<section id="findings"', 1)[1]
    codes = {finding.code for finding in report.validation}
    assert codes
    for code in codes:
        assert code in section


# --- the Markdown ----------------------------------------------------------------------


def test_markdown_has_the_tables_and_no_charts(report: BoardReport) -> None:
    text = render_markdown(report)
    assert "<svg" not in text
    assert "| Programme or project | Time | Cost | Benefits | Risk | Overall |" in text
    assert "| Financial year | Planned | Forecast | Actual |" in text
    # forecast: the actual where one is recorded (docs/control.md)
    assert "| 2012/13 | £100,000 | £80,000 | £80,000 |" in text
    assert "| I1 Open one | medium |" in text
    assert "- Specify\n- Build\n- Live" in text
    for heading in ("## RAG status", "## Milestones", "## Risks", "## Findings"):
        assert heading in text


def test_markdown_escapes_pipes_in_cells() -> None:
    programme = small_programme()
    programme.projects[0].name = "Portal | phase 1"
    text = render_markdown(board_report(programme, status_date=STATUS))
    assert "| Portal \\| phase 1 |" in text


def test_board_report_is_exported_lazily() -> None:
    assert pm.board_report is board_report
