"""Monte Carlo risk analysis against closed forms, not against its own output.

Statistical checks use fixed seeds and a tolerance of four standard errors for the
iteration count (a false failure about 1 in 16,000 runs for a given seed; with the
seed fixed the outcome is deterministic). Closed forms: PERT-beta mean (o + 4m + p)/6
and variance (mu - o)(p - mu)/7 (Malcolm et al. 1959, as in PMBOK's three-point
estimating); triangular mean (o + m + p)/3 and variance
(o^2 + m^2 + p^2 - om - op - mp)/18 (Johnson, Kotz & Balakrishnan). Draws are rounded
to whole working days, which adds 1/12 day^2 of variance per task (Sheppard's
correction) and leaves the mean unbiased.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pytest

import progman
from progman import DurationEstimate, Milestone, Programme, Project, Risk, Task
from progman.schedule.calendar import WorkingCalendar

START = "2013-01-07"
ITERATIONS = 20_000


def _calendar() -> WorkingCalendar:
    return WorkingCalendar(progman.Calendar(id="default"), first_year=2013)


def working_days(result: progman.RiskAnalysis) -> np.ndarray:
    """Each iteration's programme finish as working days from START (the task lengths)."""
    cal = _calendar()
    first = cal.index(date.fromisoformat(START))
    return cal.indexes_of(result.finish_ordinals.astype(np.int64), after=True) - first


def chain(estimates: list[DurationEstimate]) -> Programme:
    tasks = []
    for k, estimate in enumerate(estimates):
        tasks.append(
            Task(
                id=f"t{k}",
                name=f"T{k}",
                duration=estimate.most_likely,
                estimate=estimate,
                depends_on=[f"t{k - 1}"] if k else [],
            )
        )
    return Programme(
        id="p", name="P", start=START, projects=[Project(id="x", name="X", tasks=tasks)]
    )


def within(sample_value: float, expected: float, standard_error: float) -> bool:
    return abs(sample_value - expected) <= 4 * standard_error


@pytest.mark.parametrize(
    ("distribution", "mean", "variance"),
    [
        # PERT: mu = (20 + 120 + 60)/6 = 33.333; var = (mu - 20)(60 - mu)/7 = 50.794
        ("pert", 200 / 6, (200 / 6 - 20) * (60 - 200 / 6) / 7),
        # triangular: mu = 110/3; var = (400 + 900 + 3600 - 600 - 1200 - 1800)/18 = 72.222
        ("triangular", 110 / 3, (400 + 900 + 3600 - 600 - 1200 - 1800) / 18),
    ],
)
def test_chain_of_independent_tasks_adds_means_and_variances(
    distribution: str, mean: float, variance: float
) -> None:
    n = 8
    estimate = DurationEstimate(
        optimistic=20, most_likely=30, pessimistic=60, distribution=distribution
    )
    result = progman.risk_analysis(chain([estimate] * n), iterations=ITERATIONS, seed=7)
    total = working_days(result)
    expected_mean = n * mean
    expected_var = n * (variance + 1 / 12)
    assert within(total.mean(), expected_mean, math.sqrt(expected_var / ITERATIONS))
    # the sample variance of a near-normal sum has standard error var * sqrt(2/(N-1))
    assert within(total.var(ddof=1), expected_var, expected_var * math.sqrt(2 / (ITERATIONS - 1)))
    assert result.iterations == ITERATIONS
    assert result.seed == 7


def test_two_parallel_uniform_tasks_merge_bias() -> None:
    # X, Y ~ U(10, 30) rounded: P(round(X) <= k) = (k + 0.5 - 10) / 20 for 10 <= k < 30,
    # so P(max <= k) = ((k - 9.5) / 20)^2: the merge pushes the finish later than either.
    uniform = DurationEstimate(
        optimistic=10, most_likely=20, pessimistic=30, distribution="uniform"
    )
    programme = Programme(
        id="p",
        name="P",
        start=START,
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(id="a", name="A", duration=20, estimate=uniform),
                    Task(id="b", name="B", duration=20, estimate=uniform),
                ],
                milestones=[progman.Milestone(id="m", name="M", depends_on=["a", "b"])],
            )
        ],
    )
    result = progman.risk_analysis(programme, iterations=ITERATIONS, seed=3)
    total = working_days(result)
    for k in (12, 20, 25, 28):
        expected = ((k - 9.5) / 20) ** 2
        share = float(np.mean(total <= k))
        assert within(share, expected, math.sqrt(expected * (1 - expected) / ITERATIONS)), k
    # a single such task would finish by day 20 in 52.5% of iterations; merged, 27.6%
    assert result.milestones[0].id == "m"


def _one_task_with_risk(**risk: object) -> Programme:
    return Programme(
        id="p",
        name="P",
        start=START,
        projects=[Project(id="x", name="X", tasks=[Task(id="a", name="A", duration=10)])],
        risks=[
            Risk(
                id="R1",
                title="Contractor late",
                probability=2,
                impact=3,
                affects=["a"],
                schedule_impact={"optimistic": 5, "most_likely": 5, "pessimistic": 5},
                **risk,
            )
        ],
    )


@pytest.mark.parametrize(
    ("risk", "p"),
    [({"likelihood": 25}, 0.25), ({}, 0.30)],  # stated, or the 5x5 grid's level 2: 30%
)
def test_risk_event_shifts_its_share_of_iterations(risk: dict[str, object], p: float) -> None:
    result = progman.risk_analysis(_one_task_with_risk(**risk), iterations=ITERATIONS, seed=11)
    total = working_days(result)
    assert set(np.unique(total).tolist()) == {10, 15}
    share = float(np.mean(total == 15))
    assert within(share, p, math.sqrt(p * (1 - p) / ITERATIONS))
    driver = result.drivers[0]
    assert driver.id == "R1"
    assert driver.likelihood == p * 100
    assert driver.occurred == pytest.approx(share * 100, abs=0.005)
    # P80: with p < 0.8 of iterations unshifted... the 80th percentile is the shifted finish
    assert driver.p80_finish_days == 5


def test_opportunity_takes_days_off() -> None:
    result = progman.risk_analysis(
        _one_task_with_risk(kind="opportunity", likelihood=90), iterations=2_000, seed=1
    )
    assert set(np.unique(working_days(result)).tolist()) == {5, 10}
    assert result.drivers[0].p80_finish_days == -5


def test_estimates_at_most_likely_reproduce_the_cpm_schedule() -> None:
    programme = progman.load("examples/milton-keynes")
    for _, _, item in programme.work_items():
        if isinstance(item, Task):
            d = item.duration
            item.estimate = DurationEstimate(optimistic=d, most_likely=d, pessimistic=d)
    plan = progman.schedule(programme, status_date="2013-01-10")
    result = progman.risk_analysis(programme, iterations=50, seed=1, status_date="2013-01-10")
    assert set(result.finish_ordinals.tolist()) == {plan.finish.toordinal()}
    assert result.finish.p10 == result.finish.p90 == plan.finish
    assert result.finish.plan_percentile == 100.0
    for spread in result.projects:
        assert spread.p50 == plan[spread.id].early_finish, spread.id
    late = {f.subject for f in plan.findings if f.code == "SCHED-DEADLINE"}
    for chance in result.deadlines:
        assert chance.probability == (0.0 if chance.id in late else 100.0), chance.id


def test_criticality_and_sensitivity() -> None:
    # a (10 days) and b (5 +/- ) in parallel: b never reaches 10, so a is always critical
    programme = Programme(
        id="p",
        name="P",
        start=START,
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(
                        id="a",
                        name="A",
                        duration=10,
                        estimate={"optimistic": 8, "most_likely": 10, "pessimistic": 14},
                    ),
                    Task(
                        id="b",
                        name="B",
                        duration=5,
                        estimate={"optimistic": 2, "most_likely": 5, "pessimistic": 7},
                    ),
                ],
            )
        ],
    )
    result = progman.risk_analysis(programme, iterations=2_000, seed=5)
    by_id = {t.id: t for t in result.tasks}
    assert by_id["a"].criticality == 100.0
    assert by_id["b"].criticality == 0.0
    # the finish is a's duration: rank correlation exactly 1; b's is independent of it
    assert by_id["a"].sensitivity == pytest.approx(1.0)
    assert abs(by_id["b"].sensitivity or 0) < 4 / math.sqrt(2_000)


def test_cost_distribution_of_uniform_costs_and_a_cost_risk() -> None:
    # two tasks, cost U(100k, 200k) each: mean 300k, sd sqrt(2 * 100k^2 / 12)
    programme = Programme(
        id="p",
        name="P",
        start=START,
        projects=[
            Project(
                id="x",
                name="X",
                tasks=[
                    Task(
                        id=f"t{k}",
                        name=f"T{k}",
                        duration=5,
                        cost_estimate={
                            "optimistic": "100k",
                            "most_likely": "150k",
                            "pessimistic": "200k",
                            "distribution": "uniform",
                        },
                    )
                    for k in range(2)
                ],
            )
        ],
    )
    result = progman.risk_analysis(programme, iterations=ITERATIONS, seed=2)
    assert result.cost is not None
    sd = math.sqrt(2 * 100_000**2 / 12)
    assert within(float(result.cost.mean), 300_000, sd / math.sqrt(ITERATIONS))
    assert result.cost.plan == 300_000
    # symmetric: the most likely total is the median
    assert within(result.cost.plan_percentile, 50.0, 100 * 0.5 / math.sqrt(ITERATIONS))


def test_same_seed_same_result_and_seed_recorded() -> None:
    programme = chain([DurationEstimate(optimistic=1, most_likely=3, pessimistic=9)] * 5)
    one = progman.risk_analysis(programme, iterations=500, seed=42)
    two = progman.risk_analysis(programme, iterations=500, seed=42)
    assert np.array_equal(one.finish_ordinals, two.finish_ordinals)
    drawn = progman.risk_analysis(programme, iterations=10)
    assert isinstance(drawn.seed, int)
    again = progman.risk_analysis(programme, iterations=10, seed=drawn.seed)
    assert np.array_equal(drawn.finish_ordinals, again.finish_ordinals)


def test_risk_affecting_an_unknown_task_is_a_located_error() -> None:
    programme = _one_task_with_risk()
    programme.risks[0].affects = ["a", "nope"]
    with pytest.raises(progman.ScheduleError) as caught:
        progman.risk_analysis(programme, iterations=10, seed=1)
    finding = caught.value.findings[0]
    assert finding.code == "RISK-AFFECTS-UNKNOWN"
    assert finding.path == "risks[0].affects[1]"


@pytest.mark.parametrize("iterations", [0, -1, 1_000_001])
def test_iterations_out_of_range(iterations: int) -> None:
    with pytest.raises(ValueError, match="iterations"):
        progman.risk_analysis(chain([]), iterations=iterations)


def test_outputs() -> None:
    result = progman.risk_analysis(_one_task_with_risk(likelihood=25), iterations=200, seed=1)
    data = result.to_dict()
    assert data["iterations"] == 200
    assert data["seed"] == 1
    assert data["finish"]["p80"] == result.finish.p80.isoformat()
    assert "<table" in result._repr_html_()
    curve = result.s_curve()
    assert curve[-1][1] == 100.0
    assert curve[0][0] == result.finish.p10
    assert result.probability_by(result.finish.p90) >= 90.0


def test_estimates_at_most_likely_across_calendars_and_link_types() -> None:
    # two calendars (Scotland with a Christmas closure; a four-day week), SS/FF lags
    # across them: every iteration agrees with progman.schedule item by item
    def fixed(d: int) -> DurationEstimate:
        return DurationEstimate(optimistic=d, most_likely=d, pessimistic=d)

    programme = Programme(
        id="p",
        name="P",
        start="2012-12-17",
        calendars=[
            progman.Calendar(
                id="scot",
                region="scotland",
                closures=[{"start": "2012-12-27", "end": "2012-12-31"}],
            ),
            progman.Calendar(id="fourday", working_days=["mon", "tue", "wed", "thu"]),
        ],
        projects=[
            Project(
                id="a",
                name="A",
                calendar="scot",
                tasks=[
                    Task(id="a1", name="A1", duration=12, estimate=fixed(12)),
                    Task(
                        id="a2",
                        name="A2",
                        duration=5,
                        estimate=fixed(5),
                        depends_on=[{"on": "b1", "type": "FF", "lag": 2}],
                    ),
                ],
            ),
            Project(
                id="b",
                name="B",
                calendar="fourday",
                tasks=[
                    Task(
                        id="b1",
                        name="B1",
                        duration=7,
                        estimate=fixed(7),
                        depends_on=[{"on": "a1", "type": "SS", "lag": 3}],
                    ),
                    Task(id="b2", name="B2", duration=9, estimate=fixed(9), depends_on=["a1"]),
                ],
                milestones=[progman.Milestone(id="m", name="M", depends_on=["a2", "b2"])],
            ),
        ],
    )
    plan = progman.schedule(programme)
    result = progman.risk_analysis(programme, iterations=20, seed=1)
    assert result.finish.p10 == result.finish.p90 == plan.finish
    for spread in [*result.projects, *result.milestones]:
        assert spread.p10 == spread.p90 == plan[spread.id].early_finish, spread.id
    critical = {t.id: t.criticality == 100.0 for t in result.tasks}
    assert critical == {item.id: item.critical for item in plan if item.kind == "task"}


def test_long_draws_cross_calendars_correctly() -> None:
    # Regression: the plan's cross-calendar tables reached only as far as its own
    # durations, so a draw far above the plan (100 days for a 5-day task) was carried
    # into the four-day-week project at the tables' end (30 May instead of 10 June 2013).
    def build(duration: int, drawn: int) -> Programme:
        return Programme(
            id="p",
            name="P",
            start=START,
            calendars=[progman.Calendar(id="fourday", working_days=["mon", "tue", "wed", "thu"])],
            projects=[
                Project(
                    id="a",
                    name="A",
                    tasks=[
                        Task(
                            id="a1",
                            name="A1",
                            duration=duration,
                            estimate=DurationEstimate(
                                optimistic=drawn, most_likely=drawn, pessimistic=drawn
                            ),
                        )
                    ],
                ),
                Project(
                    id="b",
                    name="B",
                    calendar="fourday",
                    tasks=[Task(id="b1", name="B1", duration=5, depends_on=["a1"])],
                ),
            ],
        )

    expected = progman.schedule(build(100, 100)).finish
    assert progman.risk_analysis(build(5, 100), iterations=5, seed=1).finish.p50 == expected


def _constrained(**constraint: str) -> Programme:
    """P (10 days, fixed) then B (5 days planned, drawn uniformly 2 to 8) linked FS."""
    pred = Task(id="p", name="P", duration=10)
    b = Task(
        id="b",
        name="B",
        duration=5,
        estimate=DurationEstimate(
            optimistic=2, most_likely=5, pessimistic=8, distribution="uniform"
        ),
        depends_on=["p"],
        **constraint,
    )
    return Programme(
        id="p", name="P", start=START, projects=[Project(id="x", name="X", tasks=[pred, b])]
    )


def test_each_run_holds_a_finish_no_earlier_than_by_starting_later() -> None:
    # P works Mon 7 to Fri 18 Jan 2013 (10 working days), so B could start Mon 21 Jan; it
    # must finish no earlier than Fri 1 Feb (MS Project: the task starts later so that it
    # finishes on the date). B's own drawn length (2 to 8 days, all ending by 1 Feb when
    # started on 21 Jan) counts back from the close of 1 Feb, so every run finishes on
    # 1 Feb: a 2-day draw starts Thu 31 Jan, an 8-day draw Wed 23 Jan.
    result = progman.risk_analysis(
        _constrained(finish_no_earlier_than="2013-02-01"), iterations=400, seed=3
    )
    assert set(result.finish_ordinals.tolist()) == {date(2013, 2, 1).toordinal()}


def test_each_run_holds_a_finish_no_later_than_by_starting_earlier() -> None:
    # B must finish no later than Fri 25 Jan: the constraint wins over the link from P (MS
    # Project: "tasks will always honor their constraint dates"). A draw of 5 or more days
    # counts back from the close of 25 Jan (8 days: starts Wed 16 Jan); a shorter one
    # starts after P on Mon 21 Jan and ends before it (2 days: Tue 22 Jan).
    result = progman.risk_analysis(
        _constrained(finish_no_later_than="2013-01-25"), iterations=400, seed=3
    )
    finishes = set(result.finish_ordinals.tolist())
    assert max(finishes) == date(2013, 1, 25).toordinal()
    # 2, 3 and 4 day draws end Tue 22, Wed 23, Thu 24 Jan: the link, not the constraint
    assert {date(2013, 1, d).toordinal() for d in (22, 23, 24)} <= finishes


def _programme(
    task: Task, *others: Task, project_start: str | None = None, **fields: Any
) -> Programme:
    project = Project(id="x", name="X", start=project_start, tasks=[*others, task])
    return Programme(id="p", name="P", start=START, projects=[project], **fields)


def _draws(task: Task, *others: Task, **fields: Any) -> set[date]:
    """Each run's programme finish, over 400 runs of B drawn uniformly 2 to 8 days (every
    whole length drawn: each has 1/12 or 1/6 of the runs)."""
    programme = _programme(task, *others, **fields)
    result = progman.risk_analysis(programme, iterations=400, seed=3)
    return {date.fromordinal(int(day)) for day in result.finish_ordinals.tolist()}


def _b(**fields: object) -> Task:
    estimate = DurationEstimate(optimistic=2, most_likely=5, pessimistic=8, distribution="uniform")
    return Task(id="b", name="B", duration=5, estimate=estimate, **fields)  # type: ignore[arg-type]


def jan(*days: int) -> set[date]:
    return {date(2013, 1, d) for d in days}


def test_an_unlinked_finish_no_earlier_than_takes_the_project_start_s_place() -> None:
    # B, unlinked, must finish no earlier than Fri 11 Jan: every length counts back from its
    # close, an 8-day draw starting Wed 2 Jan, before the project's Mon 7 Jan.
    assert _draws(_b(finish_no_earlier_than="2013-01-11")) == jan(11)


def test_a_linked_finish_no_earlier_than_starts_no_earlier_than_the_project() -> None:
    # B follows P (Mon 7 Jan, 1 day) start to start with a 5-day lead: a linked task starts
    # no earlier than the project (MS Project clamps it). Up to 5 days: start by counting
    # back from Fri 11 Jan, finish 11 Jan; 6, 7, 8 days start Mon 7 Jan and finish Mon 14,
    # Tue 15, Wed 16 Jan.
    p = Task(id="p", name="P", duration=1)
    lead = {"on": "p", "type": "SS", "lag": -5}
    b = _b(finish_no_earlier_than="2013-01-11", depends_on=[lead])
    assert _draws(b, p) == jan(11, 14, 15, 16)
    # the project's own start, not the programme's: from Wed 9 Jan, 4 to 8 days finish
    # Mon 14 to Fri 18 Jan
    assert _draws(b, p, project_start="2013-01-09") == jan(11, 14, 15, 16, 17, 18)


def test_a_linked_programme_milestone_starts_no_earlier_than_the_first_project() -> None:
    # Programme-level milestones start from the programme start (docs/scheduling.md,
    # "Summaries"), which without a date of its own is its earliest project's (as the
    # MSPDI round trip gives it, docs/interop.md): Wed 9 Jan. M follows P (Wed 9 Jan,
    # drawn 1 to 3 days) start to start with a 5-day lead (Wed 2 Jan) and must finish no
    # earlier than Fri 4 Jan: linked, it starts no earlier than that start (MS Project
    # clamps it), so it sits on 9 Jan as planned in every run, whatever P's length.
    estimate = DurationEstimate(optimistic=1, most_likely=1, pessimistic=3, distribution="uniform")
    p = Task(id="p", name="P", duration=1, estimate=estimate)
    m = Milestone(
        id="m",
        name="M",
        depends_on=[{"on": "p", "type": "SS", "lag": -5}],
        finish_no_earlier_than="2013-01-04",
    )
    project = Project(id="x", name="X", start="2013-01-09", tasks=[p])
    programme = Programme(id="g", name="G", projects=[project], milestones=[m])
    assert progman.schedule(programme)["m"].early_finish == date(2013, 1, 9)
    spread = progman.risk_analysis(programme, iterations=200, seed=3).milestones[0]
    assert (spread.id, spread.p10, spread.p90) == ("m", date(2013, 1, 9), date(2013, 1, 9))


def test_a_shorter_draw_is_not_held_to_the_planned_start_by_a_finish_no_later_than() -> None:
    # B follows P (12 days, Mon 7 to Tue 22 Jan) and must finish no later than Fri 25 Jan:
    # as planned (5 days) it starts Mon 21 Jan, before the link allows. A 2-day draw needs
    # only to start by Thu 24 Jan, so the link's Wed 23 Jan holds: it finishes Thu 24 Jan.
    # Every longer draw finishes on 25 Jan (3 days from the link, the rest counted back).
    p = Task(id="p", name="P", duration=12)
    assert _draws(_b(depends_on=["p"], finish_no_later_than="2013-01-25"), p) == jan(24, 25)


def test_a_task_of_no_planned_length_is_floored_at_its_project_s_opening() -> None:
    # B, planned as 0 days (drawn 0 to 2), follows P (Mon 7 Jan, 1 day) with a 5-day lead
    # and must finish no earlier than Fri 4 Jan, before the project starts: a 0-day draw
    # sits at the opening of Mon 7 Jan (shown on 7 Jan, as the plan shows it), 1 day
    # finishes on 7 Jan, 2 days on Tue 8 Jan.
    p = Task(id="p", name="P", duration=1)
    estimate = DurationEstimate(optimistic=0, most_likely=0, pessimistic=2)
    lead = {"on": "p", "type": "SS", "lag": -5}
    b = Task(id="b", name="B", duration=0, estimate=estimate, depends_on=[lead],
             finish_no_earlier_than="2013-01-04")  # fmt: skip
    assert progman.schedule(_programme(b, p))["b"].early_finish == date(2013, 1, 7)
    assert _draws(b, p) == jan(7, 8)


def test_a_start_no_earlier_than_still_holds_with_a_finish_no_earlier_than() -> None:
    # No earlier than Wed 9 Jan and finish no earlier than Fri 11 Jan: 2 and 3 days finish
    # on 11 Jan; 4 to 8 days start on 9 Jan and finish Mon 14 to Fri 18 Jan.
    b = _b(start_no_earlier_than="2013-01-09", finish_no_earlier_than="2013-01-11")
    assert _draws(b) == jan(11, 14, 15, 16, 17, 18)


def test_a_start_no_later_than_still_holds_with_a_finish_no_later_than() -> None:
    # B follows P (10 days, Mon 7 to Fri 18 Jan), no later than Mon 14 Jan and finish no
    # later than Fri 25 Jan: the start's ceiling binds every length (8 days would start
    # Wed 16 Jan for the finish), so B starts 14 Jan: 2 to 5 days finish before P does
    # (the programme on 18 Jan), 6, 7, 8 days on Mon 21, Tue 22, Wed 23 Jan.
    p = Task(id="p", name="P", duration=10)
    b = _b(depends_on=["p"], start_no_later_than="2013-01-14", finish_no_later_than="2013-01-25")
    assert _draws(b, p) == jan(18, 21, 22, 23)


def test_rescheduled_work_starts_after_the_status_date_whatever_its_finish_constraint() -> None:
    # Status date Wed 9 Jan: unstarted work starts no earlier than Thu 10 Jan, and no
    # constraint pulls it before then (MS Project's "reschedule uncompleted work").
    # Finish no earlier than Fri 11 Jan: 2 days 10-11 Jan; 8 days start 10 Jan and finish
    # Mon 21 Jan. Finish no later than Fri 11 Jan: the same, the constraint missed by
    # the longer draws (3 days finish Mon 14 Jan).
    every = jan(11, 14, 15, 16, 17, 18, 21)
    assert _draws(_b(finish_no_earlier_than="2013-01-11"), status_date="2013-01-09") == every
    assert _draws(_b(finish_no_later_than="2013-01-11"), status_date="2013-01-09") == every
    # without rescheduling, the status date moves nothing: from the project's start, Mon
    # 7 Jan, 2 to 4 days finish Tue 8 to Thu 10 Jan; 5 days and more count back from the
    # close of 11 Jan (8 days from Wed 2 Jan: the constraint wins over the start)
    keep = {"reschedule_uncompleted_work": False}
    b = _b(finish_no_later_than="2013-01-11")
    assert _draws(b, status_date="2013-01-09", forecasting=keep) == jan(8, 9, 10, 11)
