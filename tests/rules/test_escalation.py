"""Escalation to the programme's own bodies (issue 14): a four-level structure like
Milton Keynes's OTP: strand board -> OTP Operations Board -> OTP Board -> Cabinet."""

from __future__ import annotations

import pytest

from progman import Board, Programme
from progman.rules import RuleContext, escalation_chain, escalation_target

from .conftest import TODAY, only


@pytest.fixture
def governed(programme: Programme) -> Programme:
    # The Public Access strand has its own board; the OTP Operations Board is the programme
    # board, the OTP Board (the Corporate Leadership Team) the sponsoring group, Cabinet the
    # executive (Milton Keynes OTP quarterly update, Oct-Dec 2012).
    programme.boards = [
        Board(id="cabinet", name="Cabinet", chair="leader", members=["leader"]),
        Board(id="otp-board", name="OTP Board", serves=["tranche", "corporate"],
              parent="cabinet"),
        Board(id="otp-ops-board", name="OTP Operations Board", serves=["programme"],
              parent="otp-board"),
        Board(id="pa-board", name="Public Access Board", serves=["strand", "project"],
              parent="otp-ops-board"),
    ]  # fmt: skip
    programme.strands[0].board = "pa-board"
    programme.governance.executive = "cabinet"
    return programme


def test_each_role_resolves_to_the_board_serving_its_level(governed: Programme) -> None:
    ctx = RuleContext(governed, today=TODAY)
    # portal is in the Public Access strand: its board hears the project level.
    assert escalation_target(ctx, "project board", "portal") == ("pa-board", "Public Access Board")
    # llp is in no strand and no board serves projects outside Public Access: one level up.
    assert escalation_target(ctx, "project board", "llp") == (
        "otp-ops-board",
        "OTP Operations Board",
    )
    assert escalation_target(ctx, "programme board", "portal") == (
        "otp-ops-board",
        "OTP Operations Board",
    )
    assert escalation_target(ctx, "sponsoring group", None) == ("otp-board", "OTP Board")
    assert escalation_target(ctx, "executive (cabinet)", None) == ("cabinet", "Cabinet")
    assert escalation_target(ctx, "otp-board", "portal") == ("otp-board", "OTP Board")
    assert [b.id for b in escalation_chain(ctx, "pa-board")] == [
        "pa-board",
        "otp-ops-board",
        "otp-board",
        "cabinet",
    ]


def test_the_role_name_is_kept_where_the_programme_defines_no_body(
    programme: Programme,
) -> None:
    programme.governance.executive = None
    ctx = RuleContext(programme, today=TODAY)
    assert escalation_target(ctx, "programme board", "portal") == (None, "programme board")
    assert escalation_target(ctx, "executive (cabinet)", None) == (None, "executive (cabinet)")


def test_findings_name_the_board_and_its_id(governed: Programme) -> None:
    risk = governed.projects[0].risks[0]
    risk.probability, risk.impact = 4, 4
    finding = only(governed, "PG-RISK-ESCALATION")
    assert (finding.escalate_to, finding.escalate_to_id) == (
        "OTP Operations Board",
        "otp-ops-board",
    )
    assert finding.to_dict()["escalate_to_id"] == "otp-ops-board"


def test_an_unknown_parent_board_is_an_unresolved_reference(governed: Programme) -> None:
    governed.boards[3].parent = "otp-ops"
    finding = only(governed, "PG-REF-UNRESOLVED")
    assert finding.path == "boards[3].parent"
