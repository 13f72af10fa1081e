"""Earned value and earned schedule by their published meaning, each figure worked by hand.

Sources: PMI, *Practice Standard for Earned Value Management* (2nd ed., 2011) for EAC and
TCPI; W. Lipke, "Schedule is Different", *The Measurable News*, March 2003, for earned
schedule: ES = C + I, where C is the last whole period whose cumulative planned value
PV(C) is at or below EV, and I = (EV - PV(C)) / (PV(C+1) - PV(C)) interpolates within the
next period. SV(t) = ES - AT, SPI(t) = ES / AT, IEAC(t) = PD / SPI(t).

`earned_schedule` takes parts as (planned start day, planned working days, budget), each
part's budget planned evenly over its days (a part of 0 days is planned on its start day).
"""

from __future__ import annotations

from decimal import Decimal as D

from progman.forecasting import EarnedValue, earned_schedule


def test_earned_schedule_of_a_single_straight_line_plan() -> None:
    # 10 days, £1,000, so PV(t) = £100 a day. EV £400 at day 5: PV(4) = 400 <= EV < PV(5),
    # so C = 4 and I = 0: ES = 4; SV(t) = 4 - 5 = -1 day; SPI(t) = 4 / 5 = 0.8;
    # IEAC(t) = 10 / 0.8 = 12.5 days.
    schedule = earned_schedule([(0, 10, D(1000))], D(400), 5)
    assert schedule is not None
    assert (schedule.es, schedule.at, schedule.planned_duration) == (4, 5, 10)
    assert (schedule.sv_t, schedule.spi_t, schedule.ieac_t) == (-1, D("0.8"), D("12.5"))


def test_earned_schedule_interpolates_within_a_day_to_four_places() -> None:
    # EV £412.50 on the same plan: C = 4, I = (412.5 - 400) / (500 - 400) = 0.125, so
    # ES = 4.125 (to Lipke's formula, not rounded to pence-like two places).
    schedule = earned_schedule([(0, 10, D(1000))], D("412.5"), 5)
    assert schedule is not None
    assert schedule.es == D("4.125")


def test_earned_schedule_interpolates_in_the_day_where_the_planned_rate_changes() -> None:
    # £400 over days 0-4 (£100 a day), then £1,200 over days 4-10 (£200 a day).
    # PV(4) = 400, PV(5) = 600. EV £500: C = 4, I = (500 - 400) / (600 - 400) = 0.5,
    # so ES = 4.5 (extrapolating the first part's £100 a day would wrongly give 5).
    schedule = earned_schedule([(0, 4, D(400)), (4, 6, D(1200))], D(500), 6)
    assert schedule is not None
    assert schedule.es == D("4.5")
    assert schedule.spi_t == D("0.75")  # 4.5 / 6


def test_earned_schedule_after_several_parts_are_finished() -> None:
    # Three back-to-back parts of 10 days and £1,000 each: PV(25) = 1000 + 1000 + 500.
    # EV £2,500 is therefore worth 25 days of the plan.
    parts = [(0, 10, D(1000)), (10, 10, D(1000)), (20, 10, D(1000))]
    schedule = earned_schedule(parts, D(2500), 28)
    assert schedule is not None
    assert (schedule.es, schedule.planned_duration) == (25, 30)
    assert schedule.sv_t == -3


def test_a_planned_pause_counts_as_earned_once_the_work_before_it_is_done() -> None:
    # £500 over days 0-5, nothing planned on days 5-8, £500 over days 8-13. EV £500:
    # PV(t) = 500 for t = 5..8, so the last whole day with PV <= EV is C = 8 (Lipke counts
    # every period whose PV the EV has reached) and ES = 8 + (500 - 500) / 100 = 8.
    schedule = earned_schedule([(0, 5, D(500)), (8, 5, D(500))], D(500), 8)
    assert schedule is not None
    assert (schedule.es, schedule.spi_t) == (8, 1)


def test_earned_schedule_counts_from_the_first_planned_work() -> None:
    # The only valued part starts 5 days after the level's start: the curve starts there.
    # EV £400 of £1,000 over 10 days: ES = 4 days into the plan, PD = 10 days.
    schedule = earned_schedule([(5, 10, D(1000))], D(400), 9)
    assert schedule is not None
    assert (schedule.es, schedule.planned_duration) == (4, 10)


def test_work_with_no_budget_adds_nothing_to_the_planned_value_curve() -> None:
    # An unbudgeted part after the valued one neither lengthens the plan nor moves ES.
    schedule = earned_schedule([(0, 10, D(1000)), (10, 5, D(0))], D(1000), 10)
    assert schedule is not None
    assert (schedule.es, schedule.planned_duration, schedule.spi_t) == (10, 10, 1)
    assert earned_schedule([(0, 10, D(0))], D(0), 3) is None  # no planned value at all


def test_a_plan_worth_one_pound_is_still_a_plan() -> None:
    # £1 over 10 days: EV £0.40 is 4 days' worth.
    schedule = earned_schedule([(0, 10, D(1))], D("0.4"), 5)
    assert schedule is not None
    assert schedule.es == 4


def test_a_zero_day_part_is_planned_on_its_start_day() -> None:
    # £500 due on day 0 (a part of 0 days, e.g. a payment on signing) and £1,000 over
    # days 0-10: PV(0) = 500, PV(1) = 600. Earning exactly the £500 is ES = 0.
    parts = [(0, 0, D(500)), (0, 10, D(1000))]
    schedule = earned_schedule(parts, D(500), 2)
    assert schedule is not None
    assert schedule.es == 0
    # Everything earned: ES = PD = 10; a zero-day part at the end does not lengthen the plan.
    done = earned_schedule([(0, 10, D(1000)), (10, 0, D(500))], D(1500), 10)
    assert done is not None
    assert (done.es, done.planned_duration, done.spi_t) == (10, 10, 1)


def test_earning_less_than_the_value_planned_on_day_0_is_no_schedule_earned() -> None:
    # £100 due on day 0, £100 over days 5-10. PV(0) = PV(1) = ... = PV(5) = 100 > EV £50:
    # no whole period is earned (C = 0) and the curve is flat after it, so I is 0: ES = 0,
    # not a division by zero.
    schedule = earned_schedule([(0, 0, D(100)), (5, 5, D(100))], D(50), 3)
    assert schedule is not None
    assert (schedule.es, schedule.sv_t) == (0, -3)


def test_at_the_planned_start_no_time_has_passed() -> None:
    # AT = 0 on the planned start day: SPI(t) is undefined; a status date before the start
    # counts as AT = 0 too.
    for at in (0, -3):
        schedule = earned_schedule([(0, 10, D(1000))], D(0), at)
        assert schedule is not None
        assert (schedule.at, schedule.spi_t, schedule.ieac_t) == (0, None, None)


def test_the_composite_eac_applies_as_soon_as_anything_is_planned() -> None:
    # BAC £2, PV £1, EV £0.50, AC £1: CPI = 0.5, SPI = 0.5. PMI: EAC = AC + (BAC - EV) /
    # (CPI x SPI) = 1 + 1.5 / 0.25 = £7 (not AC + BAC - EV = £2.50).
    figures = EarnedValue(bac=D(2), pv=D(1), ev=D("0.5"), ac=D(1))
    assert figures.estimate("cpi_spi") == 7


def test_tcpi_with_one_pound_of_budget_left() -> None:
    # BAC £100, EV £90, AC £99: TCPI = (100 - 90) / (100 - 99) = 10, ten times the
    # efficiency so far to finish on budget; it is undefined only once nothing is left.
    figures = EarnedValue(bac=D(100), pv=D(100), ev=D(90), ac=D(99))
    assert figures.tcpi() == 10
    assert EarnedValue(bac=D(100), pv=D(100), ev=D(90), ac=D(100)).tcpi() is None


def test_whole_pound_figures_read_as_whole_numbers() -> None:
    # BAC £100,000 / CPI 0.8 = £125,000: shown as 125000, not 1.25E+5 or 125000.00.
    figures = EarnedValue(bac=D(100_000), pv=D(50_000), ev=D(40_000), ac=D(50_000))
    assert str(figures.eac) == "125000"
    assert str(figures.cpi) == "0.8"


def test_two_parts_figures_add_up_and_their_indices_come_from_the_sums() -> None:
    # PMI rolls earned value up by adding the figures, never the indices. Part A: BAC £100,
    # PV £50, EV £40, AC £50 (SPI 0.8, CPI 0.8). Part B: BAC £200, PV £100, EV £110, AC £100
    # (SPI 1.1, CPI 1.1). Together: BAC £300, PV £150, EV £150, AC £150, so SPI = CPI =
    # 150 / 150 = 1 (the mean of the indices, 0.95, would be wrong).
    a = EarnedValue(bac=D(100), pv=D(50), ev=D(40), ac=D(50))
    b = EarnedValue(bac=D(200), pv=D(100), ev=D(110), ac=D(100))
    total = a.plus(b)
    assert (total.bac, total.pv, total.ev, total.ac) == (300, 150, 150, 150)
    assert (total.spi, total.cpi) == (1, 1)
    assert (a.bac, a.ev) == (100, 40)  # the parts are unchanged
