"""The benefits map: arrows drawn from ids, traversal, loops and loose ends (MSP 5th
edition, benefits dependency network: enablers -> capabilities -> outcomes -> benefits
-> objectives)."""

from __future__ import annotations

import pytest

import progman as pm
from progman.control.benefits_map import benefits_map


def public_access() -> pm.Programme:
    """Milton Keynes's Public Access strand (seed 004, 2.2) as a map."""
    return pm.Programme.model_validate(
        {
            "id": "otp",
            "name": "OTP",
            "projects": [
                {"id": "portal", "name": "Customer Contact Portal"},
                {"id": "dbc", "name": "Detailed business cases"},
                {"id": "ict", "name": "ICT upgrade"},
            ],
            "capabilities": [
                {"id": "cap-portal", "name": "Portal in use", "enabled_by": ["portal"]},
                {"id": "cap-redesign", "name": "Redesigned services", "enabled_by": ["dbc"]},
            ],
            "outcomes": [
                {
                    "id": "out-contact",
                    "name": "Fewer follow-up calls",
                    "capabilities": ["cap-portal", "cap-redesign"],
                    "leads_to": ["out-first"],
                },
                {"id": "out-first", "name": "Resolved at first contact"},
            ],
            "objectives": [
                {"id": "obj-mtfp", "name": "OTP-related savings in the MTFP"},
                {"id": "obj-first", "name": "Resolve enquiries at first point of contact"},
            ],
            "benefits": [
                {
                    "id": "b-contact",
                    "name": "Less avoidable contact",
                    "outcomes": ["out-first"],
                    "objectives": ["obj-first"],
                    "components": ["b-calls"],
                },
                {"id": "b-calls", "name": "Fewer calls handled", "enabled_by": ["portal"]},
                {
                    "id": "b-mtfp",
                    "name": "Savings",
                    "objectives": ["OTP-related savings in the MTFP"],
                },
            ],
        }
    )


def test_the_arrows_come_from_the_ids_left_to_right() -> None:
    edges = {(e.source, e.relation, e.target) for e in benefits_map(public_access()).edges}
    assert edges == {
        ("portal", "enables", "cap-portal"),
        ("dbc", "enables", "cap-redesign"),
        ("cap-portal", "brings about", "out-contact"),
        ("cap-redesign", "brings about", "out-contact"),
        ("out-contact", "leads to", "out-first"),
        ("out-first", "realises", "b-contact"),
        ("portal", "enables", "b-calls"),
        ("b-calls", "is part of", "b-contact"),
        ("b-contact", "serves", "obj-first"),  # by id
        ("b-mtfp", "serves", "obj-mtfp"),  # by name
    }


def test_traversal_reaches_objectives_through_outcomes_and_headlines() -> None:
    bmap = benefits_map(public_access())
    # dbc -> cap-redesign -> out-contact -> out-first -> b-contact -> obj-first
    assert bmap.reach("dbc", "objective") == {"obj-first"}
    # b-calls has no objective of its own: it serves through its headline b-contact.
    assert bmap.reach("b-calls", "objective") == {"obj-first"}
    assert bmap.reach("ict", "outcome", "benefit") == set()
    assert bmap.cycle() is None


def test_a_loop_is_spelled_out() -> None:
    programme = public_access()
    programme.outcomes[1].leads_to = ["out-contact"]
    loop = benefits_map(programme).cycle()
    assert loop in (
        ["out-contact", "out-first", "out-contact"],
        ["out-first", "out-contact", "out-first"],
    )


def test_the_rules_name_orphans_and_projects_that_contribute_nothing() -> None:
    programme = public_access()
    programme.capabilities.append(pm.Capability(id="cap-idle", name="Unused"))
    report = pm.validate(
        programme, rules=["PG-MAP-ORPHAN", "PG-MAP-PROJECT", "PG-MAP-OBJECTIVE", "PG-MAP-CYCLE"]
    )
    assert sorted((f.code, f.subject, f.path) for f in report) == [
        ("PG-MAP-ORPHAN", "cap-idle", "capabilities[2]"),
        ("PG-MAP-PROJECT", "ict", "projects[2]"),
    ]
    (orphan,) = [f for f in report if f.code == "PG-MAP-ORPHAN"]
    assert orphan.data["missing"] == ["no project enables it", "it leads to no benefit"]
    programme.projects[2].enabler = "the network the portal runs on"
    assert [f.subject for f in pm.validate(programme, rules=["PG-MAP-PROJECT"])] == []


def test_free_text_objectives_are_their_own_nodes() -> None:
    programme = public_access()
    programme.objectives = []
    bmap = benefits_map(programme)
    assert bmap.nodes["OTP-related savings in the MTFP"] == (
        "objective",
        "OTP-related savings in the MTFP",
    )
    assert "obj-first" in bmap.nodes  # a free-text objective that happens to be an id


def test_a_notebook_gets_a_graph_and_a_dataframe_of_edges() -> None:
    pytest.importorskip("pandas")
    bmap = benefits_map(public_access())
    assert bmap.graph.nodes["out-first"]["kind"] == "outcome"
    assert bmap.graph.edges["portal", "cap-portal"]["relation"] == "enables"
    frame = bmap.to_dataframe()
    assert list(frame.columns) == ["source", "source_kind", "relation", "target", "target_kind"]
    assert len(frame) == 10
    assert (frame["target_kind"] == "objective").sum() == 2


def test_predecessors_and_degree_count_each_neighbour_once_as_networkx_does() -> None:
    # Public Access by hand: "out-first" is reached from "out-contact" (leads_to) and
    # realises "b-contact"; "b-contact" is fed by "out-first" (realises) and "b-calls" (a
    # component), and serves "obj-first". A second arrow between the same two nodes (here
    # "b-calls" also listed as enabled by "portal" twice) is one neighbour, as in a DiGraph.
    programme = public_access()
    programme.benefits[1].enabled_by = ["portal", "portal"]
    bmap = benefits_map(programme)
    assert bmap.predecessors("out-first") == ["out-contact"]
    assert bmap.predecessors("b-contact") == ["out-first", "b-calls"]
    assert bmap.predecessors("b-calls") == ["portal"]
    assert bmap.degree("out-first") == 2
    assert bmap.degree("b-contact") == 3
    assert bmap.degree("b-calls") == 2  # from portal (once), to b-contact
    assert bmap.degree("obj-mtfp") == 1
    assert bmap.predecessors("unknown") == []
    assert bmap.degree("unknown") == 0
    nx = pytest.importorskip("networkx")
    graph = bmap.graph
    assert isinstance(graph, nx.DiGraph)
    for node in bmap.nodes:
        assert bmap.predecessors(node) == list(graph.predecessors(node)), node
        assert bmap.degree(node) == graph.degree(node), node


def test_an_arrow_to_itself_counts_twice_in_the_degree() -> None:
    programme = public_access()
    programme.outcomes[1].leads_to = ["out-first"]
    bmap = benefits_map(programme)
    assert bmap.predecessors("out-first") == ["out-contact", "out-first"]
    assert bmap.degree("out-first") == 4  # in from out-contact and itself, out to b-contact
    assert bmap.degree("out-first") == bmap.graph.degree("out-first")
