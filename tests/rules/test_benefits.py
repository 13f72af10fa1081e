"""Benefit rules: profile periods, shortfall against tolerance, dis-benefits netted off."""

from __future__ import annotations

from decimal import Decimal

from progman import Benefit, ProfilePeriod, Programme
from progman.rules.benefits import net_benefits

from .conftest import only, run


def _periods(programme: Programme, index: int) -> list[ProfilePeriod]:
    profile = programme.benefits[index].profile
    assert profile is not None
    return profile.periods


def test_overlapping_periods(programme: Programme) -> None:
    _periods(programme, 0)[1] = ProfilePeriod.model_validate(
        {"start": "2013-01-01", "end": "2013-12-31", "planned": "3m"}
    )
    finding = only(programme, "PG-BENEFIT-PERIODS")
    assert finding.message == (
        "period 2 of benefit 'b-saving' (2013-01-01 to 2013-12-31) comes overlapping period 1 "
        "(2012-04-01 to 2013-03-31): periods must follow one another"
    )
    assert finding.path == "benefits[0].profile.periods[1]"


def test_periods_out_of_order(programme: Programme) -> None:
    periods = _periods(programme, 0)
    periods.reverse()
    assert "comes before period 1" in only(programme, "PG-BENEFIT-PERIODS").message


def test_shortfall_beyond_benefits_tolerance(programme: Programme) -> None:
    _periods(programme, 0)[0].actual = Decimal(850_000)
    finding = only(programme, "PG-BENEFIT-SHORTFALL")
    # 1m planned, 850k realised: 150k short against -10% (100k) of the programme.
    assert finding.message == (
        "benefit 'b-saving' (Saving from the LLP) has realised £850,000 to date against "
        "£1,000,000 planned, £150,000 short of its profile, beyond the benefits tolerance of "
        "the programme (-10%); an exception for the programme board"
    )
    assert finding.escalate_to == "programme board"
    assert finding.data["tolerance"] == Decimal(100_000)


def test_shortfall_within_tolerance_is_silent(programme: Programme) -> None:
    _periods(programme, 0)[0].actual = Decimal(900_000)
    assert run(programme, "PG-BENEFIT-SHORTFALL") == []


def test_without_a_tolerance_any_shortfall_counts(programme: Programme) -> None:
    programme.tolerances = [t for t in programme.tolerances if t.aspect != "benefits"]
    finding = only(programme, "PG-BENEFIT-SHORTFALL")
    assert "£50,000 short of its profile, with no benefits tolerance set" in finding.message


def test_dis_benefit_worse_than_planned(programme: Programme) -> None:
    _periods(programme, 1)[0].actual = Decimal(30)
    finding = only(programme, "PG-BENEFIT-SHORTFALL")
    assert finding.message.startswith(
        "dis-benefit 'd-travel' (Longer journeys to the new contact centre) has realised 30 to "
        "date against 25 planned, 5 worse than its profile"
    )


def test_net_benefits_count_dis_benefits_against_benefits(programme: Programme) -> None:
    benefits = list(programme.benefits)
    assert net_benefits(benefits) == Decimal(4_000_000)  # the dis-benefit is non-financial
    cost = Benefit.model_validate(
        {
            "id": "d-cost",
            "name": "Double running costs",
            "kind": "dis_benefit",
            "profile": {
                "kpi": "Cost",
                "periods": [{"financial_year": "2012/13", "planned": "100k", "actual": "200k"}],
            },
        }
    )
    assert net_benefits([*benefits, cost]) == Decimal(3_900_000)
    assert net_benefits([*benefits, cost], "actual", to_date_only=True) == Decimal(750_000)


def test_programme_net_shortfall(programme: Programme) -> None:
    programme.benefits.append(
        Benefit.model_validate(
            {
                "id": "d-cost",
                "name": "Double running costs",
                "kind": "dis_benefit",
                "owner": "bcm",
                "profile": {
                    "kpi": "Cost",
                    "periods": [{"financial_year": "2012/13", "planned": "100k", "actual": "200k"}],
                },
            }
        )
    )
    finding = only(programme, "PG-BENEFIT-NET-SHORTFALL")
    # Net to date: planned 1m - 100k = 900k; realised 950k - 200k = 750k; -10% is 90k.
    assert finding.message == (
        "programme 'otp' has realised net benefits of £750,000 to date against £900,000 "
        "planned (dis-benefits counted against benefits), £150,000 short, beyond its benefits "
        "tolerance of £90,000"
    )
    assert finding.escalate_to == "sponsoring group"
