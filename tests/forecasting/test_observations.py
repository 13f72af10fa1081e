"""Issue 11's eight observations, each with the answer computed by hand from the standards.

Calendars: England and Wales bank holidays (gov.uk); counts are done by hand in the
comments, or independently with numpy's business-day functions where they are long.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

import progman as pm
from progman.control import exception_report, rag_status
from progman.forecasting import Forecast, forecast

HOLIDAYS_2013 = ["2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06", "2013-05-27",
                 "2013-08-26", "2013-12-25", "2013-12-26"]  # fmt: skip


def codes(report: Any) -> set[tuple[str, str | None]]:
    return {(finding.code, finding.subject) for finding in report}


# --- 1. work with no progress is not forecast as if it happened on time ----------------


def idle_programme() -> pm.Programme:
    return pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-06-14",
        projects=[pm.Project(
            id="p", name="P", finish="2013-01-18",
            tolerances=[{"aspect": "time", "plus": 5, "unit": "absolute"}],
            tasks=[pm.Task(id="a", name="A", duration=10)])],
    )  # fmt: skip


def test_unstarted_work_past_its_start_is_forecast_from_the_status_date() -> None:
    # Planned Mon 7 - Fri 18 Jan; not started by Fri 14 June, so it runs Mon 17 - Fri 28 June.
    result = forecast(idle_programme())
    assert result.forecasts["a"].start == date(2013, 6, 17)
    assert result.forecasts["a"].finish == date(2013, 6, 28)
    [late] = result.overdue
    assert (late.id, late.reason, late.planned_start) == ("a", "not started", date(2013, 1, 7))


def test_overdue_work_is_a_finding_and_the_time_rag_is_red() -> None:
    programme = idle_programme()
    report = pm.validate(programme, status_date=date(2013, 6, 14))
    assert ("PG-PROGRESS-OVERDUE", "a") in codes(report)
    assert ("PG-TOLERANCE-EXCEEDED", "p") in codes(report)
    late = int(np.busday_count("2013-01-19", "2013-06-29", holidays=HOLIDAYS_2013))
    time = rag_status(programme).projects["p"].time
    assert time.status is pm.RAG.RED
    assert f"is {late} working days after the planned 18 January 2013" in time.reason
    assert "1 item overdue (a)" in time.reason


def test_the_unrescheduled_view_keeps_work_where_the_plan_put_it() -> None:
    programme = idle_programme()
    programme.forecasting.reschedule_uncompleted_work = False
    assert forecast(programme).forecasts["a"].finish == date(2013, 1, 18)
    assert pm.schedule(idle_programme(), reschedule=False)["a"].early_finish == date(2013, 1, 18)


def test_started_work_with_no_progress_is_named() -> None:
    programme = idle_programme()
    programme.projects[0].tasks[0].actual_start = date(2013, 1, 7)
    [stale] = forecast(programme).overdue
    assert (stale.reason, stale.actual_start) == ("no progress", date(2013, 1, 7))


# --- 2. programme cost is a real forecast against a real budget --------------------------


def costly_programme(**extra: Any) -> pm.Programme:
    # The task is half done for £75k: CPI = 50/75, EAC = 100k x 75/50 = £150,000.
    return pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-01-11",
        tolerances=[{"aspect": "cost", "plus": 10, "minus": 10}],
        projects=[pm.Project(id="p", name="P", budget="100k", tasks=[
            pm.Task(id="t", name="T", duration=10, budget="100k", actual_start="2013-01-07",
                    percent_complete=50, actual_cost="75k")])],
        **extra,
    )  # fmt: skip


def test_programme_cost_breaches_its_own_tolerance() -> None:
    programme = costly_programme(budget="100k")
    cost = rag_status(programme).programme.cost
    assert cost.status is pm.RAG.RED
    assert cost.reason.startswith("cost forecast £150,000, 50% over the £100,000 budget")
    report = pm.validate(programme)
    [finding] = [f for f in report if f.subject == "otp" and f.code == "PG-TOLERANCE-EXCEEDED"]
    assert "£50,000 over, against a cost tolerance of +10% (£10,000)" in finding.message


def test_without_a_stated_budget_the_projects_budgets_are_summed_and_said() -> None:
    cost = rag_status(costly_programme()).programme.cost
    assert cost.status is pm.RAG.RED
    assert "the £100,000 budget (the sum of the project budgets)" in cost.reason


# --- 3. a stage overrun inside its tolerance stays with the stage -----------------------


def two_stages(**extra: Any) -> pm.Programme:
    # Stage 1 (200k) finished for 215k: 15k over, inside its +/-10% (20k). Stage 2 (1.8m)
    # has not started. Project 2m, +5% (100k).
    return pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-01-11",
        tolerances=[{"aspect": "cost", "plus": 10}, {"aspect": "time", "plus": 10,
                                                     "unit": "absolute"}],
        projects=[pm.Project(
            id="p", name="P", budget="2m", finish="2013-01-25",
            tolerances=[{"aspect": "cost", "plus": 5},
                        {"aspect": "time", "plus": 5, "unit": "absolute"}],
            stages=[
                pm.Stage(id="s1", name="S1", budget="200k", finish="2013-01-11",
                         tolerances=[{"aspect": "cost", "plus": 10, "minus": 10}],
                         tasks=[pm.Task(id="t1", name="T1", duration=5, budget="200k",
                                        actual_start="2013-01-07",
                                        actual_finish="2013-01-11", actual_cost="215k")]),
                pm.Stage(id="s2", name="S2", budget="1.8m", finish="2013-01-25",
                         tasks=[pm.Task(id="t2", name="T2", duration=10, budget="1.8m",
                                        depends_on=["t1"])]),
            ])],
        **extra,
    )  # fmt: skip


def test_bottom_up_keeps_a_stage_overrun_in_the_stage() -> None:
    result = forecast(two_stages())
    assert result.forecasts["s1"].cost == Decimal(215_000)
    assert result.forecasts["p"].cost == Decimal(2_015_000)  # 215k + 1.8m: 15% of tolerance
    report = pm.validate(two_stages())
    assert not [f for f in report if f.code.startswith("PG-TOLERANCE")]
    assert not exception_report(two_stages(), "p", date(2013, 1, 11)).needed


def test_the_cpi_method_projects_it_onto_the_whole_project() -> None:
    # EAC = BAC / CPI = 2m x 215/200 = 2.15m: 150k over against 100k.
    programme = two_stages(forecasting={"eac_method": "cpi"})
    assert forecast(programme).forecasts["p"].cost == Decimal(2_150_000)
    report = pm.validate(programme)
    assert ("PG-TOLERANCE-EXCEEDED", "p") in codes(report)


# --- 4. check, status and the report forecast at the same date ---------------------------


def test_validate_forecasts_at_the_date_it_is_given() -> None:
    # The file says Fri 4 January (nothing due yet); judged at 14 June, the task is overdue.
    programme = idle_programme()
    programme.status_date = date(2013, 1, 4)
    assert not [f for f in pm.validate(programme) if f.code == "PG-PROGRESS-OVERDUE"]
    late = pm.validate(programme, status_date=date(2013, 6, 14))
    assert ("PG-PROGRESS-OVERDUE", "a") in codes(late)
    assert rag_status(programme, status_date=date(2013, 6, 14)).projects["p"].time.status == "red"


def test_a_stage_exception_shows_on_its_project_and_the_programme() -> None:
    programme = two_stages()
    programme.projects[0].stages[0].tasks[0].actual_cost = Decimal(230_000)  # 30k > 20k
    report = pm.validate(programme)
    assert ("PG-TOLERANCE-EXCEEDED", "s1") in codes(report)
    rag = rag_status(programme)
    for row in (rag.levels["s1"], rag.projects["p"], rag.programme):
        assert row.cost.status is pm.RAG.RED
    assert rag.projects["p"].cost.reason.startswith("stage 's1': ")


# --- 5. earned value beyond the basics ----------------------------------------------------


def test_without_a_baseline_planned_value_follows_the_plan_not_the_actual_start() -> None:
    # Planned 7-18 Jan; started late on Mon 21 Jan; half done at Fri 25 Jan. By the plan
    # all of it should be done: PV = BAC = 10k, EV = 5k, SPI = 0.5 (not 1.0).
    programme = pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-01-25",
        projects=[pm.Project(id="p", name="P", tasks=[pm.Task(
            id="a", name="A", duration=10, budget="10k", actual_start="2013-01-21",
            percent_complete=50, actual_cost="5k")])],
    )  # fmt: skip
    figures = forecast(programme)["a"]
    assert (figures.pv, figures.ev, figures.spi) == (10_000, 5_000, Decimal("0.5"))
    assert ("PG-BASELINE-MISSING", "otp") in codes(pm.validate(programme))


def test_earned_schedule_of_a_task_finished_twice_as_late() -> None:
    # 10 working days planned from Mon 7 Jan; done in 20 (to Fri 1 Feb). SPI = 1.0 but
    # ES = 10, AT = 20: SPI(t) = 0.5 (Lipke), IEAC(t) = 10 / 0.5 = 20 days.
    programme = pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-02-01",
        projects=[pm.Project(id="p", name="P", tasks=[pm.Task(
            id="a", name="A", duration=10, budget="10k", actual_start="2013-01-07",
            actual_finish="2013-02-01", actual_cost="10k")])],
    )  # fmt: skip
    result = forecast(programme)
    assert result["a"].spi == 1
    schedule = result.earned_schedule("a")
    assert schedule is not None
    assert (schedule.es, schedule.at, schedule.spi_t, schedule.ieac_t) == (
        10,
        20,
        Decimal("0.5"),
        20,
    )


def test_earned_schedule_midway_interpolates_the_planned_value_curve() -> None:
    # Two tasks of 10 days, 10k each, back to back from Mon 7 Jan. At Fri 25 Jan (AT = 15)
    # the first is done and the second 20% done: EV = 12k. The planned value curve rises
    # 1k a day, so PV(12) = 12k: ES = 12 and SPI(t) = 12 / 15 = 0.8.
    programme = pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-01-25",
        projects=[pm.Project(id="p", name="P", tasks=[
            pm.Task(id="a", name="A", duration=10, budget="10k", actual_start="2013-01-07",
                    actual_finish="2013-01-18", actual_cost="10k"),
            pm.Task(id="b", name="B", duration=10, budget="10k", depends_on=["a"],
                    actual_start="2013-01-21", percent_complete=20, actual_cost="2k")])],
    )  # fmt: skip
    schedule = forecast(programme).earned_schedule("p")
    assert schedule is not None
    assert (schedule.es, schedule.at, schedule.spi_t) == (12, 15, Decimal("0.8"))


@pytest.mark.parametrize(
    ("method", "eac"),
    [
        # BAC 100k, PV 60k, EV 35k, AC 40k (docs/control.md's worked example)
        ("cpi", Decimal("114285.71")),  # BAC / CPI = 100k / 0.875
        ("plan", Decimal("105000")),  # AC + (BAC - EV) = 40k + 65k
        ("cpi_spi", Decimal("167346.94")),  # 40k + 65k / (0.875 x 0.58333)
    ],
)
def test_each_eac_method_by_hand(method: str, eac: Decimal) -> None:
    figures = pm.control.EarnedValue(Decimal(100_000), Decimal(60_000), Decimal(35_000),
                                     Decimal(40_000))  # fmt: skip
    assert figures.estimate(method) == eac


def test_tcpi_against_bac_and_eac() -> None:
    figures = pm.control.EarnedValue(Decimal(100_000), Decimal(60_000), Decimal(35_000),
                                     Decimal(40_000))  # fmt: skip
    assert figures.tcpi() == Decimal("1.0833")  # 65k / 60k
    assert figures.tcpi(Decimal(130_000)) == Decimal("0.7222")  # 65k / 90k
    assert figures.tcpi(Decimal(40_000)) is None  # the target is already spent


def test_earned_value_edge_cases() -> None:
    ev = pm.control.EarnedValue
    zero = Decimal(0)
    # before start: nothing planned, earned or spent
    before = ev(Decimal(100), zero, zero, zero)
    assert (before.spi, before.cpi, before.eac) == (None, None, 100)
    # costs not booked yet: EV > 0 with AC = 0 forecasts the budget, not nothing
    unbooked = ev(Decimal(100), Decimal(50), Decimal(50), zero)
    assert (unbooked.cpi, unbooked.eac, unbooked.estimate("plan")) == (None, 100, 100)
    # money spent, nothing earned: AC + BAC
    assert ev(Decimal(100), Decimal(50), zero, Decimal(30)).eac == 130
    # at completion every method gives AC
    done = ev(Decimal(100), Decimal(100), Decimal(100), Decimal(120))
    assert {done.estimate(m) for m in ("cpi", "plan", "cpi_spi")} == {Decimal(120)}
    # composite index undefined before anything is planned: falls back to AC + (BAC - EV)
    early = ev(Decimal(100), zero, Decimal(10), Decimal(20))
    assert early.estimate("cpi_spi") == 110


# --- 6. tolerances on both sides, nested as amounts, at every level ---------------------


def board(tolerances: list[dict[str, Any]], **project: Any) -> pm.Programme:
    fields: dict[str, Any] = {
        "id": "p",
        "name": "P",
        "budget": "200k",
        "start": "2013-01-07",
        "finish": "2013-03-01",
        "tolerances": tolerances,
    }
    fields.update(project)
    return pm.Programme(id="otp", name="OTP", start="2013-01-07", status_date="2013-01-07",
                        projects=[pm.Project(**fields)])  # fmt: skip


def test_cost_under_budget_beyond_the_minus_side() -> None:
    programme = board([{"aspect": "cost", "plus": 10, "minus": 10}])
    report = pm.validate(programme, forecasts={"p": Forecast(cost=Decimal(150_000))})
    [finding] = [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED"]
    # 50k under a 200k budget; -10% is 20k; beyond by 30k
    assert "£50,000 under, against a cost tolerance of -10% (£20,000)" in finding.message
    assert "beyond tolerance by £30,000" in finding.message
    assert finding.data["side"] == "minus"


def test_finishing_early_beyond_the_minus_side() -> None:
    # Planned Fri 1 Mar; forecast Thu 31 Jan: all 20 working days of February and 1 March
    # come after it, so 21 working days early, against -5.
    programme = board([{"aspect": "time", "plus": 5, "minus": 5, "unit": "absolute"}])
    report = pm.validate(programme, forecasts={"p": Forecast(finish=date(2013, 1, 31))})
    [finding] = [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED"]
    assert "21 working days before its planned finish 1 March 2013" in finding.message
    assert "beyond tolerance by 16 working days" in finding.message


def test_within_the_minus_side_is_green() -> None:
    programme = board([{"aspect": "cost", "plus": 10, "minus": 10}])
    given = {"p": Forecast(cost=Decimal(190_000))}  # 10k under: half the tolerance
    report = pm.validate(programme, forecasts=given)
    assert not [f for f in report if f.code in ("PG-TOLERANCE-EXCEEDED", "PG-TOLERANCE-WARNING")]


def test_nesting_compares_amounts_not_labels() -> None:
    # Issue 11: a stage +15% of 20k (3k) is not wider than a project +10% of 200k (20k);
    # +50k absolute is wider than +10% of 200k; +20% of a 20-day stage (4 days) is not
    # wider than +5 days, but +30% (6 days) is.
    stage: dict[str, Any] = {"id": "s", "name": "S", "budget": "20k", "start": "2013-01-07",
                             "finish": "2013-02-01"}  # 20 working days  # fmt: skip
    tolerances = [{"aspect": "cost", "plus": 10},
                  {"aspect": "time", "plus": 5, "unit": "absolute"}]  # fmt: skip

    def nesting(stage_tolerances: list[dict[str, Any]]) -> list[str]:
        programme = board(tolerances, stages=[{**stage, "tolerances": stage_tolerances}])
        report = pm.validate(programme, rules=["PG-TOLERANCE-NESTING"])
        return [f.message for f in report]

    assert nesting([{"aspect": "cost", "plus": 15}]) == []
    assert nesting([{"aspect": "cost", "plus": 50_000, "unit": "absolute"}]) == [
        "stage 's' has a cost tolerance of +£50,000 (£50,000), wider than the +10% "
        "(£20,000) of project 'p' above it (by £30,000)"
    ]
    assert nesting([{"aspect": "time", "plus": 20}]) == []
    assert nesting([{"aspect": "time", "plus": 30}]) == [
        "stage 's' has a time tolerance of +30% (6 working days), wider than the +5 working "
        "days (5 working days) of project 'p' above it (by 1 working day)"
    ]


def test_work_package_tolerances_are_checked_against_its_baseline() -> None:
    # Baselined Mon 7 - Fri 11 Jan; 40% done at Fri 11 Jan, so 3 days remain: Mon 14 -
    # Wed 16. Three working days late against +2: issue to the project manager.
    programme = board([], tasks=[pm.Task(
        id="wp", name="WP", duration=5, actual_start="2013-01-07", percent_complete=40,
        tolerances=[{"aspect": "time", "plus": 2, "unit": "absolute"}])])  # fmt: skip
    programme.status_date = date(2013, 1, 11)
    programme.baselines = [pm.Baseline(id="b", name="B", date="2013-01-04", items=[
        {"id": "wp", "start": "2013-01-07", "finish": "2013-01-11"}])]  # fmt: skip
    [finding] = [f for f in pm.validate(programme) if f.subject == "wp"]
    assert finding.code == "PG-TOLERANCE-EXCEEDED"
    assert "3 working days after its planned finish 11 January 2013" in finding.message
    assert finding.escalate_to == "project manager"


def test_a_risk_above_the_risk_tolerance_is_an_exception() -> None:
    # Risk tolerance 8; an active threat scoring 3 x 4 = 12.
    programme = board(
        [{"aspect": "risk", "plus": 8, "unit": "absolute"}],
        risks=[pm.Risk(id="R1", title="Supplier fails", probability=3, impact=4, owner="x")],
    )
    [finding] = [f for f in pm.validate(programme) if f.code == "PG-TOLERANCE-EXCEEDED"]
    assert "project 'p' has active threat 'R1' scoring 12, above its risk tolerance of 8" in (
        finding.message
    )
    assert rag_status(programme).projects["p"].risk.status is pm.RAG.RED


def test_a_project_without_tolerances_inherits_the_programme_s() -> None:
    programme = board([])
    programme.tolerances = [pm.Tolerance(aspect="cost", plus=10)]
    report = pm.validate(programme, forecasts={"p": Forecast(cost=Decimal(230_000))})
    [finding] = [f for f in report if f.code == "PG-TOLERANCE-EXCEEDED" and f.subject == "p"]
    assert "against a cost tolerance of +10% (£20,000) inherited from 'otp'" in finding.message


def test_benefits_below_and_above_plan() -> None:
    profile = pm.BenefitProfile(kpi="Saving", unit="GBP", periods=[
        {"financial_year": "2013/14", "planned": "1m", "forecast": "1.3m"}])  # fmt: skip
    programme = board(
        [{"aspect": "benefits", "plus": 20, "minus": 10}],
    )
    programme.benefits = [pm.Benefit(id="b", name="B", enabled_by=["p"], profile=profile)]
    # 300k above 1m planned, against +20% (200k): beyond by 100k
    [finding] = [f for f in pm.validate(programme) if f.code == "PG-TOLERANCE-EXCEEDED"]
    assert "£300,000 above, against a benefits tolerance of +20% (£200,000)" in finding.message


# --- 7. what_if keeps actual dates -------------------------------------------------------


def test_what_if_refuses_to_move_finished_work_and_asks_before_pulling_in() -> None:
    plan = pm.schedule(pm.Programme(
        id="otp", name="OTP", start="2012-11-05", status_date="2013-01-10",
        projects=[pm.Project(id="p", name="P", tasks=[
            pm.Task(id="done", name="Done", duration=5, actual_start="2012-11-05",
                    actual_finish="2012-11-09"),
            pm.Task(id="next", name="Next", duration=5, depends_on=["done"])])]))  # fmt: skip
    with pytest.raises(ValueError, match="finished on 9 November 2012"):
        plan.what_if("done", 3)
    with pytest.raises(ValueError, match="allow_pull_in=True"):
        plan.what_if("next", -2)
    # next runs Fri 11 - Thu 17 Jan after the status date; 2 days less: Tue 15 Jan
    assert plan.what_if("next", -2, allow_pull_in=True).finish == date(2013, 1, 15)


# --- 8. check reports what the schedule sees -------------------------------------------


def test_check_reports_a_missed_deadline() -> None:
    programme = pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-01-04",
        projects=[pm.Project(id="p", name="P", milestones=[], tasks=[
            pm.Task(id="a", name="Report to HM Treasury", duration=10,
                    must_finish_by="2013-01-16")])],
    )  # fmt: skip
    # 7-18 Jan: due Wed 16, forecast Fri 18: 2 working days late
    [finding] = [f for f in pm.validate(programme) if f.code == "SCHED-DEADLINE"]
    assert "forecast 2 working days late" in finding.message


def test_an_unknown_calendar_is_one_finding_not_a_failed_rule() -> None:
    programme = pm.Programme(
        id="otp", name="OTP", start="2013-01-07", status_date="2013-01-10",
        projects=[pm.Project(id="p", name="P", calendar="council", budget="10k",
                             tolerances=[{"aspect": "cost", "plus": 5}],
                             tasks=[pm.Task(id="a", name="A", duration=3, budget="10k")])],
    )  # fmt: skip
    report = pm.validate(programme)
    assert not [f for f in report if f.code == "PG-RULE-FAILED"]
    assert "SCHED-UNSCHEDULABLE" in {code for code, _ in codes(report)}


def test_a_tiny_deviation_is_not_written_as_zero_percent() -> None:
    programme = board([{"aspect": "cost", "plus": 10}])
    given = {"p": Forecast(cost=Decimal(200_500))}  # 0.25% over
    at = forecast(programme, given=given)
    cost = rag_status(programme, progress_at=at).projects["p"].cost
    assert cost.reason.startswith("cost forecast £200,500, less than 1% over the £200,000")
