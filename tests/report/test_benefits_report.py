"""The board report and the status dashboard show each savings target on its own years."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import progman
from progman.control import benefits_realisation, rag_status, raid_roll_up
from progman.report import board_report, render_html, render_markdown
from progman.report.status import status_data, status_text

MK = Path(__file__).resolve().parents[2] / "examples" / "milton-keynes"
DAY = date(2013, 1, 10)


def test_the_board_report_shows_each_target_and_the_reconciliation_gap() -> None:
    report = board_report(progman.load(MK), status_date=DAY)
    text = render_markdown(report)
    # Seed 004 para 4.1: three targets, each met on its own years (no "£1.9m beyond").
    assert (
        "| MTFP 2013-2017 | 2013/14-2016/17 | cashable | £15,900,000 | £15,900,000 | £0 | met |"
    ) in text
    assert (
        "| OTP savings 2011/12 | 2011/12 | cashable | £600,000 | £600,000 | £600,000 | met |"
        in (text)
    )
    assert "beyond the savings target" not in text
    # Para 4.2: £1.4m stated, 400k + 600k + 107k + 200k = £1.307m itemised.
    assert "| b-savings-2012-13 2012/13 | £1,400,000 | £1,307,000 | £93,000 |" in text
    assert "Savings targets, each over its own financial years" in render_html(report)


def test_the_status_dashboard_lists_targets_and_gaps() -> None:
    programme = progman.load(MK)
    benefits = benefits_realisation(programme, status_date=DAY)
    rag = rag_status(programme, status_date=DAY)
    text = status_text(programme.name, rag, benefits, raid_roll_up(programme))
    assert (
        "  MTFP 2013-2017 (2013/14-2016/17): target £15,900,000, forecast £15,900,000, "
        "actual £0: met"
    ) in text.splitlines()
    assert "£93,000 unaccounted for" in text
    data = status_data(rag, benefits, raid_roll_up(programme))
    assert data["savings_targets"][2]["shortfall"] == "0"
    assert data["benefit_reconciliation"] == [
        {
            "benefit": "b-savings-2012-13",
            "year": "2012/13",
            "stated": "1400000",
            "itemised": "1307000",
            "gap": "93000",
        }
    ]


def test_the_board_report_draws_the_benefits_map_left_to_right() -> None:
    html = render_html(board_report(progman.load(MK), status_date=DAY))
    svg = re.search(r'<svg class="chart benefits-map".*?</svg>', html, re.S)
    assert svg is not None
    # Counted from the YAML: 19 projects, 3 capabilities, 2 outcomes, 18 benefits and 7
    # objectives, all linked; 55 references (enabled_by, capabilities, outcomes,
    # components, objectives) draw 55 arrows.
    assert (
        "Left to right: 19 projects, 3 capabilities, 2 outcomes, 18 benefits, 7 objectives; "
        "55 links"
    ) in svg.group(0)
    assert svg.group(0).count('<path class="link"') == 55
    boxes = [
        (kind, float(x), float(y))
        for kind, x, y in re.findall(
            r'<g class="node ([a-z-]+)"><title>[^<]*</title><rect x="([\d.]+)" y="([\d.]+)"',
            svg.group(0),
        )
    ]
    column_x = {"project": 10, "capability": 240, "outcome": 470, "benefit": 700, "objective": 930}
    assert all(x == column_x[kind] for kind, x, _ in boxes)
    assert len({(x, y) for _, x, y in boxes}) == len(boxes) == 49  # no two boxes overlap
    # Every arrow between columns runs rightwards: from a box's right edge (x + 190).
    for x1, x2 in re.findall(
        r'<path class="link" d="M([\d.]+),[\d.]+ C[^"]* ([\d.]+),[\d.]+"', svg.group(0)
    ):
        assert float(x1) - 190 in column_x.values()
        assert float(x2) in column_x.values()
