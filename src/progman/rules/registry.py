"""The rule registry: every governance rule is a small function registered with an id.

A rule takes a `RuleContext` (the programme plus indexes built once) and
yields `Problem`s; the engine turns each into a `Finding` carrying the rule's
id, its configured severity and the source location. Councils add their own
rules with the `@rule` decorator, or from an installed package through the
`progman.rules` entry-point group.

>>> from progman.rules import Problem, Registry, rule
>>> local = Registry()
>>> @rule("LOCAL-EIA", "warning", "Public-facing projects need an equality impact assessment",
...       registry=local)
... def needs_eia(ctx):
...     for path, project in ctx.projects:
...         if "public" in (project.description or "") and "eia" not in project.objectives:
...             yield Problem(f"project {project.id!r} has no equality impact assessment",
...                           path=path, subject=project.id)
>>> local.get("LOCAL-EIA").severity
'warning'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._records import quick_init
from ..findings import Severity

if TYPE_CHECKING:
    from .context import RuleContext

__all__ = [
    "DOCS_URL",
    "ENTRY_POINT_GROUP",
    "REGISTRY",
    "Problem",
    "Registry",
    "Rule",
    "RuleCheck",
    "rule",
]

DOCS_URL = "docs/governance.md"
"""Where the built-in rules are documented; each rule's anchor is its id in lower case."""

ENTRY_POINT_GROUP = "progman.rules"
"""Entry-point group through which installed packages contribute rules."""

_RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")


@quick_init
@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: one breach, before the engine adds id, severity and location.

    >>> Problem("risk 'R1' has no owner", path="risks[0]", subject="R1").subject
    'R1'
    """

    message: str
    """Plain English, naming the objects involved."""
    path: str = ""
    """Model path of the object, e.g. `projects[2].stages[0]`."""
    subject: str | None = None
    """Id of the object the problem is about (what a suppression targets)."""
    escalate_to: str | None = None
    """Who must be told: `project board`, `programme board`, `sponsoring group` ..."""
    data: dict[str, Any] = field(default_factory=dict)
    """Evidence as data: amounts, dates, the chain or cycle involved."""


RuleCheck = Callable[["RuleContext"], Iterable[Problem]]
"""The function behind a rule: the context in, problems out."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule: id, default severity, one-line description, docs link, check.

    >>> from progman.rules import get_rule
    >>> r = get_rule("PG-OWNER-RISK")
    >>> r.severity, r.docs
    ('error', 'docs/governance.md#pg-owner-risk')
    """

    id: str
    """Stable id, e.g. `PG-DELEGATION-LIMIT`: the finding's code and the docs anchor."""
    severity: Severity
    """Severity unless configured otherwise."""
    description: str
    """One line saying what the rule requires."""
    check: RuleCheck = field(repr=False, compare=False)
    """The function that finds breaches."""
    docs: str = ""
    """Link to the rule's documentation."""
    family: str = "local"
    """Which family it belongs to (structure, ownership, ...); `local` for a council's own."""


class Registry:
    """Rules by id. `REGISTRY` holds the built-ins and any the user registers.

    >>> Registry().ids()
    ()
    """

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, new: Rule) -> Rule:
        """Add a rule; re-registering the same function (a module reload) replaces it."""
        if not _RULE_ID.match(new.id):
            raise ValueError(
                f"{new.id!r} is not a rule id: use capitals, digits and hyphens, "
                "e.g. 'LOCAL-EIA' or 'PG-OWNER-RISK'"
            )
        old = self._rules.get(new.id)
        if old is not None and old.check.__qualname__ != new.check.__qualname__:
            raise ValueError(f"rule {new.id!r} is already registered (by {old.check.__qualname__})")
        self._rules[new.id] = new
        return new

    def unregister(self, rule_id: str) -> None:
        """Remove a rule (mainly for tests and notebooks)."""
        self._rules.pop(rule_id, None)

    def get(self, rule_id: str) -> Rule:
        """The rule with this id; KeyError if there is none."""
        return self._rules[rule_id]

    def ids(self) -> tuple[str, ...]:
        """Every rule id, sorted."""
        return tuple(sorted(self._rules))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: (r.family, r.id)))

    def __len__(self) -> int:
        return len(self._rules)


REGISTRY = Registry()
"""The default registry: built-in rules, decorated local rules and entry-point rules."""


def rule(
    rule_id: str,
    severity: Severity | str,
    description: str,
    *,
    docs: str | None = None,
    family: str = "local",
    registry: Registry | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a function as a rule; the function is returned unchanged.

    >>> from progman.rules import Problem, Registry, rule
    >>> @rule("LOCAL-NAME", "info", "Projects have a description", registry=Registry())
    ... def described(ctx):
    ...     return (Problem(f"project {p.id!r} has no description", path=path, subject=p.id)
    ...             for path, p in ctx.projects if not p.description)
    """
    level = Severity(severity)
    target = REGISTRY if registry is None else registry

    def decorate(check: RuleCheck) -> RuleCheck:
        link = docs if docs is not None else f"{DOCS_URL}#{rule_id.lower()}"
        target.register(Rule(rule_id, level, description, check, link, family))
        return check

    return decorate


def load_entry_points(registry: Registry) -> list[str]:
    """Import the rule plugins installed under `progman.rules`; returns load failures.

    An entry point may name a module (importing it registers its `@rule`s), a
    `Rule`, or a list of `Rule`s.
    """
    from importlib.metadata import entry_points

    failures: list[str] = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = point.load()
            items = loaded if isinstance(loaded, list | tuple) else [loaded]
            for item in items:
                if isinstance(item, Rule):
                    registry.register(item)
        except Exception as error:  # a broken plugin becomes a finding, not a traceback
            failures.append(f"{point.name} ({point.value}): {type(error).__name__}: {error}")
    return failures
