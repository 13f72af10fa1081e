"""Gate rules: stages, delivery and tranches start only once the gate before is passed.

"Approved" means an `Approval` with an approving outcome made by someone who
held the authority for it (see the delegation rules), so a gate cannot be
passed on a signature that did not count.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..model import Approval, ProjectStatus, StageStatus
from ._common import PROGRAMME_BOARD, PROJECT_BOARD, SPONSORING_GROUP
from .context import RuleContext
from .delegation import approval_verdict
from .registry import Problem, rule

__all__ = ["gate_passed"]

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
                f"tranche {tranche.id!r} started on {tranche.start} but the end-of-tranche review "
                f"of {before.id!r} is not approved: {why}",
                path=f"tranches[{i}]",
                subject=tranche.id,
                escalate_to=SPONSORING_GROUP,
                data={"previous": before.id, "review": before.end_of_tranche_review},
            )
