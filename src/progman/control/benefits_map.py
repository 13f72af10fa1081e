"""The benefits map (MSP's benefits dependency network) as a networkx graph.

The model holds the map by ids: capabilities name the projects that enable
them (`Capability.enabled_by`), outcomes the capabilities they come from
(`Outcome.capabilities`) and the outcomes they lead to (`Outcome.leads_to`),
benefits their outcomes (`Benefit.outcomes`), their enabling projects
(`Benefit.enabled_by`), their objectives (`Benefit.objectives`, by id or name)
and their components (a component feeds its headline). This module draws the
edges once, left to right:

    project -> capability -> outcome -> benefit (or dis-benefit) -> objective

A project may feed a benefit directly, and a component benefit feeds its
headline. Nodes are ids; each carries its `kind` and `name`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..model import BenefitKind, Programme

if TYPE_CHECKING:  # networkx is imported when the graph is asked for (it is slow to import)
    import networkx as nx

__all__ = ["KINDS", "BenefitsMap", "MapEdge", "benefits_map"]

KINDS = ("project", "capability", "outcome", "benefit", "dis_benefit", "objective")
"""Node kinds, in the map's left-to-right order."""


@dataclass(frozen=True, slots=True)
class MapEdge:
    """One arrow of the map: `source` enables, brings about, feeds or serves `target`."""

    source: str
    target: str
    relation: str
    """enables, brings about, leads to, realises, is part of, or serves."""
    path: str
    """Model path of the reference that draws the arrow, e.g. `benefits[2].outcomes[0]`."""


@dataclass(frozen=True)
class BenefitsMap:
    """A programme's benefits map: its nodes (id -> kind and name) and edges.

    >>> import progman as pm
    >>> otp = pm.Programme(id="otp", name="OTP",
    ...     projects=[pm.Project(id="portal", name="Portal")],
    ...     capabilities=[pm.Capability(id="cap", name="Portal in use", enabled_by=["portal"])],
    ...     outcomes=[pm.Outcome(id="out", name="First-contact resolution",
    ...                          capabilities=["cap"])],
    ...     objectives=[pm.Objective(id="obj", name="Savings in the MTFP")],
    ...     benefits=[pm.Benefit(id="b", name="Less contact", outcomes=["out"],
    ...                          objectives=["Savings in the MTFP"])])
    >>> bmap = benefits_map(otp)
    >>> [(e.source, e.relation, e.target) for e in bmap.edges]
    [('portal', 'enables', 'cap'), ('cap', 'brings about', 'out'), \
('out', 'realises', 'b'), ('b', 'serves', 'obj')]
    >>> sorted(bmap.reach("portal", "objective"))
    ['obj']
    """

    nodes: dict[str, tuple[str, str]]
    """Node id -> (kind, name). Free-text objectives are their own id."""
    edges: tuple[MapEdge, ...]

    @cached_property
    def graph(self) -> nx.DiGraph[str]:
        """The map as a networkx DiGraph: nodes carry `kind` and `name`, edges `relation`."""
        import networkx as nx

        graph: nx.DiGraph[str] = nx.DiGraph()
        for node, (kind, name) in self.nodes.items():
            graph.add_node(node, kind=kind, name=name)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, relation=edge.relation)
        return graph

    @cached_property
    def _successors(self) -> dict[str, dict[str, None]]:
        """Node -> the nodes its arrows point to (each once, in the order drawn)."""
        successors: dict[str, dict[str, None]] = {node: {} for node in self.nodes}
        for edge in self.edges:
            successors[edge.source][edge.target] = None
        return successors

    @cached_property
    def _in_degrees(self) -> dict[str, int]:
        """Node -> how many nodes have an arrow to it."""
        return {node: len(sources) for node, sources in self._predecessors.items()}

    def in_degree(self, node: str) -> int:
        """How many nodes have an arrow to `node` (as `graph.in_degree`, without networkx).

        >>> BenefitsMap({"a": ("project", "A"), "b": ("benefit", "B")},
        ...             (MapEdge("a", "b", "enables", "x"),)).in_degree("b")
        1
        """
        return self._in_degrees.get(node, 0)

    @cached_property
    def _predecessors(self) -> dict[str, dict[str, None]]:
        """Node -> the nodes with an arrow to it (each once, in the order drawn)."""
        predecessors: dict[str, dict[str, None]] = {node: {} for node in self.nodes}
        for edge in self.edges:
            predecessors[edge.target][edge.source] = None
        return predecessors

    def predecessors(self, node: str) -> list[str]:
        """The nodes with an arrow to `node`, each once, in the order their first arrow
        was drawn (as `graph.predecessors`, without networkx).

        >>> BenefitsMap({"a": ("project", "A"), "b": ("benefit", "B")},
        ...             (MapEdge("a", "b", "enables", "x"),)).predecessors("b")
        ['a']
        """
        return list(self._predecessors.get(node, ()))

    def degree(self, node: str) -> int:
        """How many arrows start or end at `node`, an arrow to itself counted twice (as
        `graph.degree`, without networkx).

        >>> BenefitsMap({"a": ("project", "A"), "b": ("benefit", "B")},
        ...             (MapEdge("a", "b", "enables", "x"),)).degree("a")
        1
        """
        return len(self._successors.get(node, ())) + self.in_degree(node)

    def of_kind(self, *kinds: str) -> list[str]:
        """Node ids of these kinds, in the order they were added."""
        return [node for node, (kind, _) in self.nodes.items() if kind in kinds]

    def reach(self, node: str, *kinds: str) -> set[str]:
        """The nodes of these kinds reachable from `node` along the arrows."""
        if node not in self.nodes:
            return set()
        successors = self._successors
        seen = {node}
        stack = [node]
        while stack:
            for target in successors[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        seen.discard(node)  # as `networkx.descendants`: never the node itself
        return {n for n in seen if self.nodes[n][0] in kinds}

    def cycle(self) -> list[str] | None:
        """A loop in the map, first node repeated last, or None when it has none.

        Kahn's algorithm strips every node that is on no loop; the loop is searched
        only in what remains (DESIGN.md: `find_cycle` on the whole graph is slow).
        """
        successors = self._successors
        remaining = dict(self._in_degrees)
        ready = [n for n, d in remaining.items() if d == 0]
        while ready:
            node = ready.pop()
            del remaining[node]
            for succ in successors[node]:
                remaining[succ] -= 1
                if remaining[succ] == 0:
                    ready.append(succ)
        if not remaining:
            return None
        import networkx as nx

        loop = nx.find_cycle(self.graph.subgraph(remaining))
        return [str(u) for u, _ in loop] + [str(loop[0][0])]

    def to_dataframe(self) -> Any:
        """One row per arrow: source, its kind, relation, target, its kind (pandas extra)."""
        from ..report.frames import dataframe

        return dataframe(
            {
                "source": edge.source,
                "source_kind": self.nodes[edge.source][0],
                "relation": edge.relation,
                "target": edge.target,
                "target_kind": self.nodes[edge.target][0],
            }
            for edge in self.edges
        )


def _edges(programme: Programme, objective_of: dict[str, str]) -> Iterator[MapEdge]:
    for i, capability in enumerate(programme.capabilities):
        for n, project in enumerate(capability.enabled_by):
            path = f"capabilities[{i}].enabled_by[{n}]"
            yield MapEdge(project, capability.id, "enables", path)
    for i, outcome in enumerate(programme.outcomes):
        for n, capability_id in enumerate(outcome.capabilities):
            path = f"outcomes[{i}].capabilities[{n}]"
            yield MapEdge(capability_id, outcome.id, "brings about", path)
        for n, later in enumerate(outcome.leads_to):
            yield MapEdge(outcome.id, later, "leads to", f"outcomes[{i}].leads_to[{n}]")
    for i, benefit in enumerate(programme.benefits):
        base = f"benefits[{i}]"
        for n, outcome_id in enumerate(benefit.outcomes):
            yield MapEdge(outcome_id, benefit.id, "realises", f"{base}.outcomes[{n}]")
        for n, project in enumerate(benefit.enabled_by):
            yield MapEdge(project, benefit.id, "enables", f"{base}.enabled_by[{n}]")
        for n, component in enumerate(benefit.components):
            yield MapEdge(component, benefit.id, "is part of", f"{base}.components[{n}]")
        for n, objective in enumerate(benefit.objectives):
            target = objective_of.get(objective, objective)
            yield MapEdge(benefit.id, target, "serves", f"{base}.objectives[{n}]")


def benefits_map(programme: Programme) -> BenefitsMap:
    """The programme's benefits map: every project, capability, outcome, benefit and
    objective, and the arrows between them. References to ids that do not exist are
    left out (`PG-REF-UNRESOLVED` reports them)."""
    nodes: dict[str, tuple[str, str]] = {}
    for project in programme.projects:
        nodes.setdefault(project.id, ("project", project.name))
    for capability in programme.capabilities:
        nodes.setdefault(capability.id, ("capability", capability.name))
    for outcome in programme.outcomes:
        nodes.setdefault(outcome.id, ("outcome", outcome.name))
    for benefit in programme.benefits:
        kind = "dis_benefit" if benefit.kind is BenefitKind.DIS_BENEFIT else "benefit"
        nodes.setdefault(benefit.id, (kind, benefit.name))
    objective_of: dict[str, str] = {}
    for objective in programme.objectives:
        nodes.setdefault(objective.id, ("objective", objective.name))
        objective_of.setdefault(objective.name, objective.id)
        objective_of.setdefault(objective.id, objective.id)
    if not programme.objectives:  # free text: each distinct objective is its own node
        for benefit in programme.benefits:
            for text in benefit.objectives:
                nodes.setdefault(text, ("objective", text))
    edges = tuple(
        edge
        for edge in _edges(programme, objective_of)
        if edge.source in nodes and edge.target in nodes
    )
    return BenefitsMap(nodes=nodes, edges=edges)
