"""The programme's dependency graph as networkx, for users, rules and cycle reports.

`build_graph` gives notebook users a `networkx.DiGraph` to run their own
analyses on. Its nodes are the ids of tranches, projects, stages, tasks and
milestones; its edges are of two kinds, told apart by the edge attribute
`kind`:

- `"depends"`: predecessor -> successor, with the link `type` (FS, SS, FF,
  SF) and `lag` in working days;
- `"contains"`: tranche -> project -> stage -> task or milestone.

Keep only the links with
``networkx.subgraph_view(g, filter_edge=lambda u, v: g.edges[u, v]["kind"] == "depends")``.

The scheduler itself runs over arrays (`progman.schedule.cpm`); cycles are
found with Kahn's algorithm there, and networkx is asked to spell out a cycle
only among the few nodes Kahn's algorithm could not remove.

>>> from progman import Programme, Project, Task
>>> programme = Programme(id="p", name="P", start="2013-01-07", projects=[
...     Project(id="hr", name="HR review", tasks=[
...         Task(id="a", name="A", duration=3),
...         Task(id="b", name="B", duration=2, depends_on=[{"on": "a", "type": "SS", "lag": 1}]),
...     ])])
>>> g = build_graph(programme)
>>> g.edges["a", "b"]
{'kind': 'depends', 'type': 'SS', 'lag': 1}
>>> g.nodes["b"]["kind"], g.nodes["b"]["project"]
('task', 'hr')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import Programme, Task

if TYPE_CHECKING:
    import networkx as nx
    from numpy.typing import NDArray

__all__ = ["build_graph", "cycles_among", "dependency_cycles"]


def build_graph(programme: Programme) -> nx.DiGraph[str]:
    """The programme as a networkx DiGraph of ids (see the module docstring for its shape).

    Links to ids that do not exist are left out; `progman.schedule` reports them.
    """
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    for tranche in programme.tranches:
        g.add_node(tranche.id, kind="tranche", name=tranche.name)
    for milestone in programme.milestones:
        g.add_node(
            milestone.id,
            kind="milestone",
            name=milestone.name,
            duration=0,
            project=None,
            stage=None,
        )
    for project in programme.projects:
        g.add_node(project.id, kind="project", name=project.name, tranche=project.tranche)
        if project.tranche is not None and project.tranche in g:
            g.add_edge(project.tranche, project.id, kind="contains")
        for stage in project.stages:
            g.add_node(stage.id, kind="stage", name=stage.name, project=project.id)
            g.add_edge(project.id, stage.id, kind="contains")
        for stage_or_none, item in project.work_items():
            g.add_node(
                item.id,
                kind="task" if isinstance(item, Task) else "milestone",
                name=item.name,
                duration=item.duration,
                project=project.id,
                stage=stage_or_none.id if stage_or_none is not None else None,
            )
            g.add_edge(
                stage_or_none.id if stage_or_none is not None else project.id,
                item.id,
                kind="contains",
            )
    holders: list[Any] = [item for _, _, item in programme.work_items()]
    holders += programme.projects
    for holder in holders:
        for dep in holder.depends_on:
            if dep.on in g:
                g.add_edge(dep.on, holder.id, kind="depends", type=str(dep.type), lag=dep.lag)
    return g


def cycles_among(
    stuck: NDArray[np.int64], src: NDArray[np.int64], dst: NDArray[np.int64]
) -> list[list[int]]:
    """One cycle (first node repeated last) per tangle among the nodes Kahn's algorithm left.

    Only the leftover nodes are handed to networkx: finding a cycle in the
    whole graph is superlinear.

    >>> import numpy as np
    >>> src, dst = np.array([0, 1, 2, 3]), np.array([1, 2, 1, 4])
    >>> cycles_among(np.array([1, 2, 3, 4]), src, dst)
    [[1, 2, 1]]
    """
    import networkx as nx

    inside = np.zeros(int(max(src.max(initial=0), dst.max(initial=0))) + 1, dtype=bool)
    inside[stuck] = True
    keep = inside[src] & inside[dst]
    g: nx.DiGraph[int] = nx.DiGraph()
    g.add_edges_from(zip(src[keep].tolist(), dst[keep].tolist(), strict=True))
    cycles = []
    for component in nx.strongly_connected_components(g):
        start = min(component)
        if len(component) == 1:
            if g.has_edge(start, start):  # an item linked to itself
                cycles.append([start, start])
            continue
        edges = nx.find_cycle(g.subgraph(component), source=start)
        cycle = [int(u) for u, _ in edges]
        cycles.append([*cycle, cycle[0]])
    cycles.sort()
    return cycles


def dependency_cycles(programme: Programme) -> list[list[str]]:
    """Every tangle of links that loops back on itself, as a list of ids with the first repeated.

    For the rules engine: returns an empty list when the links are acyclic
    (other scheduling problems, such as unknown ids, are ignored here).

    >>> from progman import Programme, Project, Task
    >>> looped = Programme(id="p", name="P", start="2013-01-07", projects=[
    ...     Project(id="x", name="X", tasks=[
    ...         Task(id="a", name="A", duration=1, depends_on=["c"]),
    ...         Task(id="b", name="B", duration=1, depends_on=["a"]),
    ...         Task(id="c", name="C", duration=1, depends_on=["b"])])])
    >>> dependency_cycles(looped)
    [['a', 'b', 'c', 'a']]
    """
    from .errors import ScheduleError
    from .plan import compile_plan

    try:
        compile_plan(programme)
    except ScheduleError as error:
        return [list(f.data["cycle"]) for f in error.findings if f.code == "SCHED-CYCLE"]
    return []
