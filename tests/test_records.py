"""`quick_init` keeps what a frozen dataclass promises: the same signature, defaults,
fresh factory values, equality and hashing, and no assignment after construction."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from progman._records import quick_init
from progman.control.rag import AspectStatus, RagStatus
from progman.control.raid import RiskLine
from progman.findings import Finding, Severity, SourceLocation
from progman.forecasting import Assessment, EarnedValue, Forecast, LevelForecast, OverdueWork
from progman.forecasting.benefits import BenefitRow
from progman.model import RiskAssessment
from progman.report.board import GanttRow
from progman.rules import Problem
from progman.rules.context import Entry
from progman.schedule import ScheduledItem

QUICK = [
    AspectStatus,
    Assessment,
    BenefitRow,
    EarnedValue,
    Entry,
    Finding,
    Forecast,
    GanttRow,
    LevelForecast,
    OverdueWork,
    Problem,
    RagStatus,
    RiskAssessment,
    RiskLine,
    ScheduledItem,
    SourceLocation,
]


@quick_init
@dataclass(frozen=True, slots=True)
class Sample:
    first: int
    second: str = "two"
    third: list[int] = field(default_factory=list)
    hidden: int = field(default=7, init=False)
    made: dict[str, int] = field(default_factory=dict, init=False)
    named: int = field(default=0, kw_only=True)


@dataclass(frozen=True, slots=True)
class Reference:
    """The same fields as `Sample`, with the dataclass's own `__init__`."""

    first: int
    second: str = "two"
    third: list[int] = field(default_factory=list)
    hidden: int = field(default=7, init=False)
    made: dict[str, int] = field(default_factory=dict, init=False)
    named: int = field(default=0, kw_only=True)


def _as_reference(sample: Sample) -> Reference:
    return Reference(sample.first, sample.second, sample.third, named=sample.named)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((1,), {}), ((1, "b"), {}), ((1, "b", [3]), {"named": 4}), ((), {"first": 5, "third": []})],
)
def test_fields_are_set_as_the_dataclass_init_sets_them(
    args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    made = Sample(*args, **kwargs)
    expected = Reference(*args, **kwargs)
    assert dataclasses.astuple(made) == dataclasses.astuple(expected)
    assert _as_reference(made) == expected


def test_a_factory_makes_a_fresh_value_for_each_object() -> None:
    one, two = Sample(1), Sample(1)
    assert one.third == []
    assert one.third is not two.third
    assert one.made == {}
    assert one.made is not two.made


def test_arguments_are_checked_as_before() -> None:
    with pytest.raises(TypeError):
        Sample()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Sample(1, "b", [], 4)  # type: ignore[call-arg]  # `named` is keyword-only
    with pytest.raises(TypeError):
        Sample(1, hidden=3)  # type: ignore[call-arg]  # not an argument


@pytest.mark.parametrize("cls", QUICK, ids=lambda cls: cls.__name__)
def test_the_records_keep_the_signature_their_fields_give(cls: type) -> None:
    wanted = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        kind = (
            inspect.Parameter.KEYWORD_ONLY if f.kw_only else inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        if f.default_factory is not dataclasses.MISSING:
            default: Any = "<factory>"
        elif f.default is not dataclasses.MISSING:
            default = repr(f.default)
        else:
            default = None
        wanted.append((f.name, kind, default))
    found = [
        (p.name, p.kind, None if p.default is inspect.Parameter.empty else repr(p.default))
        for p in inspect.signature(cls).parameters.values()
    ]
    assert found == wanted


def test_the_records_stay_frozen_equal_and_hashable() -> None:
    location = SourceLocation("otp.yaml", 3, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        location.line = 4  # type: ignore[misc]
    assert location == SourceLocation("otp.yaml", 3, 5) < SourceLocation("otp.yaml", 4, 1)
    assert hash(location) == hash(SourceLocation("otp.yaml", 3, 5))
    figures = EarnedValue(Decimal(10), Decimal(5), Decimal(4), Decimal(5))
    assert figures == EarnedValue(bac=Decimal(10), pv=Decimal(5), ev=Decimal(4), ac=Decimal(5))
    assert dataclasses.replace(figures, ac=Decimal(4)).cpi == Decimal(1)
    finding = Finding("PG-X", Severity.ERROR, "m")
    assert finding.data == {}
    assert finding.data is not Finding("PG-X", Severity.ERROR, "m").data
    assert (
        repr(Problem("m"))
        == "Problem(message='m', path='', subject=None, escalate_to=None, data={})"
    )


def test_only_frozen_dataclasses_with_slots_are_taken() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        value: int

    @dataclass(slots=True)
    class NotFrozen:
        value: int

    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            raise AssertionError

    for cls in (NoSlots, NotFrozen, Checked, int):
        with pytest.raises(TypeError):
            quick_init(cls)
