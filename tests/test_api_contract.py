"""The API boundary accepts what the model accepts (ISO dates, money text) or refuses it
with a TypeError naming the parameter; names that do not collide; exact money."""

from __future__ import annotations

import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

import progman
from progman.control import (
    benefit_plans,
    benefits_realisation,
    exception_report,
    highlight_report,
    progress,
    rag_status,
    take_baseline,
)


def programme() -> progman.Programme:
    return progman.Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        sro="gt",
        people=[progman.Person(id="gt", name="Gail Tolley")],
        projects=[
            progman.Project(
                id="p",
                name="Portal",
                budget="20k",
                tasks=[
                    progman.Task(
                        id="a",
                        name="Build",
                        duration=10,
                        budget="10k",
                        actual_start="2013-01-07",
                        percent_complete=40,
                        actual_cost="5k",
                    )
                ],
            )
        ],
    )


# Every public function that takes a date, called with the date and with its ISO text.
CALLS: list[tuple[str, Any]] = [
    ("validate", lambda d: progman.validate(programme(), status_date=d)),
    ("schedule", lambda d: progman.schedule(programme(), status_date=d)),
    ("rag_status", lambda d: rag_status(programme(), status_date=d)),
    ("board_report", lambda d: progman.board_report(programme(), status_date=d)),
    ("progress", lambda d: progress(programme(), status_date=d)),
    ("forecast", lambda d: progman.forecast(programme(), status_date=d)),
    ("benefits_realisation", lambda d: benefits_realisation(programme(), status_date=d)),
    ("benefit_plans", lambda d: benefit_plans(programme(), status_date=d)),
    ("highlight_report", lambda d: highlight_report(programme(), "p", d)),
    ("exception_report", lambda d: exception_report(programme(), "p", d)),
    ("take_baseline", lambda d: take_baseline(programme(), id="b", name="B", on=d)),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
def test_iso_text_gives_the_same_answer_as_a_date(name: str, call: Any) -> None:
    # Regression: validate(p, today="2013-01-10") gave four PG-RULE-FAILED errors, and
    # schedule, rag_status and board_report raised AttributeError on a string date.
    as_text = call("2013-01-11")
    as_date = call(date(2013, 1, 11))
    if name in ("progress", "forecast"):  # a ProgrammeForecast: compare what it forecasts
        assert as_text.status_date == as_date.status_date == date(2013, 1, 11)
        assert as_text.forecasts == as_date.forecasts
    else:
        assert repr(as_text) == repr(as_date)
    if name == "validate":
        assert not [f for f in as_text if f.code == "PG-RULE-FAILED"]
        assert as_text.status_date == date(2013, 1, 11)


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
@pytest.mark.parametrize("bad", ["11/01/2013", 20130111, datetime(2013, 1, 11, 9, 30)])
def test_anything_else_is_a_type_error_naming_the_parameter(
    name: str, call: Any, bad: object
) -> None:
    with pytest.raises(TypeError, match=r"^(status_date|on): "):
        call(bad)


def test_validate_today_is_deprecated_for_status_date() -> None:
    with pytest.warns(DeprecationWarning, match="use validate\\(status_date=...\\)"):
        result = progman.validate(programme(), today="2013-01-10")
    assert result.status_date == date(2013, 1, 10)
    with pytest.warns(DeprecationWarning, match="use status_date"):
        assert result.today == date(2013, 1, 10)


def test_validate_defaults_to_the_programmes_status_date_and_says_so() -> None:
    dated = programme().model_copy(update={"status_date": date(2013, 1, 9)})
    result = progman.validate(dated)
    assert (result.status_date, result.status_date_source) == (date(2013, 1, 9), "programme")
    assert progman.validate(programme()).status_date_source == "today"


# --- money and dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pounds"),
    [("1,200", 1200), ("£1,200,000", 1_200_000), ("£1.2m", 1_200_000), ("600k", 600_000)],
)
def test_money_with_thousands_in_groups_of_three(text: str, pounds: int) -> None:
    assert progman.Project(id="p", name="P", budget=text).budget == Decimal(pounds)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("£1,2m", "did you mean '1.2m'?"),  # was £12,000,000: a silent tenfold error
        ("1,,5", "groups of three"),  # was 15
        ("1.2.3", "write pounds as a number"),
        ("12,00", "did you mean '12.00'?"),
    ],
)
def test_malformed_money_is_refused_with_a_hint(text: str, hint: str) -> None:
    with pytest.raises(ValidationError, match=hint):
        progman.Project(id="p", name="P", budget=text)
    with pytest.raises(progman.DefinitionError, match=r"groups of three|did you mean|a number"):
        progman.loads(f"id: p\nname: P\nprojects:\n  - {{id: x, name: X, budget: '{text}'}}\n")


def test_a_datetime_with_a_time_is_refused_and_midnight_is_a_date() -> None:
    with pytest.raises(ValidationError, match="has a time of day; a date has none"):
        progman.Programme(id="p", name="P", status_date=datetime(2013, 1, 10, 9, 30))
    assert progman.Programme(
        id="p", name="P", status_date=datetime(2013, 1, 10)
    ).status_date == date(2013, 1, 10)


# --- names ------------------------------------------------------------------------------


def test_schedule_is_the_function_and_the_subpackage() -> None:
    # Regression: `except progman.schedule.ScheduleError:` raised AttributeError.
    cycle = progman.Programme(
        id="p",
        name="P",
        start="2013-01-07",
        projects=[
            progman.Project(
                id="x",
                name="X",
                tasks=[
                    progman.Task(id="a", name="A", duration=1, depends_on=["b"]),
                    progman.Task(id="b", name="B", duration=1, depends_on=["a"]),
                ],
            )
        ],
    )
    with pytest.raises(progman.schedule.ScheduleError):
        progman.schedule(cycle)
    assert progman.ScheduleError is progman.schedule.ScheduleError
    from progman.schedule import build_graph

    assert callable(build_graph)


def test_report_is_a_deprecated_alias_of_validation_result() -> None:
    with pytest.warns(DeprecationWarning, match="use progman.ValidationResult"):
        assert progman.Report is progman.ValidationResult  # type: ignore[attr-defined]
    with pytest.warns(DeprecationWarning, match="use progman.ValidationResult"):
        assert progman.rules.Report is progman.ValidationResult


def test_dir_lists_the_lazy_names() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        names = dir(progman)
    for name in ("load", "validate", "board_report", "dumps", "ValidationResult"):
        assert name in names


def test_dumps_is_the_inverse_of_loads() -> None:
    original = programme()
    again = progman.loads(progman.dumps(original))
    assert again == original


def test_find_any_object_by_id_with_a_did_you_mean() -> None:
    otp = programme()
    assert otp.find("a").name == "Build"
    assert otp.find("gt").name == "Gail Tolley"
    assert otp.find("p") is otp.projects[0]
    with pytest.raises(KeyError, match="did you mean 'gt'"):
        otp.find("gtt")


def test_every_public_function_taking_a_date_takes_iso_text_too() -> None:
    # Structural guard for functions added later: a parameter annotated as a date must
    # accept str as well (and convert it with progman.model.common.as_date).
    import inspect

    import progman.control
    import progman.report

    internal = {"assess_tolerance", "judge", "forecast_without_schedule"}  # amounts or dates
    missing = []
    for module in (progman, progman.control, progman.report):
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isclass(function) or not callable(function) or name in internal:
                continue
            for parameter in inspect.signature(function).parameters.values():
                text = str(parameter.annotation)
                if "date" in text and "str" not in text:
                    missing.append(f"{module.__name__}.{name}({parameter.name})")
    assert missing == []
