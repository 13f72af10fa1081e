"""Escalation to the programme's own bodies: who a finding goes to, by id and name.

Rules say who must be told in PRINCE2/MSP terms (`project board`, `programme
board`, `sponsoring group`, the executive, the project manager) or name a board
or person directly (a tolerance's `set_by`). `escalation_target` resolves that to
a body the programme file defines:

* a board or person id is that board or person;
* `project board`, `strand board`, `programme board` and `sponsoring group` are
  the board serving that level (`Board.serves`: project, strand, programme,
  tranche, corporate). For an object in a strand, a strand's own board
  (`Strand.board`) is preferred and another strand's board never chosen. Where
  no board serves the level, the next level up is tried (project, strand,
  programme, tranche, corporate);
* the executive is `governance.executive` (e.g. Cabinet).

The project manager is not a board and keeps the role name.

Only where the programme defines no such body is the role name kept.

>>> import datetime
>>> from progman import Board, Programme, Project, Strand
>>> programme = Programme(id="otp", name="OTP",
...     boards=[Board(id="isdb-board", name="ISDB", serves=["strand", "project"],
...                   parent="ops"),
...             Board(id="ops", name="OTP Operations Board", serves=["programme"])],
...     strands=[Strand(id="isdb", name="ISDB", board="isdb-board", projects=["llp"])],
...     projects=[Project(id="llp", name="LLP"), Project(id="portal", name="Portal")])
>>> ctx = RuleContext(programme, today=datetime.date(2013, 1, 10))
>>> escalation_target(ctx, "project board", "llp")
Escalation(id='isdb-board', name='ISDB')
>>> escalation_target(ctx, "project board", "portal")    # no board of its own: one up
Escalation(id='ops', name='OTP Operations Board')
>>> escalation_target(ctx, "sponsoring group", "llp")     # none defined: the role name
Escalation(id=None, name='sponsoring group')
>>> [board.name for board in escalation_chain(ctx, "isdb-board")]
['ISDB', 'OTP Operations Board']
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Board, BoardLevel
from ._common import (
    EXECUTIVE,
    PROGRAMME_BOARD,
    PROJECT_BOARD,
    SPONSORING_GROUP,
    STRAND_BOARD,
)
from .context import RuleContext

__all__ = ["Escalation", "escalation_chain", "escalation_target"]

_LEVEL_OF = {
    PROJECT_BOARD: BoardLevel.PROJECT,
    STRAND_BOARD: BoardLevel.STRAND,
    PROGRAMME_BOARD: BoardLevel.PROGRAMME,
    SPONSORING_GROUP: BoardLevel.CORPORATE,
}
_UPWARDS = list(BoardLevel)


class Escalation(NamedTuple):
    """Who a finding goes to: a board or person of the programme, or a role name."""

    id: str | None
    """The board's or person's id in the file; None when only the role name is known."""
    name: str
    """The board's or person's name (or the PRINCE2/MSP role name)."""


def _strands(ctx: RuleContext, subject: str | None) -> set[str]:
    if subject is None:
        return set()
    entry = ctx.objects.get(subject)
    if entry is not None and entry.kind == "strand":
        return {subject}
    return {s for s in ctx.within(subject) if ctx.kind_of(s) == "strand"}


def _structure(ctx: RuleContext) -> tuple[dict[str, str], dict[BoardLevel, list[Board]]]:
    """Strand boards (board id -> strand id) and the boards serving each level, once."""

    def build() -> tuple[dict[str, str], dict[BoardLevel, list[Board]]]:
        strand_boards = {s.board: s.id for s in ctx.programme.strands if s.board is not None}
        serving: dict[BoardLevel, list[Board]] = {level: [] for level in BoardLevel}
        for board in ctx.programme.boards:
            for level in dict.fromkeys(board.serves):
                serving[level].append(board)
        return strand_boards, serving

    return ctx.memo("escalation:structure", build)


def _strand_dependent(ctx: RuleContext, level: BoardLevel) -> bool:
    """Whether a strand's own board serves this level or one above it."""

    def build() -> frozenset[BoardLevel]:
        strand_boards, serving = _structure(ctx)
        return frozenset(
            level
            for i, level in enumerate(_UPWARDS)
            if any(b.id in strand_boards for wanted in _UPWARDS[i:] for b in serving[wanted])
        )

    return level in ctx.memo("escalation:by-strand", build)


def _board_for(ctx: RuleContext, level: BoardLevel, subject: str | None) -> Board | None:
    strand_boards, serving = _structure(ctx)
    strands = _strands(ctx, subject)
    mine = {b for b, s in strand_boards.items() if s in strands}
    for wanted in _UPWARDS[_UPWARDS.index(level) :]:
        own = [board for board in serving[wanted] if board.id in mine]
        others = [board for board in serving[wanted] if board.id not in strand_boards]
        if own or others:
            return (own or others)[0]
    return None


def _resolve(ctx: RuleContext, to: str, subject: str | None) -> Escalation:
    if to in ctx.boards:
        return Escalation(to, ctx.boards[to].name)
    if to in ctx.people:
        return Escalation(to, ctx.people[to].name)
    if to == EXECUTIVE:
        body = ctx.settings.executive
        if body is not None and body in ctx.boards:
            return Escalation(body, ctx.boards[body].name)
        return Escalation(None, to)
    level = _LEVEL_OF.get(to)
    if level is None:
        return Escalation(None, to)
    if subject is not None and not _strand_dependent(ctx, level):
        # No strand's own board hears this level or above: one body for every object.
        return escalation_target(ctx, to, None) or Escalation(None, to)
    board = _board_for(ctx, level, subject)
    return Escalation(board.id, board.name) if board is not None else Escalation(None, to)


def escalation_target(ctx: RuleContext, to: str | None, subject: str | None) -> Escalation | None:
    """The body a finding about `subject` goes to, for a rule's `escalate_to` (resolved
    once per validation for each target and subject)."""
    if to is None:
        return None
    # Most targets name one body whatever the subject: resolved once, not once per subject.
    shared: dict[str, Escalation] = ctx.memo("escalation:shared", dict)
    found = shared.get(to)
    if found is not None:
        return found
    cache: dict[tuple[str, str | None], Escalation] = ctx.memo("escalation:targets", dict)
    found = cache.get((to, subject))
    if found is None:
        found = _resolve(ctx, to, subject)
        if _by_subject(ctx, to):
            cache[to, subject] = found
        else:
            shared[to] = found
    return found


def _by_subject(ctx: RuleContext, to: str) -> bool:
    """Whether `_resolve` answers `to` differently for different subjects: only a level
    that a strand's own board may serve does."""
    if to in ctx.boards or to in ctx.people or to == EXECUTIVE:
        return False
    level = _LEVEL_OF.get(to)
    return level is not None and _strand_dependent(ctx, level)


def escalation_chain(ctx: RuleContext, board_id: str) -> list[Board]:
    """The board and every board above it through `parent`, stopping at a repeat."""
    chain: list[Board] = []
    seen: set[str] = set()
    current: str | None = board_id
    while current is not None and current in ctx.boards and current not in seen:
        seen.add(current)
        chain.append(ctx.boards[current])
        current = ctx.boards[current].parent
    return chain
