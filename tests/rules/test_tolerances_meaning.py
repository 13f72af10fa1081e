"""Tolerance rules by their meaning in PRINCE2 (2017, "Progress" theme): a tolerance is the
permissible deviation above and below a plan's target; each level's tolerances sit inside
those of the level above; a forecast beyond tolerance is an exception for whoever set the
tolerance. Each expected message is worked out by hand in the comment beside it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import progman as pm
from progman import Programme, Tolerance
from progman.forecasting import Forecast

from .conftest import only, run


def plan(
    project_tolerances: list[dict[str, Any]], *stage_tolerances: dict[str, Any], **project: Any
) -> pm.Programme:
    """Project 'p' (£200,000, 7 Jan - 1 Mar 2013) with stage 's' (£20,000, 7 Jan - 1 Feb)."""
    stage = {
        "id": "s",
        "name": "S",
        "budget": "20k",
        "start": "2013-01-07",
        "finish": "2013-02-01",
        "tolerances": list(stage_tolerances),
    }
    return pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "status_date": "2013-01-04",
        "projects": [{"id": "p", "name": "P", "budget": "200k", "start": "2013-01-07",
                      "finish": "2013-03-01", "tolerances": project_tolerances,
                      "stages": [stage], **project}]})  # fmt: skip


def nesting(programme: pm.Programme) -> list[pm.Finding]:
    return list(pm.validate(programme, rules=["PG-TOLERANCE-NESTING"]))


def cost(plus: int | None = None, minus: int | None = None) -> dict[str, Any]:
    return {"aspect": "cost", "plus": plus, "minus": minus, "unit": "absolute"}


def test_a_side_left_unset_is_not_compared_with_the_side_above() -> None:
    # Stage +£10,000 only, under the project's +/-£20,000: the stage's minus side is unset
    # (no tolerance given that way), so there is nothing to nest; and the reverse.
    assert nesting(plan([cost(20_000, 20_000)], cost(plus=10_000))) == []
    assert nesting(plan([cost(plus=20_000)], cost(minus=10_000))) == []


def test_a_wider_minus_side_is_measured_against_the_minus_side_above() -> None:
    # Project +£30,000 / -£10,000; stage +£5,000 / -£15,000: the stage's plus side nests
    # (5k <= 30k), its minus side does not (15k > 10k, by 5k).
    [finding] = nesting(plan([cost(30_000, 10_000)], cost(5_000, 15_000)))
    assert finding.data["side"] == "minus"
    assert finding.message == (
        "stage 's' has a cost tolerance of -£15,000, wider than the -£10,000 of project 'p' "
        "above it (by £5,000)"
    )


def test_risk_tolerances_nest_as_scores() -> None:
    # A risk tolerance is the highest threat score a level accepts: 16 under the project's
    # 12 is wider by 4.
    risk = {"aspect": "risk", "unit": "absolute"}
    [finding] = nesting(plan([{**risk, "plus": 12}], {**risk, "plus": 16}))
    assert finding.message == (
        "stage 's' has a risk tolerance of +16, wider than the +12 of project 'p' above it (by 4)"
    )


def test_risk_tolerances_in_the_same_unit_nest_without_a_base() -> None:
    # Risk has no planned base to turn a percentage into an amount, so two percentages are
    # compared as they stand: +16% under +12% is wider by 4%.
    [finding] = nesting(plan([{"aspect": "risk", "plus": 12}], {"aspect": "risk", "plus": 16}))
    assert finding.message == (
        "stage 's' has a risk tolerance of +16%, wider than the +12% of project 'p' above it "
        "(by 4%)"
    )


def test_a_percentage_risk_tolerance_is_not_compared_with_a_score() -> None:
    # 100% of nothing: risk has no base (budget, working days or benefit) for a percentage,
    # so it cannot be set against the project's score of 12 either way.
    project = [{"aspect": "risk", "plus": 12, "unit": "absolute"}]
    assert nesting(plan(project, {"aspect": "risk", "plus": 100})) == []


def test_a_percentage_time_tolerance_counts_working_days_on_the_level_s_own_calendar() -> None:
    # The project works to an 'office' calendar closed 24-31 December 2012. Stage 's' runs
    # Mon 17 Dec 2012 - Fri 11 Jan 2013: 17-21 Dec (5), closed to the 31st, 1 Jan a bank
    # holiday, 2-4 Jan (3), 7-11 Jan (5) = 13 working days (17 on the default calendar).
    # +50% is 6.5 working days, wider than the project's +5 by 1.5.
    programme = pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2012-12-17", "status_date": "2012-12-14",
        "calendars": [{"id": "default"}, {"id": "office", "closures": [
            {"start": "2012-12-24", "end": "2012-12-31"}]}],
        "projects": [{"id": "p", "name": "P", "calendar": "office", "start": "2012-12-17",
                      "finish": "2013-01-25",
                      "tolerances": [{"aspect": "time", "plus": 5, "unit": "absolute"}],
                      "stages": [{"id": "s", "name": "S", "start": "2012-12-17",
                                  "finish": "2013-01-11",
                                  "tolerances": [{"aspect": "time", "plus": 50}]}]}]})  # fmt: skip
    [finding] = nesting(programme)
    assert finding.message == (
        "stage 's' has a time tolerance of +50% (6.5 working days), wider than the +5 working "
        "days (5 working days) of project 'p' above it (by 1.5 working days)"
    )


def test_one_working_day_late_is_after_the_planned_finish() -> None:
    # Planned to finish Fri 1 Mar 2013, forecast Mon 4 Mar: one working day late, with no
    # time tolerance set (PRINCE2's default: zero).
    report = pm.validate(plan([]), forecasts={"p": Forecast(finish=date(2013, 3, 4))})
    [finding] = [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED" and f.subject == "p"]
    assert finding.message.startswith(
        "project 'p' is forecast to finish 4 March 2013, 1 working day after its planned "
        "finish 1 March 2013, no time tolerance is set (PRINCE2: zero tolerance)"
    )


def test_a_forecast_below_plan_is_judged_against_the_minus_side() -> None:
    # +5% / -10% on £200,000; forecast £170,000: £30,000 under, -10% is £20,000, so
    # £10,000 beyond. The +5% plays no part.
    programme = plan([{"aspect": "cost", "plus": 5, "minus": 10}])
    report = pm.validate(programme, forecasts={"p": Forecast(cost=Decimal(170_000))})
    [finding] = [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED" and f.subject == "p"]
    assert finding.message == (
        "project 'p' is forecast to cost £170,000 against a budget of £200,000, £30,000 "
        "under, against a cost tolerance of -10% (£20,000): beyond tolerance by £10,000; "
        "escalate to the programme board"
    )


def test_benefits_short_with_only_a_plus_side_set_meet_zero_tolerance_below_plan(
    programme: Programme,
) -> None:
    # The programme sets +10% on benefits and nothing below plan: a shortfall (the side that
    # hurts) meets PRINCE2's zero. 4m planned, 3.5m forecast: 500k short, all of it beyond.
    programme.tolerances[2] = Tolerance(aspect="benefits", plus=10)
    forecasts = {"otp": Forecast(benefit=Decimal(3_500_000))}
    [finding] = [f for f in run(programme, "PG-TOLERANCE-EXCEEDED", forecasts=forecasts)
                 if f.subject == "otp"]  # fmt: skip
    assert "£500,000 short, against no benefits tolerance below plan (zero): beyond tolerance " \
        "by £500,000" in finding.message  # fmt: skip
    assert finding.escalate_to == "sponsoring group"


def test_a_breach_goes_to_whoever_set_the_tolerance(programme: Programme) -> None:
    # The OTP Board set the portal's +10% cost tolerance (£50,000 of £500,000): a forecast
    # of £560,000 is £10,000 beyond it, and the OTP Board hears of it, not the default
    # level above. Within it but past 80% (£545,000: 90% used), the same board is warned.
    programme.projects[0].tolerances[0] = Tolerance(
        aspect="cost", plus=10, minus=10, set_by="otp-board"
    )
    over = only(programme, "PG-TOLERANCE-EXCEEDED",
                forecasts={"portal": Forecast(cost=Decimal(560_000))})  # fmt: skip
    assert (over.escalate_to_id, over.escalate_to) == ("otp-board", "OTP Board")
    assert over.message.endswith("beyond tolerance by £10,000; escalate to the OTP Board")
    near = run(programme, "PG-TOLERANCE-WARNING",
               forecasts={"portal": Forecast(cost=Decimal(545_000))})  # fmt: skip
    assert [(f.subject, f.escalate_to_id) for f in near] == [("portal", "otp-board")]


def test_a_risk_breach_names_the_threat_and_its_score(programme: Programme) -> None:
    # PRINCE2's risk tolerance as a score: the portal accepts threats up to 10; R1 scores
    # 3 x 4 = 12 on the default 5x5 grid. A score has no "beyond by" amount.
    programme.projects[0].tolerances.append(Tolerance(aspect="risk", plus=10, unit="absolute"))
    finding = only(programme, "PG-TOLERANCE-EXCEEDED")
    assert finding.message == (
        "project 'portal' has active threat 'R1' scoring 12, above its risk tolerance of 10; "
        "escalate to the programme board"
    )
    assert (finding.path, finding.subject) == ("projects[0]", "portal")


def test_a_breach_set_by_a_person_is_told_to_them_by_name(programme: Programme) -> None:
    programme.projects[0].tolerances[0] = Tolerance(aspect="cost", plus=10, set_by="gt")
    over = only(programme, "PG-TOLERANCE-EXCEEDED",
                forecasts={"portal": Forecast(cost=Decimal(560_000))})  # fmt: skip
    assert over.message.endswith("escalate to Gail Tolley (SRO)")


def test_a_project_in_a_strand_escalates_to_its_strand_s_own_board(programme: Programme) -> None:
    # MSP: a strand with its own board hears its projects' exceptions at programme level;
    # the OTP Operations Board hears the rest. portal is in the Public Access strand.
    programme.boards = [
        pm.Board(id="ops", name="OTP Operations Board", serves=["programme"]),
        pm.Board(id="pa-board", name="Public Access Board", serves=["programme"]),
    ]
    programme.strands[0].board = "pa-board"
    over = only(programme, "PG-TOLERANCE-EXCEEDED",
                forecasts={"portal": Forecast(cost=Decimal(560_000))})  # fmt: skip
    assert over.message.endswith("escalate to the Public Access Board")
    assert over.escalate_to_id == "pa-board"


def test_a_warning_carries_where_it_is_and_how_much_is_used(programme: Programme) -> None:
    # 18k over the stage's 400k against +5% (20k): 90% used, escalated to the project board.
    finding = only(programme, "PG-TOLERANCE-WARNING",
                   forecasts={"portal-build": Forecast(cost=Decimal(418_000))})  # fmt: skip
    assert (finding.path, finding.subject) == ("projects[0].stages[1]", "portal-build")
    assert finding.data["used"] == Decimal("0.9")
    assert finding.message.endswith("90% of the tolerance is used (warning at 80%)")


def test_a_tolerance_with_nothing_above_does_not_stop_the_next_being_nested() -> None:
    # The stage's risk tolerance has none above it; its cost tolerance, listed after, is
    # still nested: +£30,000 against the project's +£20,000.
    risk = {"aspect": "risk", "plus": 5, "unit": "absolute"}
    [finding] = nesting(plan([cost(plus=20_000)], risk, cost(plus=30_000)))
    assert finding.path == "projects[0].stages[0].tolerances[1]"


def test_a_project_without_time_or_cost_tolerance_says_which(programme: Programme) -> None:
    programme.projects[1].tolerances = []
    finding = only(programme, "PG-TOLERANCE-REQUIRED")
    assert finding.message == (
        "project 'llp' has no time or cost tolerance: the programme board cannot tell when it "
        "must be told"
    )
    assert (finding.path, finding.subject) == ("projects[1]", "llp")
    assert finding.data == {"missing": ["time", "cost"]}
