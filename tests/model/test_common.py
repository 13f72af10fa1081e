"""Ids, dates, money, enums and financial years."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

import progman as pm


def only_message(error: ValidationError) -> str:
    """The single error's message, as a user would read it."""
    (detail,) = error.errors()
    return str(detail["msg"])


@pytest.mark.parametrize("value", ["ict-delt", "R-004", "t1", "b.llp_saving", "T", "x" * 80])
def test_ids_accept_short_slugs(value: str) -> None:
    assert pm.Person(id=value, name="X").id == value


# "é1", "x²" and "٣" are letters or digits to Python, but not the ASCII an id is made of.
@pytest.mark.parametrize("value", ["", "ict delt", "-lead", "a/b", "x" * 81, "é1", "x²", "٣"])
def test_ids_reject_anything_else_with_guidance(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        pm.Person(id=value, name="X")
    assert "is not a valid id: use a short slug" in only_message(caught.value)


def test_iso_dates_are_read_and_dates_pass_through() -> None:
    tranche = pm.Tranche(id="t", name="T", start="2013-01-14", end=date(2013, 3, 31))
    assert tranche.start == date(2013, 1, 14)
    assert tranche.end == date(2013, 3, 31)


def test_ambiguous_dates_say_which_format_to_use() -> None:
    with pytest.raises(ValidationError) as caught:
        pm.Tranche(id="t", name="T", start="14/01/2013")
    assert only_message(caught.value) == (
        "Value error, '14/01/2013' is not an ISO date: write dates as YYYY-MM-DD, e.g. 2013-01-14"
    )


def test_impossible_dates_are_named() -> None:
    with pytest.raises(ValidationError) as caught:
        pm.Tranche(id="t", name="T", start="2013-02-30")
    assert "'2013-02-30' is not a real date" in only_message(caught.value)


def test_numbers_are_not_dates() -> None:
    # pydantic would read 1358121600 as a Unix timestamp; a plan never means that.
    with pytest.raises(ValidationError) as caught:
        pm.Tranche(id="t", name="T", start=1358121600)
    assert "expected a date written as YYYY-MM-DD" in only_message(caught.value)


@pytest.mark.parametrize(
    ("text", "pounds"),
    [
        ("£1.4m", Decimal("1400000")),
        ("600k", Decimal("600000")),
        ("1,307,000", Decimal("1307000")),
        ("15.9m", Decimal("15900000")),
        ("2bn", Decimal("2000000000")),
        ("1234.56", Decimal("1234.56")),
        (250000, Decimal("250000")),
        (0.1, Decimal("0.1")),
    ],
)
def test_money_reads_what_board_papers_write(text: object, pounds: Decimal) -> None:
    assert pm.Project(id="p", name="P", budget=text).budget == pounds


def test_money_is_never_negative() -> None:
    with pytest.raises(ValidationError) as caught:
        pm.Project(id="p", name="P", budget=-5)
    assert only_message(caught.value) == (
        "Value error, an amount of money cannot be negative (got -5)"
    )


@pytest.mark.parametrize("bad", ["lots", "£", "1.4 million", True])
def test_money_rejects_words_and_booleans(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        pm.Project(id="p", name="P", budget=bad)
    assert "amount of money" in only_message(caught.value)


@pytest.mark.parametrize("written", ["THREAT", "Threat", "threat", " threat "])
def test_enums_read_case_insensitively(written: str) -> None:
    assert pm.RiskKind(written) is pm.RiskKind.THREAT


def test_enums_read_spaces_and_hyphens_as_underscores() -> None:
    assert pm.IssueType("Request for change") is pm.IssueType.REQUEST_FOR_CHANGE
    assert pm.BenefitKind("dis-benefit") is pm.BenefitKind.DIS_BENEFIT
    assert pm.BenefitCategory("Qualitative") is pm.BenefitCategory.NON_FINANCIAL


def test_unknown_enum_value_lists_the_choices() -> None:
    with pytest.raises(ValidationError) as caught:
        pm.Risk(id="r", title="R", probability=1, impact=1, kind="danger")
    message = only_message(caught.value)
    assert "'threat'" in message
    assert "'opportunity'" in message


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2012, 4, 1), "2012/13"),
        (date(2013, 3, 31), "2012/13"),
        (date(2013, 4, 1), "2013/14"),
        (date(1999, 12, 31), "1999/00"),
    ],
)
def test_financial_year_of_a_date(day: date, label: str) -> None:
    assert pm.FinancialYear.of(day).label == label


def test_financial_year_parse_and_bounds() -> None:
    year = pm.FinancialYear.parse("2012/2013")
    assert (year.start, year.end, str(year)) == (date(2012, 4, 1), date(2013, 3, 31), "2012/13")
    assert pm.FinancialYear.parse("2012/13") < pm.FinancialYear.parse("2013/14")


@pytest.mark.parametrize("bad", ["2012", "2012/14", "2012-13x"])
def test_financial_year_rejects_bad_labels(bad: str) -> None:
    with pytest.raises(ValueError, match="is not a financial year"):
        pm.FinancialYear.parse(bad)
