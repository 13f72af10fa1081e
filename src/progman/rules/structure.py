"""Structure rules: ids are unique, references resolve, dates nest and follow each other,
and dependencies do not loop (`PG-CYCLE`, found by the scheduler's graph).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from functools import partial

from ..model import Dependency, DependencyScope, StageKind, Tolerance
from ._common import PROGRAMME_BOARD, PROJECT_BOARD
from .context import RuleContext
from .registry import Problem, rule

__all__: list[str] = []

PERSON = frozenset({"person"})
PARTY = frozenset({"person", "board"})
SCOPE = frozenset({"programme", "tranche", "strand", "project"})
WORK = frozenset({"task", "milestone", "stage", "project"})
APPROVAL = frozenset({"approval"})
LESSON_SCOPE = frozenset({"programme", "tranche", "strand", "project", "stage"})
BOARD = frozenset({"board"})
TRANCHE = frozenset({"tranche"})
STRAND = frozenset({"strand"})
PROJECT = frozenset({"project"})
BENEFIT = frozenset({"benefit"})
OUTCOME = frozenset({"outcome"})
CAPABILITY = frozenset({"capability"})
DELEGATION = frozenset({"delegation"})
ANY: frozenset[str] = frozenset()

_KIND_WORDS = {
    PERSON: "a person",
    PARTY: "a person or board",
    SCOPE: "a tranche, strand or project",
    WORK: "a task, milestone, stage or project",
    APPROVAL: "an approval",
    LESSON_SCOPE: "a tranche, strand, project or stage",
}

# "Did you mean" compares the broken id with candidate ids (25-60 µs each);
# a fixed budget of comparisons per validation keeps a file full of broken
# references fast, trying the referring project's own ids before the whole
# programme's.
_SUGGESTION_BUDGET = 5_000


_structure = partial(rule, family="structure")


@_structure("PG-ID-DUPLICATE", "error", "Every id is used by one object only, across the programme")
def duplicate_ids(ctx: RuleContext) -> Iterator[Problem]:
    for object_id, holders in ctx.clashes.items():
        places = "; ".join(f"{e.kind} at {e.path}" for e in holders)
        yield Problem(
            f"id {object_id!r} is used by {len(holders)} objects: {places}",
            path=holders[1].path,
            subject=object_id,
            data={"id": object_id, "paths": [e.path for e in holders]},
        )


def _unresolved(ctx: RuleContext) -> list[tuple[str, str, frozenset[str], str]]:
    """Every reference in the programme that names nothing of a kind it allows, in the
    programme's order: (path, id referred to, kinds allowed, role). A path is written
    only for these (tens of thousands of references resolve)."""
    p = ctx.programme
    objects = ctx.objects
    out: list[tuple[str, str, frozenset[str], str]] = []
    # The ids each set of kinds accepts, gathered once: a reference is then one look-up
    # (some 70,000 references in a programme of 1,000 projects).
    accepted: dict[frozenset[str], set[str]] = {}

    def resolving(kinds: frozenset[str]) -> set[str]:
        found = accepted.get(kinds)
        if found is None:
            if kinds:  # an id resolves as the kind of the first object holding it
                found = set()
                for kind in kinds:
                    found.update(ctx.ids_by_kind.get(kind, ()))
                # only an id held by several objects can be held first by another kind
                for key in ctx.clashes:
                    if key in found and objects[key].kind not in kinds:
                        found.discard(key)
            else:
                found = set(objects)
            found.discard("")
            if not kinds or "programme" in kinds:
                found.add(p.id)
            accepted[kinds] = found
        return found

    def opt(base: str, name: str, ref: str | None, kinds: frozenset[str], role: str) -> None:
        if ref is not None and ref not in resolving(kinds):
            out.append((base + name, ref, kinds, role))

    def many(base: str, name: str, refs: list[str], kinds: frozenset[str], role: str) -> None:
        if not refs:
            return
        known = resolving(kinds)
        for i, ref in enumerate(refs):
            if ref not in known:
                out.append((f"{base}{name}[{i}]", ref, kinds, role))

    work, people, parties = resolving(WORK), resolving(PERSON), resolving(PARTY)

    def links(base: str, name: str, items: list[Dependency]) -> None:
        for i, link in enumerate(items):
            # Links to other programmes or outside bodies name things we do not hold.
            if link.scope is DependencyScope.INTERNAL and link.on not in work:
                out.append((f"{base}{name}[{i}].on", link.on, WORK, "predecessor"))
            if link.owner is not None and link.owner not in people:
                out.append((f"{base}{name}[{i}].owner", link.owner, PERSON, "dependency owner"))

    def tolerances(base: str, name: str, items: list[Tolerance]) -> None:
        for i, tolerance in enumerate(items):
            if tolerance.set_by is not None and tolerance.set_by not in parties:
                out.append((f"{base}{name}[{i}].set_by", tolerance.set_by, PARTY, "set by"))

    opt("", "sro", p.sro, PERSON, "SRO")
    opt("", "programme_manager", p.programme_manager, PERSON, "programme manager")
    many("", "sponsoring_group", p.sponsoring_group, PARTY, "sponsoring group member")
    tolerances("", "tolerances", p.tolerances)
    for i, board in enumerate(p.boards):
        opt(f"boards[{i}]", ".chair", board.chair, PERSON, "chair")
        many(f"boards[{i}]", ".members", board.members, PERSON, "board member")
        opt(f"boards[{i}]", ".parent", board.parent, BOARD, "parent board")
    for i, role in enumerate(p.roles):
        opt(f"roles[{i}]", ".person", role.person, PERSON, str(role.role))
        opt(f"roles[{i}]", ".scope", role.scope, SCOPE, "role scope")
    for i, holder in enumerate(p.stakeholders):
        opt(f"stakeholders[{i}]", ".owner", holder.owner, PERSON, "stakeholder owner")
    for i, tranche in enumerate(p.tranches):
        review = tranche.end_of_tranche_review
        opt(f"tranches[{i}]", ".end_of_tranche_review", review, APPROVAL, "review")
        tolerances(f"tranches[{i}]", ".tolerances", tranche.tolerances)
    for i, strand in enumerate(p.strands):
        opt(f"strands[{i}]", ".lead", strand.lead, PERSON, "strand lead")
        opt(f"strands[{i}]", ".board", strand.board, BOARD, "strand board")
        many(f"strands[{i}]", ".projects", strand.projects, PROJECT, "project")
    for path, project in ctx.projects:
        opt(path, ".executive", project.executive, PERSON, "Executive")
        many(path, ".senior_users", project.senior_users, PERSON, "Senior User")
        many(path, ".senior_suppliers", project.senior_suppliers, PERSON, "Senior Supplier")
        opt(path, ".project_manager", project.project_manager, PERSON, "PM")
        many(path, ".assurance", project.assurance, PERSON, "Project Assurance")
        change = project.change_authority
        opt(path, ".change_authority", change, PARTY, "change authority")
        opt(path, ".tranche", project.tranche, TRANCHE, "tranche")
        if project.business_case is not None:
            case = project.business_case
            opt(f"{path}.business_case", ".approval", case.approval, APPROVAL, "approval")
            opt(f"{path}.business_case", ".owner", case.owner, PERSON, "owner")
        tolerances(path, ".tolerances", project.tolerances)
        links(path, ".depends_on", project.depends_on)
        if project.closure is not None:
            closure = project.closure
            base = f"{path}.closure"
            opt(base, ".acceptance", closure.acceptance, APPROVAL, "acceptance")
            opt(base, ".approval", closure.approval, APPROVAL, "closure approval")
    for path, _, _, stage in ctx.stages:
        opt(path, ".authorisation", stage.authorisation, APPROVAL, "authorisation")
        opt(path, ".end_stage_approval", stage.end_stage_approval, APPROVAL, "end-stage approval")
        tolerances(path, ".tolerances", stage.tolerances)
    for path, _, _, task in ctx.tasks:
        if task.owner is not None and task.owner not in people:
            out.append((path + ".owner", task.owner, PERSON, "owner"))
        if task.depends_on:
            links(path, ".depends_on", task.depends_on)
        if task.tolerances:
            tolerances(path, ".tolerances", task.tolerances)
    for path, _, _, milestone in ctx.milestones:
        opt(path, ".owner", milestone.owner, PERSON, "owner")
        links(path, ".depends_on", milestone.depends_on)
    for path, _, risk in ctx.risks:
        opt(path, ".owner", risk.owner, PERSON, "risk owner")
        opt(path, ".handed_over_to", risk.handed_over_to, PARTY, "handed over to")
        opt(path, ".actionee", risk.actionee, PERSON, "actionee")
        opt(path, ".strand", risk.strand, STRAND, "strand")
        for a, action in enumerate(risk.actions):
            opt(f"{path}.actions[{a}]", ".actionee", action.actionee, PERSON, "actionee")
    for path, _, issue in ctx.issues:
        opt(path, ".raised_by", issue.raised_by, PARTY, "raised by")
        opt(path, ".owner", issue.owner, PERSON, "issue owner")
        opt(path, ".decided_by", issue.decided_by, PARTY, "decided by")
        handed = issue.handed_over_to
        opt(path, ".handed_over_to", handed, PARTY, "handed over to")
    for path, _, lesson in ctx.lessons:
        opt(path, ".raised_by", lesson.raised_by, PARTY, "raised by")
        many(path, ".applies_to", lesson.applies_to, LESSON_SCOPE, "applies to")
    for path, benefit in ctx.benefits:
        opt(path, ".owner", benefit.owner, PERSON, "benefit owner")
        many(path, ".enabled_by", benefit.enabled_by, PROJECT, "enabling project")
        opt(path, ".tranche", benefit.tranche, TRANCHE, "tranche")
        many(path, ".components", benefit.components, BENEFIT, "component benefit")
        many(path, ".outcomes", benefit.outcomes, OUTCOME, "outcome")
    for i, capability in enumerate(p.capabilities):
        base = f"capabilities[{i}]"
        many(base, ".enabled_by", capability.enabled_by, PROJECT, "enabling project")
        opt(base, ".tranche", capability.tranche, TRANCHE, "tranche")
    for i, outcome in enumerate(p.outcomes):
        base = f"outcomes[{i}]"
        many(base, ".capabilities", outcome.capabilities, CAPABILITY, "capability")
        many(base, ".leads_to", outcome.leads_to, OUTCOME, "outcome")
    for path, authority in ctx.authorities:
        opt(path, ".holder", authority.holder, PARTY, "holder")
        many(path, ".scope", authority.scope, ANY, "scope")
    for i, delegation in enumerate(p.delegations):
        base = f"delegations[{i}]"
        opt(base, ".delegator", delegation.delegator, PARTY, "delegator")
        many(base, ".delegates", delegation.delegates, PARTY, "delegate")
        many(base, ".scope", delegation.scope, ANY, "scope")
    for i, approval in enumerate(p.approvals):
        base = f"approvals[{i}]"
        opt(base, ".subject", approval.subject, ANY, "subject")
        many(base, ".approvers", approval.approvers, PARTY, "approver")
        opt(base, ".delegation", approval.delegation, DELEGATION, "delegation")
        opt(base, ".requested_by", approval.requested_by, PARTY, "requested by")
    for i, reservation in enumerate(p.reservations):
        base = f"reservations[{i}]"
        opt(base, ".body", reservation.body, PARTY, "reserving body")
        many(base, ".subjects", reservation.subjects, ANY, "reserved subject")
    executive = p.governance.executive
    opt("", "governance.executive", executive, BOARD, "executive body")
    for i, waiver in enumerate(p.governance.suppress):
        base = f"governance.suppress[{i}]"
        opt(base, ".target", waiver.target, ANY, "suppression target")
        opt(base, ".by", waiver.by, PARTY, "suppressed by")
    return out


@_structure(
    "PG-REF-UNRESOLVED",
    "error",
    "Every reference names an object of the right kind that exists in the programme",
)
def unresolved_references(ctx: RuleContext) -> Iterator[Problem]:
    programme_id = ctx.programme.id
    suggest = _Suggester(ctx)
    for path, ref, kinds, role in _unresolved(ctx):
        kind = ctx.kind_of(ref)
        owner = _owner_id(ctx, path.rsplit(".", 1)[0] if "." in path else "")
        holder = ctx.describe(owner) if owner else f"programme {programme_id!r}"
        if kind is not None:
            message = (
                f"{holder} names {ctx.describe(ref)} as its {role}, "
                f"but that must be {_KIND_WORDS.get(kinds, 'something else')}"
            )
            data = {"ref": ref, "found_kind": kind, "expected": sorted(kinds)}
        else:
            hint = suggest.hint(ref, kinds, owner)
            message = f"{holder} names {role} {ref!r}, which is not in the programme{hint}"
            data = {"ref": ref, "expected": sorted(kinds)}
        yield Problem(message, path=path, subject=owner or programme_id, data=data)


def _owner_id(ctx: RuleContext, path: str) -> str | None:
    """Id of the object at `path` or nearest above it: `...tasks[2].depends_on[0]` -> the task."""
    by_path: dict[str, str] = ctx.memo(
        "ids-by-path", lambda: {entry.path: key for key, entry in ctx.objects.items()}
    )
    while path:
        found = by_path.get(path)
        if found is not None:
            return found
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


class _Suggester:
    """Nearest existing ids for a broken reference, within a budget of comparisons."""

    def __init__(self, ctx: RuleContext) -> None:
        self.ctx = ctx
        self.budget = _SUGGESTION_BUDGET
        self._pools: dict[tuple[str | None, frozenset[str]], list[str]] = {}
        self._by_project: dict[str, list[tuple[str, str]]] | None = None

    def _pool(self, project: str | None, kinds: frozenset[str]) -> list[str]:
        key = (project, kinds)
        if key not in self._pools:
            if project is None:
                self._pools[key] = [
                    i
                    for kind, ids in self.ctx.ids_by_kind.items()
                    if not kinds or kind in kinds
                    for i in ids
                ]
            else:
                self._pools[key] = [
                    i
                    for kind, i in self._project_ids().get(project, ())
                    if not kinds or kind in kinds
                ]
        return self._pools[key]

    def _project_ids(self) -> dict[str, list[tuple[str, str]]]:
        if self._by_project is None:
            self._by_project = {}
            for object_id, entry in self.ctx.objects.items():
                project = entry.project.id if entry.project else None
                if entry.kind == "project":
                    project = object_id
                if project is not None:
                    self._by_project.setdefault(project, []).append((entry.kind, object_id))
        return self._by_project

    def hint(self, ref: str, kinds: frozenset[str], owner: str | None) -> str:
        """` (did you mean 'x'?)`, or '' when nothing is close or the budget is spent."""
        entry = self.ctx.objects.get(owner) if owner else None
        project = None
        if entry is not None:
            project = entry.obj.id if entry.kind == "project" else None
            project = entry.project.id if entry.project else project
        for scope in (project, None) if project else (None,):
            pool = self._pool(scope, kinds)
            if not pool or len(pool) > self.budget:
                continue
            self.budget -= len(pool)
            close = difflib.get_close_matches(ref, pool, n=1, cutoff=0.6)
            if close:
                return f" (did you mean {close[0]!r}?)"
        return ""


def _outside(
    start: date | None, finish: date | None, outer_start: date | None, outer_end: date | None
) -> list[str]:
    """Why [start, finish] does not lie inside [outer_start, outer_end] (empty if it does)."""
    reasons = []
    if start and outer_start and start < outer_start:
        reasons.append(f"starts {start} before {outer_start}")
    if start and outer_end and start > outer_end:
        reasons.append(f"starts {start} after the end {outer_end}")
    if finish and outer_end and finish > outer_end:
        reasons.append(f"finishes {finish} after {outer_end}")
    return reasons


@_structure(
    "PG-STAGE-ORDER",
    "error",
    "A project's stages follow one another without overlapping, initiation first",
)
def stage_order(ctx: RuleContext) -> Iterator[Problem]:
    for path, project, index, stage in ctx.stages:
        if index == 0:
            continue
        if stage.kind is StageKind.INITIATION:
            yield Problem(
                f"stage {stage.id!r} of project {project.id!r} is an initiation stage but is "
                f"not the first stage",
                path=path,
                subject=stage.id,
                escalate_to=PROJECT_BOARD,
            )
        before = project.stages[index - 1]
        if stage.start and before.finish and stage.start <= before.finish:
            yield Problem(
                f"stage {stage.id!r} of project {project.id!r} starts {stage.start}, before "
                f"the previous stage {before.id!r} finishes ({before.finish})",
                path=path,
                subject=stage.id,
                escalate_to=PROJECT_BOARD,
                data={
                    "start": stage.start,
                    "previous": before.id,
                    "previous_finish": before.finish,
                },
            )


@_structure("PG-STAGE-DATES", "error", "Stages lie inside their project's dates")
def stage_dates(ctx: RuleContext) -> Iterator[Problem]:
    for path, project, _, stage in ctx.stages:
        reasons = _outside(stage.start, stage.finish, project.start, project.finish)
        if reasons:
            yield Problem(
                f"stage {stage.id!r} lies outside project {project.id!r} "
                f"({project.start} to {project.finish}): it {' and '.join(reasons)}",
                path=path,
                subject=stage.id,
                escalate_to=PROJECT_BOARD,
                data={"project_start": project.start, "project_finish": project.finish},
            )


@_structure("PG-PROJECT-TRANCHE-DATES", "error", "Projects lie inside their tranche's dates")
def project_in_tranche(ctx: RuleContext) -> Iterator[Problem]:
    for path, project in ctx.projects:
        entry = ctx.objects.get(project.tranche) if project.tranche else None
        if entry is None or entry.kind != "tranche":
            continue
        tranche = entry.obj
        reasons = _outside(project.start, project.finish, tranche.start, tranche.end)
        if reasons:
            yield Problem(
                f"project {project.id!r} lies outside tranche {tranche.id!r} "
                f"({tranche.start} to {tranche.end}): it {' and '.join(reasons)}",
                path=path,
                subject=project.id,
                escalate_to=PROGRAMME_BOARD,
                data={
                    "tranche": tranche.id,
                    "tranche_start": tranche.start,
                    "tranche_end": tranche.end,
                },
            )


@_structure(
    "PG-CONFIG",
    "warning",
    "Rule settings and suppressions name rules that exist",
)
def configuration(ctx: RuleContext) -> Iterator[Problem]:
    known = ctx.registry.ids()
    settings = ctx.settings
    for rule_id in settings.rules:
        if rule_id not in ctx.registry:
            yield Problem(
                f"governance.rules configures {rule_id!r}, which is not a rule"
                + _hint(rule_id, known),
                path=f"governance.rules.{rule_id}",
                subject=ctx.programme.id,
            )
    for i, waiver in enumerate(settings.suppress):
        if waiver.rule not in ctx.registry:
            yield Problem(
                f"a suppression names rule {waiver.rule!r}, which is not a rule"
                + _hint(waiver.rule, known),
                path=f"governance.suppress[{i}]",
                subject=ctx.programme.id,
            )


def _hint(word: str, pool: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, pool, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@_structure(
    "PG-CYCLE",
    "error",
    "Dependencies never loop back on themselves (the cycle is spelled out)",
)
def dependency_cycle(ctx: RuleContext) -> Iterator[Problem]:
    # The scheduler's graph finds cycles once, in linear time; reuse its findings.
    _, problems = ctx.schedule()
    for finding in problems:
        if finding.code == "SCHED-CYCLE":
            cycle = [str(node) for node in finding.data["cycle"]]
            yield Problem(
                f"dependency cycle: {' -> '.join(cycle)}; no item in it can start until "
                "another in it has, so the plan cannot be scheduled",
                path=finding.path,
                subject=cycle[0],
                data=dict(finding.data),
            )
