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
from functools import cache
from itertools import chain
from operator import attrgetter
from types import UnionType
from typing import Annotated, Any, ClassVar, TypeGuard, Union, get_args, get_origin

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
    "EARLIEST_DATE",
    "LATEST_DATE",
    "MAX_MONEY",
    "MAX_WORKING_DAYS",
    "RAG",
    "Amount",
    "Date",
    "FinancialYear",
    "FinancialYears",
    "Id",
    "Lag",
    "Level",
    "Model",
    "Money",
    "Percent",
    "Ref",
    "StrEnum",
    "Text",
    "Whole",
    "WorkingDays",
    "YearSpan",
    "as_date",
    "choose_status_date",
    "misplaced",
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
    # Letters and digits alone (`t12`, `R1`) pass without the pattern: every id and every
    # reference comes through here, and the pattern's search is most of the time.
    if value.isalnum() and value.isascii() and len(value) <= 80:
        return value
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
        if value.timetz() != datetime.min.timetz() or value.tzinfo is not None:
            raise ValueError(
                f"{value.isoformat()} has a time of day; a date has none: "
                f"write {value.date().isoformat()}"
            )
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


# --- the plausible range ---------------------------------------------------------------
# A programme runs for years, not millennia: values outside these bounds are typing
# slips (an extra zero, a year 0001), and would run the scheduler past the calendar's
# year 9999. The model refuses them, so `progman check` reports them where they are
# written (docs/model.md, "Plausible values").

EARLIEST_DATE = date(1900, 1, 1)
"""The earliest date the model accepts."""
LATEST_DATE = date(2199, 12, 31)
"""The latest date the model accepts."""
MAX_WORKING_DAYS = 10_000
"""The longest duration, and the longest lag either way, in working days (about 38 years)."""
MAX_MONEY = Decimal(10) ** 15
"""The largest amount of money (or benefit value) either way: £1,000 trillion."""


def _plausible_date(value: date) -> date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(
            f"{value.isoformat()} is outside the supported dates, "
            f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
        )
    return value


Date = Annotated[
    date,
    BeforeValidator(_parse_date),
    AfterValidator(_plausible_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "description": "ISO date, YYYY-MM-DD, from 1900-01-01 to 2199-12-31.",
        }
    ),
]
"""A calendar date, written in ISO form (`2013-01-14`), from 1900 to 2199."""


def _not_bool(value: Any) -> Any:
    # pydantic reads true as 1; a yes/no where a number belongs is a mistake.
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, not {str(value).lower()}")
    return value


Whole = Annotated[int, BeforeValidator(_not_bool)]
"""A whole number (a score, a count); true and false are refused, not read as 1 and 0."""


def _duration(value: int) -> int:
    if not 0 <= value <= MAX_WORKING_DAYS:
        raise ValueError(
            f"{value} working days is outside the supported durations, "
            f"0 to {MAX_WORKING_DAYS:,} (about 38 years)"
        )
    return value


def _lag(value: int) -> int:
    if not -MAX_WORKING_DAYS <= value <= MAX_WORKING_DAYS:
        raise ValueError(
            f"a lag of {value} working days is outside the supported lags, "
            f"-{MAX_WORKING_DAYS:,} to {MAX_WORKING_DAYS:,}"
        )
    return value


WorkingDays = Annotated[
    int,
    BeforeValidator(_not_bool),
    AfterValidator(_duration),
    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_WORKING_DAYS}),
]
"""A duration in working days, 0 to `MAX_WORKING_DAYS`."""

Lag = Annotated[
    int,
    BeforeValidator(_not_bool),
    AfterValidator(_lag),
    WithJsonSchema({"type": "integer", "minimum": -MAX_WORKING_DAYS, "maximum": MAX_WORKING_DAYS}),
]
"""A lag in working days (negative: a lead), within `MAX_WORKING_DAYS` either way."""


def as_date(value: date | str | None, parameter: str) -> date | None:
    """`value` as a date for the public function's `parameter`: a `date` (a `datetime` at
    midnight), ISO text `YYYY-MM-DD`, or None; anything else is a `TypeError` naming it.

    >>> as_date("2013-01-10", "status_date")
    datetime.date(2013, 1, 10)
    >>> as_date("10/01/2013", "status_date")
    Traceback (most recent call last):
    ...
    TypeError: status_date: '10/01/2013' is not an ISO date: write dates as YYYY-MM-DD, ...
    """
    if value is None or (type(value) is date):
        return value
    try:
        parsed: date = _parse_date(value)
    except ValueError as error:
        raise TypeError(f"{parameter}: {error}") from None
    return parsed


def choose_status_date(
    given: date | str | None, programme_date: date | None, parameter: str = "status_date"
) -> tuple[date, str]:
    """The status date to judge a programme at, and where it came from: `given` (a date or
    ISO text: `"argument"`), else the programme's own (`"programme"`), else today's date
    (`"today"`).

    >>> choose_status_date(None, date(2013, 1, 10))
    (datetime.date(2013, 1, 10), 'programme')
    >>> choose_status_date("2013-02-01", date(2013, 1, 10))
    (datetime.date(2013, 2, 1), 'argument')
    """
    chosen = as_date(given, parameter)
    if chosen is not None:
        return chosen, "argument"
    if programme_date is not None:
        return programme_date, "programme"
    return date.today(), "today"


# --- money ---------------------------------------------------------------------------

# Thousands separators only in groups of three: `1,200` and `1,200,000`, never `1,2m`
# (a European decimal comma read as 12m would be a silent tenfold error).
_MONEY_TEXT = re.compile(
    r"^(?P<sign>-?)(?P<num>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)(?P<unit>k|m|bn)?$",
    re.IGNORECASE,
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
                if abs(amount) > MAX_MONEY:
                    return amount  # refused by `_bounded`, before quantize overflows
                # '1.4m' reads as 1400000, not 1400000.0
                return amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
        raise ValueError(f"{value!r} is not an amount of money: {_money_hint(text)}")
    return value


def _bounded(value: Decimal) -> Decimal:
    if not value.is_finite() or abs(value) > MAX_MONEY:
        raise ValueError(
            f"{value.normalize()} is outside the supported amounts: at most {MAX_MONEY:,} "
            "(a thousand trillion) either way"
        )
    return value


def _money_hint(text: str) -> str:
    """What to write instead of a malformed amount, with a guess where one is likely."""
    advice = "write pounds as a number, e.g. 1400000, '£1,400,000', '£1.4m' or '600k'"
    if text.count(",") == 1 and "." not in text:
        guess = text.replace(",", ".")
        if _MONEY_TEXT.match(guess):
            return f"did you mean {guess!r}? Commas only separate thousands ({advice})"
    if "," in text:
        return f"commas separate thousands in groups of three ({advice})"
    return advice


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError(f"an amount of money cannot be negative (got {value})")
    return value


Money = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    AfterValidator(_bounded),
    AfterValidator(_non_negative),
    PlainSerializer(lambda v: str(v), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": int(MAX_MONEY)},
                {"type": "string"},
            ],
            "description": "Pounds sterling, e.g. 1400000, '£1.4m' or '600k'.",
        }
    ),
]
"""An amount in pounds sterling, held exactly as a `Decimal` and never negative."""

Amount = Annotated[
    Decimal,
    BeforeValidator(_parse_money),
    AfterValidator(_bounded),
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


# --- lists edited in place ---------------------------------------------------------------
# pydantic validates assignments (`risk.probability = 9`) but not edits of a list in
# place (`programme.projects.append("x")`). The scheduler and the rules check the
# contents on entry with `misplaced`, so a wrong item is reported once, by its path.


def _item_type(annotation: Any) -> type | None:
    """The item class of a `list[X]` or `dict[str, X]` field, if X is a class."""
    args = get_args(annotation)
    if get_origin(annotation) is Annotated:
        return _item_type(args[0])
    if get_origin(annotation) in (Union, UnionType):
        found = [t for t in (_item_type(a) for a in args) if t is not None]
        return found[0] if found else None
    if get_origin(annotation) is list and args:
        inner = args[0]
        while get_origin(inner) is Annotated:
            inner = get_args(inner)[0]
        return inner if isinstance(inner, type) else None
    if get_origin(annotation) is dict and len(args) == 2:
        return args[1] if isinstance(args[1], type) else None
    return None


@cache
def _containers(cls: type[BaseModel]) -> tuple[tuple[str, type], ...]:
    """The fields of a model class that hold lists or dicts of known item types."""
    out = []
    for name, field in cls.model_fields.items():
        item = _item_type(field.annotation)
        if item is not None:
            out.append((name, item))
        elif isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            out.append((name, field.annotation))
    return tuple(out)


def misplaced(model: BaseModel) -> list[tuple[str, str]]:
    """Items put into a model's lists without validation: (model path, what is wrong).

    >>> from progman import Programme, Project
    >>> programme = Programme(id="otp", name="OTP", projects=[Project(id="a", name="A")])
    >>> programme.projects.append("x")
    >>> programme.projects[0].tasks.append(None)
    >>> misplaced(programme)
    [('projects[0].tasks[0]', 'None is a NoneType, not a Task'), \
('projects[1]', "'x' is a str, not a Project")]
    """
    if _all_in_place(model):
        return []
    found: list[tuple[str, str]] = []
    # (model, where it is): the path is worked out only when something is wrong.
    stack: list[tuple[BaseModel, Any]] = [(model, ())]
    while stack:
        current, where = stack.pop()
        for name, item_type in _containers(type(current)):
            value = current.__dict__.get(name)
            if isinstance(value, list):
                items: list[Any] = value
                keys: Any = range(len(value))
            elif isinstance(value, dict):
                items, keys = list(value.values()), list(value)
            elif isinstance(value, BaseModel):
                items, keys = [value], [None]
            else:
                continue
            kinds = set(map(type, items))
            if not all(issubclass(kind, item_type) for kind in kinds):
                for key, entry in zip(keys, items, strict=True):
                    if not isinstance(entry, item_type):
                        at = _path((where, name, key))
                        kind = type(entry).__name__
                        found.append((at, f"{entry!r:.60} is a {kind}, not a {item_type.__name__}"))
            if any(_containers(kind) for kind in kinds if issubclass(kind, BaseModel)):
                stack.extend(
                    (entry, (where, name, key))
                    for key, entry in zip(keys, items, strict=True)
                    if isinstance(entry, BaseModel)
                )
    return sorted(found)


def _all_in_place(model: BaseModel) -> bool:
    """True if every list item has its field's type: checked a field at a time across all
    objects of a class (a list per field, not a loop per object), the fast path."""
    level: dict[type, list[Any]] = {type(model): [model]}
    while level:
        below: dict[type, list[Any]] = {}
        for cls, models in level.items():
            for name, item_type in _containers(cls):
                values = list(map(attrgetter(name), models))
                items: list[Any]
                if set(map(type, values)) <= {list}:
                    items = list(chain.from_iterable(values))
                else:
                    items = []
                    for value in values:
                        if isinstance(value, list):
                            items.extend(value)
                        elif isinstance(value, dict):
                            items.extend(value.values())
                        elif isinstance(value, BaseModel):
                            items.append(value)
                kinds = set(map(type, items))
                if not all(issubclass(kind, item_type) for kind in kinds):
                    return False
                for kind in kinds:
                    if issubclass(kind, BaseModel) and _containers(kind):
                        same = items if len(kinds) == 1 else [i for i in items if type(i) is kind]
                        below.setdefault(kind, []).extend(same)
        level = below
    return True


def _path(where: Any) -> str:
    """`projects[2].tasks[0]` from the nested (parent, field, key) tuples of `misplaced`."""
    parts: list[str] = []
    while where:
        where, name, key = where
        if key is None:
            parts.append(name)
        elif isinstance(key, int):
            parts.append(f"{name}[{key}]")
        else:
            parts.append(f"{name}[{key!r}]")
    return ".".join(reversed(parts))
