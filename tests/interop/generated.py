"""A generated corpus of MSPDI plans dated by an independent implementation of Microsoft
Project's scheduling rules, to measure how often progman dates a task as MS Project does.

Each plan is built with MPXJ's Java API (https://www.mpxj.org/) from a seeded random
generator: project calendars of every kind real files carry (Standard, a calendar based on
another with its own exceptions, non-standard working weeks, a 24-hour calendar, recurring
exceptions, alternative working weeks, worked weekends, a half day), task calendars, elapsed
durations, manually scheduled tasks, milestones, summaries, the four link types with leads
and lags (working days, a percentage of the predecessor's duration, elapsed days),
constraints, and progress at a status date ("update project as scheduled"). MPXJ's
`MicrosoftScheduler` works out every task's dates, MPXJ's `MSPDIWriter` saves the plan as a
Microsoft Project would, and progman imports the file and counts the tasks it dates the
same (`schedule_agreement`): overall and per feature.

Durations and lags are whole working days of the calendar they are counted on (a 24-hour
calendar's day is 24 hours), as plans are almost always written; the half day is the one
feature that is not.

    python -m tests.interop.generated            # 500 plans, seed 2026
    python -m tests.interop.generated 2000 7     # 2000 plans from seed 7
    python -m tests.interop.generated --exact    # only what progman carries exactly

Needs a Java runtime and the `mpxj` and `JPype1` packages (the dev extras).
"""

from __future__ import annotations

import random
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from progman.findings import Finding
from progman.io.mspdi import load, schedule_agreement

SEED = 2026
"""The seed of the corpus the test and the docs measure."""

WEEK = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


@dataclass
class Plan:
    """One generated plan: where it was written, and the features each task carries."""

    path: Path
    features: dict[str, set[str]]  # task name -> features
    calendar: str  # the kind of project calendar


UNEXPLAINED = "unexplained"

# What an import finding on a task says, as the cause of its difference (first match).
_CAUSES = [
    ("elapsed (calendar) days", "elapsed lag, carried as working days"),
    ("MSPDI-ELAPSED", "elapsed duration, placed differently (see docs/interop.md)"),
    ("start no later than", "start no later than, not carried"),
    ("must start on", "must start on, links can move it"),
    ("must finish on", "must finish on, links can move it"),
    ("rounded up", "part of a day, rounded up"),
]
# What the date check says, where no import finding is on the task.
_REASONS = [
    ("before the project's start", "before the project start (a lead or a start-to-finish link)"),
    ("working-time change", "half day (changed hours)"),
    ("(finish to finish) after an elapsed lag", "finish to finish after an elapsed lag"),
    ("(finish to finish)", "finish to finish across calendars"),
    ("milestone", "a milestone across calendars or an elapsed lag"),
    ("it is as late as possible", "as late as possible, before a task that differs"),
    ("it follows", "follows a task that differs or was approximated"),
    ("it comes after", "follows a task that differs or was approximated"),
    ("it holds", "a stage holding a task that differs"),
    ("rolls the stage up", "a stage rolled up from times of day"),
    ("progress is recorded", "progress"),
]


def cause(difference: Finding, findings: list[Finding]) -> str:
    """The named cause of one difference: the feature an import finding on the task names,
    or the date check's reason; `UNEXPLAINED` when it gives none."""
    said = [f"{f.code} {f.message}" for f in findings if f.subject == difference.subject]
    if "approximated or left out something on it" in difference.message:
        for words, name in _CAUSES:
            if any(words in text for text in said):
                return name
        return said[0].partition(" ")[0] if said else UNEXPLAINED
    return next((name for words, name in _REASONS if words in difference.message), UNEXPLAINED)


@dataclass
class Tally:
    """Tasks dated as MS Project dates them, overall and per feature; the cause of each
    difference."""

    files: int = 0
    tasks: int = 0
    agreed: int = 0
    by_feature: Counter[str] = field(default_factory=Counter)
    agreed_by_feature: Counter[str] = field(default_factory=Counter)
    causes: Counter[str] = field(default_factory=Counter)
    differing: list[tuple[str, str, str]] = field(default_factory=list)  # file, task, message

    def add(self, plan: Plan) -> None:
        """Import one plan with progman and count its tasks."""
        result = load(plan.path)
        items = {item.id: item.name for _, _, item in result.programme.work_items()}
        differ = {f.subject: f for f in schedule_agreement(result) if f.subject in items}
        self.files += 1
        for item_id, name in items.items():
            features = plan.features.get(name, set()) | {f"calendar: {plan.calendar}"}
            self.tasks += 1
            agreed = item_id not in differ
            self.agreed += agreed
            for feature in features:
                self.by_feature[feature] += 1
                self.agreed_by_feature[feature] += agreed
            if not agreed:
                self.causes[cause(differ[item_id], result.findings)] += 1
                self.differing.append((plan.path.name, name, differ[item_id].message))

    @property
    def share(self) -> float:
        """Tasks dated as MS Project dates them, in per cent."""
        return 100 * self.agreed / self.tasks if self.tasks else 100.0

    def lines(self) -> Iterable[str]:
        """The figures, as printed."""
        yield (
            f"{self.agreed} of {self.tasks} tasks in {self.files} files dated as MS Project "
            f"dates them ({self.share:.1f}%)"
        )
        yield "by feature (tasks carrying it, and how many of those agree):"
        width = max((len(f) for f in self.by_feature), default=0)
        for feature in sorted(self.by_feature):
            total, agreed = self.by_feature[feature], self.agreed_by_feature[feature]
            yield f"  {feature:<{width}}  {agreed:>5} of {total:>5}  ({100 * agreed / total:.1f}%)"
        yield "differences by their named cause:"
        for name, count in self.causes.most_common():
            yield f"  {count:>5}  {name}"


class Generator:
    """Builds, schedules and writes plans with MPXJ (the JVM started by progman.io.mpxj)."""

    def __init__(self, *, exact: bool = False) -> None:
        from progman.io import mpxj as via_mpxj

        # Only what progman carries exactly: no elapsed durations or lags, leads,
        # start-to-finish links or half days.
        self.exact = exact
        org_mpxj = via_mpxj._mpxj()
        import jpype

        self.j = org_mpxj
        self.time = jpype.JPackage("java").time
        self.Duration = org_mpxj.Duration
        self.Unit = org_mpxj.TimeUnit

    # --- dates ---------------------------------------------------------------------

    def at(self, day: date, hour: int = 0) -> Any:
        return self.time.LocalDateTime.of(day.year, day.month, day.day, hour, 0)

    def jday(self, day: date) -> Any:
        return self.time.LocalDate.of(day.year, day.month, day.day)

    def day_start(self, calendar: Any, day: date) -> Any:
        """When work opens on the first working day from `day`."""
        return calendar.getNextWorkStart(self.at(day))

    def day_finish(self, calendar: Any, day: date) -> Any:
        """When work closes on the last working day up to `day`."""
        return calendar.getPreviousWorkFinish(self.at(day + timedelta(days=1)))

    # --- calendars -----------------------------------------------------------------

    def hours(self, calendar: Any, day: str, spans: list[tuple[int, int]]) -> None:
        weekday = getattr(self.time.DayOfWeek, day)
        calendar.setWorkingDay(weekday, bool(spans))
        calendar.removeCalendarHours(weekday)
        hours = calendar.addCalendarHours(weekday)
        for first, last in spans:
            hours.add(self.j.LocalTimeRange(self.clock(first), self.clock(last)))

    def clock(self, hour: int) -> Any:
        return self.time.LocalTime.MIDNIGHT if hour in {0, 24} else self.time.LocalTime.of(hour, 0)

    def calendar(
        self, project: Any, rng: random.Random, start: date
    ) -> tuple[Any, str, int, set[str]]:
        """The project calendar: (calendar, its kind, working hours a day, extra features)."""
        kind = rng.choice(
            ["standard", "standard", "based on another", "non-standard week", "24 hours"]
        )
        base = project.addDefaultBaseCalendar()  # "Standard": Mon-Fri 08-12, 13-17
        features: set[str] = set()
        day_hours = 8
        if kind == "24 hours":
            base.setName("24 Hours")
            for day in WEEK:
                self.hours(base, day, [(0, 24)])
            day_hours = 24
        elif kind == "non-standard week":
            base.setName("Four-day week")
            days = rng.choice([WEEK[:4], WEEK[1:6], WEEK[:6], [WEEK[0], *WEEK[2:5], WEEK[6]]])
            for day in WEEK:
                self.hours(base, day, [(8, 12), (13, 17)] if day in days else [])
        calendar = base
        if kind == "based on another":
            calendar = project.addDefaultDerivedCalendar()
            calendar.setName("Council")
            calendar.setParent(base)
            self.exceptions(base, rng, start, features, day_hours, (0, 45))
            self.exceptions(calendar, rng, start, features, day_hours, (46, 90))
        else:
            self.exceptions(calendar, rng, start, features, day_hours)
        project.setDefaultCalendar(calendar)
        project.getProjectProperties().setDefaultCalendar(calendar)
        return calendar, kind, day_hours, features

    def exceptions(
        self,
        calendar: Any,
        rng: random.Random,
        start: date,
        features: set[str],
        day_hours: int,
        window: tuple[int, int] = (0, 90),
    ) -> None:
        """Holidays, recurring exceptions, a worked weekend, an alternative week, a half day,
        none overlapping another (MS Project refuses that), from `window` days after `start`
        (a derived calendar's and its base's apart: MPXJ's writer merges them into one)."""
        taken: set[date] = set()

        def free(first: date, last: date) -> bool:
            days = {first + timedelta(days=k) for k in range((last - first).days + 1)}
            if days & taken:
                return False
            taken.update(days)
            return True

        for _ in range(rng.randint(0, 3)):
            first = start + timedelta(days=rng.randint(*window))
            last = first + timedelta(days=rng.choice([0, 0, 2, 6]))
            if free(first, last):
                calendar.addCalendarException(self.jday(first), self.jday(last))
                features.add("holidays")
        if rng.random() < 0.4:
            recurring = self.j.RecurringData()
            shape = rng.choice(["daily", "weekly", "monthly", "monthly on", "yearly", "yearly on"])
            recurring.setStartDate(self.jday(start + timedelta(days=rng.randint(*window))))
            recurring.setFinishDate(self.jday(start + timedelta(days=rng.randint(120, 400))))
            recurring.setUseEndDate(True)
            recurring.setFrequency(
                java_number(rng.choice([1, 1, 2, 3]) if shape != "yearly" else 1)
            )
            kind = self.j.RecurrenceType
            if shape == "daily":
                recurring.setRecurrenceType(kind.DAILY)
                recurring.setFrequency(java_number(rng.choice([9, 15, 20])))
            elif shape == "weekly":
                recurring.setRecurrenceType(kind.WEEKLY)
                for day in rng.sample(WEEK[:5], rng.randint(1, 2)):
                    recurring.setWeeklyDay(getattr(self.time.DayOfWeek, day), True)
                recurring.setFrequency(java_number(rng.choice([2, 3, 4])))
            elif shape.startswith("monthly"):
                recurring.setRecurrenceType(kind.MONTHLY)
                recurring.setRelative(shape == "monthly on")
                recurring.setDayNumber(
                    java_number(rng.randint(1, 4) if shape == "monthly on" else rng.randint(1, 28))
                )
                recurring.setDayOfWeek(getattr(self.time.DayOfWeek, rng.choice(WEEK[:5])))
            else:
                recurring.setRecurrenceType(kind.YEARLY)
                recurring.setRelative(shape == "yearly on")
                recurring.setMonthNumber(java_number(rng.randint(1, 12)))
                recurring.setDayNumber(
                    java_number(rng.randint(1, 4) if shape == "yearly on" else rng.randint(1, 28))
                )
                recurring.setDayOfWeek(getattr(self.time.DayOfWeek, rng.choice(WEEK[:5])))
            falls = [
                date(d.getYear(), d.getMonthValue(), d.getDayOfMonth())
                for d in recurring.getDates()
            ]
            # (MPXJ cannot write one that never falls)
            if falls and all(free(day, day) for day in falls):
                calendar.addCalendarException(recurring)
                features.add(f"recurring exception ({shape})")
        if day_hours == 8 and rng.random() < 0.3:
            # a worked Saturday (a weekend cut-over)
            saturday = start + timedelta(days=5 + 7 * rng.randint(window[0] // 7, window[1] // 7))
            if free(saturday, saturday):
                worked = calendar.addCalendarException(self.jday(saturday), self.jday(saturday))
                worked.add(self.j.LocalTimeRange(self.clock(8), self.clock(12)))
                worked.add(self.j.LocalTimeRange(self.clock(13), self.clock(17)))
                features.add("worked weekend")
        if day_hours == 8 and rng.random() < 0.2 and calendar.getParent() is None:
            # (MPXJ writes a derived calendar's own working weeks wrongly: base ones only)
            week = calendar.addWorkWeek()
            first = start + timedelta(days=rng.randint(7, 60))
            week.setDateRange(
                self.j.LocalDateRange(self.jday(first), self.jday(first + timedelta(days=27)))
            )
            off = rng.choice(WEEK[:5])
            for day in WEEK:
                weekday = getattr(self.time.DayOfWeek, day)
                if calendar.isWorkingDay(weekday) and day != off:
                    week.setWorkingDay(weekday, True)
                    hours = week.addCalendarHours(weekday)
                    hours.add(self.j.LocalTimeRange(self.clock(8), self.clock(12)))
                    hours.add(self.j.LocalTimeRange(self.clock(13), self.clock(17)))
                else:
                    week.setWorkingDay(weekday, False)
                    week.addCalendarHours(weekday)
            features.add("alternative working week")
        if day_hours == 8 and rng.random() < 0.05 and not self.exact:
            eve = start + timedelta(days=rng.randint(*window))
            if free(eve, eve):
                half = calendar.addCalendarException(self.jday(eve), self.jday(eve))
                half.add(self.j.LocalTimeRange(self.clock(8), self.clock(12)))
                features.add("half day (changed hours)")

    def task_calendar(self, project: Any, rng: random.Random) -> Any:
        """A second base calendar for some tasks: a six-day or a Tuesday-to-Saturday week."""
        other = project.addDefaultBaseCalendar()
        other.setName("Site works")
        days = rng.choice([WEEK[:6], WEEK[1:6]])
        for day in WEEK:
            self.hours(other, day, [(8, 12), (13, 17)] if day in days else [])
        return other

    # --- plans ---------------------------------------------------------------------

    def plan(self, number: int, seed: int, folder: Path) -> Plan:
        """Build, schedule and write plan `number` of the corpus from `seed`."""
        rng = random.Random(seed * 100_003 + number)
        j = self.j
        project = j.ProjectFile()
        start = date(2024, 1, 1) + timedelta(weeks=rng.randint(0, 150))  # a Monday
        calendar, kind, day_hours, calendar_features = self.calendar(project, rng, start)
        properties = project.getProjectProperties()
        properties.setStartDate(self.day_start(calendar, start))
        properties.setName(f"generated {number}")
        other = self.task_calendar(project, rng) if day_hours == 8 and rng.random() < 0.3 else None
        features: dict[str, set[str]] = {}
        tasks: list[Any] = []
        days_of: dict[int, int] = {}
        summary = None
        fresh = False
        count = rng.randint(6, 16)
        for k in range(count):
            if rng.random() < 0.15 and k < count - 2 and not fresh:
                summary = project.addTask()
                summary.setName(f"Stage {k}")
                fresh = True  # a summary has at least one task
                continue
            parent = summary if summary is not None and (fresh or rng.random() < 0.8) else None
            fresh = False
            if parent is None:
                summary = None
            task = (parent or project).addTask()
            name = f"Task {k}"
            task.setName(name)
            own: set[str] = set(calendar_features)
            if parent is not None:
                own.add("in a summary")
            milestone = rng.random() < 0.12
            days = 0 if milestone else rng.randint(1, 8)
            task_cal = calendar
            if other is not None and not milestone and rng.random() < 0.4:
                task.setCalendar(other)
                task_cal = other
                own.add("task calendar")
            if not milestone and rng.random() < 0.1 and not self.exact:
                task.setDuration(self.Duration.getInstance(days, self.Unit.ELAPSED_DAYS))
                own.add("elapsed duration")
            else:
                task.setDuration(self.Duration.getInstance(days * day_hours, self.Unit.HOURS))
            if milestone:
                task.setMilestone(True)
                own.add("milestone")
            earlier = [(i, t) for i, t in enumerate(tasks)]
            for pred_k, pred in rng.sample(earlier, min(len(earlier), rng.choice([0, 1, 1, 1, 2]))):
                own |= self.link(rng, task, pred, days_of[pred_k], day_hours)
            if tasks and rng.random() < 0.06:
                task.setTaskMode(j.TaskMode.MANUALLY_SCHEDULED)
                first = self.day_start(task_cal, start + timedelta(days=rng.randint(0, 40)))
                task.setStart(first)
                task.setFinish(task_cal.getDate(first, task.getDuration()))
                own.add("manually scheduled")
            else:
                own |= self.constraint(rng, task, task_cal, start)
            tasks.append(task)
            days_of[len(tasks) - 1] = days
            features[name] = own
        self.schedule(project)
        if rng.random() < 0.3:
            status = start + timedelta(days=rng.randint(5, 40))
            if self.progress(project, status):
                for name in features:
                    features[name].add("progress at a status date")
                self.schedule(project)
        path = folder / f"generated-{seed}-{number:04d}.xml"
        j.mspdi.MSPDIWriter().write(project, str(path))
        # MPXJ's writer saves a derived calendar with its base merged in, not always as the
        # scheduler saw it (a base's working week is left out): the dates are worked out
        # again for the plan as saved, as MS Project would date the file it opens.
        saved = j.mspdi.MSPDIReader().read(str(path))
        self.schedule(saved)
        j.mspdi.MSPDIWriter().write(saved, str(path))
        return Plan(path, features, kind)

    def link(
        self, rng: random.Random, task: Any, pred: Any, pred_days: int, day_hours: int
    ) -> set[str]:
        kinds = self.j.RelationType
        kind = rng.choices(["FS", "SS", "FF", "SF"], weights=[70, 12, 12, 0 if self.exact else 6])[
            0
        ]
        relation = {
            "FS": kinds.FINISH_START,
            "SS": kinds.START_START,
            "FF": kinds.FINISH_FINISH,
            "SF": kinds.START_FINISH,
        }[kind]
        features = {f"{kind} link"}
        roll = rng.random()
        if self.exact and (0.7 <= roll < 0.8 or roll >= 0.9 or not pred_days):
            roll = 0  # no leads, no elapsed lags
        if roll < 0.55:
            lag = self.Duration.getInstance(0, self.Unit.HOURS)
        elif roll < 0.7:
            lag = self.Duration.getInstance(rng.randint(1, 5) * day_hours, self.Unit.HOURS)
            features.add("lag")
        elif roll < 0.8:
            lag = self.Duration.getInstance(-rng.randint(1, 2) * day_hours, self.Unit.HOURS)
            features.add("lead")
        elif roll < 0.9 and pred_days:
            shares = [p for p in (25, 50, 100, 150, 200) if p * pred_days % 100 == 0]
            lag = self.Duration.getInstance(rng.choice(shares), self.Unit.PERCENT)
            features.add("percentage lag")
        else:
            lag = self.Duration.getInstance(rng.randint(1, 4), self.Unit.ELAPSED_DAYS)
            features.add("elapsed lag")
        builder = self.j.Relation.Builder().predecessorTask(pred).type(relation).lag(lag)
        task.addPredecessor(builder)
        return features

    def constraint(self, rng: random.Random, task: Any, calendar: Any, start: date) -> set[str]:
        kinds = self.j.ConstraintType
        roll = rng.random()
        if roll < 0.75:
            return set()
        day = start + timedelta(days=rng.randint(0, 50))
        choices = [
            ("start no earlier than", kinds.START_NO_EARLIER_THAN, self.day_start(calendar, day)),
            (
                "finish no earlier than",
                kinds.FINISH_NO_EARLIER_THAN,
                self.day_finish(calendar, day),
            ),
            ("start no later than", kinds.START_NO_LATER_THAN, self.day_start(calendar, day)),
            (
                "finish no later than",
                kinds.FINISH_NO_LATER_THAN,
                self.day_finish(calendar, day),
            ),
            ("must start on", kinds.MUST_START_ON, self.day_start(calendar, day)),
            ("must finish on", kinds.MUST_FINISH_ON, self.day_finish(calendar, day)),
            ("as late as possible", kinds.AS_LATE_AS_POSSIBLE, None),
        ]
        name, kind, when = rng.choice(choices)
        task.setConstraintType(kind)
        if when is not None:
            task.setConstraintDate(when)
        return {f"constraint: {name}"}

    def schedule(self, project: Any) -> None:
        zero = self.Duration.getInstance(0, self.Unit.DAYS)
        for task in project.getTasks():
            if task.getActualDuration() is None:
                task.setActualDuration(zero)
            if task.getRemainingDuration() is None:
                task.setRemainingDuration(task.getDuration())
        properties = project.getProjectProperties()
        self.j.cpm.MicrosoftScheduler().schedule(project, properties.getStartDate())

    def progress(self, project: Any, status: date) -> bool:
        """MS Project's "update project as scheduled" at the status date: work scheduled
        before it is recorded as done. True when any task was updated."""
        cut = self.at(status + timedelta(days=1))
        project.getProjectProperties().setStatusDate(self.at(status, 17))
        done = False
        for task in project.getTasks():
            if task.getSummary() or task.getStart() is None:
                continue
            if task.getTaskMode() == self.j.TaskMode.MANUALLY_SCHEDULED:
                continue
            if not task.getStart().isBefore(cut):
                continue
            duration = task.getDuration()
            task.setActualStart(task.getStart())
            if not task.getFinish().isAfter(cut) or duration.getDuration() == 0:
                task.setActualFinish(task.getFinish())
                task.setActualDuration(duration)
                task.setRemainingDuration(self.Duration.getInstance(0, duration.getUnits()))
                task.setPercentageComplete(java_number(100))
            elif not duration.getUnits().isElapsed():
                calendar = task.getEffectiveCalendar()
                worked = calendar.getWork(task.getStart(), cut, duration.getUnits())
                left = duration.getDuration() - worked.getDuration()
                task.setActualDuration(worked)
                task.setRemainingDuration(self.Duration.getInstance(left, duration.getUnits()))
                task.setPercentageComplete(
                    java_number(round(100 * worked.getDuration() / duration.getDuration()))
                )
            else:
                task.setActualStart(None)
                continue
            done = True
        return done


def java_number(value: int) -> Any:
    import jpype

    return jpype.JClass("java.lang.Integer").valueOf(value)


def measure(files: int, seed: int = SEED, *, exact: bool = False) -> Tally:
    """Generate `files` plans from `seed` and count the tasks progman dates as MPXJ does
    (`exact`: only features progman carries exactly)."""
    generator = Generator(exact=exact)
    tally = Tally()
    with tempfile.TemporaryDirectory() as folder:
        for number in range(files):
            tally.add(generator.plan(number, seed, Path(folder)))
    return tally


def main(argv: list[str]) -> int:
    exact = "--exact" in argv
    argv = [a for a in argv if a != "--exact"]
    files = int(argv[0]) if argv else 500
    seed = int(argv[1]) if len(argv) > 1 else SEED
    for line in measure(files, seed, exact=exact).lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
