"""Building blocks shared by every model: the base class, ids, money, dates, enums.

Everything here is pure data: no files, no graphs, no printing.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, ClassVar, TypeGuard

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)

__all__ = [
    "RAG",
    "Amount",
    "Date",
    "FinancialYear",
    "FinancialYears",
    "Id",
    "Level",
    "Model",
    "Money",
    "Percent",
    "Ref",
    "StrEnum",
    "Text",
    "YearSpan",
    "unique_by",
]


class StrEnum(enum.StrEnum):
    """A string enum that reads its values case-insensitively.

    Programme offices write `Threat`, `threat` or `THREAT`; spaces and hyphens
    are read as underscores (`request for change` -> `request_for_change`).
    """

    def __repr__(self) -> str:
        # Reads back as the constructor argument: category='cashable'.
        return repr(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            key = re.sub(r"[\s-]+", "_", value.strip()).lower()
            for member in cls:
                if member.value.lower() == key or member.name.lower() == key:
                    return member
        return None


class _Count:
    """Stands in for a long list in a repr: `projects=<12 Project>`."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __repr__(self) -> str:
        kind = type(self.items[0]).__name__
        return f"<{len(self.items)} {kind}>"


class Model(BaseModel):
    """Base of every progman model.

    Unknown fields are rejected rather than dropped, and assignments after
    construction are validated too, so `risk.probability = 9` on a 1-5 scale
    raises instead of leaving an invalid object behind.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        validate_default=False,
        str_strip_whitespace=True,
        use_attribute_docstrings=True,
        populate_by_name=True,
        # Validators are built on first use, which keeps `import progman` fast.
        defer_build=True,
    )

    # Lists longer than this are summarised in repr() so a notebook stays readable.
    _repr_list_limit: ClassVar[int] = 3

    def __setattr__(self, name: str, value: Any) -> None:
        # pydantic assigns the field before running the model's cross-field
        # checks, so a failed edit would leave the invalid value behind; undo it.
        if name not in type(self).model_fields:
            super().__setattr__(name, value)
            return
        old = self.__dict__.get(name)
        was_set = name in self.model_fields_set
        try:
            super().__setattr__(name, value)
        except ValidationError:
            self.__dict__[name] = old
            if not was_set:
                self.model_fields_set.discard(name)
            raise

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # Show only what differs from the defaults: a Risk with 25 fields
        # prints as the five that were actually set.
        for name, field in type(self).model_fields.items():
            if not field.repr:
                continue
            value = getattr(self, name)
            if not field.is_required():
                default = field.get_default(call_default_factory=True)
                if value == default:
                    continue
            if (
                isinstance(value, list)
                and len(value) > self._repr_list_limit
                and isinstance(value[0], BaseModel)
            ):
                yield name, _Count(value)
            else:
                yield name, value


# --- ids and references --------------------------------------------------------------

_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$")


def is_id(value: object) -> TypeGuard[str]:
    """True when `value` is a valid id (see `Id`).

    >>> is_id("ict-delt"), is_id("ICT Delt"), is_id(None)
    (True, False, False)
    """
    return isinstance(value, str) and _ID_PATTERN.match(value) is not None


def _check_id(value: str) -> str:
    if not _ID_PATTERN.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use a short slug of letters, digits, '-', '_' "
            "or '.', starting with a letter or digit (at most 80 characters), "
            "e.g. 'ict-delt'"
        )
    return value


Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _ID_PATTERN.pattern,
            "description": "A short readable slug, e.g. 'ict-delt'.",
        }
    ),
]
"""An object's own id: a short readable slug such as `ict-delt` or `R-004`."""

Ref = Id
"""A reference to another object by its id (resolved by the rules engine, not the model)."""


# --- dates ---------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> Any:
    # YAML loaders hand us `date` already; strings must be ISO so `03/04/2013`
    # (3 April or 4 March?) is never guessed.
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.match(text):
            try:
                return date.fromisoformat(text)
            except ValueError as exc:
                raise ValueError(f"{text!r} is not a real date ({exc})") from None
        raise ValueError(f"{text!r} is not an ISO date: write dates as YYYY-MM-DD, e.g. 2013-01-14")
    raise ValueError(f"expected a date written as YYYY-MM-DD, e.g. 2013-01-14, not {value!r}")


Date = Annotated[
    date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "ISO date, YYYY-MM-DD."}),
]
"""A calendar date, written in ISO form (`2013-01-14`)."""


# --- money ---------------------------------------------------------------------------

_MONEY_TEXT = re.compile(
    r"^(?P<sign>-?)(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?)(?P<unit>k|m|bn)?$", re.IGNORECASE
)
_MULTIPLIERS = {None: 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}


def _parse_money(value: Any) -> Any:
    # Board papers say "£1.4m" and "600k"; accept what they say, exactly (Decimal).
    if isinstance(value, bool):
        raise ValueError("expected an amount of money, not true/false")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace("£", "").replace(" ", "")
        match = _MONEY_TEXT.match(text)
        if match:
            try:
                number = Decimal(match["num"].replace(",", ""))
            except InvalidOperation:  # pragma: no cover - the regex admits only numbers
                pass
            else:
                unit = match["unit"].lower() if match["unit"] else None
                amount = number * _MULTIPLIERS[unit] * (-1 if match["sign"] else 1)
                # '1.4m' reads as 1400000, not 1400000.0
                return amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
        raise ValueError(
            f"{value!r} is not an amount of money: write pounds as a number, "
            "e.g. 1400000, '£1.4m' or '600k'"
        )
    return value


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(f"an amount of money cannot be negative (got {value})")
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    AfterValidator(_non_negative),
    PlainSerializer(lambda v: str(v), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}],
            "description": "Pounds sterling, e.g. 1400000, '£1.4m' or '600k'.",
        }
    ),
]
"""An amount in pounds sterling, held exactly as a `Decimal` and never negative."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    PlainSerializer(lambda v: str(v), return_type=str, when_used="json"),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}]}),
]
"""A signed quantity held exactly (a benefit value, a tolerance): may be negative."""


# --- shared enums --------------------------------------------------------------------


class Level(StrEnum):
    """The management levels at which tolerances are set and to which things escalate."""

    PROGRAMME = "programme"
    TRANCHE = "tranche"
    STRAND = "strand"
    PROJECT = "project"
    STAGE = "stage"
    WORK_PACKAGE = "work_package"


class RAG(StrEnum):
    """Red / Amber / Green status, with the five-point delivery-confidence scale."""

    GREEN = "green"
    AMBER_GREEN = "amber_green"
    AMBER = "amber"
    AMBER_RED = "amber_red"
    RED = "red"


# --- UK financial years --------------------------------------------------------------

_FY_LABEL = re.compile(r"^(?P<start>\d{4})\s*/\s*(?P<end>\d{2}|\d{4})$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK public-sector financial year, 1 April to 31 March, written `2012/13`.

    >>> FinancialYear.of(date(2013, 3, 31))
    FinancialYear('2012/13')
    >>> FinancialYear.parse("2013/14").start
    datetime.date(2013, 4, 1)
    """

    start_year: int

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        """The financial year a date falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> FinancialYear:
        """Read a label such as `2012/13` (or `2012/2013`)."""
        match = _FY_LABEL.match(label.strip())
        if not match:
            raise ValueError(f"{label!r} is not a financial year: write it as e.g. 2012/13")
        start = int(match["start"])
        end = int(match["end"])
        expected = (start + 1) % 100 if end < 100 else start + 1
        if end != expected:
            raise ValueError(
                f"{label!r} is not a financial year: the second year must follow the first, "
                f"e.g. {start}/{(start + 1) % 100:02d}"
            )
        return cls(start)

    @property
    def start(self) -> date:
        """1 April of the year."""
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        """31 March of the following year."""
        return date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        """The label councils use, e.g. `2012/13`."""
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"FinancialYear({self.label!r})"


_FY_SPAN = re.compile(r"^(?P<first>[^-]+?)\s*(?:-|–|\bto\b)\s*(?P<last>[^-]+)$")


@dataclass(frozen=True)
class FinancialYears:
    """A run of UK financial years, first to last inclusive: `2011/12` or `2013/14-2016/17`.

    >>> window = FinancialYears.parse("2013/14-2016/17")
    >>> len(window), FinancialYear.parse("2014/15") in window, window.start, window.end
    (4, True, datetime.date(2013, 4, 1), datetime.date(2017, 3, 31))
    >>> FinancialYears.parse("2011/12").label
    '2011/12'
    """

    first: FinancialYear
    last: FinancialYear

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(
                f"the years run backwards: {self.last} comes before {self.first}; "
                f"write the earlier year first, e.g. {self.last}-{self.first}"
            )

    @classmethod
    def parse(cls, text: str) -> FinancialYears:
        """Read one year (`2012/13`) or a span (`2013/14-2016/17`, `2013/14 to 2016/17`)."""
        label = text.strip()
        match = _FY_SPAN.match(label) if label.count("/") == 2 else None
        if match is None:
            year = FinancialYear.parse(label)
            return cls(year, year)
        return cls(FinancialYear.parse(match["first"]), FinancialYear.parse(match["last"]))

    def __contains__(self, year: object) -> bool:
        return isinstance(year, FinancialYear) and self.first <= year <= self.last

    def __len__(self) -> int:
        return self.last.start_year - self.first.start_year + 1

    def __iter__(self) -> Iterator[FinancialYear]:
        return (FinancialYear(y) for y in range(self.first.start_year, self.last.start_year + 1))

    @property
    def start(self) -> date:
        """1 April of the first year."""
        return self.first.start

    @property
    def end(self) -> date:
        """31 March at the end of the last year."""
        return self.last.end

    @property
    def label(self) -> str:
        """`2011/12` for one year, `2013/14-2016/17` for a span."""
        return self.first.label if self.first == self.last else f"{self.first}-{self.last}"

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"FinancialYears({self.label!r})"


def _parse_years(value: Any) -> Any:
    if isinstance(value, FinancialYears):
        return value
    if isinstance(value, FinancialYear):
        return FinancialYears(value, value)
    if isinstance(value, str):
        return FinancialYears.parse(value)
    raise ValueError(
        f"expected financial years written as e.g. '2012/13' or '2013/14-2016/17', not {value!r}"
    )


YearSpan = Annotated[
    FinancialYears,
    BeforeValidator(_parse_years),
    PlainSerializer(lambda v: v.label, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A UK financial year or a span of them, e.g. '2012/13' or "
            "'2013/14-2016/17'.",
        }
    ),
]
"""One UK financial year or a span of them, written `2012/13` or `2013/14-2016/17`."""


def unique_by(items: list[Any], key: str, what: str) -> None:
    """Raise if two items in one list share a value of `key` (e.g. two tolerances for cost)."""
    seen: set[Any] = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise ValueError(f"{what} {value!s} is given twice")
        seen.add(value)


Text = Annotated[str, Field(min_length=1)]
"""Non-empty free text (a name, a title)."""

Percent = Annotated[Decimal, Field(ge=0, le=100)]
"""A percentage, 0 to 100."""
