"""The board report's schedule risk section: there when the programme carries uncertainty
(or it is asked for), absent otherwise; the S-curve and tornado drawn from the analysis."""

from __future__ import annotations

import datetime
import re

import progman
from progman import DurationEstimate, Milestone, Programme, Project, Risk, Task
from progman.report import board_report, render_html, render_markdown
from progman.report.board import has_uncertainty

DAY = datetime.date(2013, 1, 4)


def programme(*, uncertain: bool) -> Programme:
    # A of U(10, 30) days then the milestone: the plan's 20 days are met in
    # (20.5 - 10) / 20 = 52.5% of runs (see tests/rules/test_confidence.py)
    estimate = (
        DurationEstimate(optimistic=10, most_likely=20, pessimistic=30, distribution="uniform")
        if uncertain
        else None
    )
    return Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(id="a", name="A", duration=20, estimate=estimate),
                    Task(id="b", name="B", duration=5, depends_on=["a"]),
                ],
                milestones=[
                    Milestone(
                        id="m", name="M", depends_on=["a"], must_finish_by=datetime.date(2013, 2, 1)
                    )
                ],
                risks=[
                    Risk(
                        id="R1",
                        title="Late supplier",
                        probability=3,
                        impact=3,
                        likelihood=50,
                        affects=["b"],
                        schedule_impact={"optimistic": 10, "most_likely": 10, "pessimistic": 10},
                    )
                ],
            )
        ],
    )


def test_no_uncertainty_no_section() -> None:
    p = programme(uncertain=False)
    p.projects[0].risks[0].schedule_impact = None
    assert not has_uncertainty(p)
    report = board_report(p, status_date=DAY)
    assert report.risk_analysis is None
    page = render_html(report)
    assert 'id="risk-analysis"' not in page
    assert "#risk-analysis" not in page  # nor in the contents
    assert "Schedule risk" not in render_markdown(report)


def test_asked_for_without_uncertainty_shows_a_certain_finish() -> None:
    p = programme(uncertain=False)
    p.projects[0].risks[0].schedule_impact = None
    report = board_report(p, status_date=DAY, risk_analysis=True)
    assert report.risk_analysis is not None
    assert report.risk_analysis.finish.plan_percentile == 100.0


def test_section_with_s_curve_tornado_and_p80_table() -> None:
    p = programme(uncertain=True)
    assert has_uncertainty(p)
    report = board_report(p, status_date=DAY)
    result = report.risk_analysis
    assert result is not None
    assert result.iterations == 2000  # the programme's setting
    page = render_html(report)
    section = page[page.index('<section id="risk-analysis"') :]
    section = section[: section.index("</section>")]
    assert '<svg class="chart s-curve"' in section
    assert '<svg class="chart tornado"' in section
    # the tornado's one bar: a threat (the risk adds its 10 days when it happens)
    assert section.count('class="bar threat"') == 1
    # the milestone's deadline chance, about 52.5% (4 standard errors of 2,000 runs: 4.5)
    chance = re.search(r"<td>([0-9.]+)% by 1 February 2013</td>", section)
    assert chance is not None
    assert abs(float(chance.group(1)) - 52.5) <= 4.5
    # the S-curve ends at 100%: its last step is at the top of the plot
    curve = re.search(r'class="curve" d="([^"]+)"', section)
    assert curve is not None
    assert "V20 " in curve.group(1) + " "  # y of 100% is the plot's top (20)
    assert "## Schedule risk" in render_markdown(report)


def test_declined_even_with_uncertainty() -> None:
    report = board_report(programme(uncertain=True), status_date=DAY, risk_analysis=False)
    assert report.risk_analysis is None


def test_public_analysis_matches_the_section() -> None:
    p = programme(uncertain=True)
    report = board_report(p, status_date=DAY)
    again = progman.risk_analysis(p, iterations=2000, seed=1, status_date=DAY)
    assert report.risk_analysis is not None
    assert report.risk_analysis.finish == again.finish
