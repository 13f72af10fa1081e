"""Closure and lessons rules: a project closes as PRINCE2's "Closing a Project" says (its
products accepted, its open risks and issues closed or handed over, a benefits review plan
for after it, its lessons reported), and every lesson can be acted on.

A project counts as closed when its status is `closed`, `closed_prematurely` or
`transferred_to_bau`. A premature closure need not have finished its work (PRINCE2: the
products may be incomplete), but it still records the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..model import DecisionType, Level, Project, ProjectStatus, Risk, Task
from ..words import words
from ._common import PROGRAMME_BOARD, PROJECT_BOARD, names
from .context import RuleContext
from .gates import gate_passed
from .registry import Problem, rule

__all__ = ["CLOSED"]

CLOSED = frozenset(
    {ProjectStatus.CLOSED, ProjectStatus.CLOSED_PREMATURELY, ProjectStatus.TRANSFERRED_TO_BAU}
)
"""Project statuses that mean the project has closed."""
_ACCEPTING = frozenset({DecisionType.SIGN_OFF, DecisionType.CLOSE_PROJECT})
_ABOVE_PROJECT = frozenset({Level.STRAND, Level.TRANCHE, Level.PROGRAMME})

_closure_rule = partial(rule, family="closure")


def _closed(ctx: RuleContext) -> list[tuple[str, Project]]:
    """The closed projects with their paths, picked out once for the four closure rules."""
    return ctx.memo(
        "closed-projects",
        lambda: [(path, project) for path, project in ctx.projects if project.status in CLOSED],
    )


def _held_above(risk: Risk) -> bool:
    """True when a risk in a project's list is already held above the project: managed at
    strand, tranche or programme level, or escalated there."""
    return risk.level in _ABOVE_PROJECT or risk.escalated_to in _ABOVE_PROJECT


# How each closed status reads, written once (thousands of findings on a large programme).
_CLOSED_WORDS = {status: words(status) for status in CLOSED}


def _is(project: Project) -> str:
    status = _CLOSED_WORDS.get(project.status) or words(project.status)
    return f"project {project.id!r} is {status}"


@_closure_rule(
    "PG-CLOSURE-ACCEPTANCE",
    "error",
    "A closed project's products were accepted (an approved sign-off or closure decision) and, "
    "unless it closed prematurely, its work is finished",
)
def closure_acceptance(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in _closed(ctx):
        closure = project.closure
        passed, why, approval = gate_passed(ctx, closure.acceptance if closure else None)
        if passed and approval is not None and approval.decision not in _ACCEPTING:
            passed = False
            why = (
                f"approval {approval.id!r} decides {words(approval.decision)}, not a "
                "sign-off or closure"
            )
        if not passed:
            yield Problem(
                f"{_is(project)} but the acceptance of its products is not recorded: {why}",
                path=f"{path}.closure" if closure else path,
                subject=project.id,
                escalate_to=PROJECT_BOARD,
                data={"acceptance": closure.acceptance if closure else None},
            )
        if project.status is ProjectStatus.CLOSED_PREMATURELY:
            continue
        unfinished = [
            item.id
            for _, item in project.work_items()
            if (item.actual_finish if isinstance(item, Task) else item.achieved_on) is None
        ]
        if unfinished:
            yield Problem(
                f"{_is(project)} but {len(unfinished)} of its tasks and milestones "
                f"{'is' if len(unfinished) == 1 else 'are'} not finished ({names(unfinished[:5])}"
                f"{' ...' if len(unfinished) > 5 else ''}): finish them, or close the project "
                "prematurely",
                path=f"{path}.status",
                subject=project.id,
                escalate_to=PROJECT_BOARD,
                data={"unfinished": unfinished},
            )


@_closure_rule(
    "PG-CLOSURE-HANDOVER",
    "error",
    "A closed project leaves no active risk or open issue that is neither closed nor handed "
    "over to someone who will manage it",
)
def closure_handover(ctx: RuleContext) -> Iterator[Problem]:
    closed = {project.id for _, project in _closed(ctx)}
    if not closed:
        return
    for path, project, risk in ctx.risks:
        if project is None or project.id not in closed:
            continue
        if risk.active and risk.handed_over_to is None and not _held_above(risk):
            yield Problem(
                f"{_is(project)} but its risk {risk.id!r} ({risk.title}) is still active and "
                "handed over to no one: close it, or record who takes it on (`handed_over_to`)",
                path=path,
                subject=risk.id,
                escalate_to=PROGRAMME_BOARD,
                data={"project": project.id},
            )
    for path, project, issue in ctx.issues:
        if project is None or project.id not in closed:
            continue
        if issue.open and issue.handed_over_to is None:
            yield Problem(
                f"{_is(project)} but its issue {issue.id!r} ({issue.title}) is "
                f"{words(issue.status)} and handed over to no one: close it, or record who "
                "takes it on (`handed_over_to`)",
                path=path,
                subject=issue.id,
                escalate_to=PROGRAMME_BOARD,
                data={"project": project.id, "status": str(issue.status)},
            )


@_closure_rule(
    "PG-CLOSURE-BENEFITS-REVIEW",
    "error",
    "A closed project has a benefits review plan for the benefits measured after it",
)
def closure_benefits_review(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in _closed(ctx):
        closure = project.closure
        if closure is None or not closure.benefits_review_plan:
            yield Problem(
                f"{_is(project)} but no benefits review plan is recorded "
                "(`closure.benefits_review_plan`): who measures its benefits after it, and when",
                path=f"{path}.closure" if closure else path,
                subject=project.id,
                escalate_to=PROJECT_BOARD,
            )


@_closure_rule(
    "PG-CLOSURE-LESSONS",
    "warning",
    "A closed project has recorded its lessons: a lessons report and at least one lesson",
)
def closure_lessons(ctx: RuleContext) -> Iterator[Problem]:
    closed = _closed(ctx)
    if not closed:
        return
    logged: dict[str, int] = {}
    for _, project, lesson in ctx.lessons:
        targets = set(lesson.applies_to) | ({project.id} if project else set())
        for target in targets:
            logged[target] = logged.get(target, 0) + 1
    for path, project in closed:
        closure = project.closure
        missing = []
        if closure is None or not closure.lessons_report:
            missing.append("no lessons report (`closure.lessons_report`)")
        if not logged.get(project.id):
            missing.append("no lesson in its lessons log")
        if missing:
            yield Problem(
                f"{_is(project)} with {' and '.join(missing)}: PRINCE2 closes a project by "
                "recording what later work should repeat or avoid",
                path=f"{path}.closure" if closure else path,
                subject=project.id,
                escalate_to=PROJECT_BOARD,
                data={"lessons": logged.get(project.id, 0)},
            )


@_closure_rule(
    "PG-LESSON-INCOMPLETE",
    "warning",
    "A lesson says what happened, what it did and what to do next time",
    family="lessons",
)
def lesson_incomplete(ctx: RuleContext) -> Iterator[Problem]:
    for path, _, lesson in ctx.lessons:
        missing = [
            name for name in ("event", "effect", "recommendation") if not getattr(lesson, name)
        ]
        if missing:
            yield Problem(
                f"lesson {lesson.id!r} ({lesson.title}) has no {' and no '.join(missing)}: "
                "a lesson others can act on records the event, its effect and a "
                "recommendation",
                path=path,
                subject=lesson.id,
                data={"missing": missing},
            )
