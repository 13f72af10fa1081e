"""Ownership rules: the SRO, each project's board, and owners for risks and benefits."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..model import Direction, Role
from ._common import PROGRAMME_BOARD, PROJECT_BOARD, SPONSORING_GROUP
from .benefits import _show
from .context import RuleContext
from .registry import Problem, rule

__all__: list[str] = []

_ownership = partial(rule, family="ownership")


@_ownership("PG-OWNER-SRO", "error", "The programme has exactly one Senior Responsible Owner (SRO)")
def programme_has_sro(ctx: RuleContext) -> Iterator[Problem]:
    programme = ctx.programme
    if not programme.sro:
        yield Problem(
            f"programme {programme.id!r} has no Senior Responsible Owner (SRO)",
            path="",
            subject=programme.id,
            escalate_to=SPONSORING_GROUP,
        )
    for i, held in enumerate(programme.roles):
        if (
            held.role is Role.SRO
            and held.scope in (None, programme.id)
            and held.person != programme.sro
            and (held.start is None or held.start <= ctx.today)
            and (held.end is None or ctx.today <= held.end)
        ):
            yield Problem(
                f"programme {programme.id!r} has two SROs on {ctx.today}: "
                f"{programme.sro!r} and {held.person!r} (a role assignment)",
                path=f"roles[{i}]",
                subject=programme.id,
                escalate_to=SPONSORING_GROUP,
                data={"sro": programme.sro, "other": held.person},
            )


@_ownership("PG-OWNER-EXECUTIVE", "error", "Every project has an Executive")
def project_has_executive(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in ctx.projects:
        if not project.executive:
            yield Problem(
                f"project {project.id!r} has no Executive to own its business case",
                path=path,
                subject=project.id,
                escalate_to=PROGRAMME_BOARD,
            )


@_ownership("PG-OWNER-PM", "error", "Every project has a Project Manager")
def project_has_manager(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in ctx.projects:
        if not project.project_manager:
            yield Problem(
                f"project {project.id!r} has no Project Manager",
                path=path,
                subject=project.id,
                escalate_to=PROJECT_BOARD,
            )


@_ownership(
    "PG-OWNER-EXECUTIVE-IS-PM", "error", "A project's Executive is not also its Project Manager"
)
def executive_not_manager(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in ctx.projects:
        if project.executive and project.executive == project.project_manager:
            yield Problem(
                f"{ctx.describe(project.executive)} is both Executive and Project Manager of "
                f"project {project.id!r}: the board cannot direct and manage at once",
                path=f"{path}.project_manager",
                subject=project.id,
                escalate_to=PROGRAMME_BOARD,
                data={"person": project.executive},
            )


@_ownership(
    "PG-OWNER-BOARD-ROLES",
    "warning",
    "Every project board has at least one Senior User and one Senior Supplier",
)
def board_roles(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in ctx.projects:
        missing = [
            role
            for role, holders in (
                ("Senior User", project.senior_users),
                ("Senior Supplier", project.senior_suppliers),
            )
            if not holders
        ]
        if missing:
            yield Problem(
                f"project {project.id!r} has no {' and no '.join(missing)} on its board",
                path=path,
                subject=project.id,
                escalate_to=PROJECT_BOARD,
                data={"missing": missing},
            )


@_ownership(
    "PG-OWNER-ASSURANCE",
    "error",
    "Project Assurance is independent of the Project Manager, team managers and support",
)
def assurance_independent(ctx: RuleContext) -> Iterator[Problem]:
    support: dict[str | None, set[str]] = {}
    for assignment in ctx.programme.roles:
        if assignment.role is Role.PROJECT_SUPPORT:
            support.setdefault(assignment.scope, set()).add(assignment.person)
    if not any(project.assurance for _, project in ctx.projects):
        return  # no one gives Project Assurance
    team_managers: dict[str, set[str]] = {}
    for _, project, _, task in ctx.tasks:
        if task.owner and project.assurance:
            team_managers.setdefault(project.id, set()).add(task.owner)
    for path, project in ctx.projects:
        for i, person in enumerate(project.assurance):
            if person == project.project_manager:
                role = "Project Manager"
            elif person in team_managers.get(project.id, ()):
                role = "a team manager"
            elif person in support.get(project.id, ()) or person in support.get(None, ()):
                role = "project support"
            else:
                continue
            yield Problem(
                f"{ctx.describe(person)} gives Project Assurance on project {project.id!r} "
                f"but is {role} there: assurance reports to the board, not to the work it checks",
                path=f"{path}.assurance[{i}]",
                subject=project.id,
                escalate_to=PROJECT_BOARD,
                data={"person": person, "role": role},
            )


@_ownership("PG-OWNER-RISK", "error", "Every active risk has an owner")
def risk_has_owner(ctx: RuleContext) -> Iterator[Problem]:
    for path, project, risk in ctx.risks:
        if risk.active and not risk.owner:
            where = f"project {project.id!r}" if project else "the programme"
            yield Problem(
                f"risk {risk.id!r} ({risk.title}) on the register of {where} has no owner",
                path=path,
                subject=risk.id,
            )


@_ownership("PG-OWNER-BENEFIT", "error", "Every benefit and dis-benefit has an owner")
def benefit_has_owner(ctx: RuleContext) -> Iterator[Problem]:
    for path, benefit in ctx.benefits:
        if not benefit.owner:
            yield Problem(
                f"{benefit.kind.replace('_', '-')} {benefit.id!r} ({benefit.name}) has no owner",
                path=path,
                subject=benefit.id,
                escalate_to=PROGRAMME_BOARD,
            )


@_ownership(
    "PG-OWNER-BENEFIT-IS-PM",
    "warning",
    "A benefit is not owned by the Project Manager of a project enabling it",
)
def benefit_owner_not_manager(ctx: RuleContext) -> Iterator[Problem]:
    for path, benefit in ctx.benefits:
        if not benefit.owner:
            continue
        for project_id in benefit.enabled_by:
            entry = ctx.objects.get(project_id)
            if entry and entry.kind == "project" and entry.obj.project_manager == benefit.owner:
                yield Problem(
                    f"benefit {benefit.id!r} is owned by {ctx.describe(benefit.owner)}, the "
                    f"Project Manager of enabling project {project_id!r}: benefits are realised "
                    "in the business, after the project closes",
                    path=f"{path}.owner",
                    subject=benefit.id,
                    escalate_to=PROGRAMME_BOARD,
                    data={"owner": benefit.owner, "project": project_id},
                )
                break


@_ownership(
    "PG-BENEFIT-MEASURE",
    "error",
    "Every benefit has a profile with a KPI, unit, baseline and target",
)
def benefit_has_measure(ctx: RuleContext) -> Iterator[Problem]:
    for path, benefit in ctx.benefits:
        profile = benefit.profile
        if profile is None:
            yield Problem(
                f"benefit {benefit.id!r} has no profile: say how it is measured (KPI, unit, "
                "baseline and target)",
                path=path,
                subject=benefit.id,
                data={"missing": ["profile"]},
            )
            continue
        missing = [
            label
            for label, value in (
                ("unit", profile.unit),
                ("baseline value", profile.baseline_value),
                ("target value", profile.target_value),
            )
            if value is None
        ]
        if missing:
            yield Problem(
                f"the profile of benefit {benefit.id!r} (KPI {profile.kpi!r}) has no "
                f"{' and no '.join(missing)}",
                path=f"{path}.profile",
                subject=benefit.id,
                data={"missing": missing},
            )


@_ownership(
    "PG-BENEFIT-TARGET",
    "error",
    "A benefit's target lies in the profile's direction from the baseline, and after it",
)
def benefit_target(ctx: RuleContext) -> Iterator[Problem]:
    for path, benefit in ctx.benefits:
        profile = benefit.profile
        if profile is None:
            continue
        base, target = profile.baseline_value, profile.target_value
        if base is not None and target is not None:
            rising = profile.direction is Direction.INCREASE
            if (rising and target <= base) or (not rising and target >= base):
                word = "above" if rising else "below"
                yield Problem(
                    f"benefit {benefit.id!r} should {profile.direction} {profile.kpi!r}, but its "
                    f"target {_show(benefit)(target)} is not {word} its baseline "
                    f"{_show(benefit)(base)}",
                    path=f"{path}.profile.target_value",
                    subject=benefit.id,
                    data={"baseline": base, "target": target, "direction": str(profile.direction)},
                )
        if (
            profile.baseline_date
            and profile.target_date
            and profile.target_date <= profile.baseline_date
        ):
            yield Problem(
                f"benefit {benefit.id!r} has its target date {profile.target_date} on or before "
                f"its baseline date {profile.baseline_date}",
                path=f"{path}.profile.target_date",
                subject=benefit.id,
                data={"baseline_date": profile.baseline_date, "target_date": profile.target_date},
            )
