"""Working calendars as data: which days are worked. The arithmetic lives in `progman.schedule`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, model_validator

from .common import Date, Id, Model, StrEnum

__all__ = ["BankHolidayRegion", "Calendar", "Closure", "Weekday"]


class BankHolidayRegion(StrEnum):
    """Which UK bank holidays apply."""

    ENGLAND_AND_WALES = "england_and_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"
    NONE = "none"


class Weekday(StrEnum):
    """Days of the week, as written in a calendar's `working_days`."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


class Closure(Model):
    """Days the programme does not work beyond bank holidays (office move, Christmas closure)."""

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    start: Date
    """First non-working day."""
    end: Date | None = None
    """Last non-working day; a single day when unset."""
    name: str | None = None
    """What it is, e.g. 'Christmas closure'."""

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the closure ends ({self.end}) before it starts ({self.start})")
        return self


class Calendar(Model):
    """A working-day calendar: Monday to Friday less bank holidays and closures.

    >>> calendar = Calendar(region="scotland", closures=[{"start": "2012-12-27",
    ...                                                   "end": "2012-12-31"}])
    >>> calendar.region, calendar.closures[0].end
    ('scotland', datetime.date(2012, 12, 31))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id = "default"
    """Short id; projects name the calendar they use (the `default` one otherwise)."""
    region: BankHolidayRegion = BankHolidayRegion.ENGLAND_AND_WALES
    """Whose bank holidays are non-working."""
    working_days: list[Weekday] = Field(
        default_factory=lambda: [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI],
        min_length=1,
    )
    """Days of the week that are worked."""
    closures: list[Closure] = Field(default_factory=list)
    """The programme's own non-working days."""
    working_weekends: list[Date] = Field(default_factory=list)
    """Days worked that would otherwise be non-working (a weekend cut-over)."""
