"""Baselines: take an approved snapshot, and list what has moved since.

`take_baseline` records the scheduled dates and budgets of every task,
milestone, stage and project, every risk's score and every benefit's planned
values by financial year. `compare(baseline, programme)` answers "what changed
since the last board": dates slipped or pulled in (in working days), costs
changed, items added or removed, risks added, closed or re-scored, benefits
re-profiled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..forecasting.benefits import benefits_realisation
from ..model import Baseline, BaselineBenefit, BaselineItem, BaselineRisk, Programme
from ..model.common import as_date
from ..rules._common import money

if TYPE_CHECKING:
    from ..schedule import Schedule

__all__ = ["Change", "compare", "compare_baselines", "take_baseline"]


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that moved since the baseline.

    `kind` is one of `slipped`, `pulled_in`, `cost_changed`, `added`, `removed`,
    `risk_added`, `risk_closed`, `risk_rescored`, `reprofiled`.
    """

    kind: str
    subject: str
    message: str
    data: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


def _budgets(programme: Programme) -> dict[str, Decimal | None]:
    out: dict[str, Decimal | None] = {}
    for project in programme.projects:
        out[project.id] = project.budget
        for stage in project.stages:
            out[stage.id] = stage.budget
        for _, item in project.work_items():
            out[item.id] = getattr(item, "budget", None)
    return out


def _planned_by_year(programme: Programme) -> dict[str, dict[str, Decimal]]:
    out: dict[str, dict[str, Decimal]] = {}
    for row in benefits_realisation(programme):
        out.setdefault(row.benefit, {})[row.year.label] = row.planned
    return out


def take_baseline(
    programme: Programme,
    schedule: Schedule | None = None,
    *,
    id: str,
    name: str,
    on: date | str,
    approval: str | None = None,
) -> Baseline:
    """Snapshot the programme as it stands: scheduled dates, budgets, risk scores, benefits.

    Append the result to `programme.baselines` (and save) to make it the baseline.

    >>> import progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07", projects=[
    ...     pm.Project(id="p", name="P", tasks=[pm.Task(id="a", name="A", duration=5)])])
    >>> baseline = take_baseline(programme, id="board-jan", name="Board, January 2013",
    ...                          on=date(2013, 1, 4))
    >>> [(i.id, str(i.start), str(i.finish)) for i in baseline.items]
    [('p', '2013-01-07', '2013-01-11'), ('a', '2013-01-07', '2013-01-11')]
    """
    day = as_date(on, "on")
    if schedule is None:
        from ..schedule import schedule as make_schedule

        schedule = make_schedule(programme)
    items, risks, benefits = _snapshot(programme, schedule, validated=True, kinds={})
    return Baseline(
        id=id, name=name, date=day, approval=approval, items=items, risks=risks, benefits=benefits
    )


def _snapshot(
    programme: Programme, schedule: Schedule, *, validated: bool, kinds: dict[str, str]
) -> tuple[list[BaselineItem], list[BaselineRisk], list[BaselineBenefit]]:
    """What a baseline records of the programme as it stands, noting each item's kind
    (task, stage...) in `kinds`. `validated=False` builds the records without validating
    values taken from the model and schedule, for a snapshot that is only compared, never
    kept (`compare`)."""
    item_of = BaselineItem if validated else BaselineItem.model_construct
    risk_of = BaselineRisk if validated else BaselineRisk.model_construct
    benefit_of = BaselineBenefit if validated else BaselineBenefit.model_construct
    budgets = _budgets(programme)
    items = []
    for item in schedule:
        if item.kind in ("task", "milestone", "stage", "project"):
            kinds[item.id] = item.kind
            items.append(
                item_of(
                    id=item.id,
                    start=item.early_start,
                    finish=item.early_finish,
                    budget=budgets.get(item.id),
                )
            )
    risks = [
        risk_of(id=risk.id, score=risk.score, active=risk.active)
        for _, risk in programme.all_risks()
    ]
    benefits = [
        benefit_of(id=benefit_id, planned=dict(years))
        for benefit_id, years in _planned_by_year(programme).items()
    ]
    return items, risks, benefits


def compare(
    baseline: Baseline, programme: Programme, schedule: Schedule | None = None
) -> list[Change]:
    """What moved between a baseline and the programme now, in a stable order.

    >>> import progman as pm
    >>> plan = pm.Programme(id="otp", name="OTP", start="2013-01-07", projects=[
    ...     pm.Project(id="p", name="P", tasks=[pm.Task(id="a", name="A", duration=5)])])
    >>> before = take_baseline(plan, id="b1", name="Board", on=date(2013, 1, 4))
    >>> plan.projects[0].tasks[0].duration = 7
    >>> for change in compare(before, plan):
    ...     print(change)
    'p' finishes 2 working days later: 2013-01-15, was 2013-01-11
    'a' finishes 2 working days later: 2013-01-15, was 2013-01-11
    """
    if schedule is None:
        from ..schedule import schedule as make_schedule

        schedule = make_schedule(programme)
    kinds: dict[str, str] = {}
    items, risks, benefits = _snapshot(programme, schedule, validated=False, kinds=kinds)
    now = Baseline.model_construct(
        id="now", name="Now", date=baseline.date, items=items, risks=risks, benefits=benefits
    )
    statuses = {risk.id: str(risk.status) for _, risk in programme.all_risks()}
    return _differences(baseline, now, programme, kinds, statuses)


def compare_baselines(before: Baseline, after: Baseline, programme: Programme) -> list[Change]:
    """What moved from one baseline to a later one (what an approved change did to the
    plan), in the same terms as `compare`; working days on `programme`'s default calendar.

    >>> import progman as pm
    >>> plan = pm.Programme(id="otp", name="OTP", start="2013-01-07", projects=[
    ...     pm.Project(id="p", name="P", tasks=[pm.Task(id="a", name="A", duration=5)])])
    >>> first = take_baseline(plan, id="b1", name="Board", on=date(2013, 1, 4))
    >>> plan.projects[0].tasks[0].duration = 6
    >>> second = take_baseline(plan, id="b2", name="After RFC-1", on=date(2013, 1, 9))
    >>> [str(change) for change in compare_baselines(first, second, plan)][1]
    "'a' finishes 1 working days later: 2013-01-14, was 2013-01-11"
    """
    return _differences(before, after, programme, {}, {})


def _differences(
    baseline: Baseline,
    now: Baseline,
    programme: Programme,
    kinds: dict[str, str],
    statuses: dict[str, str],
) -> list[Change]:
    """The one comparison of two snapshots; `kinds` (task, stage...) and `statuses` (of
    risks) word the messages when the later snapshot is the programme as it stands."""
    from ..schedule import WorkingCalendar

    days = [d for b in (baseline, now) for i in b.items for d in (i.start, i.finish) if d]
    days.append(baseline.date)
    calendar = WorkingCalendar(programme.calendar(), first_year=min(d.year for d in days) - 1)

    def shift(was: date, now: date) -> int:
        return calendar.index_after(now) - calendar.index_after(was)

    changes: list[Change] = []
    before = {item.id: item for item in baseline.items}
    for item in now.items:
        old = before.pop(item.id, None)
        if old is None:
            kind = kinds.get(item.id)
            changes.append(
                Change(
                    "added",
                    item.id,
                    f"{kind + ' ' if kind else ''}{item.id!r} is new",
                    {"finish": item.finish},
                )
            )
            continue
        if old.finish and item.finish and old.finish != item.finish:
            moved = shift(old.finish, item.finish)
            kind = "slipped" if moved > 0 else "pulled_in"
            way = "later" if moved > 0 else "earlier"
            changes.append(
                Change(
                    kind,
                    item.id,
                    f"{item.id!r} finishes {abs(moved)} working days {way}: "
                    f"{item.finish}, was {old.finish}",
                    {"was": old.finish, "now": item.finish, "working_days": moved},
                )
            )
        if old.budget != item.budget:
            was = money(old.budget) if old.budget is not None else "none"
            is_now = money(item.budget) if item.budget is not None else "none"
            changes.append(
                Change(
                    "cost_changed",
                    item.id,
                    f"{item.id!r} budget is {is_now}, was {was}",
                    {"was": old.budget, "now": item.budget},
                )
            )
    for gone in before.values():
        changes.append(Change("removed", gone.id, f"{gone.id!r} is no longer in the plan"))

    risks_then = {risk.id: risk for risk in baseline.risks}
    for risk in now.risks:
        then = risks_then.pop(risk.id, None)
        if then is None:
            changes.append(
                Change(
                    "risk_added",
                    risk.id,
                    f"risk {risk.id!r} is new, scoring {risk.score}",
                    {"score": risk.score},
                )
            )
        elif then.active and not risk.active:
            status = statuses.get(risk.id, "no longer active")
            changes.append(Change("risk_closed", risk.id, f"risk {risk.id!r} is {status}"))
        elif risk.active and then.score != risk.score:
            trend = "up" if risk.score > then.score else "down"
            changes.append(
                Change(
                    "risk_rescored",
                    risk.id,
                    f"risk {risk.id!r} scores {risk.score}, {trend} from {then.score}",
                    {"was": then.score, "now": risk.score},
                )
            )
    for gone_risk in risks_then.values():
        if gone_risk.active:
            changes.append(
                Change(
                    "risk_closed", gone_risk.id, f"risk {gone_risk.id!r} is no longer on a register"
                )
            )

    profiles_then = {benefit.id: benefit.planned for benefit in baseline.benefits}
    for benefit in now.benefits:
        years = benefit.planned
        then_years = profiles_then.pop(benefit.id, {})
        moved_years = {
            year: (then_years.get(year, Decimal(0)), years.get(year, Decimal(0)))
            for year in sorted(set(then_years) | set(years))
            if then_years.get(year, Decimal(0)) != years.get(year, Decimal(0))
        }
        if moved_years:
            detail = "; ".join(f"{y} {money(b)} -> {money(a)}" for y, (b, a) in moved_years.items())
            changes.append(
                Change(
                    "reprofiled",
                    benefit.id,
                    f"benefit {benefit.id!r} re-profiled: {detail}",
                    {"years": moved_years},
                )
            )
    for benefit_id in profiles_then:
        changes.append(
            Change("removed", benefit_id, f"benefit {benefit_id!r} is no longer planned")
        )
    return changes
