"""Lessons (PRINCE2's lessons log, MSP's programme lessons) and what closing a project
records (PRINCE2 "Closing a Project")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field

from .common import Date, Id, Model, Ref, StrEnum, Text

__all__ = ["Lesson", "LessonKind", "LessonType", "ProjectClosure"]


class LessonType(StrEnum):
    """Whom a lesson is for (PRINCE2's lesson types)."""

    PROJECT = "project"
    """For this project: apply it in a later stage."""
    PROGRAMME = "programme"
    """For the programme and its other projects (MSP's programme lessons)."""
    CORPORATE = "corporate"
    """For the council's way of running programmes and projects."""


class LessonKind(StrEnum):
    """Whether the lesson is one to repeat or one to avoid."""

    POSITIVE = "positive"
    """Something that went well and is worth repeating."""
    NEGATIVE = "negative"
    """Something that went badly and should be avoided."""


class Lesson(Model):
    """One entry in a lessons log: what happened, why, what it did, and what to do next time.

    Projects keep their own log (`Project.lessons`); the programme keeps lessons for the
    programme, its tranches and the council (`Programme.lessons`).

    >>> Lesson(id="L-1", title="Deep dive workshops", kind="positive",
    ...        recommendation="Use short workshop cycles", raised_on="2010-01-12")
    Lesson(id='L-1', title='Deep dive workshops', kind='positive', \
recommendation='Use short workshop cycles', raised_on=datetime.date(2010, 1, 12))
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    id: Id
    """Short id, unique in the programme."""
    title: Text
    """The lesson in a line."""
    type: LessonType = LessonType.PROJECT
    """Project, programme or corporate."""
    kind: LessonKind | None = None
    """Positive (repeat it) or negative (avoid it)."""
    event: str | None = None
    """What happened."""
    cause: str | None = None
    """Why it happened (the cause or trigger)."""
    effect: str | None = None
    """What it did to the objectives."""
    early_warning: str | None = None
    """Signs that could have been seen earlier, if any."""
    recommendation: str | None = None
    """What to do next time."""
    raised_by: Ref | None = None
    """Who logged it."""
    raised_on: Date | None = None
    """When it was logged."""
    applies_to: list[Ref] = Field(default_factory=list)
    """The stages, projects or tranches it arose in; empty means its register's level."""


class ProjectClosure(Model):
    """What closing a project records (PRINCE2 "Closing a Project"): the users' acceptance
    of the products, the benefits review plan for after the project, the lessons report,
    and the board's decision to close.

    >>> ProjectClosure(acceptance="appr-accept", benefits_review_plan="BRP v1",
    ...                lessons_report="End project report, section 4")
    ProjectClosure(acceptance='appr-accept', benefits_review_plan='BRP v1', \
lessons_report='End project report, section 4')
    """

    if TYPE_CHECKING:  # constructors take text for dates, money and enums (see Model)

        def __init__(self, **data: Any) -> None: ...

    acceptance: Ref | None = None
    """The decision (an approval, `sign_off` or `close_project`) recording that the users
    and those who will maintain the products accepted them."""
    approval: Ref | None = None
    """The project board's decision to close the project (`close_project`)."""
    benefits_review_plan: str | None = None
    """Reference of the benefits review plan: when and by whom benefits are measured after
    the project."""
    lessons_report: str | None = None
    """Reference of the lessons report (or the end project report's lessons section)."""
    closed_on: Date | None = None
    """When the project closed."""
