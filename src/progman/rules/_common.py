"""Small helpers the rule families share: who to escalate to, and how to write amounts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from ..model import Level

# Who must be told, in the words the rules' findings use.
PROJECT_MANAGER = "project manager"
PROJECT_BOARD = "project board"
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


def money(amount: Decimal) -> str:
    """`£1,400,000` (pence shown only when there are any)."""
    if amount == amount.to_integral():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def long_date(day: date) -> str:
    """`10 January 2013`, as board papers write dates (strftime is slow in bulk)."""
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def working_days(count: Decimal | int) -> str:
    """`1 working day`, `3 working days`."""
    return f"{number(Decimal(count))} working day{'' if count == 1 else 's'}"


def number(amount: Decimal) -> str:
    """A Decimal without trailing zeros: 10.50 -> 10.5."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def names(ids: Iterable[str], *, quote: bool = True) -> str:
    """`'a', 'b' and 'c'` (or `a, b and c` without quotes)."""
    quoted = [repr(i) if quote else i for i in ids]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]
