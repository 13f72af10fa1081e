"""Benefit rules: profile periods, shortfall against tolerance, dis-benefits netted off."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from progman import Benefit, ProfilePeriod, Programme, SavingsTarget
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


def _running_cost(actual: str) -> Benefit:
    """A running cost planned to fall from £1m: 900k planned in 2012/13 is a 100k benefit."""
    return Benefit.model_validate(
        {
            "id": "b-cost",
            "name": "Lower running cost",
            "owner": "bcm",
            "profile": {
                "kpi": "Running cost",
                "unit": "GBP",
                "direction": "decrease",
                "baseline_value": "1m",
                "target_value": "600k",
                "periods": [{"financial_year": "2012/13", "planned": "900k", "actual": actual}],
            },
        }
    )


def test_a_falling_cost_above_plan_is_short_by_its_gain(programme: Programme) -> None:
    programme.benefits = [_running_cost("950k")]
    finding = only(programme, "PG-BENEFIT-SHORTFALL")
    # 1m - 950k = 50k realised of 1m - 900k = 100k planned: 50k short, 40k over -10% (10k).
    assert finding.message == (
        "benefit 'b-cost' (Lower running cost) has realised £50,000 to date against £100,000 "
        "planned (Running cost £950,000 against £900,000 planned, from a baseline of "
        "£1,000,000), £50,000 short of its profile, beyond the benefits tolerance of the "
        "programme (-10%); an exception for the programme board"
    )
    assert (finding.data["planned"], finding.data["actual"]) == (100_000, 50_000)


def test_a_falling_cost_below_plan_is_ahead(programme: Programme) -> None:
    programme.benefits = [_running_cost("850k")]  # 150k realised against 100k planned
    assert run(programme, "PG-BENEFIT-SHORTFALL") == []


def _headline(programme: Programme, stated: str, *parts: tuple[str, str]) -> None:
    items = [
        Benefit.model_validate(
            {
                "id": bid,
                "name": bid,
                "owner": "bcm",
                "profile": {
                    "kpi": "Saving",
                    "unit": "GBP",
                    "periods": [{"financial_year": "2012/13", "planned": amount}],
                },
            }
        )
        for bid, amount in parts
    ]
    headline = Benefit.model_validate(
        {
            "id": "b-2012-13",
            "name": "Savings 2012/13",
            "owner": "bcm",
            "components": [b.id for b in items],
            "profile": {
                "kpi": "Saving",
                "unit": "GBP",
                "periods": [{"financial_year": "2012/13", "planned": stated}],
            },
        }
    )
    programme.benefits = [headline, *items]


def test_components_short_of_their_headline(programme: Programme) -> None:
    # Milton Keynes 2012/13: £1.4m stated; 400k + 600k + 107k + 200k = 1.307m itemised.
    parts = [("b-universal", "400k"), ("b-early", "600k"), ("b-cat", "107k"), ("b-reg", "200k")]
    _headline(programme, "1.4m", *parts)
    finding = only(programme, "PG-BENEFIT-COMPONENTS")
    assert finding.message == (
        "benefit 'b-2012-13' states £1,400,000 for 2012/13 but its components ('b-universal', "
        "'b-early', 'b-cat' and 'b-reg') add up to £1,307,000: £93,000 unaccounted for"
    )
    assert finding.path == "benefits[0].components"
    assert finding.data["gap"] == 93_000


def test_components_that_add_up_are_silent(programme: Programme) -> None:
    _headline(programme, "1m", ("b-a", "400k"), ("b-b", "600k"))
    assert run(programme, "PG-BENEFIT-COMPONENTS") == []


def test_components_above_their_headline(programme: Programme) -> None:
    _headline(programme, "900k", ("b-a", "400k"), ("b-b", "600k"))
    assert only(programme, "PG-BENEFIT-COMPONENTS").message.endswith(
        "add up to £1,000,000: £100,000 more than the headline"
    )


def test_a_component_of_two_headlines_and_a_loop(programme: Programme) -> None:
    _headline(programme, "1m", ("b-a", "400k"), ("b-b", "600k"))
    programme.benefits[1].components = ["b-2012-13"]  # b-a contains its own headline
    programme.benefits[2].components = ["b-a"]  # b-a is now in two headlines
    assert only(programme, "PG-BENEFIT-COMPONENT-OF").message == (
        "benefit 'b-a' is a component of both 'b-2012-13' and 'b-b': its pounds would be "
        "counted twice; make it a component of one headline"
    )
    # b-2012-13 -> b-a (b-a is part of b-2012-13) and b-a's component b-2012-13 -> b-a.
    loop = only(programme, "PG-MAP-CYCLE").data["cycle"]
    assert loop[0] == loop[-1]
    assert set(loop) == {"b-a", "b-2012-13"}
    assert len(loop) == 3


def test_a_component_must_be_a_benefit(programme: Programme) -> None:
    programme.benefits[0].components = ["llp"]
    finding = only(programme, "PG-REF-UNRESOLVED")
    assert finding.path == "benefits[0].components[0]"


def test_each_savings_target_on_its_own_years(programme: Programme) -> None:
    # b-saving: 2012/13 950k actual (a closed year at 2013-04-10: the outturn), 2013/14 3m.
    programme.savings_targets = [
        SavingsTarget(name="2012/13", amount="1m", years="2012/13"),
        SavingsTarget(name="MTFP", amount="3.2m", years="2013/14-2016/17"),
    ]
    found = run(programme, "PG-SAVINGS-TARGET", today=date(2013, 4, 10))
    # 2012/13: 50k short of 1m, within -10% (100k). MTFP: 200k short of 3.2m, beyond 320k? no.
    assert found == []
    programme.savings_targets[1].amount = Decimal(4_000_000)
    finding = only(programme, "PG-SAVINGS-TARGET", today=date(2013, 4, 10))
    # 4m - 3m = 1m short, beyond 10% of 4m = 400k.
    assert finding.message == (
        "savings target 'MTFP' (£4,000,000 in 2013/14-2016/17) is forecast to get £3,000,000 "
        "of cashable savings, £1,000,000 short, beyond the programme's benefits tolerance of "
        "£400,000"
    )
    assert finding.path == "savings_targets[1]"
    assert finding.escalate_to == "sponsoring group"


def test_realisation_while_the_tranche_still_delivers(programme: Programme) -> None:
    profile = programme.benefits[0].profile
    assert profile is not None
    # A quarter wholly inside tranche t1 (which ends 2012-12-31).
    profile.periods[0] = ProfilePeriod(start="2012-07-01", end="2012-09-30", planned="250k")
    finding = only(programme, "PG-BENEFIT-TIMING")
    assert finding.message == (
        "benefit 'b-saving' plans £250,000 from 2012-07-01 to 2012-09-30, while its enabling "
        "tranche 't1' is still delivering (it ends on 2012-12-31): benefits follow the "
        "capability a tranche delivers"
    )


def test_realisation_before_any_enabling_project_finishes_when_configured(
    programme: Programme,
) -> None:
    programme.project("llp").finish = date(2013, 6, 28)  # after 2012/13 ends
    assert run(programme, "PG-BENEFIT-TIMING") == []  # off by default: phased delivery
    programme.governance.benefit_timing = "tranche_and_projects"
    finding = only(programme, "PG-BENEFIT-TIMING")  # the dis-benefit 'd-travel' is not judged
    assert finding.message == (
        "benefit 'b-saving' plans £1,000,000 from 2012-04-01 to 2013-03-31, before any project "
        "enabling it has finished (the first, 'llp', finishes on 2013-06-28)"
    )


def test_benefit_rules_read_the_forecasts_realisation_at_the_same_date() -> None:
    # One benefits realisation per validation (issue 18): at the forecast's date the rules
    # read the forecast's own; at the programme's other status date they work out theirs.
    from progman.rules.benefits import _realisation
    from progman.rules.context import RuleContext

    programme = Programme(
        id="otp",
        name="OTP",
        start="2013-01-07",
        benefits=[
            Benefit(
                id="b",
                name="B",
                profile={"kpi": "£", "periods": [{"financial_year": "2012/13", "planned": "1m"}]},
            )
        ],
    )
    ctx = RuleContext(programme, today=date(2013, 1, 10))
    assert _realisation(ctx) is ctx.forecast().benefits
    programme.status_date = date(2012, 6, 1)
    other = RuleContext(programme, today=date(2013, 1, 10))
    assert _realisation(other) is not other.forecast().benefits
    assert _realisation(other).total().planned == Decimal("1000000")
