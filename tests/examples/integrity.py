"""A referential-integrity check on plain programme data, for the example tests.

It runs before (and independently of) the rules engine: every id an example
refers to must name an object of a kind that makes sense there, and every id
must be unique in the programme. It returns problems as strings so a failing
test shows all of them at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from progman.model import Programme, Tolerance
from progman.model.project import Dependency, Milestone, Task

PERSON = "person"
BOARD = "board"
PROJECT = "project"
STAGE = "stage"
TRANCHE = "tranche"
STRAND = "strand"
APPROVAL = "approval"
DELEGATION = "delegation"
CALENDAR = "calendar"
WORK = "task or milestone"
ANY = "any object"

DECIDERS = (PERSON, BOARD)
SCOPES = (PROJECT, STRAND, TRANCHE)
PREDECESSORS = (WORK, STAGE, PROJECT)


@dataclass
class _Index:
    kinds: dict[str, set[str]] = field(default_factory=dict)
    all_ids: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, ids: Iterable[str]) -> None:
        for ident in ids:
            self.kinds.setdefault(ident, set()).add(kind)
            self.all_ids[ident] += 1

    def check(self, where: str, ref: str | None, kinds: tuple[str, ...]) -> Iterator[str]:
        if ref is None:
            return
        found = self.kinds.get(ref)
        if found is None:
            yield f"{where}: {ref!r} does not exist"
        elif ANY not in kinds and not found & set(kinds):
            yield f"{where}: {ref!r} is a {'/'.join(sorted(found))}, expected {' or '.join(kinds)}"


def _index(programme: Programme) -> _Index:
    index = _Index()
    index.add("programme", [programme.id])
    index.add(PERSON, (p.id for p in programme.people))
    index.add(BOARD, (b.id for b in programme.boards))
    index.add("stakeholder", (s.id for s in programme.stakeholders))
    index.add(TRANCHE, (t.id for t in programme.tranches))
    index.add(STRAND, (s.id for s in programme.strands))
    index.add(PROJECT, (p.id for p in programme.projects))
    index.add(STAGE, (s.id for p in programme.projects for s in p.stages))
    index.add(WORK, (item.id for _, _, item in programme.work_items()))
    index.add("risk", (r.id for _, r in programme.all_risks()))
    index.add("issue", (i.id for _, i in programme.all_issues()))
    index.add("benefit", (b.id for b in programme.benefits))
    index.add("objective", (o.id for o in programme.objectives))
    index.add("capability", (c.id for c in programme.capabilities))
    index.add("outcome", (o.id for o in programme.outcomes))
    index.add("authority", (a.id for a in programme.authorities))
    index.add(DELEGATION, (d.id for d in programme.delegations))
    index.add(APPROVAL, (a.id for a in programme.approvals))
    # Calendars live in their own namespace: `default` is implied.
    return index


def _tolerances(index: _Index, where: str, tolerances: list[Tolerance]) -> Iterator[str]:
    for n, tolerance in enumerate(tolerances):
        yield from index.check(f"{where}.tolerances[{n}].set_by", tolerance.set_by, DECIDERS)


def _links(index: _Index, where: str, links: list[Dependency]) -> Iterator[str]:
    for n, link in enumerate(links):
        yield from index.check(f"{where}.depends_on[{n}]", link.on, PREDECESSORS)
        yield from index.check(f"{where}.depends_on[{n}].owner", link.owner, (PERSON,))


def _work(index: _Index, where: str, item: Task | Milestone) -> Iterator[str]:
    yield from _links(index, where, item.depends_on)
    yield from index.check(f"{where}.owner", item.owner, (PERSON,))
    if isinstance(item, Task):
        yield from _tolerances(index, where, item.tolerances)


def _people_and_structure(index: _Index, p: Programme) -> Iterator[str]:
    yield from index.check("sro", p.sro, (PERSON,))
    yield from index.check("programme_manager", p.programme_manager, (PERSON,))
    for ref in p.sponsoring_group:
        yield from index.check("sponsoring_group", ref, DECIDERS)
    for n, board in enumerate(p.boards):
        yield from index.check(f"boards[{n}].chair", board.chair, (PERSON,))
        for ref in board.members:
            yield from index.check(f"boards[{n}].members", ref, (PERSON,))
    for n, role in enumerate(p.roles):
        yield from index.check(f"roles[{n}].person", role.person, (PERSON,))
        yield from index.check(f"roles[{n}].scope", role.scope, ("programme", *SCOPES))
    for n, stakeholder in enumerate(p.stakeholders):
        yield from index.check(f"stakeholders[{n}].owner", stakeholder.owner, (PERSON,))
    for n, tranche in enumerate(p.tranches):
        where = f"tranches[{n}]"
        yield from index.check(
            f"{where}.end_of_tranche_review", tranche.end_of_tranche_review, (APPROVAL,)
        )
        yield from _tolerances(index, where, tranche.tolerances)
    for n, strand in enumerate(p.strands):
        yield from index.check(f"strands[{n}].lead", strand.lead, (PERSON,))
        yield from index.check(f"strands[{n}].board", strand.board, (BOARD,))
        for ref in strand.projects:
            yield from index.check(f"strands[{n}].projects", ref, (PROJECT,))
    yield from _tolerances(index, "programme", p.tolerances)


def _projects(index: _Index, p: Programme) -> Iterator[str]:
    calendars = {c.id for c in p.calendars} | {"default"}
    for n, project in enumerate(p.projects):
        where = f"projects[{n}]"
        for name in ("executive", "project_manager"):
            yield from index.check(f"{where}.{name}", getattr(project, name), (PERSON,))
        for name in ("senior_users", "senior_suppliers", "assurance"):
            for ref in getattr(project, name):
                yield from index.check(f"{where}.{name}", ref, (PERSON,))
        yield from index.check(f"{where}.change_authority", project.change_authority, DECIDERS)
        yield from index.check(f"{where}.tranche", project.tranche, (TRANCHE,))
        if project.calendar is not None and project.calendar not in calendars:
            yield f"{where}.calendar: {project.calendar!r} does not exist"
        if project.business_case is not None:
            case = project.business_case
            yield from index.check(f"{where}.business_case.approval", case.approval, (APPROVAL,))
            yield from index.check(f"{where}.business_case.owner", case.owner, (PERSON,))
        yield from _links(index, where, project.depends_on)
        yield from _tolerances(index, where, project.tolerances)
        for k, stage in enumerate(project.stages):
            at = f"{where}.stages[{k}]"
            yield from index.check(f"{at}.authorisation", stage.authorisation, (APPROVAL,))
            yield from index.check(
                f"{at}.end_stage_approval", stage.end_stage_approval, (APPROVAL,)
            )
            yield from _tolerances(index, at, stage.tolerances)
        for stage, item in project.work_items():
            yield from _work(index, f"{where}:{stage.id if stage else ''}:{item.id}", item)
    for n, milestone in enumerate(p.milestones):
        yield from _work(index, f"milestones[{n}]", milestone)


def _registers(index: _Index, p: Programme) -> Iterator[str]:
    for project, risk in p.all_risks():
        where = f"{project.id if project else 'programme'}:risk {risk.id}"
        yield from index.check(f"{where}.owner", risk.owner, (PERSON,))
        yield from index.check(f"{where}.actionee", risk.actionee, (PERSON,))
        yield from index.check(f"{where}.strand", risk.strand, (STRAND,))
        for action in risk.actions:
            yield from index.check(f"{where}.actions.actionee", action.actionee, (PERSON,))
    for project, issue in p.all_issues():
        where = f"{project.id if project else 'programme'}:issue {issue.id}"
        yield from index.check(f"{where}.raised_by", issue.raised_by, (PERSON,))
        yield from index.check(f"{where}.owner", issue.owner, (PERSON,))
        yield from index.check(f"{where}.decided_by", issue.decided_by, DECIDERS)
    for n, benefit in enumerate(p.benefits):
        where = f"benefits[{n}]"
        yield from index.check(f"{where}.owner", benefit.owner, (PERSON,))
        yield from index.check(f"{where}.tranche", benefit.tranche, (TRANCHE,))
        for ref in benefit.enabled_by:
            yield from index.check(f"{where}.enabled_by", ref, (PROJECT,))
        for ref in benefit.components:
            yield from index.check(f"{where}.components", ref, ("benefit",))
        for ref in benefit.outcomes:
            yield from index.check(f"{where}.outcomes", ref, ("outcome",))
    for n, capability in enumerate(p.capabilities):
        for ref in capability.enabled_by:
            yield from index.check(f"capabilities[{n}].enabled_by", ref, (PROJECT,))
        yield from index.check(f"capabilities[{n}].tranche", capability.tranche, (TRANCHE,))
    for n, outcome in enumerate(p.outcomes):
        for ref in outcome.capabilities:
            yield from index.check(f"outcomes[{n}].capabilities", ref, ("capability",))
        for ref in outcome.leads_to:
            yield from index.check(f"outcomes[{n}].leads_to", ref, ("outcome",))


def _governance(index: _Index, p: Programme) -> Iterator[str]:
    for n, authority in enumerate(p.authorities):
        yield from index.check(f"authorities[{n}].holder", authority.holder, DECIDERS)
        for ref in authority.scope:
            yield from index.check(f"authorities[{n}].scope", ref, (ANY,))  # may name a subject
    for n, delegation in enumerate(p.delegations):
        yield from index.check(f"delegations[{n}].delegator", delegation.delegator, DECIDERS)
        for ref in delegation.delegates:
            yield from index.check(f"delegations[{n}].delegates", ref, DECIDERS)
        for ref in delegation.scope:
            yield from index.check(f"delegations[{n}].scope", ref, (ANY,))  # may name a subject
    for n, reservation in enumerate(p.reservations):
        yield from index.check(f"reservations[{n}].body", reservation.body, DECIDERS)
        for ref in reservation.subjects:
            yield from index.check(f"reservations[{n}].subjects", ref, (ANY,))
    for n, approval in enumerate(p.approvals):
        where = f"approvals[{n}]"
        yield from index.check(f"{where}.subject", approval.subject, (ANY,))
        for ref in approval.approvers:
            yield from index.check(f"{where}.approvers", ref, DECIDERS)
        yield from index.check(f"{where}.delegation", approval.delegation, (DELEGATION,))
        yield from index.check(f"{where}.requested_by", approval.requested_by, (PERSON,))
    for n, suppression in enumerate(p.governance.suppress):
        yield from index.check(f"suppress[{n}].target", suppression.target, (ANY,))
        yield from index.check(f"suppress[{n}].by", suppression.by, (PERSON,))


def integrity_problems(programme: Programme) -> list[str]:
    """Every dangling or mistyped reference and every duplicated id, as readable lines."""
    index = _index(programme)
    problems = [
        f"id {ident!r} is used {count} times" for ident, count in index.all_ids.items() if count > 1
    ]
    problems += list(_people_and_structure(index, programme))
    problems += list(_projects(index, programme))
    problems += list(_registers(index, programme))
    problems += list(_governance(index, programme))
    strands_of: Counter[str] = Counter(ref for s in programme.strands for ref in s.projects)
    problems += [f"project {ref!r} is in {n} strands" for ref, n in strands_of.items() if n > 1]
    return problems
