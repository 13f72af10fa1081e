"""Words for people: the one place progman turns data into the text a board reads.

Board-facing text (reports, registers, the CLI's text output, findings' messages) shows
amounts as `£1,400,000`, dates as `10 January 2013`, statuses as words, people by name
and counts with the right plural. Data formats (JSON, CSV, SARIF) keep ISO dates, ids and
enum values. Every module that writes for people uses these helpers; none has its own.

>>> from datetime import date
>>> from decimal import Decimal
>>> plural(1, "working day"), plural(3, "error"), plural(0, "risk")
('1 working day', '3 errors', '0 risks')
>>> long_date(date(2013, 1, 10)), money(Decimal("1400000")), words("transferred_to_bau")
('10 January 2013', '£1,400,000', 'transferred to business as usual')
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

__all__ = [
    "listing",
    "long_date",
    "money",
    "names",
    "number",
    "plural",
    "words",
    "working_days",
]

_IRREGULAR = {"is": "are", "was": "were", "this": "these", "info": "info", "was ": "were "}


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 error`, `2 errors`, `1 working day`, `3 working days` (the last word is inflected;
    give `plural_form` for irregular nouns: `plural(2, "person", "people")`)."""
    if count == 1:
        return f"{count} {singular}"
    return f"{count} {plural_form or pluralise(singular)}"


def pluralise(singular: str) -> str:
    """The plural of a noun phrase: the last word inflected (`working day` -> `working days`)."""
    found = _PLURALS.get(singular)
    if found is None:
        found = _inflect(singular)
        if len(_PLURALS) < 256:  # a caller's own phrases must not grow it without end
            _PLURALS[singular] = found
    return found


# The few phrases findings and reports count, each inflected once (tens of thousands of
# findings say `working days`).
_PLURALS: dict[str, str] = {}


def _inflect(singular: str) -> str:
    head, _, last = singular.rpartition(" ")
    if last in _IRREGULAR:
        word = _IRREGULAR[last]
    elif last.endswith(("s", "x", "ch", "sh")):
        word = last + "es"
    elif last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def long_date(day: date | None, missing: str = "-") -> str:
    """`10 January 2013`: how a board paper writes a date (`missing` for None; a month
    table, since strftime is slow in bulk)."""
    if day is None:
        return missing
    return _long_date(day)


# Findings and reports write the same few hundred dates and day counts tens of thousands
# of times (every overdue task names the status date): each is written once. Equal keys
# read alike (2.50 and 2.5 are `2.5 working days`), so a key stands for all its equals.
@functools.lru_cache(maxsize=4096)
def _long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def working_days(count: Decimal | int) -> str:
    """`1 working day`, `3 working days`, `2.5 working days`."""
    return _working_days(count)


@functools.lru_cache(maxsize=4096)
def _working_days(count: Decimal | int) -> str:
    if count == int(count):
        return plural(int(count), "working day")
    return f"{number(Decimal(count))} working days"


def money(amount: Decimal) -> str:
    """`£1,400,000` (pence shown only when there are any)."""
    if amount == amount.to_integral():
        return f"£{amount:,.0f}"
    return f"£{amount:,.2f}"


def number(amount: Decimal) -> str:
    """A Decimal without trailing zeros: 10.50 -> 10.5."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def listing(items: Iterable[str]) -> str:
    """`a, b and c`."""
    parts = list(items)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def names(ids: Iterable[str], *, quote: bool = True) -> str:
    """`'a', 'b' and 'c'` (or `a, b and c` without quotes)."""
    return listing(repr(i) if quote else i for i in ids)


# Abbreviations spelled out where a board reads them.
_SPELLED = {"bau": "business as usual", "sro": "SRO", "ict": "ICT", "rag": "RAG"}


def words(value: str | enum.Enum | None, missing: str = "-") -> str:
    """An enum value as words: `transferred_to_bau` -> `transferred to business as usual`,
    `amber_green` -> `amber/green`."""
    if value is None:
        return missing
    text = str(value.value if isinstance(value, enum.Enum) else value)
    if text == "amber_green":
        return "amber/green"
    if text == "amber_red":
        return "amber/red"
    return " ".join(_SPELLED.get(part, part) for part in text.replace("-", "_").split("_"))


def person(person_id: str | None, lookup: Callable[[str], str | None], missing: str = "-") -> str:
    """A person's name for an id (the id itself when nobody by that id is known)."""
    if person_id is None:
        return missing
    return lookup(person_id) or person_id
