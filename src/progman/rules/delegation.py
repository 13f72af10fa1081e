"""Delegated authority: who may decide what, up to what value, for what, and when.

Authority starts from three sources, each becoming a `Grant`:

* **standing authority** in `programme.authorities` (a person or board under the
  council's constitution);
* **role-implied authority**, written on the objects themselves:
  a project's **Executive** may take the project board's decisions on the
  project and everything in it (authorise a stage, approve an end-stage
  assessment, an exception plan, a change, the business case, closure,
  sign-off) up to the project's budget; its **change authority** may approve
  changes up to the change budget; the programme's **SRO** may authorise
  initiation and projects and take the end-of-tranche decision;
* **delegations**, which pass on part of what the delegator holds. A delegate
  may pass it on again only where the delegation says `may_sub_delegate`, and
  a joint delegation is held by its delegates together.

An approval is valid when some grant held by its approvers covers the decision
type, the subject (its scope contains the subject or something holding it),
the date and the value, and, for a joint grant, every joint delegate signed.

**Reserved decisions** (`programme.reservations`) may be taken only under
authority coming from the body they are reserved to: its own, or a delegation
from it. A reservation gives the body that authority; no role-implied
authority and nobody else's standing authority reaches it.

**Key decisions** (flagged, or valued at or above
`governance.key_decision_threshold`) are executive decisions (Local Government
Act 2000 s.9E): taken by the executive body the programme declares
(`governance.executive`, e.g. Cabinet) or the Leader, or by a member or officer
under an explicit delegation from the executive, in which case the decision is
recorded (`record`, The Local Authorities (Executive Arrangements) (Meetings and
Access to Information) (England) Regulations 2012, SI 2012/2089, reg 13).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from ..model import Approval, DecisionType, Delegation, Reservation, Role
from ..words import long_date
from ._common import EXECUTIVE, PROJECT_BOARD, SPONSORING_GROUP, money, names
from .context import RuleContext
from .registry import Problem, rule

__all__ = ["Grant", "Verdict", "approval_verdict", "grants"]

_delegation_rule = partial(rule, family="delegation")

D = DecisionType
EXECUTIVE_DECISIONS = frozenset(
    {
        D.AUTHORISE_STAGE,
        D.END_STAGE_ASSESSMENT,
        D.AUTHORISE_EXCEPTION_PLAN,
        D.APPROVE_CHANGE,
        D.APPROVE_BUSINESS_CASE,
        D.CLOSE_PROJECT,
        D.SIGN_OFF,
    }
)
"""What a project's Executive may decide for the project (the project board's decisions)."""
SRO_DECISIONS = frozenset({D.AUTHORISE_INITIATION, D.AUTHORISE_PROJECT, D.END_OF_TRANCHE})
"""What the programme's SRO may decide for the programme."""


@dataclass(frozen=True, slots=True)
class Grant:
    """Authority held: by whom, for which decisions, up to what, over what, when.

    `via` spells out where it came from: the standing authority or role, then
    each delegation in the chain.
    """

    holders: frozenset[str]
    joint: bool
    decisions: frozenset[DecisionType]
    limit: Decimal | None
    scope: frozenset[str]
    """Ids the grant is limited to; empty means the whole programme."""
    valid_from: date | None
    valid_to: date | None
    via: tuple[str, ...]
    may_pass_on: bool
    origin: str | None = None
    """Who holds the standing authority (or reservation) the chain starts from; None for
    role-implied authority."""

    def covers(self, ctx: RuleContext, subject: str) -> bool:
        """True when the subject lies within the grant's scope."""
        return not self.scope or not self.scope.isdisjoint(ctx.within(subject))

    def in_force(self, day: date) -> bool:
        """True on `day`."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def delegation(self) -> str | None:
        """The last delegation in the chain (None for standing or role authority)."""
        return self.via[-1] if len(self.via) > 1 else None

    def key(self) -> tuple[Any, ...]:
        """What makes two grants the same authority, whatever the route."""
        return (
            self.holders,
            self.joint,
            self.decisions,
            self.limit,
            self.scope,
            self.valid_from,
            self.valid_to,
            self.origin,
        )


def _standing(ctx: RuleContext) -> list[Grant]:
    out = [
        Grant(
            frozenset({a.holder}),
            False,
            frozenset(a.decisions),
            a.limit,
            frozenset(a.scope),
            None,
            None,
            (f"authority {a.id}",),
            True,
            a.holder,
        )
        for _, a in ctx.authorities
    ]
    everything = frozenset(DecisionType)
    out += [
        Grant(
            frozenset({r.body}),
            False,
            frozenset(r.decisions) or everything,
            None,
            frozenset(r.subjects),
            None,
            None,
            (f"reservation to {r.body}",),
            True,
            r.body,
        )
        for r in ctx.programme.reservations
    ]
    programme = ctx.programme
    if programme.change_authority:
        out.append(
            Grant(
                frozenset({programme.change_authority}),
                False,
                frozenset({D.APPROVE_CHANGE}),
                programme.change_budget,
                frozenset({programme.id}),
                None,
                None,
                (f"change authority of programme {programme.id}",),
                True,
            )
        )
    if programme.sro:
        out.append(
            Grant(
                frozenset({programme.sro}),
                False,
                SRO_DECISIONS,
                None,
                frozenset(),
                None,
                None,
                (f"SRO of programme {programme.id}",),
                True,
            )
        )
    for _, project in ctx.projects:
        if project.executive:
            out.append(
                Grant(
                    frozenset({project.executive}),
                    False,
                    EXECUTIVE_DECISIONS,
                    project.budget,
                    frozenset({project.id}),
                    None,
                    None,
                    (f"Executive of project {project.id}",),
                    True,
                )
            )
        if project.change_authority:
            out.append(
                Grant(
                    frozenset({project.change_authority}),
                    False,
                    frozenset({D.APPROVE_CHANGE}),
                    project.change_budget,
                    frozenset({project.id}),
                    None,
                    None,
                    (f"change authority of project {project.id}",),
                    True,
                )
            )
    return out


def _narrow(ctx: RuleContext, held: frozenset[str], wanted: list[str]) -> frozenset[str] | None:
    """Scope of a delegation given what the delegator holds; None when nothing remains."""
    if not wanted:
        return held
    if not held:
        return frozenset(wanted)
    kept = frozenset(s for s in wanted if not held.isdisjoint(ctx.within(s)))
    return kept or None


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _pass_on(ctx: RuleContext, grant: Grant, delegation: Delegation) -> Grant | None:
    decisions = grant.decisions & frozenset(delegation.decisions)
    scope = _narrow(ctx, grant.scope, delegation.scope)
    if not decisions or scope is None:
        return None
    limit = grant.limit
    if delegation.limit is not None:
        limit = delegation.limit if limit is None else min(limit, delegation.limit)
    start = _later(grant.valid_from, delegation.valid_from)
    end = _earlier(grant.valid_to, delegation.valid_to)
    if start and end and end < start:
        return None
    return Grant(
        frozenset(delegation.delegates),
        delegation.joint and len(delegation.delegates) > 1,
        decisions,
        limit,
        scope,
        start,
        end,
        (*grant.via, delegation.id),
        delegation.may_sub_delegate,
        grant.origin,
    )


def grants(ctx: RuleContext) -> dict[str, list[Grant]]:
    """Every grant each person or board holds, standing and delegated (computed once).

    Delegations are followed breadth first from the standing grants, so each
    grant keeps its shortest chain; a chain never uses a delegation twice,
    which keeps cycles finite (the cycle rule reports them).

    >>> import datetime
    >>> from progman import Programme, Project
    >>> programme = Programme(id="otp", name="OTP", sro="gt", projects=[
    ...     Project(id="portal", name="Portal", executive="exec", budget="500k")])
    >>> held = grants(RuleContext(programme, today=datetime.date(2013, 1, 10)))
    >>> [(g.via, g.limit) for g in held["exec"]]
    [(('Executive of project portal',), Decimal('500000'))]
    """

    def build() -> dict[str, list[Grant]]:
        outgoing: dict[str, list[Delegation]] = {}
        for delegation in ctx.delegations.values():
            outgoing.setdefault(delegation.delegator, []).append(delegation)
        held: dict[str, list[Grant]] = {}
        seen: set[tuple[Any, ...]] = set()
        queue: deque[Grant] = deque()

        def hold(grant: Grant) -> None:
            key = grant.key()
            if key in seen:
                return
            seen.add(key)
            for holder in grant.holders:
                held.setdefault(holder, []).append(grant)
            queue.append(grant)

        for grant in _standing(ctx):
            hold(grant)
        while queue:
            grant = queue.popleft()
            if not grant.may_pass_on or grant.joint:
                continue
            # Several (not joint) delegates: each may pass it on alone.
            for source in grant.holders:
                for delegation in outgoing.get(source, ()):
                    if delegation.id in grant.via:
                        continue
                    passed = _pass_on(ctx, grant, delegation)
                    if passed is not None:
                        hold(passed)
        return held

    return ctx.memo("grants", build)


def _received(ctx: RuleContext, party: str) -> list[Grant]:
    """Grants that came to `party` through a delegation (whether or not passable)."""
    return [g for g in grants(ctx).get(party, ()) if g.delegation is not None]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether an approval was made with authority, and if not, the nearest miss."""

    valid: bool
    grant: Grant | None = None
    """The grant relied on (valid) or the nearest one (invalid), if any."""
    failures: tuple[str, ...] = ()
    """Why the nearest grant does not cover it: `date`, `limit`, `joint`, `reserved`; empty
    with no grant."""
    reservation: Reservation | None = None
    """The reservation the decision falls under, if any."""

    @property
    def chain(self) -> str:
        """`authority cabinet-auth -> d1 -> d2`."""
        return " -> ".join(self.grant.via) if self.grant else ""


def _failures(grant: Grant, approval: Approval) -> tuple[str, ...]:
    out = []
    if grant.joint and not grant.holders <= set(approval.approvers):
        out.append("joint")
    if not grant.in_force(approval.date):
        out.append("date")
    if approval.value is not None and grant.limit is not None and approval.value > grant.limit:
        out.append("limit")
    return tuple(out)


def approval_verdict(ctx: RuleContext, approval: Approval) -> Verdict:
    """Whether the approvers held the authority for this approval (memoised per approval).

    >>> import datetime
    >>> from progman import Programme
    >>> programme = Programme.model_validate({"id": "otp", "name": "OTP",
    ...     "authorities": [{"id": "auth-ceo", "holder": "ceo", "decisions": ["spend"],
    ...                      "limit": "1m"}],
    ...     "delegations": [{"id": "d1", "delegator": "ceo", "delegates": ["fin"],
    ...                      "decisions": ["spend"], "limit": "250k"}],
    ...     "approvals": [{"id": "a1", "subject": "otp", "decision": "spend",
    ...                    "approvers": ["fin"], "value": "300k", "date": "2013-01-08"}]})
    >>> verdict = approval_verdict(RuleContext(programme, today=datetime.date(2013, 1, 10)),
    ...                            programme.approvals[0])
    >>> verdict.valid, verdict.failures, verdict.chain
    (False, ('limit',), 'authority auth-ceo -> d1')
    """
    key = f"verdict:{approval.id}:{id(approval)}"
    return ctx.memo(key, lambda: _judge(ctx, approval))


def reservation_for(ctx: RuleContext, approval: Approval) -> Reservation | None:
    """The first reservation covering this approval's decision type and subject."""
    reservations = ctx.programme.reservations
    if not reservations:
        return None
    around = ctx.within(approval.subject)
    for reservation in reservations:
        if reservation.decisions and approval.decision not in reservation.decisions:
            continue
        if reservation.subjects and around.isdisjoint(reservation.subjects):
            continue
        return reservation
    return None


def _judge(ctx: RuleContext, approval: Approval) -> Verdict:
    held = grants(ctx)
    candidates: list[Grant] = []
    for approver in dict.fromkeys(approval.approvers):
        for grant in held.get(approver, ()):
            if approval.delegation is not None and grant.delegation != approval.delegation:
                continue
            if approval.decision in grant.decisions and grant.covers(ctx, approval.subject):
                candidates.append(grant)
    if not candidates:
        return Verdict(False)
    reserved = reservation_for(ctx, approval)
    if reserved is not None:
        allowed = [g for g in candidates if g.origin == reserved.body]
        if not allowed:
            best = min(candidates, key=lambda g: len(g.via))
            return Verdict(False, best, ("reserved",), reserved)
        candidates = allowed
    best = min(candidates, key=lambda g: (len(_failures(g, approval)), len(g.via)))
    failures = _failures(best, approval)
    return Verdict(not failures, best, failures, reserved)


def _approved(ctx: RuleContext) -> list[tuple[str, Approval, Verdict]]:
    """Every approval given, with its path and verdict: listed once per validation, since
    six rules read them all."""

    def build() -> list[tuple[str, Approval, Verdict]]:
        return [
            (f"approvals[{i}]", approval, approval_verdict(ctx, approval))
            for i, approval in enumerate(ctx.programme.approvals)
            if approval.approved
        ]

    return ctx.memo("approved", build)


def _overseer(approval: Approval) -> str:
    """Who oversees a decision of this type taken without authority."""
    if approval.decision in SRO_DECISIONS:
        return SPONSORING_GROUP
    if approval.decision in EXECUTIVE_DECISIONS:
        return PROJECT_BOARD
    return EXECUTIVE


def _told(grant: Grant, approval: Approval) -> str:
    """The holder of the authority an approval misused, else the decision's overseer."""
    return grant.origin or _overseer(approval)


def _what(ctx: RuleContext, approval: Approval) -> str:
    return (
        f"approval {approval.id!r} ({str(approval.decision).replace('_', ' ')} for "
        f"{ctx.describe(approval.subject)}, {long_date(approval.date)})"
    )


@_delegation_rule(
    "PG-APPROVAL-AUTHORITY",
    "error",
    "An approval is made by someone holding authority for that decision and subject, directly "
    "or by delegation",
)
def approval_authority(ctx: RuleContext) -> Iterator[Problem]:
    for path, approval, verdict in _approved(ctx):
        if verdict.grant is not None:
            continue
        cited = (
            f" under delegation {approval.delegation!r}, which does not cover it"
            if approval.delegation
            else ""
        )
        yield Problem(
            f"{_what(ctx, approval)} was made by {names(approval.approvers)}, who "
            f"{'holds' if len(approval.approvers) == 1 else 'hold'} no "
            f"authority for {str(approval.decision).replace('_', ' ')} decisions on "
            f"{approval.subject!r}{cited}",
            path=path,
            subject=approval.id,
            escalate_to=_overseer(approval),
            data={
                "approvers": approval.approvers,
                "decision": str(approval.decision),
                "delegation": approval.delegation,
            },
        )


def _failing(ctx: RuleContext, reason: str) -> Iterator[tuple[str, Approval, Verdict, Grant]]:
    for path, approval, verdict in _approved(ctx):
        if verdict.grant is not None and reason in verdict.failures:
            yield path, approval, verdict, verdict.grant


def _source(grant: Grant) -> str:
    return f"delegation {grant.delegation!r}" if grant.delegation else grant.via[0]


@_delegation_rule(
    "PG-DELEGATION-EXPIRED",
    "error",
    "An approval relies on authority in force on the day it was made (valid from/to)",
)
def delegation_dates(ctx: RuleContext) -> Iterator[Problem]:
    for path, approval, verdict, grant in _failing(ctx, "date"):
        window = _window(grant.valid_from, grant.valid_to)
        state = (
            "had expired"
            if grant.valid_to is not None and approval.date > grant.valid_to
            else "was not yet in force"
        )
        broken = _broken_link(ctx, grant, approval.date)
        if broken is None or broken.id == grant.delegation:
            message = (
                f"{_what(ctx, approval)} relies on {_source(grant)} ({verdict.chain}, in force "
                f"{window}), which {state} on {long_date(approval.date)}"
            )
        else:
            link_state = (
                "had expired"
                if broken.valid_to is not None and approval.date > broken.valid_to
                else "was not yet in force"
            )
            message = (
                f"{_what(ctx, approval)} relies on {_source(grant)} ({verdict.chain}), but "
                f"delegation {broken.id!r} upstream in that chain (in force "
                f"{_window(broken.valid_from, broken.valid_to)}) "
                f"{link_state} on {long_date(approval.date)}"
            )
        yield Problem(
            message,
            path=path,
            subject=approval.id,
            escalate_to=_told(grant, approval),
            data={
                "chain": list(grant.via),
                "valid_from": grant.valid_from,
                "valid_to": grant.valid_to,
                "date": approval.date,
                "broken_link": broken.id if broken else grant.delegation,
            },
        )


def _window(start: date | None, end: date | None) -> str:
    """`1 April 2012 to 31 March 2013` (an open start or end said so)."""
    return f"{long_date(start, 'the start')} to {long_date(end, 'open-ended')}"


def _broken_link(ctx: RuleContext, grant: Grant, day: date) -> Delegation | None:
    """The delegation relied on when it is not in force on `day`, else the first one
    upstream in its chain that is not."""
    for link in (*grant.via[-1:], *grant.via[1:-1]):
        delegation = ctx.delegations.get(link)
        if delegation is None:
            continue
        if (delegation.valid_from is not None and day < delegation.valid_from) or (
            delegation.valid_to is not None and day > delegation.valid_to
        ):
            return delegation
    return None


@_delegation_rule(
    "PG-DELEGATION-LIMIT",
    "error",
    "An approval's value is within the approvers' effective limit for that decision",
)
def delegation_limit(ctx: RuleContext) -> Iterator[Problem]:
    for path, approval, verdict, grant in _failing(ctx, "limit"):
        assert approval.value is not None
        assert grant.limit is not None
        yield Problem(
            f"{_what(ctx, approval)} commits {money(approval.value)}, but the authority of "
            f"{names(sorted(grant.holders))} through {verdict.chain} is limited to "
            f"{money(grant.limit)} (over by {money(approval.value - grant.limit)})",
            path=path,
            subject=approval.id,
            escalate_to=_told(grant, approval),
            data={"value": approval.value, "limit": grant.limit, "chain": list(grant.via)},
        )


@_delegation_rule(
    "PG-DELEGATION-JOINT",
    "error",
    "An approval under a joint delegation is signed by every joint delegate",
)
def delegation_joint(ctx: RuleContext) -> Iterator[Problem]:
    for path, approval, _, grant in _failing(ctx, "joint"):
        missing = sorted(grant.holders - set(approval.approvers))
        yield Problem(
            f"{_what(ctx, approval)} relies on {_source(grant)}, held jointly by "
            f"{names(sorted(grant.holders))}, but {names(missing)} did not sign",
            path=path,
            subject=approval.id,
            escalate_to=_told(grant, approval),
            data={"missing": missing, "joint": sorted(grant.holders)},
        )


@_delegation_rule(
    "PG-APPROVAL-RESERVED",
    "error",
    "A decision reserved to a body is taken only under authority coming from that body",
)
def approval_reserved(ctx: RuleContext) -> Iterator[Problem]:
    for path, approval, verdict, grant in _failing(ctx, "reserved"):
        reserved = verdict.reservation
        assert reserved is not None
        what = str(approval.decision).replace("_", " ")
        yield Problem(
            f"{_what(ctx, approval)} was taken by {names(approval.approvers)} under "
            f"{grant.via[0]}{' -> ' + ' -> '.join(grant.via[1:]) if len(grant.via) > 1 else ''}, "
            f"but {what} decisions on {approval.subject!r} are reserved to "
            f"{ctx.describe(reserved.body)}: only it, or those it delegates to, may take them",
            path=path,
            subject=approval.id,
            escalate_to=reserved.body,
            data={"reserved_to": reserved.body, "chain": list(grant.via)},
        )


@_delegation_rule(
    "PG-APPROVAL-SELF",
    "error",
    "Nobody approves their own request (separation of duties)",
)
def self_approval(ctx: RuleContext) -> Iterator[Problem]:
    for i, approval in enumerate(ctx.programme.approvals):
        if approval.approved and approval.requested_by in approval.approvers:
            assert approval.requested_by is not None
            grant = approval_verdict(ctx, approval).grant
            yield Problem(
                f"{_what(ctx, approval)} was requested by {ctx.describe(approval.requested_by)}, "
                "who also approved it",
                path=f"approvals[{i}]",
                subject=approval.id,
                escalate_to=_told(grant, approval) if grant else _overseer(approval),
                data={"person": approval.requested_by},
            )


def _executive(ctx: RuleContext) -> frozenset[str]:
    """The executive: the declared executive body and the Leader (who may take any
    executive decision, LGA 2000 s.9E(2)(a))."""
    body = {ctx.settings.executive} if ctx.settings.executive else set()
    leaders = {r.person for r in ctx.programme.roles if r.role is Role.LEADER}
    return frozenset(body | leaders)


@_delegation_rule(
    "PG-APPROVAL-KEY-DECISION",
    "error",
    "A key decision (flagged, or at or above the key-decision threshold) is taken by the "
    "executive, or under an explicit delegation from it and recorded",
)
def key_decisions(ctx: RuleContext) -> Iterator[Problem]:
    threshold = ctx.settings.key_decision_threshold
    executive = _executive(ctx)
    for path, approval, verdict in _approved(ctx):
        over = threshold is not None and approval.value is not None and approval.value >= threshold
        if not (approval.key_decision or over) or not executive.isdisjoint(approval.approvers):
            continue
        why = (
            f"commits {money(approval.value)}, at or above the key-decision threshold of "
            f"{money(threshold)}"
            if over and approval.value is not None and threshold is not None
            else "is flagged as a key decision"
        )
        grant = verdict.grant
        delegated = grant is not None and grant.delegation is not None and grant.origin in executive
        if delegated and approval.record:
            continue
        if delegated:
            assert grant is not None
            problem = (
                f"{_what(ctx, approval)} {why}, taken by {names(approval.approvers)} under "
                f"delegation {grant.delegation!r} from the executive, but no record of the "
                "decision is given (`record`; an officer's key decision must be recorded, "
                "SI 2012/2089 reg 13)"
            )
        else:
            body = (
                ctx.describe(ctx.settings.executive)
                if ctx.settings.executive
                else "the executive (declare it in governance.executive)"
            )
            problem = (
                f"{_what(ctx, approval)} {why}, but was taken by {names(approval.approvers)}, "
                f"not by the executive ({body} or the Leader) nor under an explicit "
                "delegation from it (LGA 2000 s.9E)"
            )
        yield Problem(
            problem,
            path=path,
            subject=approval.id,
            escalate_to=EXECUTIVE,
            data={
                "value": approval.value,
                "threshold": threshold,
                "executive": sorted(executive),
                "delegation": grant.delegation if grant else None,
                "record": approval.record,
            },
        )


def _cycles(ctx: RuleContext) -> list[tuple[list[str], list[str]]]:
    """Delegation cycles as (parties, delegation ids), first party repeated last.

    Kahn's algorithm strips everyone upstream of no cycle; what remains is walked
    backwards (every remaining party has a remaining delegator) until a party
    repeats, which closes a cycle. Linear in the number of delegations.
    """
    edges: dict[str, list[tuple[str, str]]] = {}
    incoming: dict[str, list[tuple[str, str]]] = {}
    indegree: dict[str, int] = {}
    for delegation in ctx.delegations.values():
        indegree.setdefault(delegation.delegator, 0)
        for delegate in delegation.delegates:
            edges.setdefault(delegation.delegator, []).append((delegate, delegation.id))
            incoming.setdefault(delegate, []).append((delegation.delegator, delegation.id))
            indegree[delegate] = indegree.get(delegate, 0) + 1
    ready = deque(n for n, d in indegree.items() if d == 0)
    while ready:
        node = ready.popleft()
        for target, _ in edges.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    remaining = {n for n, d in indegree.items() if d > 0}
    found: list[tuple[list[str], list[str]]] = []
    done: set[str] = set()
    for start in sorted(remaining):
        order: list[str] = []
        via: list[str] = []
        position: dict[str, int] = {}
        node = start
        while node not in position and node not in done:
            position[node] = len(order)
            order.append(node)
            source, label = next((s, d) for s, d in incoming[node] if s in remaining)
            via.append(label)
            node = source
        done.update(order)
        if node not in position:
            continue  # reached a cycle already reported
        # The walk went against the arrows: turn the loop round, then start it at its
        # smallest party so the same cycle always reads the same way.
        # via[i] is the delegation into order[i], so the loop's last link closes it.
        loop = via[position[node] :]
        parties = order[position[node] :][::-1]
        links = [*loop[:-1][::-1], loop[-1]]
        first = parties.index(min(parties))
        parties = parties[first:] + parties[:first]
        links = links[first:] + links[:first]
        found.append(([*parties, parties[0]], links))
    return found


@_delegation_rule("PG-DELEGATION-CYCLE", "error", "Delegations do not form a cycle")
def delegation_cycle(ctx: RuleContext) -> Iterator[Problem]:
    for cycle, via in _cycles(ctx):
        first = via[0]
        yield Problem(
            f"delegations form a cycle: {' -> '.join(cycle)} (through {names(via)})",
            path=ctx.path_of(first),
            subject=first,
            escalate_to=EXECUTIVE,
            data={"cycle": cycle, "delegations": via},
        )


@_delegation_rule(
    "PG-DELEGATION-EXCEEDS",
    "error",
    "A delegation never grants more than the delegator holds (decisions, limit, scope, dates)",
)
def delegation_exceeds(ctx: RuleContext) -> Iterator[Problem]:
    if not ctx.programme.delegations:  # the authority held is worked out only to judge them
        return
    held = grants(ctx)
    for i, delegation in enumerate(ctx.programme.delegations):
        own = [g for g in held.get(delegation.delegator, ()) if g.may_pass_on and not g.joint]
        reasons: list[str] = []
        lacking = [str(d) for d in delegation.decisions if not any(d in g.decisions for g in own)]
        # Decisions held only through a delegation that forbids passing them on are
        # PG-DELEGATION-SUB's business.
        unpassable = {
            d
            for g in _received(ctx, delegation.delegator)
            if not g.may_pass_on
            for d in g.decisions
        }
        lacking = [d for d in lacking if d not in unpassable]
        if lacking:
            reasons.append(
                f"it delegates {names(lacking, quote=False).replace('_', ' ')}, which "
                f"{delegation.delegator!r} does not hold"
            )
        relevant = [g for g in own if not g.decisions.isdisjoint(delegation.decisions)]
        if relevant:
            limits = [g.limit for g in relevant]
            top = (
                None if any(x is None for x in limits) else max(x for x in limits if x is not None)
            )
            if delegation.limit is not None and top is not None and delegation.limit > top:
                reasons.append(
                    f"its limit of {money(delegation.limit)} is above the delegator's {money(top)}"
                )
            outside = [s for s in delegation.scope if not any(g.covers(ctx, s) for g in relevant)]
            if outside:
                reasons.append(f"its scope includes {names(outside)}, outside the delegator's")
            starts = [g.valid_from for g in relevant]
            ends = [g.valid_to for g in relevant]
            first = None if any(s is None for s in starts) else min(s for s in starts if s)
            last = None if any(e is None for e in ends) else max(e for e in ends if e)
            if first and delegation.valid_from and delegation.valid_from < first:
                reasons.append(
                    f"it runs from {long_date(delegation.valid_from)}, before the delegator's "
                    f"authority starts ({long_date(first)})"
                )
            # An open end inherits the delegator's; only a stated later end exceeds it.
            if last and delegation.valid_to and delegation.valid_to > last:
                reasons.append(
                    f"it runs until {long_date(delegation.valid_to)}, after the delegator's "
                    f"authority ends ({long_date(last)})"
                )
        if reasons:
            yield Problem(
                f"delegation {delegation.id!r} from {ctx.describe(delegation.delegator)} grants "
                f"more than the delegator holds: {'; '.join(reasons)}",
                path=f"delegations[{i}]",
                subject=delegation.id,
                escalate_to=delegation.delegator,
                data={"reasons": reasons},
            )


@_delegation_rule(
    "PG-DELEGATION-SUB",
    "error",
    "Authority received by delegation is passed on only where the delegation permits it",
)
def delegation_sub(ctx: RuleContext) -> Iterator[Problem]:
    if not ctx.programme.delegations:  # the authority held is worked out only to judge them
        return
    held = grants(ctx)
    for i, delegation in enumerate(ctx.programme.delegations):
        own = [g for g in held.get(delegation.delegator, ()) if g.may_pass_on and not g.joint]
        blocked = [
            g
            for g in _received(ctx, delegation.delegator)
            if not (g.may_pass_on and not g.joint)
            and not g.decisions.isdisjoint(delegation.decisions)
        ]
        for decision in delegation.decisions:
            if any(decision in g.decisions for g in own):
                continue
            through = next((g for g in blocked if decision in g.decisions), None)
            if through is None:
                continue
            forbidden = "does not permit sub-delegation (may_sub_delegate: false)"
            if through.joint:
                why = "is joint" if through.may_pass_on else f"is joint and {forbidden}"
            else:
                why = "does not permit sub-delegation"
            source = ctx.delegations.get(through.delegation or "")
            yield Problem(
                f"delegation {delegation.id!r} passes on {str(decision).replace('_', ' ')} "
                f"decisions that {delegation.delegator!r} holds only through delegation "
                f"{through.delegation!r}, which {why}",
                path=f"delegations[{i}]",
                subject=delegation.id,
                escalate_to=source.delegator if source else delegation.delegator,
                data={"decision": str(decision), "through": list(through.via)},
            )
            break
