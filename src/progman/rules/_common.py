"""Small helpers the rule families share: who to escalate to (amounts, numbers and names
are written by `progman.words`)."""

from __future__ import annotations

from ..model import Level
from ..words import money, names, number

__all__ = [
    "ABOVE_REGISTER",
    "ESCALATE_FROM",
    "EXECUTIVE",
    "PROGRAMME_BOARD",
    "PROJECT_BOARD",
    "PROJECT_MANAGER",
    "SPONSORING_GROUP",
    "STRAND_BOARD",
    "money",
    "names",
    "number",
]

# Who must be told, in the words the rules' findings use.
PROJECT_MANAGER = "project manager"
PROJECT_BOARD = "project board"
STRAND_BOARD = "strand board"
PROGRAMME_BOARD = "programme board"
SPONSORING_GROUP = "sponsoring group"
EXECUTIVE = "executive (cabinet)"

ESCALATE_FROM = {
    Level.WORK_PACKAGE: PROJECT_MANAGER,
    Level.STAGE: PROJECT_BOARD,
    Level.PROJECT: PROGRAMME_BOARD,
    Level.STRAND: PROGRAMME_BOARD,
    Level.TRANCHE: SPONSORING_GROUP,
    Level.PROGRAMME: SPONSORING_GROUP,
}
"""One level up: a breach at a level is reported to the body that set its tolerances."""

ABOVE_REGISTER = {
    Level.WORK_PACKAGE: PROJECT_MANAGER,
    Level.STAGE: PROJECT_BOARD,
    Level.PROJECT: PROJECT_BOARD,
    Level.STRAND: PROGRAMME_BOARD,
    Level.TRANCHE: PROGRAMME_BOARD,
    Level.PROGRAMME: SPONSORING_GROUP,
}
"""Who oversees a register held at a level (a project's risk register -> its board)."""
