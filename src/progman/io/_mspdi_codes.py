"""The numbers and spellings of Microsoft Project's XML format (MSPDI) that reading and
writing share: link types, constraint types, duration formats, ISO durations, ids."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from fractions import Fraction

from ..model import LinkType

NAMESPACE = "http://schemas.microsoft.com/project"
"""The XML namespace of every MSPDI element."""

DEFAULT_MINUTES_PER_DAY = 480
"""MS Project's default working day: 8 hours."""

LINK_TYPES: dict[int, LinkType] = {
    0: LinkType.FF,
    1: LinkType.FS,
    2: LinkType.SF,
    3: LinkType.SS,
}
"""PredecessorLink/Type -> progman link type (MSPDI numbers them FF, FS, SF, SS)."""

LINK_CODES: dict[LinkType, int] = {link: code for code, link in LINK_TYPES.items()}


@dataclass(frozen=True)
class CustomField:
    """A task text field (MS Project's Text1, Text2...) that progman writes under an alias."""

    field_id: int
    """The MSPDI FieldID of the task field."""
    field_name: str
    """MS Project's own name for the field."""
    alias: str
    """The name progman gives it, which reading looks for."""


ID_FIELD = CustomField(188743731, "Text1", "progman id")
"""Each row's progman id (and the programme's or project's on the project summary row)."""
KIND_FIELD = CustomField(188743734, "Text2", "progman kind")
"""On the project summary row: `programme` (projects at outline level 1) or `project`."""
_TEXT_FIELD_IDS = [188743737, 188743740, 188743743, 188743746, 188743747, 188743748,
                   188743749, 188743750, 188743997, 188743998, 188743999]  # fmt: skip
BASELINE_FIELDS = [
    CustomField(field_id, f"Text{n + 3}", f"progman baseline {n}")
    for n, field_id in enumerate(_TEXT_FIELD_IDS)
]
"""On the project summary row: `id|date|name` of the progman baseline saved as MS Project's
Baseline (0) and Baseline1..Baseline10."""
MAX_BASELINES = len(BASELINE_FIELDS)
KIND_PROGRAMME, KIND_PROJECT = "programme", "project"

# ConstraintType values.
ASAP, ALAP, MSO, MFO, SNET, SNLT, FNET, FNLT = range(8)
CONSTRAINT_NAMES = {
    ASAP: "as soon as possible",
    ALAP: "as late as possible",
    MSO: "must start on",
    MFO: "must finish on",
    SNET: "start no earlier than",
    SNLT: "start no later than",
    FNET: "finish no earlier than",
    FNLT: "finish no later than",
}

# Duration and lag formats (DurationFormat, LagFormat). The "elapsed" ones count
# calendar time, 24 hours a day, 7 days a week; "%" lags are a share of the
# predecessor's duration. The ones ending in "?" are estimates of the same unit.
DAYS_FORMAT = 7
ELAPSED_DAYS_FORMAT = 8
# The calendar an elapsed duration (calendar days, round the clock) is carried on.
ELAPSED_CALENDAR = "elapsed"
ELAPSED_FORMATS = frozenset({4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52})
PERCENT_FORMATS = frozenset({19, 20, 51, 52})

_ISO_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


_PLAIN_DURATION = re.compile(r"^PT(\d+)H(\d+)M(\d+)S$")


def parse_duration_minutes(text: str, minutes_per_day: int) -> int | Fraction:
    """Minutes of working time in an MSPDI duration such as `PT8H0M0S`: an int when whole.

    A `D` part counts working days of `minutes_per_day` (MS Project writes hours).

    >>> parse_duration_minutes("PT12H30M0S", 480)
    750
    >>> parse_duration_minutes("P2DT4H", 480)
    1200
    >>> parse_duration_minutes("PT0H0M30S", 480)
    Fraction(1, 2)
    """
    plain = _PLAIN_DURATION.match(text)
    if plain:  # what MS Project writes; whole minutes need no fractions
        hours, minutes, seconds = (int(part) for part in plain.groups())
        if seconds % 60 == 0:
            return hours * 60 + minutes + seconds // 60
    match = _ISO_DURATION.match(text.strip())
    if not match or text.strip() in {"P", "PT", "-P"}:
        raise ValueError(f"{text!r} is not a duration such as PT8H0M0S")
    total = (
        Fraction(match["days"] or 0) * minutes_per_day
        + Fraction(match["hours"] or 0) * 60
        + Fraction(match["minutes"] or 0)
        + Fraction(match["seconds"] or 0) / 60
    )
    total = -total if match["sign"] else total
    return int(total) if total.denominator == 1 else total


def format_duration(days: int, minutes_per_day: int) -> str:
    """The MSPDI form of a number of working days.

    >>> format_duration(3, 480)
    'PT24H0M0S'
    """
    minutes = days * minutes_per_day
    return f"PT{minutes // 60}H{minutes % 60}M0S"


def parse_datetime(text: str) -> datetime:
    """An MSPDI date-time such as `2013-01-07T08:00:00` (a bare date is accepted)."""
    value = text.strip()
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time())
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date-time such as 2013-01-07T08:00:00") from None


@functools.lru_cache(maxsize=4096)  # a plan's tasks share a few hundred dates
def format_datetime(day: date, at: time) -> str:
    """`2013-01-07T08:00:00`: a day at a time of day, as MSPDI writes it."""
    return datetime.combine(day, at).isoformat(timespec="seconds")


def slug(text: str) -> str:
    """A readable id from a task name: lower case, words joined by '-', at most 40 characters.

    >>> slug("Build & configure the portal (phase 2)")
    'build-configure-the-portal-phase-2'
    """
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:40].rstrip("-")


class IdMaker:
    """Hands out unique ids: the slug of a name, `-2`, `-3`... on a clash, `t<UID>` without one.

    >>> ids = IdMaker()
    >>> ids.make("Test", 4), ids.make("Test", 5), ids.make("???", 6)
    ('test', 'test-2', 't6')
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)
        # The last suffix tried for each base: the search resumes there, so 20,000 tasks
        # sharing one name take linear time, not quadratic (numbers below it are taken).
        self._last: dict[str, int] = {}

    def make(self, name: str, uid: int) -> str:
        """A new id for the item called `name` whose MSPDI UID is `uid`."""
        base = slug(name) or f"t{uid}"
        candidate, n = base, self._last.get(base, 1)
        if n > 1:
            candidate = f"{base}-{n}"
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._last[base] = n
        self._taken.add(candidate)
        return candidate
