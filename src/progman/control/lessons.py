"""Lessons reports: the lessons a stage, project, tranche or the whole programme has
logged, for the end-stage report, the end project report and the end-of-tranche review
(PRINCE2's lessons report; MSP's programme lessons).

A lesson belongs to a subject when its `applies_to` names the subject or something
inside it (a stage of the project, a project of the tranche), or, when it names nothing,
when the log holding it is the subject's (a project's log) or inside it. A stage's own
lessons are those naming it, or those of its project's log naming nothing and raised
within the stage's dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Lesson, LessonKind, Programme, Project

__all__ = ["LessonsReport", "lessons_report"]


@dataclass(frozen=True)
class LessonsReport:
    """The lessons logged for one subject, oldest first."""

    subject: str
    """The stage, project, tranche or programme id."""
    kind: str
    """`stage`, `project`, `tranche` or `programme`."""
    name: str
    lessons: tuple[Lesson, ...]

    def by_kind(self) -> dict[str, list[Lesson]]:
        """Lessons to repeat (`positive`), to avoid (`negative`), and not yet judged
        (`unstated`), in that order."""
        out: dict[str, list[Lesson]] = {"positive": [], "negative": [], "unstated": []}
        for lesson in self.lessons:
            out[str(lesson.kind) if lesson.kind else "unstated"].append(lesson)
        return out

    def to_text(self) -> str:
        """The report as a board reads it: each lesson with its recommendation."""
        lines = [f"Lessons report: {self.kind} {self.subject!r} ({self.name})"]
        if not self.lessons:
            return "\n".join([*lines, "  no lessons logged"])
        for lesson in self.lessons:
            mark = {LessonKind.POSITIVE: "+", LessonKind.NEGATIVE: "-", None: "?"}[lesson.kind]
            when = f", {lesson.raised_on}" if lesson.raised_on else ""
            lines.append(f"  {mark} {lesson.id} ({lesson.type}{when}): {lesson.title}")
            if lesson.recommendation:
                lines.append(f"      recommendation: {lesson.recommendation}")
        return "\n".join(lines)


def _within(day: date | None, start: date | None, end: date | None) -> bool:
    if day is None or start is None or end is None:
        return False
    return start <= day <= end


def lessons_report(programme: Programme, subject: str | None = None) -> LessonsReport:
    """The lessons report of a stage, project or tranche (the whole programme by default).

    >>> import progman as pm
    >>> otp = pm.Programme(id="otp", name="OTP", projects=[pm.Project(id="llp", name="LLP",
    ...     tranche="t1", lessons=[pm.Lesson(id="L1", title="Review teams early")])],
    ...     tranches=[pm.Tranche(id="t1", name="Tranche 1")],
    ...     lessons=[pm.Lesson(id="L2", title="Plan land reviews", applies_to=["t1"])])
    >>> [lesson.id for lesson in lessons_report(otp, "t1").lessons]
    ['L1', 'L2']
    >>> [lesson.id for lesson in lessons_report(otp, "llp").lessons]
    ['L1']
    """
    everything = list(programme.all_lessons())
    if subject is None or subject == programme.id:
        chosen = [lesson for _, lesson in everything]
        return LessonsReport(programme.id, "programme", programme.name, _ordered(chosen))
    for project in programme.projects:
        if project.id == subject:
            inside = {project.id, *(stage.id for stage in project.stages)}
            chosen = [
                lesson
                for holder, lesson in everything
                if not inside.isdisjoint(lesson.applies_to)
                or (not lesson.applies_to and holder is project)
            ]
            return LessonsReport(project.id, "project", project.name, _ordered(chosen))
        for stage in project.stages:
            if stage.id == subject:
                chosen = [
                    lesson
                    for holder, lesson in everything
                    if stage.id in lesson.applies_to
                    or (
                        not lesson.applies_to
                        and holder is project
                        and _within(lesson.raised_on, stage.start, stage.finish)
                    )
                ]
                return LessonsReport(stage.id, "stage", stage.name, _ordered(chosen))
    for tranche in programme.tranches:
        if tranche.id == subject:
            members: dict[str, Project] = {
                p.id: p for p in programme.projects if p.tranche == subject
            }
            inside = {tranche.id, *members}
            inside |= {stage.id for p in members.values() for stage in p.stages}
            chosen = [
                lesson
                for holder, lesson in everything
                if not inside.isdisjoint(lesson.applies_to)
                or (not lesson.applies_to and holder is not None and holder.id in members)
            ]
            return LessonsReport(tranche.id, "tranche", tranche.name, _ordered(chosen))
    known = [programme.id, *(p.id for p in programme.projects), *(t.id for t in programme.tranches)]
    raise ValueError(
        f"no stage, project or tranche {subject!r} in the programme (try one of "
        f"{', '.join(known[:8])}{', ...' if len(known) > 8 else ''})"
    )


def _ordered(lessons: list[Lesson]) -> tuple[Lesson, ...]:
    unique = {id(lesson): lesson for lesson in lessons}.values()
    return tuple(sorted(unique, key=lambda lesson: (lesson.raised_on or date.max, lesson.id)))
