"""The summary `progman run` prints: its facts worked out by hand on a small programme, and
the same text from facts a board report already holds."""

from __future__ import annotations

from datetime import date

import progman as pm
from progman.report import board_report
from progman.report.summary import summary, summary_facts


def programme() -> pm.Programme:
    return pm.Programme(
        id="otp",
        name="OTP",
        sro="jb",
        people=[pm.Person(id="jb", name="Jo Bloggs")],
        risks=[
            pm.Risk(id="R1", title="Severe", probability=4, impact=4),  # 16: at 15 or above
            pm.Risk(id="R2", title="Mild", probability=2, impact=2),
            pm.Risk(id="R3", title="Gone", probability=5, impact=5, status="closed"),
            pm.Risk(id="R4", title="Upside", probability=5, impact=4, kind="opportunity"),
        ],
        projects=[pm.Project(id="p", name="Portal", tasks=[pm.Task(id="a", name="A", duration=5)])],
    )


def test_the_facts_count_the_registers_as_a_board_reads_them() -> None:
    facts = dict(summary_facts(programme()))
    assert facts["SRO"] == "Jo Bloggs"
    assert facts["programme manager"] == "(not set)"
    assert facts["scope"] == "0 tranches, 0 strands, 1 project, 1 task and milestone"
    # Three active (R3 is closed); only the threat R1 (4 x 4 = 16) reaches 15: the
    # opportunity R4 (20) is never counted as a severe threat.
    assert facts["risks"] == "3 active of 4, 1 at or above the escalation threshold (15)"


def test_the_summary_reads_the_facts_it_is_given() -> None:
    plan = programme()
    report = board_report(plan, status_date=date(2013, 1, 7))
    assert summary(plan, report.facts) == summary(plan)
    text = summary(plan, [(label, "given") for label, _ in summary_facts(plan)])
    assert "SRO: given; programme manager: given" in text
