"""Gate rules: stages, delivery and tranches start only once the gate before is passed.

"Approved" means an `Approval` with an approving outcome made by someone who
held the authority for it (see the delegation rules), so a gate cannot be
passed on a signature that did not count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import partial

from ..model import Approval, BusinessCaseStatus, ProjectStatus, StageStatus
from ..words import long_date, plural
from ._common import PROGRAMME_BOARD, PROJECT_BOARD, SPONSORING_GROUP
from .context import RuleContext
from .delegation import approval_verdict
from .registry import Problem, rule

__all__ = ["gate_passed"]

_CASE_ORDER = list(BusinessCaseStatus)
_IN_DELIVERY = frozenset({ProjectStatus.DELIVERING, ProjectStatus.IN_EXCEPTION})

_gate_rule = partial(rule, family="gates")

_UNDER_WAY = frozenset({StageStatus.ACTIVE, StageStatus.IN_EXCEPTION, StageStatus.COMPLETE})
_BEYOND_INITIATION = frozenset(
    {
        ProjectStatus.DELIVERING,
        ProjectStatus.IN_EXCEPTION,
        ProjectStatus.CLOSED,
        ProjectStatus.TRANSFERRED_TO_BAU,
    }
)


def gate_passed(ctx: RuleContext, approval_id: str | None) -> tuple[bool, str, Approval | None]:
    """Whether the approval cited for a gate passes it, and if not, why (in words).

    >>> import datetime
    >>> from progman import Programme
    >>> ctx = RuleContext(Programme(id="otp", name="OTP"), today=datetime.date(2013, 1, 10))
    >>> gate_passed(ctx, "a-missing")
    (False, "the approval it cites, 'a-missing', is not in the programme", None)
    """
    if approval_id is None:
        return False, "no approval is recorded", None
    approval = ctx.approvals.get(approval_id)
    if approval is None:
        return False, f"the approval it cites, {approval_id!r}, is not in the programme", None
    if not approval.approved:
        return False, f"approval {approval_id!r} was {approval.outcome}", approval
    verdict = approval_verdict(ctx, approval)
    if not verdict.valid:
        return (
            False,
            f"approval {approval_id!r} was not made with the authority to make it",
            approval,
        )
    return True, "", approval


@_gate_rule(
    "PG-GATE-STAGE",
    "error",
    "A stage is active or complete only after the previous stage's end-stage assessment is "
    "approved with authority",
)
def stage_gate(ctx: RuleContext) -> Iterator[Problem]:
    for path, project, index, stage in ctx.stages:
        if index == 0 or stage.status not in _UNDER_WAY:
            continue
        before = project.stages[index - 1]
        passed, why, _ = gate_passed(ctx, before.end_stage_approval)
        if not passed:
            yield Problem(
                f"stage {stage.id!r} of project {project.id!r} is {stage.status} but the "
                f"end-stage assessment of the previous stage {before.id!r} is not approved: "
                f"{why}",
                path=f"{path}.status",
                subject=stage.id,
                escalate_to=PROJECT_BOARD,
                data={"previous": before.id, "approval": before.end_stage_approval},
            )


@_gate_rule(
    "PG-GATE-BUSINESS-CASE",
    "error",
    "A project beyond initiation has an approved business case",
)
def business_case_gate(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in ctx.projects:
        if project.status not in _BEYOND_INITIATION:
            continue
        case = project.business_case
        if case is None:
            passed, why = False, "it has no business case"
        else:
            passed, why, _ = gate_passed(ctx, case.approval)
        if not passed:
            yield Problem(
                f"project {project.id!r} is {str(project.status).replace('_', ' ')} without an "
                f"approved business case: {why}",
                path=f"{path}.business_case" if case else path,
                subject=project.id,
                escalate_to=PROGRAMME_BOARD,
                data={"status": str(project.status), "approval": case.approval if case else None},
            )


@_gate_rule(
    "PG-GATE-TRANCHE",
    "error",
    "A tranche starts only after the previous tranche's end-of-tranche review is approved",
)
def tranche_gate(ctx: RuleContext) -> Iterator[Problem]:
    tranches = ctx.programme.tranches
    for i in range(1, len(tranches)):
        tranche, before = tranches[i], tranches[i - 1]
        if tranche.start is None or tranche.start > ctx.today:
            continue
        passed, why, _ = gate_passed(ctx, before.end_of_tranche_review)
        if not passed:
            yield Problem(
                f"tranche {tranche.id!r} started on {long_date(tranche.start)} but the "
                f"end-of-tranche review of {before.id!r} is not approved: {why}",
                path=f"tranches[{i}]",
                subject=tranche.id,
                escalate_to=SPONSORING_GROUP,
                data={"previous": before.id, "review": before.end_of_tranche_review},
            )


@_gate_rule(
    "PG-GATE-BUSINESS-CASE-STATUS",
    "error",
    "A project in delivery has the business case the programme requires before delivery "
    "(governance.business_case_for_delivery)",
)
def business_case_status(ctx: RuleContext) -> Iterator[Problem]:
    required = ctx.settings.business_case_for_delivery
    for path, project in ctx.projects:
        case = project.business_case
        if project.status not in _IN_DELIVERY or case is None:
            continue  # no business case at all is PG-GATE-BUSINESS-CASE's finding
        if _CASE_ORDER.index(case.status) < _CASE_ORDER.index(required):
            yield Problem(
                f"project {project.id!r} ({project.name}) is "
                f"{str(project.status).replace('_', ' ')} on {_a(case.status)} business case, "
                f"but the programme requires {_a(required)} business case before delivery",
                path=f"{path}.business_case.status",
                subject=project.id,
                escalate_to=PROGRAMME_BOARD,
                data={"status": str(case.status), "required": str(required)},
            )


def _a(status: BusinessCaseStatus) -> str:
    return f"an {status}" if str(status)[0] in "aeiou" else f"a {status}"


def _started(ctx: RuleContext, stage_id: str, planned: date | None) -> date | None:
    """When a stage started: its earliest actual task start, else its planned start."""
    entry = ctx.objects.get(stage_id)
    if entry is None:
        return planned
    return ctx.memo("stage-actual-starts", lambda: _actual_starts(ctx)).get(id(entry.obj), planned)


def _actual_starts(ctx: RuleContext) -> dict[int, date]:
    """The earliest actual task start of every stage, indexed once (not a scan per stage)."""
    starts: dict[int, date] = {}
    for _, _, stage, task in ctx.tasks:
        if stage is not None and task.actual_start is not None:
            key = id(stage)
            starts[key] = min(starts.get(key, task.actual_start), task.actual_start)
    return starts


@_gate_rule(
    "PG-GATE-RETROSPECTIVE",
    "warning",
    "A stage or tranche is authorised on or before the start it authorises, not after "
    "(retrospective authorisation)",
)
def retrospective_authorisation(ctx: RuleContext) -> Iterator[Problem]:
    for path, project, index, stage in ctx.stages:
        if stage.status not in _UNDER_WAY:
            continue
        gates = [("authorisation", stage.authorisation, "its authorisation")]
        if index > 0:
            before = project.stages[index - 1]
            gates.append(
                (
                    "end_stage_approval",
                    before.end_stage_approval,
                    f"the end-stage assessment of the previous stage {before.id!r}",
                )
            )
        given = [
            (key, approval, what)
            for key, approval_id, what in gates
            if approval_id
            and (approval := ctx.approvals.get(approval_id)) is not None
            and approval.approved
        ]
        if not given:  # no approval given: none can be late (the start is not looked up)
            continue
        started = _started(ctx, stage.id, stage.start)
        if started is None:
            continue
        for key, approval, what in given:
            if approval.date <= started:
                continue
            yield Problem(
                f"stage {stage.id!r} of project {project.id!r} started on {long_date(started)} but "
                f"{what} ({approval.id!r}) is dated {long_date(approval.date)}, "
                f"{plural((approval.date - started).days, 'day')} later: the stage was authorised "
                "retrospectively",
                path=f"{path}.status",
                subject=stage.id,
                escalate_to=PROJECT_BOARD,
                data={
                    "started": started,
                    "approval": approval.id,
                    "approved": approval.date,
                    "gate": key,
                },
            )
    tranches = ctx.programme.tranches
    for i in range(1, len(tranches)):
        tranche, earlier = tranches[i], tranches[i - 1]
        if tranche.start is None or tranche.start > ctx.today:
            continue
        review_id = earlier.end_of_tranche_review
        review = ctx.approvals.get(review_id) if review_id else None
        if review is None or not review.approved or review.date <= tranche.start:
            continue
        yield Problem(
            f"tranche {tranche.id!r} started on {long_date(tranche.start)} but the end-of-tranche "
            f"review "
            f"of {earlier.id!r} ({review.id!r}) is dated {long_date(review.date)}, "
            f"{plural((review.date - tranche.start).days, 'day')} later: the tranche was "
            "authorised retrospectively",
            path=f"tranches[{i}]",
            subject=tranche.id,
            escalate_to=SPONSORING_GROUP,
            data={
                "started": tranche.start,
                "approval": review.id,
                "approved": review.date,
                "gate": "end_of_tranche_review",
            },
        )
