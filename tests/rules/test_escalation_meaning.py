"""Who hears of a finding, by the documented meaning of escalation (rules/escalation.py's
docstring; PRINCE2 2017 and MSP 5: each level escalates to the body above it): a named
board or person is that body; a role is the board serving that level, a strand's own
board first and another strand's never; with no such body the role name stands."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from progman import Board, Programme
from progman.rules import Escalation, RuleContext, escalation_chain, escalation_target

from .conftest import TODAY


@contextmanager
def _ends_within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than `seconds` (a loop without
    end would otherwise stop the whole test run)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_person_named_as_the_target_is_that_person(programme: Programme) -> None:
    # A tolerance `set_by` a person: the finding goes to them, by id and name.
    ctx = RuleContext(programme, today=TODAY)
    assert escalation_target(ctx, "gt", "portal") == Escalation("gt", "Gail Tolley (SRO)")


def test_the_executive_role_with_no_executive_body_keeps_its_name(programme: Programme) -> None:
    programme.governance.executive = None
    ctx = RuleContext(programme, today=TODAY)
    assert escalation_target(ctx, "executive (cabinet)", "portal") == Escalation(
        None, "executive (cabinet)"
    )


def test_a_strand_board_alone_hears_its_own_strand_and_no_other_object(
    programme: Programme,
) -> None:
    # The only board serving projects is the Public Access strand's own board. The portal
    # (in that strand) and the strand itself go to it; llp, in no strand, must not borrow
    # another strand's board, and no other body serves projects: the role name stands.
    programme.boards = [Board(id="pa-board", name="Public Access Board", serves=["project"])]
    programme.strands[0].board = "pa-board"
    ctx = RuleContext(programme, today=TODAY)
    board = Escalation("pa-board", "Public Access Board")
    assert escalation_target(ctx, "project board", "portal") == board
    assert escalation_target(ctx, "project board", "public-access") == board
    assert escalation_target(ctx, "project board", "llp") == Escalation(None, "project board")


def test_a_subject_the_programme_does_not_define_goes_to_the_level_s_general_board(
    programme: Programme,
) -> None:
    # A finding about an unknown id (a dangling reference) is in no strand: the strand's
    # board serves projects, but only its own, so the programme board above hears it.
    programme.boards = [
        Board(id="pa-board", name="Public Access Board", serves=["project"]),
        Board(id="ops", name="OTP Operations Board", serves=["programme"]),
    ]
    programme.strands[0].board = "pa-board"
    ctx = RuleContext(programme, today=TODAY)
    assert escalation_target(ctx, "project board", "no-such-id") == Escalation(
        "ops", "OTP Operations Board"
    )


def test_the_chain_of_boards_stops_at_a_parent_that_is_not_a_board(
    programme: Programme,
) -> None:
    programme.boards = [Board(id="pa-board", name="Public Access Board", parent="nowhere")]
    ctx = RuleContext(programme, today=TODAY)
    assert [b.id for b in escalation_chain(ctx, "pa-board")] == ["pa-board"]


def test_the_chain_of_boards_lists_each_board_once_when_parents_loop() -> None:
    # A parent chain that comes back on itself (a mistake in the file, which the structure
    # rules report) still gives a finite chain: ops, then its parent programme board, then
    # ops again, where the chain stops (escalation_chain: "stopping at a repeat").
    p = Programme(
        id="otp",
        name="OTP",
        boards=[
            Board(id="ops", name="Operations Board", parent="otp-board"),
            Board(id="otp-board", name="OTP Board", parent="ops"),
        ],
    )
    ctx = RuleContext(p, today=TODAY)
    with _ends_within(2.0):
        assert [b.id for b in escalation_chain(ctx, "ops")] == ["ops", "otp-board"]
        assert [b.id for b in escalation_chain(ctx, "otp-board")] == ["otp-board", "ops"]


def test_an_executive_declared_as_no_board_keeps_the_role_name(programme: Programme) -> None:
    # governance.executive must name a board (the executive body, e.g. Cabinet); naming a
    # person instead defines no executive body (the structure rules report the reference),
    # so a finding for the executive keeps the role name rather than naming the person.
    programme.governance.executive = "leader"
    ctx = RuleContext(programme, today=TODAY)
    assert escalation_target(ctx, "executive (cabinet)", "portal") == Escalation(
        None, "executive (cabinet)"
    )


def test_the_project_manager_is_not_a_board_and_keeps_the_role_name(
    programme: Programme,
) -> None:
    ctx = RuleContext(programme, today=TODAY)
    assert escalation_target(ctx, "project manager", "portal-config") == Escalation(
        None, "project manager"
    )
